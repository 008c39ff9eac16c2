import 'server-only';
import type { NewAuditEvent } from '@/lib/db/audit-log';
import {
  ActiveAttemptExistsError,
  createPaymentAttempt,
  findPaymentAttempt,
  findPaymentAttemptByMewsPaymentId,
  openCardAttemptOnLink,
  recordAttemptMewsPaymentId,
  transitionPaymentAttempt,
  type AttemptPatch,
  type CardAttemptRules,
  type GuestCardAttemptInput,
  type LinkMove,
  type NewPaymentAttempt,
  type OpenCardAttemptResult,
  type OpeningState,
} from '@/lib/db/payment-attempts';
import type { MewsPaymentRequestRow, PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import type { MewsPayment } from '@/lib/mews';
import { nudgeEmailSender } from '@/lib/payments/email/sender';
import { auditEventOf, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import {
  ATTEMPT_STATE_FOR,
  attemptMoveTo,
  isFinalAttemptState,
  linkMoveFor,
  STATES_AWAITING_MEWS_ID,
} from './state-machine';

/**
 * The ledger: the only code that writes payment attempts. A row is written (and its link claimed)
 * before Mews is called; it then moves forward only, by the rules of `state-machine.ts`, each move a
 * conditional update that carries the attempt's link and audit event in the same statement. Flows
 * (guest, staff, reconciliation) say what happened; this module decides what that does to the row.
 */

// ---------------------------------------------------------------------------------------------
// Opening

/** Writes the attempt and claims the link; a replay returns the attempt the key created first. */
export async function openAttempt(
  ctx: PaymentContext,
  row: NewPaymentAttempt,
  state: OpeningState = 'created',
): Promise<{ attempt: PaymentAttempt; created: boolean }> {
  const result = await refusingSecondActiveAttempt(() =>
    createPaymentAttempt(ctx.db, row, { claimLink: true, state }),
  );
  if (!result.created) {
    if (result.attempt.paymentLinkId !== row.paymentLinkId) {
      throw new PaymentError('conflict', 'This request was already used for another payment');
    }
    return result;
  }
  if (row.paymentLinkId && !result.linkClaimed) await refuseUnclaimedAttempt(ctx, result.attempt);
  return result;
}

/**
 * The guest card payment's opening, a named case: one statement reads the link behind the token,
 * counts its recent failures and, only when the link may take a payment, writes the attempt in
 * `processing` with the link's own amount and claims the link. It is the pay action's one database
 * round trip before Mews, so it is not built from `openAttempt`'s two steps.
 */
export async function openGuestCardAttempt(
  ctx: PaymentContext,
  tokenHash: string,
  input: GuestCardAttemptInput,
  rules: CardAttemptRules,
): Promise<OpenCardAttemptResult> {
  const result = await refusingSecondActiveAttempt(() =>
    openCardAttemptOnLink(ctx.db, tokenHash, input, rules),
  );
  if (result.link && result.opened && !result.opened.linkClaimed)
    await refuseUnclaimedAttempt(ctx, result.opened.attempt);
  return result;
}

/** A link takes one payment at a time: a second one started meanwhile is told so. */
async function refusingSecondActiveAttempt<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof ActiveAttemptExistsError) {
      throw new PaymentError(
        'payment_in_progress',
        'A payment for this link is already in progress',
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * An attempt written in the instant its link stopped being open (paid, canceled, expired by
 * another request): canceled before anything reaches Mews, and the payer told.
 */
async function refuseUnclaimedAttempt(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
): Promise<never> {
  await cancelUnsent(ctx, attempt, 'link_not_open');
  throw new PaymentError('conflict', 'This payment link can no longer be paid');
}

// ---------------------------------------------------------------------------------------------
// Moves before and around the one Mews write

/** The Mews write is about to be sent. Someone else's move wins: their row is returned as it was. */
export async function markProcessing(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
): Promise<PaymentAttempt> {
  return (
    (await transitionPaymentAttempt(ctx.db, attempt.id, attemptMoveTo('processing'))) ?? attempt
  );
}

/** The write's answer was lost: only reading Mews back may settle it. */
export async function markUnknown(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  patch: Pick<AttemptPatch, 'mewsCreditCardId'> = {},
): Promise<PaymentAttempt> {
  return (
    (await transitionPaymentAttempt(ctx.db, attempt.id, attemptMoveTo('unknown'), patch)) ?? attempt
  );
}

/** Mews took the write and the payer has a step to take (iDEAL at the bank). */
export async function markPending(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  patch: Pick<AttemptPatch, 'mewsPaymentId' | 'nextActionUrl'>,
): Promise<PaymentAttempt | undefined> {
  return transitionPaymentAttempt(ctx.db, attempt.id, attemptMoveTo('pending'), patch);
}

/**
 * Remembers the Mews payment id the moment Mews answers, before its state is known, so a crash
 * right after still leaves the id to reconcile with. Never overwrites an id already recorded.
 */
export async function recordMewsPaymentId(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  mewsPaymentId: string,
): Promise<PaymentAttempt | undefined> {
  return recordAttemptMewsPaymentId(ctx.db, attempt.id, mewsPaymentId, STATES_AWAITING_MEWS_ID);
}

/** Ends an attempt nothing was sent for (the link closed under it, a refund over the limit); no audit event. */
export async function cancelUnsent(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  failureCode: string,
): Promise<PaymentAttempt | undefined> {
  return transitionPaymentAttempt(ctx.db, attempt.id, attemptMoveTo('canceled'), { failureCode });
}

// ---------------------------------------------------------------------------------------------
// Endings

export async function failAttempt(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  actor: AuditActor,
  failureCode: string,
  failureMessage: string | null,
  mewsIds: Record<string, string> = {},
): Promise<PaymentAttempt> {
  return closeAttempt(ctx, attempt, actor, 'failed', failureCode, failureMessage, mewsIds);
}

/**
 * Ends an attempt that did not succeed (failed, or canceled when nothing was ever sent), moves
 * its link and audits it; only the caller whose transition applied writes the audit event.
 */
export async function closeAttempt(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  actor: AuditActor,
  state: 'failed' | 'canceled',
  failureCode: string,
  failureMessage: string | null,
  mewsIds: Record<string, string> = {},
): Promise<PaymentAttempt> {
  const closed = await moveAttempt(
    ctx,
    attempt,
    state,
    { failureCode, failureMessage },
    auditEventOf(actor, {
      action: `payment.${attempt.method}.${state}`,
      outcome: 'failure',
      subjectType: 'payment_attempt',
      subjectId: attempt.id,
      amountMinor: attempt.amountMinor,
      currency: attempt.currency,
      mewsIds: { customerId: attempt.mewsCustomerId, ...mewsIds },
      details: { failureCode, failureMessage },
    }),
  );
  return closed ?? (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
}

/**
 * The one path that moves an attempt to the state Mews reports, used by every caller (pay page,
 * return page, staff, reconciler, webhook). Transitions only go forward and are conditional
 * updates, so concurrent callers cannot apply one twice; only the caller whose update applied
 * writes the audit event and moves the payment link.
 */
export async function applyMewsPayment(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  payment: MewsPayment,
  actor: AuditActor = { type: 'system' },
  /** What the caller learned on the way and records with the move (the card a charge used). */
  alsoRecord: Pick<AttemptPatch, 'mewsCreditCardId'> = {},
): Promise<PaymentAttempt> {
  if (attempt.mewsPaymentId && attempt.mewsPaymentId !== payment.id) {
    throw new Error(`Payment ${payment.id} does not belong to attempt ${attempt.id}`);
  }
  const target = ATTEMPT_STATE_FOR[payment.state];
  if (!target || attempt.state === target || isFinalAttemptState(attempt.state)) {
    const recorded = attempt.mewsPaymentId
      ? undefined
      : await recordMewsPaymentId(ctx, attempt, payment.id);
    return recorded ?? (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
  }

  const amountMatches =
    payment.amount.amountMinor === attempt.amountMinor &&
    payment.amount.currency === attempt.currency.trim();
  if (!amountMatches) {
    ctx.log.error(
      {
        attemptId: attempt.id,
        paymentId: payment.id,
        expected: attempt.amountMinor,
        got: payment.amount,
      },
      'Mews payment amount differs from the ledger',
    );
  }

  const moved = await moveAttempt(
    ctx,
    attempt,
    target,
    {
      ...alsoRecord,
      mewsPaymentId: payment.id,
      // Mews e-mails the verification link when the charge is made and counts its 24 hours from
      // then, so the payment's own creation time says how long the guest has, however late we look.
      ...(target === 'verifying'
        ? { verifyingSince: attempt.verifyingSince ?? payment.createdAt }
        : {}),
      ...(target === 'failed' || target === 'canceled'
        ? {
            failureCode:
              attempt.failureCode ?? (target === 'failed' ? 'payment_failed' : 'payment_canceled'),
          }
        : {}),
    },
    isFinalAttemptState(target)
      ? auditEventOf(actor, {
          action: `payment.${attempt.method}.${target}`,
          outcome: target === 'succeeded' ? 'success' : 'failure',
          subjectType: 'payment_attempt',
          subjectId: attempt.id,
          amountMinor: attempt.amountMinor,
          currency: attempt.currency,
          mewsIds: { paymentId: payment.id, customerId: attempt.mewsCustomerId },
          details: amountMatches ? undefined : { amountMismatch: payment.amount },
        })
      : undefined,
  );
  // A link's payment succeeding (or going Verifying) queued an e-mail in the same statement
  // (migration 0014's triggers): send it now rather than on the sender's next tick.
  if (moved && attempt.paymentLinkId && (target === 'succeeded' || target === 'verifying'))
    nudgeEmailSender();
  // Someone else moved it first; their view is at least as recent as ours.
  return moved ?? (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
}

/**
 * Moves an attempt, keeps its link in step and writes its audit event, all in one statement, and
 * only when the attempt was in a state it may move from (`undefined` otherwise: someone else moved
 * it first). The money has already moved (or not) when this runs, so should the statement fail
 * over its audit event, the move is made without it and the lost event is logged loudly rather
 * than turned into a failed payment.
 */
export async function moveAttempt(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  to: PaymentAttemptState,
  patch: AttemptPatch,
  event?: NewAuditEvent,
): Promise<PaymentAttempt | undefined> {
  const change = attemptMoveTo(to);
  const link = attempt.paymentLinkId ? linkMoveOf(to, ctx.now()) : undefined;
  if (!event) return transitionPaymentAttempt(ctx.db, attempt.id, change, patch, { link });
  try {
    return await transitionPaymentAttempt(ctx.db, attempt.id, change, patch, {
      link,
      audit: event,
    });
  } catch (error) {
    const moved = await transitionPaymentAttempt(ctx.db, attempt.id, change, patch, { link });
    ctx.log.error(
      { err: error, action: event.action, subjectId: event.subjectId },
      'Audit event could not be written',
    );
    return moved;
  }
}

function linkMoveOf(state: PaymentAttemptState, now: Date): LinkMove {
  const rule = linkMoveFor(state);
  return rule.to === 'open_unless_expired'
    ? { ...rule, to: 'open_unless_expired', now }
    : { from: rule.from, to: rule.to };
}

// ---------------------------------------------------------------------------------------------
// Payments Mews Payments Checkout made

/** How a checkout payment was paid, in the words the staff pages and receipts use. */
export function checkoutMethodOf(payment: MewsPayment): string {
  if (payment.alternativeMethod) return payment.alternativeMethod;
  return payment.method === 'credit-card' ? 'card' : 'other';
}

/**
 * A payment Mews Payments Checkout made against one of our payment requests, as our ledger's
 * attempt. Unlike our own writes, the money moved inside Mews' form, so the attempt is written when
 * the payment is first read (from the callback's read-back, a webhook, the reconciler or the
 * return page: whichever comes first; its key is the Mews payment id, so the others find it) and
 * then settled to the state Mews reports, by the same rules as every other attempt. The payment
 * must carry the request's id and account: a payment id from the browser proves nothing alone.
 */
export async function recordCheckoutPayment(
  ctx: PaymentContext,
  request: MewsPaymentRequestRow,
  payment: MewsPayment,
  actor: AuditActor = { type: 'system' },
): Promise<PaymentAttempt | undefined> {
  if (
    !request.mewsRequestId ||
    payment.paymentRequestId !== request.mewsRequestId ||
    payment.accountId !== request.mewsCustomerId ||
    payment.direction !== 'incoming'
  ) {
    ctx.log.warn(
      { requestId: request.id, paymentId: payment.id, paymentRequestId: payment.paymentRequestId },
      'Payment does not belong to this checkout request; ignored',
    );
    return undefined;
  }
  const existing = await findPaymentAttemptByMewsPaymentId(ctx.db, payment.id);
  if (existing) return applyMewsPayment(ctx, existing, payment, actor);
  const row: NewPaymentAttempt = {
    idempotencyKey: `mews-payment:${payment.id}`,
    paymentLinkId: request.paymentLinkId,
    method: 'mews_checkout',
    amountMinor: payment.amount.amountMinor,
    currency: payment.amount.currency,
    mewsCustomerId: request.mewsCustomerId,
    mewsReservationId: request.mewsReservationId,
    mewsPaymentId: payment.id,
    mewsCreditCardId: payment.creditCardId,
    mewsPaymentRequestId: request.mewsRequestId,
    checkoutMethod: checkoutMethodOf(payment),
    clientAddress: request.clientAddress,
    policyVersion: request.policyVersion,
    policyAcceptedAt: request.policyAcceptedAt,
    policyLocale: request.policyLocale,
  };
  let created;
  try {
    created = await createPaymentAttempt(ctx.db, row, { claimLink: true, state: 'processing' });
  } catch (error) {
    // Two read-backs of the same payment at once (the guest's page and a webhook): on PostgreSQL
    // the other's row can surface as a unique violation on the Mews payment id rather than as the
    // idempotency key's conflict. It is the same payment: apply it to the row already there.
    const recorded = await findPaymentAttemptByMewsPaymentId(ctx.db, payment.id);
    if (recorded) return applyMewsPayment(ctx, recorded, payment, actor);
    if (!(error instanceof ActiveAttemptExistsError)) throw error;
    // Another payment of the link is in flight (an iDEAL payment waiting at the bank): settle it
    // first; this one is recorded on the next read once the link holds no other.
    await refreshAttemptIfPossible(ctx, error.activeAttempt);
    created = await createPaymentAttempt(ctx.db, row, { claimLink: true, state: 'processing' });
  }
  return applyMewsPayment(ctx, created.attempt, payment, actor);
}

// ---------------------------------------------------------------------------------------------
// Reading Mews back

/**
 * Reads the attempt's payment back from Mews and applies it. Attempts without a Mews payment id
 * are left alone here; the reconciler finds those by account and time window.
 */
export async function refreshAttemptFromMews(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  actor?: AuditActor,
): Promise<PaymentAttempt> {
  if (!attempt.mewsPaymentId || isFinalAttemptState(attempt.state)) return attempt;
  const [payment] = await ctx.mews.getPayments({ paymentIds: [attempt.mewsPaymentId] });
  if (!payment) return attempt;
  return applyMewsPayment(ctx, attempt, payment, actor);
}

/**
 * For display paths (a replayed request, a status poll): the freshest state we can get, falling
 * back to the ledger's when Mews does not answer right now.
 */
export async function refreshAttemptIfPossible(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
): Promise<PaymentAttempt> {
  try {
    return await refreshAttemptFromMews(ctx, attempt);
  } catch (error) {
    ctx.log.warn(
      { err: error, attemptId: attempt.id },
      'Could not read the payment back from Mews',
    );
    return attempt;
  }
}

/**
 * What to tell the payer when Mews took a write but our ledger could not be updated (the database
 * went away): the outcome is being confirmed, never "try again". The reconciler finds the payment
 * by the attempt marker once the database is back. Writes nothing.
 */
export async function settledLater(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  paymentId: string | null,
): Promise<PaymentAttempt> {
  const current = await findPaymentAttempt(ctx.db, attempt.id).catch(() => undefined);
  if (current && current.state !== 'processing') return current;
  return {
    ...(current ?? attempt),
    state: 'unknown',
    mewsPaymentId: current?.mewsPaymentId ?? paymentId,
  };
}
