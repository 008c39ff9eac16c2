import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { listLinks } from '@/lib/payments/payments-overview';

/** GET /api/staff/links[?customerId=]: payment links with their current status. */
export const GET = staffRoute('staff.links.list', 'frontdesk', async (request, { ctx }) => {
  const customerId = new URL(request.url).searchParams.get('customerId') ?? undefined;
  return jsonResponse(
    await listLinks(ctx, customerId && /^[0-9a-f-]{36}$/i.test(customerId) ? { customerId } : {}),
  );
});
