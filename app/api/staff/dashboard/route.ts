import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { dashboard } from '@/lib/payments/back-office/dashboard';
import { assertSafeRequest } from '@/lib/server/validated-action';

export const GET = staffRoute('staff.dashboard', 'frontdesk', async (request, { ctx, actor }) => {
  assertSafeRequest(request);
  // The e-mails needing attention are a manager's to act on: front desk staff get null.
  return jsonResponse(await dashboard(ctx, actor));
});
