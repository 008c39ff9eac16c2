'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import { validatedAction } from '@/lib/server/validated-action';
import {
  cancelLinkSchema,
  showLinkSchema,
  staffPaymentLinkSchema,
  undoCancelLinkSchema,
} from './schemas';
import {
  cancelStaffPaymentLink,
  createStaffPaymentLink,
  showStaffPaymentLink,
  undoCancelStaffPaymentLink,
} from './staff-links';

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

export const undoCancelPaymentLinkAction = validatedAction({
  name: 'staff.undo-cancel-payment-link',
  schema: undoCancelLinkSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'undo canceling payment links'),
  run: async (input, { ctx, actor }) => undoCancelStaffPaymentLink(ctx, input.linkId, actor),
});

export const showPaymentLinkAction = validatedAction({
  name: 'staff.show-payment-link',
  schema: showLinkSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'show payment links'),
  run: async (input, { ctx, actor }) => showStaffPaymentLink(ctx, input, actor),
});
