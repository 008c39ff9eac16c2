import type { Metadata } from 'next';
import { PaymentSettingsView } from '@/components/staff/payment-settings-view';
import { managerPage } from '@/lib/auth/staff-page';
import { paymentMethodSettingsOverview } from '@/lib/payments/installation/alternative-methods';

export const metadata: Metadata = { title: 'Payment methods' };

export default async function PaymentSettingsPage() {
  const { ctx } = await managerPage('/staff/settings', 'change payment methods');
  return <PaymentSettingsView overview={await paymentMethodSettingsOverview(ctx)} />;
}
