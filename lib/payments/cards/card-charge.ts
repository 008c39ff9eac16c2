import 'server-only';
import type { TokenizedCard } from '@/lib/card-capture/card-details';
import type { NewPaymentAttempt } from '@/lib/db/payment-attempts';
import type { PaymentAttempt } from '@/lib/db/schema';
import type { Money } from '@/lib/money';
import {
  applyMewsPayment,
  failAttempt,
  openAttempt,
  recordMewsPaymentId,
  refreshAttemptIfPossible,
  settledLater,
} from '@/lib/payments/ledger/ledger';
import { refusalOf, sendOnce } from '@/lib/payments/ledger/send-once';
import { recheckPermissionsAfterUnauthorized } from '@/lib/payments/installation/operation-permissions';
import { checkAttemptOutcomeIfPossible } from '@/lib/payments/reconciliation/outcome-check';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';

/**
 * Card charges, exactly once. The ledger row is written before Mews is called and carries the
 * caller's idempotency key, so a double click, a reload or a replayed request finds the first
 * attempt instead of charging again. Mews has no idempotency key of its own: a charge whose answer
 * is lost is marked `unknown` and settled by reading Mews back, never sent again.
 */

export interface ChargeRequest {
  idempotencyKey: string;
  customerId: string;
  reservationId: string | null;
  /** Always decided by the server (the link's amount, the staff member's confirmed amount). */
  amount: Money;
  paymentLinkId: string | null;
  actor: AuditActor;
  /** The manager who approved a front-desk charge above the limit on the clerk's screen. */
  approvedByStaffId?: string | null;
  clientAddress: string | null;
  notes?: string;
}

export interface NewCardChargeRequest extends ChargeRequest {
  card: TokenizedCard;
  expiration: { year: number; month: number };
}

export interface StoredCardChargeRequest extends ChargeRequest {
  creditCardId: string;
}

/** The outcome of starting a charge: the attempt as it stands, and whether this call created it. */
export interface ChargeOutcome {
  attempt: PaymentAttempt;
  replayed: boolean;
}

function attemptRow(req: ChargeRequest, method: 'card' | 'stored_card'): NewPaymentAttempt {
  return {
    idempotencyKey: req.idempotencyKey,
    paymentLinkId: req.paymentLinkId,
    method,
    amountMinor: req.amount.amountMinor,
    currency: req.amount.currency,
    mewsCustomerId: req.customerId,
    mewsReservationId: req.reservationId,
    initiatedByStaffId: req.actor.type === 'staff' ? req.actor.staffId : null,
    approvedByStaffId: req.approvedByStaffId ?? null,
    clientAddress: req.clientAddress,
    notes: req.notes ?? null,
  };
}

/**
 * Sends the charge for an attempt in `processing` and reads the result back. Never throws for a
 * Mews failure: the attempt's state says what happened.
 */
async function sendCharge(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  creditCardId: string,
  req: ChargeRequest,
): Promise<PaymentAttempt> {
  const sent = await sendOnce(
    ctx,
    attempt,
    req.actor,
    () =>
      ctx.mews.chargeCreditCard({
        creditCardId,
        amount: req.amount,
        attemptId: attempt.id,
        reservationId: req.reservationId ?? undefined,
        notes: req.notes,
      }),
    { label: 'Charge', mewsIds: { creditCardId }, mewsCreditCardId: creditCardId },
  );
  // A lost answer is read back at once: a charge Mews made is found and the payer sees it.
  if (sent.kind === 'unknown') return checkAttemptOutcomeIfPossible(ctx, sent.attempt);
  if (sent.kind !== 'sent') return sent.attempt;
  const { paymentId } = sent.value;

  // The charge's state is read back before anything more is written, so the payment id goes into
  // the ledger with the final state in one statement. Should the read-back or that write fail, the
  // id is recorded on its own and the next look settles it (the reconciler also finds the payment
  // by the attempt marker Mews holds, should even that write be lost).
  try {
    const [payment] = await ctx.mews.getPayments({ paymentIds: [paymentId] });
    if (payment)
      return await applyMewsPayment(ctx, attempt, payment, req.actor, {
        mewsCreditCardId: creditCardId,
      });
    ctx.log.warn(
      { attemptId: attempt.id, paymentId },
      'Charge sent; Mews did not list the payment yet',
    );
  } catch (error) {
    ctx.log.warn(
      { err: error, attemptId: attempt.id, paymentId },
      'Charge sent; reading or recording its state failed',
    );
  }
  try {
    await recordMewsPaymentId(ctx, attempt, paymentId);
  } catch (error) {
    ctx.log.warn(
      { err: error, attemptId: attempt.id, paymentId },
      'Charge sent; its payment id could not be recorded',
    );
  }
  return settledLater(ctx, attempt, paymentId);
}

/**
 * Stores a card tokenized by Secure Fields with the customer in Mews, then charges it.
 * The transaction id is used once and thrown away; the card number never reaches us.
 */
export async function chargeNewCard(
  ctx: PaymentContext,
  req: NewCardChargeRequest,
): Promise<ChargeOutcome> {
  const { attempt, created } = await openAttempt(
    ctx,
    {
      ...attemptRow(req, 'card'),
      cardBrand: req.card.brand ?? null,
      cardMasked: req.card.maskedCard ?? null,
    },
    'processing',
  );
  if (!created) return { attempt: await refreshAttemptIfPossible(ctx, attempt), replayed: true };
  return { attempt: await storeCardAndCharge(ctx, attempt, req), replayed: false };
}

/**
 * The Mews half of a new-card charge, for an attempt already written in `processing`: the card is
 * stored with the customer, then charged. Its id is recorded with the outcome.
 */
export async function storeCardAndCharge(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  req: NewCardChargeRequest,
): Promise<PaymentAttempt> {
  let creditCardId: string;
  try {
    ({ creditCardId } = await ctx.mews.addTokenizedCard({
      customerId: req.customerId,
      transactionId: req.card.transactionId,
      expiration: req.expiration,
    }));
  } catch (error) {
    // Nothing was charged whatever happened to the card: the attempt fails and the guest may
    // enter a card again (a transaction id is single-use anyway).
    const refusal = refusalOf(error) ?? { code: 'card_not_stored', message: null };
    const failed = await failAttempt(
      ctx,
      attempt,
      req.actor,
      refusal.code === 'mews_refused' ? 'card_rejected' : refusal.code,
      refusal.message,
    );
    // addTokenized is granted only at certification: a 401 withdraws new cards (see send-once).
    await recheckPermissionsAfterUnauthorized(ctx, error);
    return failed;
  }
  return sendCharge(ctx, attempt, creditCardId, req);
}

/** Charges a card Mews already stores for the customer (only `Gateway` cards can be charged). */
export async function chargeStoredCard(
  ctx: PaymentContext,
  req: StoredCardChargeRequest,
): Promise<ChargeOutcome> {
  const { attempt, created } = await openAttempt(
    ctx,
    { ...attemptRow(req, 'stored_card'), mewsCreditCardId: req.creditCardId },
    'processing',
  );
  if (!created) return { attempt: await refreshAttemptIfPossible(ctx, attempt), replayed: true };
  return { attempt: await sendCharge(ctx, attempt, req.creditCardId, req), replayed: false };
}
