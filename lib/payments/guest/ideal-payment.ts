import 'server-only';
import type { PaymentAttempt, PaymentLink } from '@/lib/db/schema';
import { markPending, openAttempt, recordMewsPaymentId } from '@/lib/payments/ledger/ledger';
import { sendOnce } from '@/lib/payments/ledger/send-once';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { paymentLinkUrl } from '@/lib/payments/links/payment-links';
import {
  confirmIdealIfFirst,
  isAlternativeMethodRefusal,
  readIdealSetting,
  rememberIdealRefusal,
} from '@/lib/payments/installation/alternative-methods';
import type { MewsApiError, MewsConfiguration } from '@/lib/mews';
import { policyColumnsOf, type PolicyAcceptance } from './policy';

export const IDEAL_CURRENCY = 'EUR';

/**
 * Whether the pay page offers iDEAL for a link in `currency`: euros the hotel accepts, and the
 * installation's setting on (a manager turned it on and Mews has not refused it since).
 */
export async function idealOffered(
  ctx: PaymentContext,
  currency: string,
  configuration: MewsConfiguration,
): Promise<boolean> {
  if (currency !== IDEAL_CURRENCY || !configuration.currencies.enabled.includes(IDEAL_CURRENCY))
    return false;
  return (await readIdealSetting(ctx)).enabled;
}

/** What a guest (and an API caller) is told when iDEAL is off or Mews has just refused it. */
export const IDEAL_UNAVAILABLE_MESSAGE =
  'iDEAL is not available for this hotel right now. No money was taken; please choose another way to pay.';

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
  request: {
    idempotencyKey: string;
    clientAddress: string | null;
    actor: AuditActor;
    /** The deposit policy the payer accepted (./policy), stored with the attempt; null when none was required. */
    policy?: PolicyAcceptance | null;
  },
): Promise<IdealStart> {
  if (link.currency.trim() !== IDEAL_CURRENCY) {
    throw new PaymentError('method_unavailable', 'iDEAL is only available for payments in euros');
  }
  // Off until a manager turned it on (and Mews did not refuse it since): nothing reaches Mews.
  if (!(await readIdealSetting(ctx)).enabled) {
    throw new PaymentError('method_unavailable', IDEAL_UNAVAILABLE_MESSAGE);
  }
  // Written straight in `processing`: the Mews write follows at once, so should this request die
  // the reconciler searches Mews for it rather than abandoning it unread.
  const { attempt, created } = await openAttempt(
    ctx,
    {
      idempotencyKey: request.idempotencyKey,
      paymentLinkId: link.id,
      method: 'ideal',
      amountMinor: link.amountMinor,
      currency: link.currency,
      mewsCustomerId: link.mewsCustomerId,
      mewsReservationId: link.mewsReservationId,
      clientAddress: request.clientAddress,
      ...policyColumnsOf(request.policy ?? null),
    },
    'processing',
  );
  if (!created)
    return { attempt, redirectUrl: attempt.state === 'pending' ? attempt.nextActionUrl : null };

  let refusal: MewsApiError | undefined;
  const sent = await sendOnce(
    ctx,
    attempt,
    request.actor,
    () =>
      ctx.mews
        .startIdealPayment({
          customerId: link.mewsCustomerId,
          amount: { amountMinor: link.amountMinor, currency: link.currency.trim() },
          returnUrl: `${paymentLinkUrl(ctx, token)}/return`,
          reservationId: link.mewsReservationId ?? undefined,
        })
        .catch((error: unknown) => {
          if (isAlternativeMethodRefusal(error)) refusal = error;
          throw error;
        }),
    { label: 'iDEAL start' },
  );
  if (sent.kind === 'refused' && refusal) {
    // Mews refused the method itself (not in the property's subscription): the attempt is
    // failed, no other guest is offered iDEAL, and this one is told to pay another way.
    await rememberIdealRefusal(ctx, refusal, { attemptId: attempt.id });
    throw new PaymentError('method_unavailable', IDEAL_UNAVAILABLE_MESSAGE, { cause: refusal });
  }
  if (sent.kind !== 'sent') return { attempt: sent.attempt, redirectUrl: null };
  const started = sent.value;
  await confirmIdealIfFirst(ctx);

  try {
    await recordMewsPaymentId(ctx, attempt, started.paymentId);
    const pending =
      (await markPending(ctx, attempt, {
        mewsPaymentId: started.paymentId,
        nextActionUrl: started.redirectUrl,
      })) ?? attempt;
    return { attempt: pending, redirectUrl: started.redirectUrl };
  } catch (error) {
    // Mews created the payment but the ledger could not take its id: the payer still goes to the
    // bank (the payment exists), and the reconciler matches it once the database is back.
    ctx.log.warn(
      { err: error, attemptId: attempt.id, paymentId: started.paymentId },
      'iDEAL started; ledger update failed',
    );
    return {
      attempt: {
        ...attempt,
        state: 'pending',
        mewsPaymentId: started.paymentId,
        nextActionUrl: started.redirectUrl,
      },
      redirectUrl: started.redirectUrl,
    };
  }
}
