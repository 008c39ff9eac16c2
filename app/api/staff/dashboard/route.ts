import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { dashboard } from '@/lib/payments/payments-overview';
import { assertSafeRequest } from '@/lib/payments/validated-action';

export const GET = staffRoute('staff.dashboard', 'frontdesk', async (request, { ctx }) => {
  assertSafeRequest(request);
  return jsonResponse(await dashboard(ctx));
});
