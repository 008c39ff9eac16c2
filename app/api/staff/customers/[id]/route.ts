import { z } from 'zod';
import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { customerDetail } from '@/lib/payments/back-office/customers';
import { assertSafeRequest } from '@/lib/server/validated-action';

/** GET /api/staff/customers/:id: the customer with stored cards, payments and links (refreshed by the page). */
export const GET = staffRoute<{ id: string }>(
  'staff.customers.detail',
  'frontdesk',
  async (request, { ctx, params }) => {
    assertSafeRequest(request, params);
    if (!z.uuid().safeParse(params.id).success) {
      throw new PaymentError('customer_not_found', 'Mews has no customer with that id');
    }
    return jsonResponse(await customerDetail(ctx, params.id));
  },
);
