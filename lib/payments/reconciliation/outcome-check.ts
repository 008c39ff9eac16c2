import 'server-only';
import {
  listAttemptsByMewsPaymentIds,
  listUnsettledPaymentAttempts,
} from '@/lib/db/payment-attempts';
import type { PaymentAttempt } from '@/lib/db/schema';
import { threeMonthsBefore, type MewsPayment } from '@/lib/mews';
import {
  applyMewsPayment,
  failAttempt,
  refreshAttemptFromMews,
} from '@/lib/payments/ledger/ledger';
import { isFinalAttemptState } from '@/lib/payments/ledger/state-machine';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { matchAttempt, verdictOf, type MatchSettings } from './match-payments';

/**
 * The quick outcome check: when a money write's answer was lost, Mews is read back at once and
 * again each time the guest's page polls its status (and at every reconciler pass), by the
 * attempt's marker and by the matching of match-payments.ts. A payment found is applied (the
 * guest sees the receipt); the link is released (the attempt fails, the guest may pay again) only
 * once a read-back started after `OUTCOME_CHECK_WINDOW_MS` finds nothing that could be ours.
 *
 * How long Mews may still be working on a request whose answer we lost, by fault kind. Mews
 * documents no server-side request timeout; its only word on time is that `408` answers requests
 * too heavy to finish, "typically [after] tens of seconds" (reference notes §1.4, §1.9), and it
 * has no idempotency (§1.8), so a read-back is the only way to know.
 *
 * - `500` (a 5xx answer): Mews answered, so it stopped working on the request. It may have
 *   created the payment before failing, and nothing documents that `payments/getAll` sees a write
 *   the instant it commits; a few read-backs over tens of seconds cover that. (30 s would do.)
 * - `408`: Mews' own "too heavy" answer after tens of seconds; the work behind it may still commit
 *   shortly after the answer (nothing says it is rolled back), so treat it like a lost answer.
 * - client timeout (ours is 40 s for `creditCards/charge`, lib/mews/operation-catalog.ts): Mews
 *   has had the request at least 40 s and may still hold it until its own limit, the same "tens
 *   of seconds" after which it answers 408. Another 60 s after our timeout puts the check 100 s
 *   after the request left, well past that.
 * - dropped answer / connection lost: Mews processed it (the payment is found at once, the guest
 *   sees the receipt) or the request was cut on the way and is still running at most until Mews'
 *   own limit, as for a timeout.
 *
 * One window, measured from the moment the answer was lost (the attempt's last move, to
 * `unknown`), therefore covers every kind: 60 s, the longest of them. The guest is blocked for the
 * request itself (at most the 40 s client timeout) plus this window plus one poll: under the
 * 2 minutes we promise (measured in tests/reliability/fault-matrix/outcome-check-timing.test.ts).
 * A read-back finding nothing after the window is decisive: Mews never deletes payments, so no
 * earlier read-back can have seen one, and Mews can no longer create one.
 */
export const OUTCOME_CHECK_WINDOW_MS = 60_000;

/**
 * A `processing` attempt without an answer may still be in the hands of one of our own requests:
 * a guest card payment stores the card (30 s timeout) and charges it (40 s), plus waiting for the
 * rate budget. Only after this long is its answer lost, and the window above starts.
 */
export const IN_FLIGHT_GRACE_MS = 2 * 60_000;

/** Slack between our clock and Mews' when searching and comparing by creation time. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export const MATCH_SETTINGS: MatchSettings = {
  clockSkewMs: CLOCK_SKEW_MS,
  // A payment created after Mews stopped working on the request answers another request.
  latestCreationAfterMs: IN_FLIGHT_GRACE_MS + OUTCOME_CHECK_WINDOW_MS,
};

/** Only these need a read-back to find their payment: the answer carrying its id never came. */
export function awaitsOutcome(attempt: PaymentAttempt): boolean {
  return !attempt.mewsPaymentId && (attempt.state === 'unknown' || attempt.state === 'processing');
}

/**
 * When a read-back that finds nothing may release the attempt: the window after the lost answer
 * (longer for a `processing` attempt whose request may still be ours). `null`: nothing to check.
 */
export function outcomeCheckDeadline(
  attempt: PaymentAttempt,
  windowMs: number = OUTCOME_CHECK_WINDOW_MS,
): Date | null {
  if (!awaitsOutcome(attempt)) return null;
  const grace = attempt.state === 'processing' ? IN_FLIGHT_GRACE_MS : 0;
  return new Date(attempt.updatedAt.getTime() + grace + windowMs);
}

/** For the guest's countdown: until when "do not pay again" holds while the outcome is unknown. */
export function checkUntilOf(attempt: PaymentAttempt): string | null {
  return attempt.state === 'unknown'
    ? (outcomeCheckDeadline(attempt)?.toISOString() ?? null)
    : null;
}

export const RELEASE_FAILURE_CODE = 'not_received_by_mews';
export const RELEASE_MESSAGE = 'Mews never recorded this payment; nothing was charged.';

export type OutcomeCheck =
  /** Nothing to read back: settled already, or Mews gave us the payment id. */
  | { outcome: 'not-needed'; attempt: PaymentAttempt }
  /** Mews has the payment: applied (the attempt may be pending, succeeded or failed). */
  | { outcome: 'found'; attempt: PaymentAttempt; paymentId: string; how: string }
  /** Nothing in Mews could be ours and Mews can no longer create it: failed, link open again. */
  | { outcome: 'released'; attempt: PaymentAttempt }
  /** Nothing found yet; Mews may still be working on it until `checkUntil`. */
  | { outcome: 'checking'; attempt: PaymentAttempt; checkUntil: Date | null }
  /** Mews has payments that could be this attempt's but cannot be told apart: a person decides. */
  | { outcome: 'ambiguous'; attempt: PaymentAttempt; candidatePaymentIds: string[] };

export interface OutcomeCheckOptions {
  actor?: AuditActor;
  /** A manager's release: the window is treated as over (the caller checked it may be). */
  releaseNow?: boolean;
}

/**
 * Reads Mews back for one attempt whose answer was lost, and settles what the read-back allows.
 * Throws when Mews cannot be read (callers on display paths catch and show the ledger's state).
 */
export async function checkAttemptOutcome(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  options: OutcomeCheckOptions = {},
): Promise<OutcomeCheck> {
  const actor = options.actor ?? { type: 'system' };
  if (isFinalAttemptState(attempt.state)) return { outcome: 'not-needed', attempt };
  if (attempt.mewsPaymentId) {
    return { outcome: 'not-needed', attempt: await refreshAttemptFromMews(ctx, attempt, actor) };
  }
  if (!awaitsOutcome(attempt)) return { outcome: 'not-needed', attempt };

  // The deadline is judged by when this read-back starts: all it reads is at least that recent.
  const startedAt = ctx.now().getTime();
  const deadline = outcomeCheckDeadline(attempt);
  const pastDeadline = options.releaseNow || (deadline !== null && startedAt >= deadline.getTime());
  // Mews counts a window's three months by the calendar (lib/mews/time-window.ts).
  const end = new Date(startedAt + CLOCK_SKEW_MS);
  const payments = await ctx.mews.getPayments({
    accountIds: [attempt.mewsCustomerId],
    createdBetween: {
      start: new Date(
        Math.max(attempt.createdAt.getTime() - CLOCK_SKEW_MS, threeMonthsBefore(end).getTime()),
      ),
      end,
    },
  });
  const { claimed, others } = await ledgerViewOf(ctx, attempt, payments);
  const verdict = verdictOf(
    matchAttempt(attempt, { payments, claimed, others, settings: MATCH_SETTINGS }),
    pastDeadline,
  );

  switch (verdict.action) {
    case 'apply': {
      if (verdict.duplicates.length > 0) {
        ctx.log.error(
          {
            attemptId: attempt.id,
            paymentIds: [verdict.payment, ...verdict.duplicates].map((p) => p.id),
          },
          'Mews has several payments for one attempt',
        );
      }
      const applied = await applyMewsPayment(ctx, attempt, verdict.payment, actor);
      return {
        outcome: 'found',
        attempt: applied,
        paymentId: verdict.payment.id,
        how: verdict.how,
      };
    }
    case 'fail':
      return {
        outcome: 'released',
        attempt: await failAttempt(ctx, attempt, actor, RELEASE_FAILURE_CODE, RELEASE_MESSAGE),
      };
    case 'wait':
      return verdict.ambiguous
        ? { outcome: 'ambiguous', attempt, candidatePaymentIds: verdict.ambiguous }
        : { outcome: 'checking', attempt, checkUntil: deadline };
  }
}

/** The payments the ledger already holds, and the other open attempts that may own the rest. */
async function ledgerViewOf(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  payments: MewsPayment[],
): Promise<{ claimed: Set<string>; others: PaymentAttempt[] }> {
  if (payments.length === 0) return { claimed: new Set(), others: [] };
  const held = await listAttemptsByMewsPaymentIds(
    ctx.db,
    payments.map((payment) => payment.id),
  );
  const others = (await listUnsettledPaymentAttempts(ctx.db, 5_000)).filter(
    (other) =>
      other.id !== attempt.id &&
      other.mewsCustomerId === attempt.mewsCustomerId &&
      awaitsOutcome(other),
  );
  return {
    claimed: new Set(held.map((other) => other.mewsPaymentId as string)),
    others,
  };
}

/**
 * For display paths (the guest's status poll, the pay page): the quick check when the attempt
 * waits for it, falling back to the ledger's state when Mews cannot be read right now.
 */
export async function checkAttemptOutcomeIfPossible(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
): Promise<PaymentAttempt> {
  if (!awaitsOutcome(attempt)) return attempt;
  try {
    return (await checkAttemptOutcome(ctx, attempt)).attempt;
  } catch (error) {
    ctx.log.warn({ err: error, attemptId: attempt.id }, 'Could not check the outcome with Mews');
    return attempt;
  }
}
