import type { Metadata } from 'next';
import { PaymentSettingsView } from '@/components/staff/payment-settings-view';
import { managerPage } from '@/lib/auth/staff-page';
import { guestRouteOverview } from '@/lib/payments/back-office/guest-route';
import { paymentMethodSettingsOverview } from '@/lib/payments/installation/alternative-methods';

export const metadata: Metadata = { title: 'Payment methods' };

export default async function PaymentSettingsPage() {
  const { ctx } = await managerPage('/staff/settings', 'change payment methods');
  const [overview, guestRoute] = await Promise.all([
    paymentMethodSettingsOverview(ctx),
    guestRouteOverview(ctx),
  ]);
  return <PaymentSettingsView overview={overview} guestRoute={guestRoute} />;
}
