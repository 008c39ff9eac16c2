import 'server-only';
import type { NewAuditEvent } from '@/lib/db/audit-log';
import {
  findPaymentAttempt,
  recordAttemptMewsPaymentId,
  transitionPaymentAttempt,
  type AttemptPatch,
  type LinkMove,
} from '@/lib/db/payment-attempts';
import type { PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import type { MewsPayment, PaymentState } from '@/lib/mews';
import { auditEventOf, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';

/** Where a Mews payment state puts our attempt. `unknown` (a state Mews added later) moves nothing. */
export const ATTEMPT_STATE_FOR: Record<PaymentState, PaymentAttemptState | undefined> = {
  charged: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  pending: 'pending',
  verifying: 'pending',
  unknown: undefined,
};

const FINAL: readonly PaymentAttemptState[] = ['succeeded', 'failed', 'canceled'];

export function isFinalAttemptState(state: PaymentAttemptState): boolean {
  return FINAL.includes(state);
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
    const recorded = attempt.mewsPaymentId ? undefined : await recordAttemptMewsPaymentId(ctx.db, attempt.id, payment.id);
    return recorded ?? (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
  }

  const amountMatches =
    payment.amount.amountMinor === attempt.amountMinor && payment.amount.currency === attempt.currency.trim();
  if (!amountMatches) {
    ctx.log.error(
      { attemptId: attempt.id, paymentId: payment.id, expected: attempt.amountMinor, got: payment.amount },
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
      ...(target === 'failed' || target === 'canceled'
        ? { failureCode: attempt.failureCode ?? (target === 'failed' ? 'payment_failed' : 'payment_canceled') }
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
  // Someone else moved it first; their view is at least as recent as ours.
  return moved ?? (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
}

/** Where an attempt's payment link goes when the attempt reaches `state`: paid once, open again after a failure. */
function linkMoveFor(state: PaymentAttemptState, now: Date): LinkMove {
  switch (state) {
    case 'succeeded':
      return { from: ['open', 'processing', 'expired'], to: 'paid' };
    case 'failed':
    case 'canceled':
      return { from: ['processing'], to: 'open_unless_expired', now };
    default:
      return { from: ['open'], to: 'processing' };
  }
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
  const link = attempt.paymentLinkId ? linkMoveFor(to, ctx.now()) : undefined;
  if (!event) return transitionPaymentAttempt(ctx.db, attempt.id, to, patch, { link });
  try {
    return await transitionPaymentAttempt(ctx.db, attempt.id, to, patch, { link, audit: event });
  } catch (error) {
    const moved = await transitionPaymentAttempt(ctx.db, attempt.id, to, patch, { link });
    ctx.log.error({ err: error, action: event.action, subjectId: event.subjectId }, 'Audit event could not be written');
    return moved;
  }
}

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
export async function refreshAttemptIfPossible(ctx: PaymentContext, attempt: PaymentAttempt): Promise<PaymentAttempt> {
  try {
    return await refreshAttemptFromMews(ctx, attempt);
  } catch (error) {
    ctx.log.warn({ err: error, attemptId: attempt.id }, 'Could not read the payment back from Mews');
    return attempt;
  }
}
