import 'server-only';
import { recordAttemptMewsPaymentId, transitionPaymentAttempt } from '@/lib/db/payment-attempts';
import type { PaymentAttempt, PaymentLink } from '@/lib/db/schema';
import { MewsOutcomeUnknownError } from '@/lib/mews';
import { failAttempt, openAttempt, refusalOf } from '@/lib/payments/ledger/lifecycle';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { paymentLinkUrl } from '@/lib/payments/links/payment-links';

export const IDEAL_CURRENCY = 'EUR';

export interface IdealStart {
  attempt: PaymentAttempt;
  /** The bank page to send the payer to; absent when the attempt did not get that far. */
  redirectUrl: string | null;
}

/**
 * Starts an iDEAL payment for a link: the attempt is written first, Mews' payment id and the bank
 * URL are stored before the payer is sent away, so the return page (or the reconciler) can always
 * find the payment again without trusting anything in the redirect.
 */
export async function startIdealForLink(
  ctx: PaymentContext,
  link: PaymentLink,
  token: string,
  request: { idempotencyKey: string; clientAddress: string | null; actor: AuditActor },
): Promise<IdealStart> {
  if (link.currency.trim() !== IDEAL_CURRENCY) {
    throw new PaymentError('method_unavailable', 'iDEAL is only available for payments in euros');
  }
  const { attempt, created } = await openAttempt(ctx, {
    idempotencyKey: request.idempotencyKey,
    paymentLinkId: link.id,
    method: 'ideal',
    amountMinor: link.amountMinor,
    currency: link.currency,
    mewsCustomerId: link.mewsCustomerId,
    mewsReservationId: link.mewsReservationId,
    clientAddress: request.clientAddress,
  });
  if (!created) return { attempt, redirectUrl: attempt.state === 'pending' ? attempt.nextActionUrl : null };

  const processing = (await transitionPaymentAttempt(ctx.db, attempt.id, 'processing')) ?? attempt;
  let started: { paymentId: string; redirectUrl: string | null };
  try {
    started = await ctx.mews.startIdealPayment({
      customerId: link.mewsCustomerId,
      amount: { amountMinor: link.amountMinor, currency: link.currency.trim() },
      returnUrl: `${paymentLinkUrl(ctx, token)}/return`,
      reservationId: link.mewsReservationId ?? undefined,
    });
  } catch (error) {
    if (error instanceof MewsOutcomeUnknownError) {
      ctx.log.warn({ attemptId: attempt.id, reason: error.reason }, 'iDEAL start outcome unknown');
      return { attempt: (await transitionPaymentAttempt(ctx.db, attempt.id, 'unknown')) ?? processing, redirectUrl: null };
    }
    const refusal = refusalOf(error) ?? { code: 'mews_error', message: null };
    return { attempt: await failAttempt(ctx, processing, request.actor, refusal.code, refusal.message), redirectUrl: null };
  }

  try {
    await recordAttemptMewsPaymentId(ctx.db, attempt.id, started.paymentId);
    const pending =
      (await transitionPaymentAttempt(ctx.db, attempt.id, 'pending', {
        mewsPaymentId: started.paymentId,
        nextActionUrl: started.redirectUrl,
      })) ?? processing;
    return { attempt: pending, redirectUrl: started.redirectUrl };
  } catch (error) {
    // Mews created the payment but the ledger could not take its id: the payer still goes to the
    // bank (the payment exists), and the reconciler matches it once the database is back.
    ctx.log.warn({ err: error, attemptId: attempt.id, paymentId: started.paymentId }, 'iDEAL started; ledger update failed');
    return {
      attempt: { ...processing, state: 'pending', mewsPaymentId: started.paymentId, nextActionUrl: started.redirectUrl },
      redirectUrl: started.redirectUrl,
    };
  }
}
