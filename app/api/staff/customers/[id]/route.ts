import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { customerDetail } from '@/lib/payments/payments-overview';

/** GET /api/staff/customers/:id: the customer with stored cards, payments and links (refreshed by the page). */
export const GET = staffRoute<{ id: string }>(
  'staff.customers.detail',
  'frontdesk',
  async (_request, { ctx, params }) => jsonResponse(await customerDetail(ctx, params.id)),
);
