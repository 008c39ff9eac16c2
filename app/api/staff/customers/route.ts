import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { searchCustomers } from '@/lib/payments/back-office/customers';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import { assertSafeRequest, firstIssueMessage } from '@/lib/server/validated-action';

/** GET /api/staff/customers?query=smith (last name, "first last", or exact email). */
export const GET = staffRoute('staff.customers.search', 'frontdesk', async (request, { ctx }) => {
  assertSafeRequest(request);
  const parsed = customerSearchSchema.safeParse({
    query: new URL(request.url).searchParams.get('query') ?? '',
  });
  if (!parsed.success)
    throw new PaymentError('invalid_input', firstIssueMessage(parsed.error, 'Invalid search'));
  return jsonResponse(await searchCustomers(ctx, parsed.data.query));
});
