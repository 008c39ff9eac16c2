import type { Metadata } from 'next';
import { PaymentsView } from '@/components/staff/payments-view';
import { staffPage } from '@/lib/auth/staff-page';
import { listPayments } from '@/lib/payments/back-office/payments';
import { staffDirectory } from '@/lib/payments/back-office/staff-directory';

export const metadata: Metadata = { title: 'Payments' };

export default async function PaymentsPage() {
  const { ctx } = await staffPage('/staff/payments');
  return <PaymentsView initial={await listPayments(ctx, {})} staff={await staffDirectory(ctx)} />;
}
