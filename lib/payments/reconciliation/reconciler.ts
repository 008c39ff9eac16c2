import 'server-only';
import {
  reconcileCheckoutRequests,
  type CheckoutReconciliation,
} from '@/lib/payments/checkout/requests';
import {
  listAttemptsByMewsPaymentIds,
  listUnsettledPaymentAttempts,
} from '@/lib/db/payment-attempts';
import {
  finishReconciliationRun,
  startReconciliationRun,
  type ReconciliationTrigger,
} from '@/lib/db/reconciliation-runs';
import type { PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import { threeMonthsBefore, type MewsPayment } from '@/lib/mews';
import { applyMewsPayment, closeAttempt, failAttempt } from '@/lib/payments/ledger/ledger';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { matchAttempt, verdictOf } from './match-payments';
import {
  CLOCK_SKEW_MS,
  MATCH_SETTINGS,
  OUTCOME_CHECK_WINDOW_MS,
  outcomeCheckDeadline,
  RELEASE_FAILURE_CODE,
  RELEASE_MESSAGE,
} from './outcome-check';
import { processDueWebhookEvents } from './webhooks';

/**
 * Reconciliation: makes the ledger agree with Mews for every attempt whose outcome we do not know
 * for certain (a lost answer, a crash between the Mews call and the ledger update, an iDEAL payer
 * who never came back). Mews is the truth; we only read it, never send a write again:
 *
 * - an attempt with a Mews payment id is read back by id (1000 per request);
 * - one without (the answer never arrived) is searched for by customer account and creation time,
 *   matched on the attempt id we put in `Notes` (charges, external and terminal payments) or in a
 *   refund's `Reason`, and, since Mews may drop or cut those, on account, card, amount, currency,
 *   direction and creation time when exactly one unclaimed payment fits (match-payments.ts);
 *   several that cannot be told apart, one of them charged, go to a person (`ambiguous`);
 * - nothing found once Mews can no longer be processing the request (the quick check's window,
 *   outcome-check.ts) means the write never happened: the attempt fails, and the link opens again;
 * - an attempt still `created` never sent money to Mews (every flow moves to `processing` before
 *   its money write), so when its request is long gone it is abandoned.
 */

export interface ReconcilerSettings {
  /** A `created` attempt older than this belongs to a request that died. */
  abandonCreatedAfterMs: number;
  /**
   * How long after a write's answer was lost we keep looking before concluding Mews never
   * processed it: the quick check's window (see `OUTCOME_CHECK_WINDOW_MS` for why it is enough).
   */
  outcomeHorizonMs: number;
  /** Slack between our clock and Mews' when searching by creation time. */
  clockSkewMs: number;
  /** Attempts looked at per pass. */
  limit: number;
}

export const RECONCILER_DEFAULTS: ReconcilerSettings = {
  abandonCreatedAfterMs: 5 * 60_000,
  outcomeHorizonMs: OUTCOME_CHECK_WINDOW_MS,
  clockSkewMs: CLOCK_SKEW_MS,
  limit: 5_000,
};

export type ReconciliationHow =
  'payment-id' | 'attempt-marker' | 'matched-by-amount' | 'not-in-mews' | 'abandoned';

export interface ReconciliationOutcome {
  attemptId: string;
  method: PaymentAttempt['method'];
  from: PaymentAttemptState;
  to: PaymentAttemptState;
  how: ReconciliationHow;
  mewsPaymentId: string | null;
}

export interface ReconciliationResult {
  runId: string;
  checked: number;
  /** Attempts whose state changed. */
  settled: number;
  errors: number;
  webhookEventsProcessed: number;
  outcomes: ReconciliationOutcome[];
  /** Mews payments carrying one attempt's marker beyond the one the ledger has: double charges. */
  duplicates: Array<{ attemptId: string; mewsPaymentIds: string[] }>;
  /** Attempts with several Mews payments that could be theirs (one charged): a person decides. */
  ambiguous: Array<{ attemptId: string; candidatePaymentIds: string[] }>;
  /** Mews payment requests read back (lib/payments/checkout). */
  checkoutRequests?: CheckoutReconciliation;
}

const SYSTEM: AuditActor = { type: 'system' };

export async function reconcilePayments(
  ctx: PaymentContext,
  options: {
    trigger: ReconciliationTrigger;
    staffId?: string | null;
    settings?: Partial<ReconcilerSettings>;
  },
): Promise<ReconciliationResult> {
  const settings = { ...RECONCILER_DEFAULTS, ...options.settings };
  const run = await startReconciliationRun(ctx.db, options.trigger, options.staffId ?? null);
  const result: ReconciliationResult = {
    runId: run.id,
    checked: 0,
    settled: 0,
    errors: 0,
    webhookEventsProcessed: 0,
    outcomes: [],
    duplicates: [],
    ambiguous: [],
  };

  try {
    result.webhookEventsProcessed = (await processDueWebhookEvents(ctx)).processed;
  } catch (error) {
    result.errors += 1;
    ctx.log.warn({ err: error }, 'Reconciliation: webhook events could not be processed');
  }

  const attempts = await listUnsettledPaymentAttempts(ctx.db, settings.limit);
  result.checked = attempts.length;
  const record = (attempt: PaymentAttempt, after: PaymentAttempt, how: ReconciliationHow) => {
    if (after.state === attempt.state) return;
    result.settled += 1;
    result.outcomes.push({
      attemptId: attempt.id,
      method: attempt.method,
      from: attempt.state,
      to: after.state,
      how,
      mewsPaymentId: after.mewsPaymentId,
    });
  };

  const withId = attempts.filter((attempt) => attempt.mewsPaymentId && attempt.state !== 'created');
  const withoutId = attempts.filter(
    (attempt) => !attempt.mewsPaymentId && attempt.state !== 'created',
  );
  const created = attempts.filter((attempt) => attempt.state === 'created');

  await settleByPaymentId(ctx, withId, record, result);
  await settleBySearch(ctx, withoutId, settings, record, result);
  await abandonCreated(ctx, created, settings, record, result);
  // Mews Payments Checkout: requests in play, payments made in Mews' form, holds still open.
  const requests = await reconcileCheckoutRequests(ctx);
  result.checkoutRequests = requests;
  result.errors += requests.errors;

  await finishReconciliationRun(ctx.db, run.id, {
    checked: result.checked,
    settled: result.settled,
    errors: result.errors,
    webhookEventsProcessed: result.webhookEventsProcessed,
    details: {
      checkoutRequests: result.checkoutRequests,
      outcomes: result.outcomes.slice(0, 200),
      duplicates: result.duplicates,
      ambiguous: result.ambiguous,
    },
  });
  if (result.settled > 0 || result.duplicates.length > 0 || result.ambiguous.length > 0) {
    ctx.log.info(
      {
        runId: run.id,
        trigger: options.trigger,
        checked: result.checked,
        settled: result.settled,
        duplicates: result.duplicates.length,
        ambiguous: result.ambiguous.length,
      },
      'Reconciliation settled attempts',
    );
  }
  return result;
}

type Recorder = (attempt: PaymentAttempt, after: PaymentAttempt, how: ReconciliationHow) => void;

async function settleByPaymentId(
  ctx: PaymentContext,
  attempts: PaymentAttempt[],
  record: Recorder,
  result: ReconciliationResult,
): Promise<void> {
  if (attempts.length === 0) return;
  let payments: MewsPayment[];
  try {
    payments = await ctx.mews.getPayments({
      paymentIds: attempts.map((attempt) => attempt.mewsPaymentId as string),
    });
  } catch (error) {
    result.errors += attempts.length;
    ctx.log.warn(
      { err: error, attempts: attempts.length },
      'Reconciliation: Mews could not be read',
    );
    return;
  }
  const byId = new Map(payments.map((payment) => [payment.id, payment]));
  for (const attempt of attempts) {
    const payment = byId.get(attempt.mewsPaymentId as string);
    if (!payment) {
      // Mews does not know a payment it gave us the id of: leave it for the drift report.
      result.errors += 1;
      ctx.log.error(
        { attemptId: attempt.id, paymentId: attempt.mewsPaymentId },
        'Reconciliation: payment missing in Mews',
      );
      continue;
    }
    try {
      record(attempt, await applyMewsPayment(ctx, attempt, payment, SYSTEM), 'payment-id');
    } catch (error) {
      result.errors += 1;
      ctx.log.warn(
        { err: error, attemptId: attempt.id },
        'Reconciliation: attempt could not be settled',
      );
    }
  }
}

async function settleBySearch(
  ctx: PaymentContext,
  attempts: PaymentAttempt[],
  settings: ReconcilerSettings,
  record: Recorder,
  result: ReconciliationResult,
): Promise<void> {
  if (attempts.length === 0) return;
  const now = ctx.now().getTime();
  const earliest = Math.min(...attempts.map((attempt) => attempt.createdAt.getTime()));
  const end = new Date(now + settings.clockSkewMs);
  // Mews accepts creation windows of at most three calendar months, counted as it counts them.
  const start = Math.max(earliest - settings.clockSkewMs, threeMonthsBefore(end).getTime());
  let payments: MewsPayment[];
  try {
    payments = await ctx.mews.getPayments({
      accountIds: [...new Set(attempts.map((attempt) => attempt.mewsCustomerId))],
      createdBetween: { start: new Date(start), end },
    });
  } catch (error) {
    result.errors += attempts.length;
    ctx.log.warn(
      { err: error, attempts: attempts.length },
      'Reconciliation: Mews could not be searched',
    );
    return;
  }

  const claimed = new Set(
    (
      await listAttemptsByMewsPaymentIds(
        ctx.db,
        payments.map((payment) => payment.id),
      )
    ).map((attempt) => attempt.mewsPaymentId as string),
  );
  const matchSettings = { ...MATCH_SETTINGS, clockSkewMs: settings.clockSkewMs };

  for (const attempt of attempts) {
    try {
      const deadline = outcomeCheckDeadline(attempt, settings.outcomeHorizonMs);
      const verdict = verdictOf(
        matchAttempt(attempt, { payments, claimed, others: attempts, settings: matchSettings }),
        deadline !== null && now >= deadline.getTime(),
      );
      if (verdict.action === 'apply') {
        if (verdict.duplicates.length > 0) {
          const ids = [verdict.payment, ...verdict.duplicates].map((p) => p.id);
          result.duplicates.push({ attemptId: attempt.id, mewsPaymentIds: ids });
          ctx.log.error(
            { attemptId: attempt.id, paymentIds: ids },
            'Mews has several payments for one attempt',
          );
        }
        claimed.add(verdict.payment.id);
        record(attempt, await applyMewsPayment(ctx, attempt, verdict.payment, SYSTEM), verdict.how);
        continue;
      }
      if (verdict.action === 'wait') {
        // Mews has payments that may be this one but cannot be told apart, one of them charged:
        // closing the attempt could hide a charge, pairing could misplace it. A person decides
        // from the drift report; until then the attempt stays open.
        if (verdict.ambiguous)
          result.ambiguous.push({ attemptId: attempt.id, candidatePaymentIds: verdict.ambiguous });
        continue;
      }
      const failed = await failAttempt(ctx, attempt, SYSTEM, RELEASE_FAILURE_CODE, RELEASE_MESSAGE);
      record(attempt, failed, 'not-in-mews');
    } catch (error) {
      result.errors += 1;
      ctx.log.warn(
        { err: error, attemptId: attempt.id },
        'Reconciliation: attempt could not be settled',
      );
    }
  }
}

async function abandonCreated(
  ctx: PaymentContext,
  attempts: PaymentAttempt[],
  settings: ReconcilerSettings,
  record: Recorder,
  result: ReconciliationResult,
): Promise<void> {
  const now = ctx.now().getTime();
  for (const attempt of attempts) {
    if (now - attempt.createdAt.getTime() < settings.abandonCreatedAfterMs) continue;
    try {
      const canceled = await closeAttempt(
        ctx,
        attempt,
        SYSTEM,
        'canceled',
        'abandoned',
        'The request stopped before anything was sent to Mews',
      );
      record(attempt, canceled, 'abandoned');
    } catch (error) {
      result.errors += 1;
      ctx.log.warn(
        { err: error, attemptId: attempt.id },
        'Reconciliation: abandoned attempt could not be closed',
      );
    }
  }
}
