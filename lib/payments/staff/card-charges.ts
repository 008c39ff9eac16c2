import 'server-only';
import type { z } from 'zod';
import { parseExpiry } from '@/lib/card-capture/card-details';
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
import type { newCardChargeSchema, storedCardChargeSchema } from './schemas';
import type { StaffActor } from '@/lib/auth/require-staff';

/**
 * Staff card charges at the desk: a card Mews stores for the customer, or a new card typed into
 * Secure Fields. Both go through the guest checkout's exactly-once ledger flows (card-charge.ts);
 * this adds what only staff need: the manager threshold, the card check and the audit of who.
 */

type StoredCardCharge = z.output<typeof storedCardChargeSchema>;
type NewCardCharge = z.output<typeof newCardChargeSchema>;

/**
 * Charges above the configured threshold of their currency (STAFF_CHARGE_MANAGER_THRESHOLD, in
 * major units: EUR 1,000 and JPY 150,000 are each their own limit) need a manager; refused (and
 * audited) before any write. `thresholdMinor` overrides it for every currency (tests).
 */
export async function assertChargeAllowed(
  ctx: PaymentContext,
  actor: StaffActor,
  amountMinor: number,
  currency: string,
  thresholdMinor = chargeManagerThresholdMinor(getConfig().staff.chargeManagerThreshold, currency),
): Promise<void> {
  if (amountMinor <= thresholdMinor || actor.role === 'manager') return;
  await audit(ctx, actor, {
    action: 'payment.charge.denied',
    outcome: 'denied',
    amountMinor,
    currency,
    details: { reason: 'manager_threshold', thresholdMinor },
  });
  throw new PaymentError(
    'forbidden',
    `Charges above ${formatAmount(thresholdMinor, currency)} need a manager. Ask a manager to sign in and take this payment.`,
    { fieldErrors: { amount: ['Above the front-desk limit: a manager must take this payment'] } },
  );
}

export async function staffChargeStoredCard(
  ctx: PaymentContext,
  input: StoredCardCharge,
  actor: StaffActor,
  clientAddress: string | null,
  thresholdMinor?: number,
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'storedCard');
  const amount = await staffMoney(ctx, input.amount, input.currency);
  await assertChargeAllowed(ctx, actor, amount.amountMinor, amount.currency, thresholdMinor);
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
  const { attempt, replayed } = await chargeStoredCard(ctx, {
    idempotencyKey: input.idempotencyKey,
    customerId: input.customerId,
    reservationId: input.reservationId ?? null,
    amount,
    paymentLinkId: null,
    actor,
    clientAddress,
    notes: input.notes,
    creditCardId: card.id,
  });
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
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'newCard');
  const expiration = parseExpiry(input.expiry);
  if (!expiration)
    throw new PaymentError('invalid_input', 'Enter the expiry as MM/YY', {
      fieldErrors: { expiry: ['Enter the expiry as MM/YY'] },
    });
  const amount = await staffMoney(ctx, input.amount, input.currency);
  await assertChargeAllowed(ctx, actor, amount.amountMinor, amount.currency, thresholdMinor);
  await assertCustomerExists(ctx, input.customerId);
  const { attempt, replayed } = await chargeNewCard(ctx, {
    idempotencyKey: input.idempotencyKey,
    customerId: input.customerId,
    reservationId: input.reservationId ?? null,
    amount,
    paymentLinkId: null,
    actor,
    clientAddress,
    notes: input.notes,
    card: input.card,
    expiration,
  });
  if (
    !replayed &&
    (attempt.state === 'pending' || attempt.state === 'verifying' || attempt.state === 'unknown')
  ) {
    await auditOutcome(ctx, actor, attempt);
  }
  return staffPaymentResult(attempt, replayed);
}
