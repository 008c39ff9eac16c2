import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { dashboard } from '@/lib/payments/payments-overview';

export const GET = staffRoute('staff.dashboard', 'frontdesk', async (_request, { ctx }) =>
  jsonResponse(await dashboard(ctx)),
);
