import 'server-only';
import { and, gte, isNotNull, lt, or, inArray } from 'drizzle-orm';
import { listAttemptsByMewsPaymentIds } from '@/lib/db/payment-attempts';
import { listReconciliationRuns } from '@/lib/db/reconciliation-runs';
import { countWebhookEvents } from '@/lib/db/webhook-events';
import { paymentAttempts, ACTIVE_ATTEMPT_STATES, type PaymentAttempt } from '@/lib/db/schema';
import type { MewsPayment, PaymentState } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { RECONCILER_DEFAULTS } from './reconciler';
import { ATTEMPT_STATE_FOR } from '@/lib/payments/ledger/state-machine';

/**
 * Where our ledger and Mews disagree, for a manager to look at: payments Mews has that the ledger
 * lacks (a payment carrying one of our attempt markers that no attempt holds, e.g. a second
 * payment for one attempt), ledger payments Mews does not have, states or amounts that differ,
 * and attempts that stayed unsettled past the reconciler's horizon.
 */

export interface DriftEntry {
  kind: 'missing_from_ledger' | 'missing_from_mews' | 'state_differs' | 'amount_differs' | 'stuck';
  attemptId: string | null;
  mewsPaymentId: string | null;
  customerId: string | null;
  amountMinor: number | null;
  currency: string | null;
  ledgerState: PaymentAttempt['state'] | null;
  mewsState: PaymentState | null;
  createdAt: string;
  explanation: string;
}

export interface DriftReport {
  window: { start: string; end: string };
  mewsPaymentsChecked: number;
  ledgerAttemptsChecked: number;
  entries: DriftEntry[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function buildDriftReport(
  ctx: PaymentContext,
  options: { days?: number } = {},
): Promise<DriftReport> {
  const days = Math.min(Math.max(options.days ?? 7, 1), 89);
  const end = ctx.now();
  const start = new Date(end.getTime() - days * DAY_MS);
  const skew = RECONCILER_DEFAULTS.clockSkewMs;

  const ledger = await ctx.db
    .select()
    .from(paymentAttempts)
    .where(
      and(
        gte(paymentAttempts.createdAt, start),
        lt(paymentAttempts.createdAt, end),
        or(
          isNotNull(paymentAttempts.mewsPaymentId),
          inArray(paymentAttempts.state, [...ACTIVE_ATTEMPT_STATES]),
        ),
      ),
    );
  const mewsPayments = await ctx.mews.getPayments({
    createdBetween: {
      start: new Date(start.getTime() - skew),
      end: new Date(end.getTime() + skew),
    },
  });
  const mewsById = new Map(mewsPayments.map((payment) => [payment.id, payment]));
  const entries: DriftEntry[] = [];

  // Ledger payments that fell outside Mews' window (clock skew) are read by id before calling them missing.
  const unseen = ledger.filter(
    (attempt) => attempt.mewsPaymentId && !mewsById.has(attempt.mewsPaymentId),
  );
  if (unseen.length > 0) {
    for (const payment of await ctx.mews.getPayments({
      paymentIds: unseen.map((a) => a.mewsPaymentId as string),
    })) {
      mewsById.set(payment.id, payment);
    }
  }

  const horizon = end.getTime() - RECONCILER_DEFAULTS.outcomeHorizonMs;
  for (const attempt of ledger) {
    const base = {
      attemptId: attempt.id,
      mewsPaymentId: attempt.mewsPaymentId,
      customerId: attempt.mewsCustomerId,
      amountMinor: attempt.amountMinor,
      currency: attempt.currency.trim(),
      ledgerState: attempt.state,
      createdAt: attempt.createdAt.toISOString(),
    };
    if (!attempt.mewsPaymentId) {
      if (
        (ACTIVE_ATTEMPT_STATES as readonly string[]).includes(attempt.state) &&
        attempt.updatedAt.getTime() < horizon
      ) {
        entries.push({
          ...base,
          kind: 'stuck',
          mewsState: null,
          explanation: 'Not settled long after its last change; Mews has no payment for it yet.',
        });
      }
      continue;
    }
    const payment = mewsById.get(attempt.mewsPaymentId);
    if (!payment) {
      entries.push({
        ...base,
        kind: 'missing_from_mews',
        mewsState: null,
        explanation: 'The ledger holds a Mews payment id that Mews does not return.',
      });
      continue;
    }
    const expected = ATTEMPT_STATE_FOR[payment.state];
    if (expected && expected !== attempt.state) {
      entries.push({
        ...base,
        kind:
          attempt.state === 'pending' ||
          attempt.state === 'unknown' ||
          attempt.state === 'processing'
            ? 'stuck'
            : 'state_differs',
        mewsState: payment.state,
        explanation: `Mews says ${payment.state}, the ledger says ${attempt.state}.`,
      });
    } else if (
      payment.amount.amountMinor !== attempt.amountMinor ||
      payment.amount.currency !== attempt.currency.trim()
    ) {
      entries.push({
        ...base,
        kind: 'amount_differs',
        mewsState: payment.state,
        explanation: `Mews has ${payment.amount.amountMinor} ${payment.amount.currency}.`,
      });
    }
  }

  const held = new Set(ledger.map((attempt) => attempt.mewsPaymentId).filter(Boolean));
  const ourCustomers = new Set(
    ledger.filter((attempt) => attempt.method === 'ideal').map((attempt) => attempt.mewsCustomerId),
  );
  // iDEAL payments carry no marker: one on an account we started iDEAL for may be ours.
  const ours = mewsPayments.filter(
    (payment) =>
      !held.has(payment.id) &&
      (payment.attemptId ||
        (payment.method === 'alternative' &&
          payment.direction === 'incoming' &&
          payment.state !== 'failed' &&
          payment.state !== 'canceled' &&
          ourCustomers.has(payment.accountId))),
  );
  const heldElsewhere = new Set(
    (
      await listAttemptsByMewsPaymentIds(
        ctx.db,
        ours.map((payment) => payment.id),
      )
    ).map((a) => a.mewsPaymentId),
  );
  for (const payment of ours) {
    if (heldElsewhere.has(payment.id)) continue;
    entries.push(missingFromLedger(payment));
  }

  entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    window: { start: start.toISOString(), end: end.toISOString() },
    mewsPaymentsChecked: mewsPayments.length,
    ledgerAttemptsChecked: ledger.length,
    entries,
  };
}

function missingFromLedger(payment: MewsPayment): DriftEntry {
  return {
    kind: 'missing_from_ledger',
    attemptId: payment.attemptId,
    mewsPaymentId: payment.id,
    customerId: payment.accountId,
    amountMinor: payment.amount.amountMinor,
    currency: payment.amount.currency,
    ledgerState: null,
    mewsState: payment.state,
    createdAt: payment.createdAt.toISOString(),
    explanation:
      'Mews has a payment made through this checkout that no ledger attempt holds (a second payment for one attempt, or one the reconciler has not matched yet).',
  };
}

export interface ReconciliationOverview {
  runs: Array<{
    id: string;
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    checked: number;
    settled: number;
    errors: number;
    webhookEventsProcessed: number;
  }>;
  webhookEvents: Record<'received' | 'processed' | 'unmatched', number>;
  drift: DriftReport | null;
  /** Why the drift report is missing (Mews could not be read), for the page to say so. */
  driftError: string | null;
}

/** Everything the managers' reconciliation page shows. */
export async function reconciliationOverview(
  ctx: PaymentContext,
  days = 7,
): Promise<ReconciliationOverview> {
  const [runs, webhookEvents] = await Promise.all([
    listReconciliationRuns(ctx.db, 20),
    countWebhookEvents(ctx.db),
  ]);
  let drift: DriftReport | null = null;
  let driftError: string | null = null;
  try {
    drift = await buildDriftReport(ctx, { days });
  } catch (error) {
    ctx.log.warn({ err: error }, 'Drift report could not be built');
    driftError =
      'Mews could not be read just now, so the comparison is missing. Try again in a minute.';
  }
  return {
    runs: runs.map((run) => ({
      id: run.id,
      trigger: run.trigger,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      checked: run.checked,
      settled: run.settled,
      errors: run.errors,
      webhookEventsProcessed: run.webhookEventsProcessed,
    })),
    webhookEvents,
    drift,
    driftError,
  };
}
