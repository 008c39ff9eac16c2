import 'server-only';
import {
  findPaymentAttempt,
  recordAttemptMewsPaymentId,
  transitionPaymentAttempt,
} from '@/lib/db/payment-attempts';
import { findPaymentLink, transitionPaymentLink } from '@/lib/db/payment-links';
import type { PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import type { MewsPayment, PaymentState } from '@/lib/mews';
import { audit, type AuditActor } from './audit';
import type { PaymentContext } from './context';

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
): Promise<PaymentAttempt> {
  if (attempt.mewsPaymentId && attempt.mewsPaymentId !== payment.id) {
    throw new Error(`Payment ${payment.id} does not belong to attempt ${attempt.id}`);
  }
  const target = ATTEMPT_STATE_FOR[payment.state];
  if (!target || attempt.state === target || isFinalAttemptState(attempt.state)) {
    if (!attempt.mewsPaymentId) await recordAttemptMewsPaymentId(ctx.db, attempt.id, payment.id);
    return (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
  }

  const amountMatches =
    payment.amount.amountMinor === attempt.amountMinor && payment.amount.currency === attempt.currency.trim();
  if (!amountMatches) {
    ctx.log.error(
      { attemptId: attempt.id, paymentId: payment.id, expected: attempt.amountMinor, got: payment.amount },
      'Mews payment amount differs from the ledger',
    );
  }

  const moved = await transitionPaymentAttempt(ctx.db, attempt.id, target, {
    mewsPaymentId: payment.id,
    ...(target === 'failed' || target === 'canceled'
      ? { failureCode: attempt.failureCode ?? (target === 'failed' ? 'payment_failed' : 'payment_canceled') }
      : {}),
  });
  if (!moved) {
    // Someone else moved it first; their view is at least as recent as ours.
    return (await findPaymentAttempt(ctx.db, attempt.id)) ?? attempt;
  }

  await syncPaymentLink(ctx, moved);
  if (isFinalAttemptState(target)) {
    await audit(ctx, actor, {
      action: `payment.${moved.method}.${target}`,
      outcome: target === 'succeeded' ? 'success' : 'failure',
      subjectType: 'payment_attempt',
      subjectId: moved.id,
      amountMinor: moved.amountMinor,
      currency: moved.currency,
      mewsIds: { paymentId: payment.id, customerId: moved.mewsCustomerId },
      details: amountMatches ? undefined : { amountMismatch: payment.amount },
    });
  }
  return moved;
}

/** Keeps the link's state in step with its attempt: paid once, open again after a failure. */
export async function syncPaymentLink(ctx: PaymentContext, attempt: PaymentAttempt): Promise<void> {
  if (!attempt.paymentLinkId) return;
  switch (attempt.state) {
    case 'succeeded':
      await transitionPaymentLink(ctx.db, attempt.paymentLinkId, ['open', 'processing', 'expired'], 'paid');
      return;
    case 'failed':
    case 'canceled': {
      const link = await findPaymentLink(ctx.db, attempt.paymentLinkId);
      if (!link) return;
      const expired = link.expiresAt.getTime() <= ctx.now().getTime();
      await transitionPaymentLink(ctx.db, link.id, ['processing'], expired ? 'expired' : 'open');
      return;
    }
    default:
      await transitionPaymentLink(ctx.db, attempt.paymentLinkId, ['open'], 'processing');
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
