'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import { validatedAction } from '@/lib/server/validated-action';
import { cancelLinkSchema, staffPaymentLinkSchema } from './schemas';
import { cancelStaffPaymentLink, createStaffPaymentLink } from './staff-links';

/**
 * Server actions for payment links in the back office. Each checks the session and the role
 * itself (requireStaff reads the staff user back from the database), whatever proxy.ts let through.
 */

export const createPaymentLinkAction = validatedAction({
  name: 'staff.create-payment-link',
  schema: staffPaymentLinkSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'create payment links'),
  run: async (input, { ctx, actor }) => createStaffPaymentLink(ctx, input, actor),
});

export const cancelPaymentLinkAction = validatedAction({
  name: 'staff.cancel-payment-link',
  schema: cancelLinkSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'cancel payment links'),
  run: async (input, { ctx, actor }) => cancelStaffPaymentLink(ctx, input.linkId, actor),
});
