import { csvResponse, jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { listPayments } from '@/lib/payments/back-office/payments';
import { paymentsCsv } from '@/lib/payments/back-office/csv';
import { paymentsFilterSchema } from '@/lib/payments/back-office/filters';
import { assertSafeRequest, firstIssueMessage } from '@/lib/server/validated-action';

/**
 * GET /api/staff/payments?q=&state=&method=&from=&to=&staffId=&customerId=&reservationId=[&format=csv]
 * (`q`: guest name or e-mail, reservation number, link description, staff member, or an id).
 */
export const GET = staffRoute('staff.payments.list', 'frontdesk', async (request, { ctx }) => {
  assertSafeRequest(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = paymentsFilterSchema.safeParse(params);
  if (!filter.success)
    throw new PaymentError('invalid_input', firstIssueMessage(filter.error, 'Invalid filter'));
  if (params.format === 'csv') {
    const rows = await listPayments(ctx, filter.data, 10_000);
    return csvResponse(paymentsCsv(rows), `payments-${ctx.now().toISOString().slice(0, 10)}.csv`);
  }
  return jsonResponse(await listPayments(ctx, filter.data));
});
