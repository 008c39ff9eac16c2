import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { searchFrontDesk } from '@/lib/payments/back-office/customers';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import { assertSafeRequest, firstIssueMessage } from '@/lib/server/validated-action';

/**
 * GET /api/staff/reservations?query=SBX-1001: the front desk's search box (reservation number,
 * guest name or e-mail) as customers with the reservation found or their next one; the
 * reservation picker and the customer search use it.
 */
export const GET = staffRoute(
  'staff.reservations.search',
  'frontdesk',
  async (request, { ctx }) => {
    assertSafeRequest(request);
    const parsed = customerSearchSchema.safeParse({
      query: new URL(request.url).searchParams.get('query') ?? '',
    });
    if (!parsed.success)
      throw new PaymentError('invalid_input', firstIssueMessage(parsed.error, 'Invalid search'));
    return jsonResponse(await searchFrontDesk(ctx, parsed.data.query));
  },
);
