import type { Metadata } from 'next';
import { PaymentsView } from '@/components/staff/payments-view';
import { staffPage } from '@/lib/auth/staff-page';
import { listPayments } from '@/lib/payments/back-office/payments';
import { paymentsFilterSchema } from '@/lib/payments/back-office/filters';
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
  return (
    <PaymentsView
      initial={await listPayments(ctx, filter)}
      initialFilters={initialFilters}
      staff={await staffDirectory(ctx)}
    />
  );
}
