import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { paymentDetail } from '@/lib/payments/payments-overview';

/** GET /api/staff/payments/:id: the ledger row with Mews' state read back now. */
export const GET = staffRoute<{ id: string }>(
  'staff.payments.detail',
  'frontdesk',
  async (_request, { ctx, params }) => jsonResponse(await paymentDetail(ctx, params.id)),
);
