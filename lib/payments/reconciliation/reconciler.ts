import 'server-only';
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
import type { MewsPayment } from '@/lib/mews';
import { applyMewsPayment, closeAttempt, failAttempt } from '@/lib/payments/ledger/ledger';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { processDueWebhookEvents } from './webhooks';

/**
 * Reconciliation: makes the ledger agree with Mews for every attempt whose outcome we do not know
 * for certain (a lost answer, a crash between the Mews call and the ledger update, an iDEAL payer
 * who never came back). Mews is the truth; we only read it, never send a write again:
 *
 * - an attempt with a Mews payment id is read back by id (1000 per request);
 * - one without (the answer never arrived) is searched for by customer account and creation time,
 *   matched on the attempt id we put in `Notes` (charges, external and terminal payments) or in a
 *   refund's `Reason`; iDEAL payments carry no free text, so they are matched on account, amount
 *   and time when exactly one unclaimed payment fits;
 * - nothing found long after the last moment Mews could still have processed the request means the
 *   write never happened: the attempt fails, and the link opens again;
 * - an attempt still `created` never sent money to Mews (every flow moves to `processing` before
 *   its money write), so when its request is long gone it is abandoned.
 */

export interface ReconcilerSettings {
  /** A `created` attempt older than this belongs to a request that died. */
  abandonCreatedAfterMs: number;
  /**
   * How long after a write that never answered we keep looking before concluding Mews never
   * processed it. Far beyond the longest client timeout, so no request can still be in flight.
   */
  outcomeHorizonMs: number;
  /** Slack between our clock and Mews' when searching by creation time. */
  clockSkewMs: number;
  /** Attempts looked at per pass. */
  limit: number;
}

export const RECONCILER_DEFAULTS: ReconcilerSettings = {
  abandonCreatedAfterMs: 5 * 60_000,
  outcomeHorizonMs: 10 * 60_000,
  clockSkewMs: 2 * 60_000,
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
}

const SYSTEM: AuditActor = { type: 'system' };
/** Mews accepts creation windows of at most three months. */
const MAX_WINDOW_MS = 89 * 24 * 60 * 60 * 1000;

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

  await finishReconciliationRun(ctx.db, run.id, {
    checked: result.checked,
    settled: result.settled,
    errors: result.errors,
    webhookEventsProcessed: result.webhookEventsProcessed,
    details: { outcomes: result.outcomes.slice(0, 200), duplicates: result.duplicates },
  });
  if (result.settled > 0 || result.duplicates.length > 0) {
    ctx.log.info(
      {
        runId: run.id,
        trigger: options.trigger,
        checked: result.checked,
        settled: result.settled,
        duplicates: result.duplicates.length,
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

function isCandidateFor(attempt: PaymentAttempt, payment: MewsPayment, skewMs: number): boolean {
  if (payment.accountId !== attempt.mewsCustomerId) return false;
  if (
    payment.amount.amountMinor !== attempt.amountMinor ||
    payment.amount.currency !== attempt.currency.trim()
  )
    return false;
  if (payment.createdAt.getTime() < attempt.createdAt.getTime() - skewMs) return false;
  if (attempt.method === 'ideal')
    return payment.method === 'alternative' && payment.direction === 'incoming';
  if (attempt.method === 'refund') return payment.direction === 'outgoing';
  return false;
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
  const start = Math.max(earliest - settings.clockSkewMs, now - MAX_WINDOW_MS);
  let payments: MewsPayment[];
  try {
    payments = await ctx.mews.getPayments({
      accountIds: [...new Set(attempts.map((attempt) => attempt.mewsCustomerId))],
      createdBetween: { start: new Date(start), end: new Date(now + settings.clockSkewMs) },
    });
  } catch (error) {
    result.errors += attempts.length;
    ctx.log.warn(
      { err: error, attempts: attempts.length },
      'Reconciliation: Mews could not be searched',
    );
    return;
  }

  const marked = new Map<string, MewsPayment[]>();
  for (const payment of payments) {
    if (!payment.attemptId) continue;
    marked.set(payment.attemptId, [...(marked.get(payment.attemptId) ?? []), payment]);
  }
  const claimed = new Set(
    (
      await listAttemptsByMewsPaymentIds(
        ctx.db,
        payments.map((payment) => payment.id),
      )
    ).map((attempt) => attempt.mewsPaymentId),
  );

  for (const attempt of attempts) {
    try {
      const exact = (marked.get(attempt.id) ?? []).sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
      );
      let payment = exact[0];
      let how: ReconciliationHow = 'attempt-marker';
      if (exact.length > 1) {
        result.duplicates.push({ attemptId: attempt.id, mewsPaymentIds: exact.map((p) => p.id) });
        ctx.log.error(
          { attemptId: attempt.id, paymentIds: exact.map((p) => p.id) },
          'Mews has several payments for one attempt',
        );
      }
      let candidates: MewsPayment[] = [];
      if (!payment && (attempt.method === 'ideal' || attempt.method === 'refund')) {
        candidates = payments.filter(
          (candidate) =>
            !candidate.attemptId &&
            !claimed.has(candidate.id) &&
            isCandidateFor(attempt, candidate, settings.clockSkewMs),
        );
        const rivals = attempts.filter(
          (other) =>
            other.id !== attempt.id &&
            candidates.some((candidate) => isCandidateFor(other, candidate, settings.clockSkewMs)),
        );
        // Only an unambiguous fit is taken; anything else waits for a person via the drift report.
        if (candidates.length === 1 && rivals.length === 0) {
          payment = candidates[0];
          how = 'matched-by-amount';
        }
      }
      if (payment) {
        claimed.add(payment.id);
        record(attempt, await applyMewsPayment(ctx, attempt, payment, SYSTEM), how);
        continue;
      }
      if (now - attempt.updatedAt.getTime() < settings.outcomeHorizonMs) continue;
      if (candidates.length > 0) {
        // Mews has payments that may be this one but cannot be told apart. While any may still be
        // charged, or one was, closing the attempt could hide a charge: it stays open and the
        // drift report shows it to a person. Once all of them ended uncharged, whichever was ours
        // charged nothing: pairing by creation order cannot misplace money, the ledger then holds
        // every one of those payments, the attempt closes and the link opens again.
        if (
          !candidates.every(
            (candidate) => candidate.state === 'failed' || candidate.state === 'canceled',
          )
        )
          continue;
        const earliest = [...candidates].sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
        )[0]!;
        claimed.add(earliest.id);
        record(
          attempt,
          await applyMewsPayment(ctx, attempt, earliest, SYSTEM),
          'matched-by-amount',
        );
        continue;
      }
      const failed = await failAttempt(
        ctx,
        attempt,
        SYSTEM,
        'not_received_by_mews',
        'Mews never recorded this payment; nothing was charged.',
      );
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
