import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageLoading } from '@/components/staff/page-loading';
import { PaymentsView } from '@/components/staff/payments-view';
import type { PaymentContext } from '@/lib/server/context';
import { staffPage } from '@/lib/auth/staff-page';
import { listPayments } from '@/lib/payments/back-office/payments';
import { paymentsFilterSchema, type PaymentsFilter } from '@/lib/payments/back-office/filters';
import { staffDirectory } from '@/lib/payments/back-office/staff-directory';

export const metadata: Metadata = { title: 'Payments' };

const FILTER_KEYS = [
  'q',
  'state',
  'method',
  'from',
  'to',
  'staffId',
  'customerId',
  'reservationId',
] as const;

/**
 * The list opens filtered by its query string (the dashboard's "needs attention" links, a
 * bookmarked search); a query string that does not parse opens the unfiltered list.
 */
export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await staffPage('/staff/payments');
  const params = await searchParams;
  const given: Partial<Record<(typeof FILTER_KEYS)[number], string>> = {};
  for (const key of FILTER_KEYS) {
    const value = params[key];
    if (typeof value === 'string' && value !== '') given[key] = value;
  }
  const parsed = paymentsFilterSchema.safeParse(given);
  const filter = parsed.success ? parsed.data : {};
  const initialFilters = parsed.success ? given : {};
  // Signed in and allowed: the page starts streaming while the list is read (both reads at once).
  return (
    <Suspense fallback={<PageLoading title="Payments" what="payments" />}>
      <PaymentsList ctx={ctx} filter={filter} initialFilters={initialFilters} />
    </Suspense>
  );
}

async function PaymentsList({
  ctx,
  filter,
  initialFilters,
}: {
  ctx: PaymentContext;
  filter: PaymentsFilter;
  initialFilters: Partial<Record<(typeof FILTER_KEYS)[number], string>>;
}) {
  const [initial, staff] = await Promise.all([listPayments(ctx, filter), staffDirectory(ctx)]);
  return <PaymentsView initial={initial} initialFilters={initialFilters} staff={staff} />;
}
