import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { paymentCapabilities } from '@/lib/payments/installation/operation-permissions';
import { assertSafeRequest } from '@/lib/server/validated-action';

/** Which payment methods the Mews connection allows, with the reason for each one it does not. */
export const GET = staffRoute(
  'staff.payment-capabilities',
  'frontdesk',
  async (request, { ctx }) => {
    assertSafeRequest(request);
    return jsonResponse(await paymentCapabilities(ctx));
  },
);
