import 'server-only';
import type { PaymentAttempt } from '@/lib/db/schema';
import { MewsApiError, MewsOutcomeUnknownError, MewsRequestError } from '@/lib/mews';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { recheckPermissionsAfterUnauthorized } from '@/lib/payments/installation/operation-permissions';
import { failAttempt, markUnknown } from './ledger';

/**
 * Sends one Mews write for an attempt already in `processing`, exactly once (the Connector API
 * has no idempotency key, so nothing here ever sends it again), and sorts its outcome into the
 * three a payments engineer must tell apart:
 * - `sent`: Mews answered; the caller reads the payment back and settles the attempt.
 * - `refused`: Mews refused before processing anything (a 4xx business error, 429, a request we
 *   refused to send); the attempt is failed and the payer may try again.
 * - `unknown`: the answer was lost (timeout, dropped connection, 5xx after sending) or something
 *   we did not expect went wrong after the request may have left; the attempt is `unknown` until
 *   reading Mews back settles it. Never reported as a failure: the money may have moved.
 */
export type SendOutcome<T> =
  | { kind: 'sent'; value: T }
  | { kind: 'refused'; attempt: PaymentAttempt }
  | { kind: 'unknown'; attempt: PaymentAttempt };

export interface SendOnceOptions {
  /** What the log says the write was ("Charge", "Staff payment"). */
  label: string;
  /** Mews ids known before the write, recorded with a refusal's audit event. */
  mewsIds?: Record<string, string>;
  /** The card the write used, recorded on the attempt when its outcome is unknown. */
  mewsCreditCardId?: string;
}

export async function sendOnce<T>(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  actor: AuditActor,
  write: () => Promise<T>,
  options: SendOnceOptions,
): Promise<SendOutcome<T>> {
  try {
    return { kind: 'sent', value: await write() };
  } catch (error) {
    const unknownPatch = options.mewsCreditCardId
      ? { mewsCreditCardId: options.mewsCreditCardId }
      : {};
    if (error instanceof MewsOutcomeUnknownError) {
      ctx.log.warn(
        { attemptId: attempt.id, reason: error.reason },
        `${options.label} outcome unknown; left for reconciliation`,
      );
      return { kind: 'unknown', attempt: await markUnknown(ctx, attempt, unknownPatch) };
    }
    const refusal = refusalOf(error);
    if (refusal) {
      const failed = await failAttempt(
        ctx,
        attempt,
        actor,
        refusal.code,
        refusal.message,
        options.mewsIds,
      );
      // A 401 that is no token problem is a permission Mews does not grant: re-check, so the
      // method stops being offered (the attempt is failed first; nothing is sent again).
      await recheckPermissionsAfterUnauthorized(ctx, error);
      return { kind: 'refused', attempt: failed };
    }
    ctx.log.error(
      { err: error, attemptId: attempt.id },
      `Unexpected ${options.label.toLowerCase()} failure; outcome unknown`,
    );
    return { kind: 'unknown', attempt: await markUnknown(ctx, attempt, unknownPatch) };
  }
}

/**
 * A refusal Mews gave before processing anything, as the failure code and the message the payer
 * may read (only when Mews marks it as one for people); undefined for anything else.
 */
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
