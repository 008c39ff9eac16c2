import { z } from 'zod';
import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { paymentDetail } from '@/lib/payments/back-office/payments';
import { assertSafeRequest } from '@/lib/server/validated-action';

/** GET /api/staff/payments/:id: the ledger row with Mews' state read back now. */
export const GET = staffRoute<{ id: string }>(
  'staff.payments.detail',
  'frontdesk',
  async (request, { ctx, params }) => {
    assertSafeRequest(request, params);
    // Ledger ids are UUIDs; anything else cannot be a payment (and must not reach a uuid column).
    if (!z.uuid().safeParse(params.id).success)
      throw new PaymentError('not_found', 'No such payment');
    return jsonResponse(await paymentDetail(ctx, params.id));
  },
);
