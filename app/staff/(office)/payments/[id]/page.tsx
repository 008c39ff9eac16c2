import type { Metadata } from 'next';
import Link from 'next/link';
import { PaymentDetailView } from '@/components/staff/payment-detail-view';
import { staffPage } from '@/lib/auth/staff-page';
import { PaymentError } from '@/lib/server/errors';
import { paymentDetail } from '@/lib/payments/back-office/payments';

export const metadata: Metadata = { title: 'Payment' };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, actor } = await staffPage(`/staff/payments/${id}`);
  let detail;
  try {
    detail = await paymentDetail(ctx, id);
  } catch (error) {
    if (!(error instanceof PaymentError && error.code === 'not_found')) throw error;
  }
  if (!detail) {
    return (
      <>
        <h1>Payment not found</h1>
        <p>
          <Link href="/staff/payments">Back to payments</Link>
        </p>
      </>
    );
  }
  return <PaymentDetailView initial={detail} isManager={actor.role === 'manager'} />;
}
