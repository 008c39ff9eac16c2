import type { Metadata } from 'next';
import { CustomerView } from '@/components/staff/customer-view';
import { staffPage } from '@/lib/auth/staff-page';
import { chargeManagerThresholdMinor, getConfig } from '@/lib/config';
import { PaymentError } from '@/lib/server/errors';
import { customerDetail } from '@/lib/payments/back-office/customers';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ reservation?: string | string[] }>;
}) {
  const { id } = await params;
  const { reservation } = await searchParams;
  const { ctx, actor } = await staffPage(`/staff/customers/${id}`);
  let detail;
  try {
    detail = await customerDetail(ctx, id);
  } catch (error) {
    if (error instanceof PaymentError && error.userVisible) {
      return (
        <>
          <h1>Customer</h1>
          <p role="alert">{error.message}</p>
        </>
      );
    }
    throw error;
  }
  const config = getConfig();
  return (
    <CustomerView
      initial={detail}
      secureFieldsScriptUrl={config.secureFieldsScriptUrl}
      thresholdMinor={chargeManagerThresholdMinor(
        config.staff.chargeManagerThreshold,
        detail.defaultCurrency ?? detail.currencies[0] ?? 'EUR',
      )}
      isManager={actor.role === 'manager'}
      // Only one of the customer's reservations can be preselected; anything else is ignored.
      selectedReservationId={
        detail.reservations.find((candidate) => candidate.id === reservation)?.id ?? null
      }
    />
  );
}
