import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/payments/errors';
import { searchCustomers } from '@/lib/payments/payments-overview';
import { customerSearchSchema } from '@/lib/payments/staff-schemas';

/** GET /api/staff/customers?query=smith (last name, "first last", or exact email). */
export const GET = staffRoute('staff.customers.search', 'frontdesk', async (request, { ctx }) => {
  const parsed = customerSearchSchema.safeParse({
    query: new URL(request.url).searchParams.get('query') ?? '',
  });
  if (!parsed.success)
    throw new PaymentError('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid search');
  return jsonResponse(await searchCustomers(ctx, parsed.data.query));
});
