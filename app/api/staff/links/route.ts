import { z } from 'zod';
import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { listLinks } from '@/lib/payments/back-office/links';
import { assertSafeRequest } from '@/lib/server/validated-action';

/** GET /api/staff/links[?customerId=]: payment links with their current status. */
export const GET = staffRoute('staff.links.list', 'frontdesk', async (request, { ctx }) => {
  assertSafeRequest(request);
  const customerId = new URL(request.url).searchParams.get('customerId') || undefined;
  if (customerId !== undefined && !z.uuid().safeParse(customerId).success) {
    throw new PaymentError('invalid_input', 'customerId must be a Mews customer id');
  }
  return jsonResponse(await listLinks(ctx, customerId ? { customerId } : {}));
});
