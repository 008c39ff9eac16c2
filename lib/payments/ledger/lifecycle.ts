import 'server-only';
import {
  ActiveAttemptExistsError,
  createPaymentAttempt,
  findPaymentAttempt,
  transitionPaymentAttempt,
  type NewPaymentAttempt,
  type OpeningState,
} from '@/lib/db/payment-attempts';
import type { PaymentAttempt } from '@/lib/db/schema';
import { MewsApiError, MewsRequestError } from '@/lib/mews';
import { auditEventOf, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { moveAttempt } from './ledger';

/**
 * Opening and failing ledger attempts, shared by every payment method: the row is written (and the
 * link claimed) before Mews is called; a refusal Mews gave before processing anything fails it.
 */

/** Writes the attempt and claims the link; a replay returns the attempt the key created first. */
export async function openAttempt(
  ctx: PaymentContext,
  row: NewPaymentAttempt,
  state: OpeningState = 'created',
): Promise<{ attempt: PaymentAttempt; created: boolean }> {
  const result = await refusingSecondActiveAttempt(() => createPaymentAttempt(ctx.db, row, { claimLink: true, state }));
  if (!result.created) {
    if (result.attempt.paymentLinkId !== row.paymentLinkId) {
      throw new PaymentError('conflict', 'This request was already used for another payment');
    }
    return result;
  }
  if (row.paymentLinkId && !result.linkClaimed) await refuseUnclaimedAttempt(ctx, result.attempt);
  return result;
}

/** A link takes one payment at a time: a second one started meanwhile is told so. */
export async function refusingSecondActiveAttempt<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof ActiveAttemptExistsError) {
      throw new PaymentError('payment_in_progress', 'A payment for this link is already in progress', { cause: error });
    }
    throw error;
  }
}

/**
 * An attempt written in the instant its link stopped being open (paid, canceled, expired by
 * another request): canceled before anything reaches Mews, and the payer told.
 */
export async function refuseUnclaimedAttempt(ctx: PaymentContext, attempt: PaymentAttempt): Promise<never> {
  await transitionPaymentAttempt(ctx.db, attempt.id, 'canceled', { failureCode: 'link_not_open' });
  throw new PaymentError('conflict', 'This payment link can no longer be paid');
}

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

/** A refusal Mews gave before processing anything: safe to record as failed and try again. */
export function refusalOf(error: unknown): { code: string; message: string | null } | undefined {
  if (error instanceof MewsApiError) {
    return {
      code: error.userVisible ? 'mews_refused' : error.status === 429 ? 'mews_busy' : 'mews_error',
      message: error.userVisible ? error.userMessage : null,
    };
  }
  if (error instanceof MewsRequestError) return { code: 'invalid_request', message: error.message };
  return undefined;
}

/**
 * What to tell the payer when Mews took a write but our ledger could not be updated (the database
 * went away): the outcome is being confirmed, never "try again". The reconciler finds the payment
 * by the attempt marker once the database is back.
 */
export async function settledLater(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  paymentId: string | null,
): Promise<PaymentAttempt> {
  const current = await findPaymentAttempt(ctx.db, attempt.id).catch(() => undefined);
  if (current && current.state !== 'processing') return current;
  return { ...(current ?? attempt), state: 'unknown', mewsPaymentId: current?.mewsPaymentId ?? paymentId };
}
