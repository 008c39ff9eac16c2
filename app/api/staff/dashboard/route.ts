import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { dashboard } from '@/lib/payments/back-office/dashboard';
import { assertSafeRequest } from '@/lib/server/validated-action';

export const GET = staffRoute('staff.dashboard', 'frontdesk', async (request, { ctx }) => {
  assertSafeRequest(request);
  return jsonResponse(await dashboard(ctx));
});
