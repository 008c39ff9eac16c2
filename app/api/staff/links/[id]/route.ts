import { z } from 'zod';
import { jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { linkEmailDefaults } from '@/lib/payments/back-office/links';
import { assertSafeRequest } from '@/lib/server/validated-action';

/**
 * GET /api/staff/links/:id: what "Send to guest" starts with (the link's address, else the Mews
 * customer's; the guest's language) and whether e-mail is set up at all.
 */
export const GET = staffRoute<{ id: string }>(
  'staff.links.email-defaults',
  'frontdesk',
  async (request, { ctx, params }) => {
    assertSafeRequest(request, params);
    if (!z.uuid().safeParse(params.id).success) {
      throw new PaymentError('not_found', 'No such payment link');
    }
    return jsonResponse(await linkEmailDefaults(ctx, params.id));
  },
);
