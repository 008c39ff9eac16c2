import 'server-only';
import { and, gte, isNotNull, lt, or, inArray } from 'drizzle-orm';
import { findPaymentAttempt, listAttemptsByMewsPaymentIds } from '@/lib/db/payment-attempts';
import { listReconciliationRuns } from '@/lib/db/reconciliation-runs';
import { countWebhookEvents } from '@/lib/db/webhook-events';
import {
  mewsPaymentRequests,
  paymentAttempts,
  ACTIVE_ATTEMPT_STATES,
  type MewsPaymentRequestRow,
  type PaymentAttempt,
  type ReconciliationRun,
} from '@/lib/db/schema';
import {
  MEWS_RATE_LIMIT,
  SlidingWindowRateLimiter,
  splitIntoThreeMonthWindows,
  type MewsPayment,
  type PaymentState,
  type RateLimiter,
} from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { RECONCILER_DEFAULTS } from './reconciler';
import { ATTEMPT_STATE_FOR, isFinalAttemptState } from '@/lib/payments/ledger/state-machine';

/**
 * Where our ledger and Mews disagree, for a manager to look at: payments Mews has that the ledger
 * lacks (a payment carrying one of our attempt markers that no attempt holds, e.g. a second
 * payment for one attempt), ledger payments Mews does not have, states or amounts that differ,
 * attempts that stayed unsettled past the reconciler's horizon, and attempts the reconciler could
 * not tell apart from several charged Mews payments (a person decides).
 */

export interface DriftEntry {
  kind:
    | 'missing_from_ledger'
    | 'missing_from_mews'
    | 'state_differs'
    | 'amount_differs'
    | 'stuck'
    | 'needs_person';
  attemptId: string | null;
  mewsPaymentId: string | null;
  customerId: string | null;
  amountMinor: number | null;
  currency: string | null;
  ledgerState: PaymentAttempt['state'] | null;
  mewsState: PaymentState | null;
  createdAt: string;
  explanation: string;
  /** `needs_person`: the Mews payments that could each be this attempt's. */
  candidatePaymentIds?: string[];
  /** Entries about a Mews payment request (Mews Payments Checkout) rather than a payment. */
  paymentRequestId?: string | null;
}

export interface DriftReport {
  window: { start: string; end: string };
  mewsPaymentsChecked: number;
  ledgerAttemptsChecked: number;
  /** How the window was read from Mews: requests of at most 1000 payments, paced (see below). */
  mewsRead: {
    /** Three-month windows the span was split into (Mews' limit on a filter interval). */
    windows: number;
    pages: number;
    payments: number;
    /** Wall-clock time the report took (mostly reading Mews), pacing included. */
    durationMs: number;
  };
  entries: DriftEntry[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The drift report reads every payment of its window, which on a busy property is many pages. It
 * may use at most a third of the app's Mews budget (MEWS_RATE_LIMIT, itself under Mews' 200
 * requests per 30 s per access token), so guests paying meanwhile never queue behind it.
 */
export const DRIFT_READ_BUDGET = {
  requests: Math.floor(MEWS_RATE_LIMIT.limit / 3),
  windowMs: MEWS_RATE_LIMIT.windowMs,
} as const;

/** Mews' largest page of payments. */
const MEWS_PAGE_SIZE = 1000;
const DRIFT_PACER_KEY = 'drift-report';

export interface DriftReportOptions {
  days?: number;
  /** Payments per Mews request (default 1000, Mews' largest page); smaller in tests. */
  pageSize?: number;
  /** Paces the report's own Mews reads (default: DRIFT_READ_BUDGET); injected in tests. */
  pacer?: RateLimiter;
}

export async function buildDriftReport(
  ctx: PaymentContext,
  options: DriftReportOptions = {},
): Promise<DriftReport> {
  const days = Math.min(Math.max(options.days ?? 7, 1), 89);
  const end = ctx.now();
  const start = new Date(end.getTime() - days * DAY_MS);
  const skew = RECONCILER_DEFAULTS.clockSkewMs;
  const readStartedAt = performance.now();

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
  const read = await readMewsWindow(
    ctx,
    { start: new Date(start.getTime() - skew), end: new Date(end.getTime() + skew) },
    options,
  );
  const mewsPayments = read.payments;
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
          attempt.state === 'verifying' ||
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

  // Mews Payments Checkout: the requests this app made in the window.
  const requestRows = await ctx.db
    .select()
    .from(mewsPaymentRequests)
    .where(and(gte(mewsPaymentRequests.createdAt, start), lt(mewsPaymentRequests.createdAt, end)));
  const ourRequestIds = new Set(
    requestRows.map((row) => row.mewsRequestId).filter((id): id is string => id !== null),
  );
  entries.push(...(await requestDrift(ctx, requestRows, horizon)));

  const held = new Set(ledger.map((attempt) => attempt.mewsPaymentId).filter(Boolean));
  const ourCustomers = new Set(
    ledger.filter((attempt) => attempt.method === 'ideal').map((attempt) => attempt.mewsCustomerId),
  );
  // iDEAL payments carry no marker: one on an account we started iDEAL for may be ours.
  const ours = mewsPayments.filter(
    (payment) =>
      !held.has(payment.id) &&
      (payment.attemptId ||
        // Made in Mews' checkout for one of our requests: the ledger records each of those.
        (payment.paymentRequestId !== null && ourRequestIds.has(payment.paymentRequestId)) ||
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

  const durationMs = Math.round(performance.now() - readStartedAt);
  entries.push(...(await needsPersonEntries(ctx)));

  entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    window: { start: start.toISOString(), end: end.toISOString() },
    mewsPaymentsChecked: mewsPayments.length,
    ledgerAttemptsChecked: ledger.length,
    mewsRead: {
      windows: read.windows,
      pages: read.pages,
      payments: mewsPayments.length,
      durationMs,
    },
    entries,
  };
}

/**
 * Our payment requests whose state Mews reports otherwise (after the reconciler's horizon: it
 * settles them on its own before that), and requests still unconfirmed long after they were sent.
 */
async function requestDrift(
  ctx: PaymentContext,
  rows: MewsPaymentRequestRow[],
  horizon: number,
): Promise<DriftEntry[]> {
  const entries: DriftEntry[] = [];
  const base = (row: MewsPaymentRequestRow) => ({
    attemptId: null,
    mewsPaymentId: null,
    paymentRequestId: row.mewsRequestId,
    customerId: row.mewsCustomerId,
    amountMinor: row.amountMinor,
    currency: row.currency.trim(),
    ledgerState: null,
    mewsState: null,
    createdAt: row.createdAt.toISOString(),
  });
  const settled = rows.filter((row) => row.updatedAt.getTime() < horizon);
  for (const row of settled) {
    if (!row.mewsRequestId && (row.state === 'creating' || row.state === 'unknown')) {
      entries.push({
        ...base(row),
        kind: 'stuck',
        explanation: `Payment request ${row.id} was sent to Mews and never confirmed; Mews has none with its id yet.`,
      });
    }
  }
  const known = settled.filter((row) => row.mewsRequestId);
  if (known.length === 0) return entries;
  const inMews = new Map(
    (
      await ctx.mews.getPaymentRequests({
        paymentRequestIds: known.map((row) => row.mewsRequestId as string),
      })
    ).map((request) => [request.id, request]),
  );
  for (const row of known) {
    const request = inMews.get(row.mewsRequestId as string);
    if (!request) {
      entries.push({
        ...base(row),
        kind: 'missing_from_mews',
        explanation: `Mews does not return payment request ${row.mewsRequestId}.`,
      });
    } else if (request.state !== 'unknown' && request.state !== row.state) {
      entries.push({
        ...base(row),
        kind: row.state === 'pending' ? 'stuck' : 'state_differs',
        explanation: `Mews says payment request ${request.id} is ${request.state}, the ledger says ${row.state}.`,
      });
    }
  }
  return entries;
}

/**
 * Every payment created in the span, page by page: the span is split into windows Mews accepts
 * (three months as Mews counts them; the skew margins make an 89-day report longer than that in
 * some months), and each page waits for the report's share of the rate budget.
 */
async function readMewsWindow(
  ctx: PaymentContext,
  span: { start: Date; end: Date },
  options: DriftReportOptions,
): Promise<{ payments: MewsPayment[]; pages: number; windows: number }> {
  const pacer =
    options.pacer ??
    new SlidingWindowRateLimiter({
      limit: DRIFT_READ_BUDGET.requests,
      windowMs: DRIFT_READ_BUDGET.windowMs,
    });
  const pageSize = options.pageSize ?? MEWS_PAGE_SIZE;
  const windows = splitIntoThreeMonthWindows(span);
  const byId = new Map<string, MewsPayment>();
  let pages = 0;
  for (const window of windows) {
    // A slot before every request: the first, and the next after each full page (a short page
    // is the last, so no slot is spent on a request that is never sent).
    await pacer.acquire(DRIFT_PACER_KEY);
    for await (const page of ctx.mews.scanPayments({ createdBetween: window }, { pageSize })) {
      pages += 1;
      for (const payment of page) if (!byId.has(payment.id)) byId.set(payment.id, payment);
      if (page.length < pageSize) break;
      await pacer.acquire(DRIFT_PACER_KEY);
    }
  }
  return { payments: [...byId.values()], pages, windows: windows.length };
}

/** What the reconciler's run details say about attempts it could not match alone. */
interface RunDetails {
  ambiguous?: Array<{ attemptId?: unknown; candidatePaymentIds?: unknown }>;
}

/**
 * Attempts the latest reconciliation pass left to a person: several charged Mews payments could
 * each be theirs (Notes dropped or cut, same account, card, amount and time). Each pass lists all
 * that are still open, so only the latest finished pass counts; attempts settled since are left out.
 */
async function needsPersonEntries(ctx: PaymentContext): Promise<DriftEntry[]> {
  const runs: ReconciliationRun[] = await listReconciliationRuns(ctx.db, 5);
  const latest = runs.find((run) => run.finishedAt !== null);
  const ambiguous = (latest?.details as RunDetails | null)?.ambiguous ?? [];
  const entries: DriftEntry[] = [];
  const seen = new Set<string>();
  for (const item of ambiguous) {
    if (typeof item.attemptId !== 'string' || seen.has(item.attemptId)) continue;
    seen.add(item.attemptId);
    const attempt = await findPaymentAttempt(ctx.db, item.attemptId);
    if (!attempt || isFinalAttemptState(attempt.state)) continue;
    const candidates = Array.isArray(item.candidatePaymentIds)
      ? item.candidatePaymentIds.filter((id): id is string => typeof id === 'string')
      : [];
    entries.push({
      kind: 'needs_person',
      attemptId: attempt.id,
      mewsPaymentId: null,
      customerId: attempt.mewsCustomerId,
      amountMinor: attempt.amountMinor,
      currency: attempt.currency.trim(),
      ledgerState: attempt.state,
      mewsState: null,
      createdAt: attempt.createdAt.toISOString(),
      explanation: `Needs a person: ${candidates.length} charged Mews payments could each be this attempt's and nothing tells them apart. Check them in Mews, then settle or release the attempt on its payment page.`,
      candidatePaymentIds: candidates,
    });
  }
  return entries;
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
