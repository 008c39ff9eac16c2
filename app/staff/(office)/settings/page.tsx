import type { Metadata } from 'next';
import { ManagersOnly } from '@/components/staff/managers-only';
import { PaymentSettingsView } from '@/components/staff/payment-settings-view';
import { staffPage } from '@/lib/auth/staff-page';
import { paymentMethodSettingsOverview } from '@/lib/payments/installation/alternative-methods';

export const metadata: Metadata = { title: 'Payment methods' };

export default async function PaymentSettingsPage() {
  const { ctx, allowed } = await staffPage('/staff/settings', 'manager', 'change payment methods');
  if (!allowed) return <ManagersOnly what="change payment methods" />;
  return <PaymentSettingsView overview={await paymentMethodSettingsOverview(ctx)} />;
}
