'use server';

import { asStaffActor, requireStaff } from '@/lib/auth/require-staff';
import { clientAddressFromHeaders } from '@/lib/server/request';
import { recordExternalPayment } from './external-payment';
import { refundPayment } from './refund';
import { releaseAttempt, releaseAttemptSchema } from './release-attempt';
import { staffChargeNewCard, staffChargeStoredCard } from './card-charges';
import {
  externalPaymentSchema,
  newCardChargeSchema,
  refundSchema,
  storedCardChargeSchema,
  terminalCardPaymentSchema,
} from './schemas';
import { recordTerminalCardPayment } from './terminal-card-payment';
import { validatedAction } from '@/lib/server/validated-action';

/**
 * Server actions for the payments staff take at the desk. Each one checks the session and the role itself
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

/** A manager releases an attempt whose answer was lost, after a fresh read-back (audited). */
export const releaseAttemptAction = validatedAction({
  name: 'staff.release-attempt',
  schema: releaseAttemptSchema,
  authorize: manager('release payments'),
  run: async (input, { ctx, actor }) => releaseAttempt(ctx, input, actor),
});

export const refundPaymentAction = validatedAction({
  name: 'staff.refund',
  schema: refundSchema,
  authorize: manager('refund payments'),
  run: async (input, { ctx, actor }) =>
    refundPayment(ctx, input, actor, await clientAddressFromHeaders()),
});
