import 'server-only';
import type { z } from 'zod';
import { parseExpiry } from '@/lib/card-capture/card-details';
import { EXPIRY_MESSAGE } from './expiry';
import { chargeManagerThresholdMinor, getConfig } from '@/lib/config';
import { audit } from '@/lib/server/audit';
import { chargeNewCard, chargeStoredCard } from '@/lib/payments/cards/card-charge';
import type { PaymentContext } from '@/lib/server/context';
import { assertPaymentCapability } from '@/lib/payments/installation/operation-permissions';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import {
  auditOutcome,
  assertCustomerExists,
  staffMoney,
  staffPaymentResult,
  type StaffPaymentResult,
} from './common';
import { formatAmount } from '@/lib/money';
import type { PaymentAttempt } from '@/lib/db/schema';
import { auditApprovedCharge, verifyManagerApproval } from './manager-approval';
import type { managerApprovalSchema, newCardChargeSchema, storedCardChargeSchema } from './schemas';
import type { StaffActor } from '@/lib/auth/require-staff';

/**
 * Staff card charges at the desk: a card Mews stores for the customer, or a new card typed into
 * Secure Fields. Both go through the guest checkout's exactly-once ledger flows (card-charge.ts);
 * this adds what only staff need: the manager threshold, the card check and the audit of who.
 */

type StoredCardCharge = z.output<typeof storedCardChargeSchema>;
type NewCardCharge = z.output<typeof newCardChargeSchema>;

/** A manager's approval typed on the clerk's screen, with where the clerk's desk is. */
export interface ApprovalRequest {
  approval: z.output<typeof managerApprovalSchema> | undefined;
  clientAddress: string | null;
  /** How a throttled password check waits (tests record it instead of waiting). */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Charges above the configured threshold of their currency (STAFF_CHARGE_MANAGER_THRESHOLD, in
 * major units: EUR 1,000 and JPY 150,000 are each their own limit) need a manager: one taking it,
 * or one approving it on the clerk's screen (manager-approval.ts). Without an approval the charge
 * is refused (and audited) before any write, with one error on the amount that the form turns into
 * the "Manager approval" fields. Returns the approving manager, or null when none was needed.
 * `thresholdMinor` overrides the limit for every currency (tests).
 */
export async function assertChargeAllowed(
  ctx: PaymentContext,
  actor: StaffActor,
  amountMinor: number,
  currency: string,
  thresholdMinor = chargeManagerThresholdMinor(getConfig().staff.chargeManagerThreshold, currency),
  approval?: ApprovalRequest,
): Promise<StaffActor | null> {
  if (amountMinor <= thresholdMinor || actor.role === 'manager') return null;
  if (approval?.approval) {
    return verifyManagerApproval(
      ctx,
      actor,
      approval.approval,
      { amountMinor, currency },
      approval.clientAddress,
      { sleep: approval.sleep },
    );
  }
  await audit(ctx, actor, {
    action: 'payment.charge.denied',
    outcome: 'denied',
    amountMinor,
    currency,
    details: { reason: 'manager_threshold', thresholdMinor },
  });
  const message = `Charges above ${formatAmount(thresholdMinor, currency)} need a manager. A manager can approve this charge here with their e-mail and password.`;
  throw new PaymentError('forbidden', message, { fieldErrors: { amount: [message] } });
}

/** Runs an approved charge and audits the approval with both names once the attempt exists. */
async function withApproval(
  ctx: PaymentContext,
  clerk: StaffActor,
  approver: StaffActor | null,
  charge: { amountMinor: number; currency: string },
  clientAddress: string | null,
  run: () => Promise<{ attempt: PaymentAttempt; replayed: boolean }>,
): Promise<{ attempt: PaymentAttempt; replayed: boolean }> {
  if (!approver) return run();
  let outcome;
  try {
    outcome = await run();
  } catch (error) {
    await auditApprovedCharge(ctx, clerk, approver, null, charge, clientAddress);
    throw error;
  }
  if (!outcome.replayed) {
    await auditApprovedCharge(ctx, clerk, approver, outcome.attempt.id, charge, clientAddress);
  }
  return outcome;
}

export async function staffChargeStoredCard(
  ctx: PaymentContext,
  input: StoredCardCharge,
  actor: StaffActor,
  clientAddress: string | null,
  thresholdMinor?: number,
  options: Pick<ApprovalRequest, 'sleep'> = {},
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'storedCard');
  const amount = await staffMoney(ctx, input.amount, input.currency);
  const approver = await assertChargeAllowed(
    ctx,
    actor,
    amount.amountMinor,
    amount.currency,
    thresholdMinor,
    { approval: input.approval, clientAddress, sleep: options.sleep },
  );
  let cards;
  try {
    cards = await ctx.mews.listCreditCards(input.customerId);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not list the customer’s cards');
  }
  const card = cards.find((candidate) => candidate.id === input.creditCardId);
  if (!card) throw new PaymentError('not_found', 'This card is not stored for this customer');
  if (!card.chargeable) {
    throw new PaymentError(
      'card_payment_unavailable',
      'This card cannot be charged from here: only active cards stored through the payment gateway can (terminal cards cannot).',
    );
  }
  const { attempt, replayed } = await withApproval(
    ctx,
    actor,
    approver,
    amount,
    clientAddress,
    () =>
      chargeStoredCard(ctx, {
        idempotencyKey: input.idempotencyKey,
        customerId: input.customerId,
        reservationId: input.reservationId ?? null,
        amount,
        paymentLinkId: null,
        actor,
        approvedByStaffId: approver?.staffId ?? null,
        clientAddress,
        notes: input.notes,
        creditCardId: card.id,
      }),
  );
  if (
    !replayed &&
    (attempt.state === 'pending' || attempt.state === 'verifying' || attempt.state === 'unknown')
  ) {
    await auditOutcome(ctx, actor, attempt, { creditCardId: card.id });
  }
  return staffPaymentResult(attempt, replayed);
}

export async function staffChargeNewCard(
  ctx: PaymentContext,
  input: NewCardCharge,
  actor: StaffActor,
  clientAddress: string | null,
  thresholdMinor?: number,
  options: Pick<ApprovalRequest, 'sleep'> = {},
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'newCard');
  const expiration = parseExpiry(input.expiry);
  if (!expiration)
    throw new PaymentError('invalid_input', EXPIRY_MESSAGE, {
      fieldErrors: { expiry: [EXPIRY_MESSAGE] },
    });
  const amount = await staffMoney(ctx, input.amount, input.currency);
  const approver = await assertChargeAllowed(
    ctx,
    actor,
    amount.amountMinor,
    amount.currency,
    thresholdMinor,
    { approval: input.approval, clientAddress, sleep: options.sleep },
  );
  await assertCustomerExists(ctx, input.customerId);
  const { attempt, replayed } = await withApproval(
    ctx,
    actor,
    approver,
    amount,
    clientAddress,
    () =>
      chargeNewCard(ctx, {
        idempotencyKey: input.idempotencyKey,
        customerId: input.customerId,
        reservationId: input.reservationId ?? null,
        amount,
        paymentLinkId: null,
        actor,
        approvedByStaffId: approver?.staffId ?? null,
        clientAddress,
        notes: input.notes,
        card: input.card,
        expiration,
      }),
  );
  if (
    !replayed &&
    (attempt.state === 'pending' || attempt.state === 'verifying' || attempt.state === 'unknown')
  ) {
    await auditOutcome(ctx, actor, attempt);
  }
  return staffPaymentResult(attempt, replayed);
}
