import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { listLinks } from '@/lib/payments/back-office/links';
import { assertSafeRequest } from '@/lib/server/validated-action';
import { linkListQuerySchema } from '@/lib/payments/links/schemas';

/**
 * GET /api/staff/links[?customerId=&q=&status=]: payment links with their current status; `q`
 * finds a guest name, reservation number, description or e-mail in part.
 */
export const GET = staffRoute('staff.links.list', 'frontdesk', async (request, { ctx }) => {
  assertSafeRequest(request);
  const parsed = linkListQuerySchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!parsed.success) {
    throw new PaymentError('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid filter');
  }
  return jsonResponse(await listLinks(ctx, parsed.data));
});
