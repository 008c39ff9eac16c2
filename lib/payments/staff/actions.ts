'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import {
  createStaffAccount,
  staffAccountInputSchema,
  staffAccountUpdateSchema,
  updateStaffAccount,
} from '@/lib/auth/staff-accounts';
import { clientAddressFromHeaders } from '@/lib/server/client-address';
import { recordExternalPayment } from './external-payment';
import { refundPayment } from './refund';
import { staffChargeNewCard, staffChargeStoredCard } from './card-charges';
import { cancelStaffPaymentLink, createStaffPaymentLink } from '@/lib/payments/links/staff-links';
import {
  cancelLinkSchema,
  externalPaymentSchema,
  newCardChargeSchema,
  refundSchema,
  staffPaymentLinkSchema,
  storedCardChargeSchema,
  terminalCardPaymentSchema,
} from './schemas';
import { recordTerminalCardPayment } from './terminal-card-payment';
import { validatedAction } from '@/lib/server/validated-action';
import { asStaffActor } from '@/lib/auth/require-staff';

/**
 * Server actions of the staff back office. Each one checks the session and the role itself
 * (requireStaff reads the staff user back from the database), whatever proxy.ts let through, and
 * parses its input with the same schema as its form.
 */

const frontDesk = (what: string) => (ctx: Parameters<typeof requireStaff>[0]) =>
  requireStaff(ctx, 'frontdesk', what);
const manager = (what: string) => (ctx: Parameters<typeof requireStaff>[0]) =>
  requireStaff(ctx, 'manager', what);

export const chargeStoredCardAction = validatedAction({
  name: 'staff.charge-stored-card',
  schema: storedCardChargeSchema,
  authorize: frontDesk('charge cards'),
  run: async (input, { ctx, actor }) =>
    staffChargeStoredCard(ctx, input, asStaffActor(actor), await clientAddressFromHeaders()),
});

export const chargeNewCardAction = validatedAction({
  name: 'staff.charge-new-card',
  schema: newCardChargeSchema,
  authorize: frontDesk('charge cards'),
  run: async (input, { ctx, actor }) =>
    staffChargeNewCard(ctx, input, asStaffActor(actor), await clientAddressFromHeaders()),
});

export const recordExternalPaymentAction = validatedAction({
  name: 'staff.record-external-payment',
  schema: externalPaymentSchema,
  authorize: frontDesk('record payments'),
  run: async (input, { ctx, actor }) =>
    recordExternalPayment(ctx, input, actor, await clientAddressFromHeaders()),
});

export const recordTerminalCardPaymentAction = validatedAction({
  name: 'staff.record-terminal-card-payment',
  schema: terminalCardPaymentSchema,
  authorize: frontDesk('record payments'),
  run: async (input, { ctx, actor }) =>
    recordTerminalCardPayment(ctx, input, actor, await clientAddressFromHeaders()),
});

export const createPaymentLinkAction = validatedAction({
  name: 'staff.create-payment-link',
  schema: staffPaymentLinkSchema,
  authorize: frontDesk('create payment links'),
  run: async (input, { ctx, actor }) => createStaffPaymentLink(ctx, input, actor),
});

export const cancelPaymentLinkAction = validatedAction({
  name: 'staff.cancel-payment-link',
  schema: cancelLinkSchema,
  authorize: frontDesk('cancel payment links'),
  run: async (input, { ctx, actor }) => cancelStaffPaymentLink(ctx, input.linkId, actor),
});

export const refundPaymentAction = validatedAction({
  name: 'staff.refund',
  schema: refundSchema,
  authorize: manager('refund payments'),
  run: async (input, { ctx, actor }) =>
    refundPayment(ctx, input, actor, await clientAddressFromHeaders()),
});

export const createStaffUserAction = validatedAction({
  name: 'staff.create-user',
  schema: staffAccountInputSchema,
  authorize: manager('manage staff'),
  run: async (input, { ctx, actor }) => createStaffAccount(ctx, input, actor),
});

export const updateStaffUserAction = validatedAction({
  name: 'staff.update-user',
  schema: staffAccountUpdateSchema,
  authorize: manager('manage staff'),
  run: async (input, { ctx, actor }) => updateStaffAccount(ctx, input, actor),
});
