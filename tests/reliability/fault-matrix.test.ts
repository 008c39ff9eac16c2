/**
 * The fault matrix of issue 7: every Mews write the app makes, under every fault Mews can show
 * (429 with Retry-After, 500, 408, a timeout before processing, processed-then-dropped), plus a
 * sandbox restart in the middle of a charge, the webhook racing the return page, and duplicate
 * and reordered webhooks. For every case the outcome is measured, not just asserted:
 *
 * - double charges: Mews payments for one ledger attempt beyond the first (found by the attempt
 *   marker in Notes/Reason, by the ledger's payment id, and for iDEAL and refunds by account and
 *   amount), and how often the write itself reached Mews (a write that may have been processed is
 *   never sent again);
 * - missing from ledger: payments the sandbox created during the case that no ledger attempt holds
 *   after reconciliation;
 * - untruthful views: the immediate answer never claims success Mews does not have, nor failure
 *   when Mews charged ("we're confirming" is truthful); after reconciliation the ledger, the
 *   guest's status, the staff detail page and the audit trail all agree with Mews.
 *
 * Counts go to reports/reliability/fault-matrix.json (see support/matrix-report.ts), from which
 * `npm run reliability:report` writes docs/reliability.md. Runs on PGlite, and on PostgreSQL too
 * when TEST_DATABASE_URL is set; the two targets run side by side, each with its own sandbox.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActorFor, type StaffActor } from '@/lib/auth/require-staff';
import { createStaffAccount } from '@/lib/auth/staff-accounts';
import { findPaymentAttempt, listAttemptsByMewsPaymentIds } from '@/lib/db/payment-attempts';
import type { PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import { listAudit } from '@/lib/db/staff-ledger';
import {
  createMewsClient,
  SlidingWindowRateLimiter,
  type MewsPayment as AppMewsPayment,
} from '@/lib/mews';
import { attemptIdFromNotes } from '@/lib/mews/mappers';
import type { PaymentContext } from '@/lib/server/context';
import { recordExternalPayment } from '@/lib/payments/staff/external-payment';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { guestCardPaymentSchema } from '@/lib/payments/guest/schemas';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { listPayments, paymentDetail } from '@/lib/payments/back-office/overview';
import { reconcilePayments, type ReconciliationResult } from '@/lib/payments/reconciliation/reconciler';
import { applyMewsPayment } from '@/lib/payments/ledger/ledger';
import { refundPayment } from '@/lib/payments/staff/refund';
import { staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import { externalPaymentSchema, refundSchema, storedCardChargeSchema, terminalCardPaymentSchema } from '@/lib/payments/staff/schemas';
import { recordTerminalCardPayment } from '@/lib/payments/staff/terminal-card-payment';
import { processDueWebhookEvents, receiveMewsWebhook } from '@/lib/payments/reconciliation/webhooks';
import type { FaultSpec } from '@/sandbox/faults';
import type { MewsPayment as SandboxPayment } from '@/sandbox/state';
import {
  CARDS,
  SANDBOX_TOKENS,
  SEED,
  startTestSandbox,
  type TestSandbox,
} from '../support/sandbox';
import { testDatabaseTargets, type TestDatabase } from '../support/test-database';
import { MatrixRecorder } from './support/matrix-report';

const RUNS = 3;
const WEBHOOK_RUNS = 3;
/** Client timeout of the write under a timeout fault: short, so the case costs a second, not forty. */
const WRITE_TIMEOUT_MS = 1_000;
/** The sandbox hangs longer than the client waits, so the client's own timeout fires. */
const HANG_MS = 1_500;
const PAST_HORIZON_MS = 11 * 60_000;
const WEBHOOK_SECRET = 'fault-matrix-webhook-secret-0123456789';
const THRESHOLD = 100_000;
const { alice, dan } = SEED.customers;
const GROSS = SEED.enterprises.gross;

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const recorder = new MatrixRecorder('fault-matrix');

afterAll(() => {
  recorder.flush();
});

// --- the matrix ----------------------------------------------------------------------------------

type Flow =
  | 'guest-card'
  | 'guest-ideal'
  | 'staff-stored-card'
  | 'staff-external'
  | 'staff-terminal'
  | 'staff-refund';

interface WriteCase {
  operation: string;
  flow: Flow;
  label: string;
}

const WRITES: WriteCase[] = [
  {
    operation: 'creditCards/addTokenized',
    flow: 'guest-card',
    label: 'creditCards/addTokenized (guest, new card)',
  },
  {
    operation: 'creditCards/charge',
    flow: 'guest-card',
    label: 'creditCards/charge (guest, new card)',
  },
  {
    operation: 'creditCards/charge',
    flow: 'staff-stored-card',
    label: 'creditCards/charge (staff, stored card)',
  },
  {
    operation: 'payments/addAlternative',
    flow: 'guest-ideal',
    label: 'payments/addAlternative (guest, iDEAL)',
  },
  {
    operation: 'payments/addExternal',
    flow: 'staff-external',
    label: 'payments/addExternal (staff, cash)',
  },
  {
    operation: 'payments/addCreditCard',
    flow: 'staff-terminal',
    label: 'payments/addCreditCard (staff, terminal)',
  },
  {
    operation: 'payments/refund',
    flow: 'staff-refund',
    label: 'payments/refund (staff, full refund)',
  },
];

interface FaultCase {
  label: string;
  spec: Omit<FaultSpec, 'operation'>;
}

const FAULTS: FaultCase[] = [
  { label: '429 + Retry-After 1 s', spec: { kind: '429', retryAfterSeconds: 1, count: 1 } },
  { label: '500', spec: { kind: '500', count: 1 } },
  { label: '408', spec: { kind: '408', count: 1 } },
  {
    label: 'timeout before processing',
    spec: { kind: 'timeout-before-processing', timeoutMs: HANG_MS, count: 1 },
  },
  { label: 'processed, answer dropped', spec: { kind: 'drop-after-processing', count: 1 } },
];

// --- per-target harness --------------------------------------------------------------------------

interface Harness {
  label: string;
  sandbox: TestSandbox;
  port: number;
  dataDir: string;
  database: TestDatabase;
  ctx: PaymentContext;
  limiter: SlidingWindowRateLimiter;
  manager: StaffActor;
  storedCardId: string;
  amountSeq: number;
  addressSeq: number;
}

/**
 * A Mews client on the harness's sandbox. Only the operation under a timeout fault gets a short
 * timeout (so the case costs a second, not forty); every other call keeps the app's own timeouts,
 * so a busy CI machine does not turn a slow answer into a spurious "unknown".
 */
function mewsClientFor(
  h: Pick<Harness, 'sandbox' | 'limiter'>,
  timeouts: Partial<Record<string, number>> = {},
) {
  return createMewsClient({
    platformUrl: h.sandbox.url,
    clientToken: SANDBOX_TOKENS.clientToken,
    accessToken: SANDBOX_TOKENS.gross,
    clientName: 'Mews Checkout fault matrix',
    version: '0.0.0',
    limiter: h.limiter,
    timeouts: timeouts as Parameters<typeof createMewsClient>[0]['timeouts'],
  });
}

const SANDBOX_OPTIONS = { rateLimit: { limit: 1_000_000 } } as const;

async function openHarness(label: string, open: () => Promise<TestDatabase>): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mews-fault-matrix-'));
  const sandbox = await startTestSandbox({ ...SANDBOX_OPTIONS, dataDir });
  const database = await open();
  // The matrix sends far more than Mews' 200 requests / 30 s; pacing is not what is measured here.
  const limiter = new SlidingWindowRateLimiter({ limit: 1_000_000 });
  const ctx: PaymentContext = {
    db: database.db,
    mews: mewsClientFor({ sandbox, limiter }),
    appUrl: 'http://localhost:3999',
    now: () => new Date(),
    log: silentLog,
  };
  const account = await createStaffAccount(
    ctx,
    {
      email: `matrix.manager.${label.toLowerCase()}@hotel.test`,
      name: 'Matrix',
      role: 'manager',
      password: 'matrix manager password',
    },
    { type: 'system' },
  );
  const manager = await staffActorFor(ctx, account.id, 'manager');
  const tokenized = await sandbox.control.tokenize({
    cardNumber: CARDS.visaCharged,
    merchantId: GROSS.publicKey,
  });
  const { creditCardId } = await ctx.mews.addTokenizedCard({
    customerId: dan.id,
    transactionId: tokenized.transactionId,
    expiration: { year: 2030, month: 12 },
  });
  return {
    label,
    sandbox,
    port: Number(new URL(sandbox.url).port),
    dataDir,
    database,
    ctx,
    limiter,
    manager,
    storedCardId: creditCardId,
    amountSeq: 0,
    addressSeq: 0,
  };
}

/** A distinct amount per run, so matching by account and amount (iDEAL, refunds) is unambiguous. */
function nextAmountMinor(h: Harness): number {
  h.amountSeq += 1;
  return 1_000 + h.amountSeq * 7;
}

/** A distinct client address per run, so the card-testing limit (per address) never interferes. */
function nextAddress(h: Harness): string {
  h.addressSeq += 1;
  return `198.18.${Math.floor(h.addressSeq / 250)}.${(h.addressSeq % 250) + 1}`;
}

function shifted(ctx: PaymentContext, offsetMs: number): PaymentContext {
  return { ...ctx, now: () => new Date(Date.now() + offsetMs) };
}

function sandboxPayments(h: Harness): SandboxPayment[] {
  return h.sandbox.runtime.store.state.payments.map((record) => ({ ...record.payment }));
}

function money(amountMinor: number): string {
  return (amountMinor / 100).toFixed(2);
}

// --- flows ---------------------------------------------------------------------------------------

interface FlowStart {
  attemptId: string;
  method: PaymentAttempt['method'];
  customerId: string;
  amountMinor: number;
  currency: string;
  /** Guest flows: the link token, for the status the guest's page polls. */
  token: string | null;
  /** What the guest or staff member was told the moment the request returned. */
  immediate: PaymentAttemptState;
  /** iDEAL: the bank page the guest was sent to, if the start got that far. */
  redirectUrl: string | null;
  /** Refunds: the refunded charge, which must stay succeeded. */
  originalAttemptId: string | null;
  /** Kind of Mews payment that belongs to the attempt when no marker is there (iDEAL, refunds). */
  matchBy: 'marker' | 'ideal' | 'refund';
}

interface Prepared {
  amountMinor: number;
  token?: string;
  transactionId?: string;
  maskedCard?: string;
  brand?: string;
  originalAttemptId?: string;
}

async function prepareFlow(h: Harness, flow: Flow): Promise<Prepared> {
  const amountMinor = nextAmountMinor(h);
  switch (flow) {
    case 'guest-card': {
      const { token } = await createPaymentLink(
        h.ctx,
        { customerId: alice.id, amountMinor, currency: 'GBP', description: 'Fault matrix deposit' },
        { via: 'cli', actor: { type: 'system' } },
      );
      const tokenized = await h.sandbox.control.tokenize({
        cardNumber: CARDS.visaCharged,
        merchantId: GROSS.publicKey,
      });
      return {
        amountMinor,
        token,
        transactionId: tokenized.transactionId,
        maskedCard: tokenized.maskedCard,
        brand: tokenized.cardInfo.brand,
      };
    }
    case 'guest-ideal': {
      const { token } = await createPaymentLink(
        h.ctx,
        {
          customerId: alice.id,
          amountMinor,
          currency: 'EUR',
          description: 'Fault matrix iDEAL deposit',
        },
        { via: 'cli', actor: { type: 'system' } },
      );
      return { amountMinor, token };
    }
    case 'staff-refund': {
      const original = await staffChargeStoredCard(
        h.ctx,
        storedCardChargeSchema.parse({
          idempotencyKey: randomUUID(),
          customerId: dan.id,
          creditCardId: h.storedCardId,
          amount: money(amountMinor),
          currency: 'GBP',
          confirmed: true,
        }),
        h.manager,
        null,
        THRESHOLD,
      );
      expect(original.state).toBe('succeeded');
      return { amountMinor, originalAttemptId: original.attemptId };
    }
    default:
      return { amountMinor };
  }
}

async function runFlow(
  h: Harness,
  flow: Flow,
  prepared: Prepared,
  ctx: PaymentContext = h.ctx,
): Promise<FlowStart> {
  const base = {
    amountMinor: prepared.amountMinor,
    redirectUrl: null,
    originalAttemptId: null,
    token: null,
  };
  switch (flow) {
    case 'guest-card': {
      const status = await payLinkWithCard(
        ctx,
        guestCardPaymentSchema.parse({
          token: prepared.token,
          idempotencyKey: randomUUID(),
          cardholderName: 'Alice Smith',
          expiry: '12/30',
          card: {
            transactionId: prepared.transactionId,
            maskedCard: prepared.maskedCard,
            brand: prepared.brand,
          },
        }),
        nextAddress(h),
      );
      return {
        ...base,
        attemptId: status.attemptId,
        method: 'card',
        customerId: alice.id,
        currency: 'GBP',
        token: prepared.token!,
        immediate: status.state,
        matchBy: 'marker',
      };
    }
    case 'guest-ideal': {
      const status = await payLinkWithIdeal(
        ctx,
        { token: prepared.token!, idempotencyKey: randomUUID() },
        nextAddress(h),
      );
      return {
        ...base,
        attemptId: status.attemptId,
        method: 'ideal',
        customerId: alice.id,
        currency: 'EUR',
        token: prepared.token!,
        immediate: status.state,
        redirectUrl: status.redirectUrl,
        matchBy: 'ideal',
      };
    }
    case 'staff-stored-card': {
      const result = await staffChargeStoredCard(
        ctx,
        storedCardChargeSchema.parse({
          idempotencyKey: randomUUID(),
          customerId: dan.id,
          creditCardId: h.storedCardId,
          amount: money(prepared.amountMinor),
          currency: 'GBP',
          confirmed: true,
        }),
        h.manager,
        nextAddress(h),
        THRESHOLD,
      );
      return {
        ...base,
        attemptId: result.attemptId,
        method: 'stored_card',
        customerId: dan.id,
        currency: 'GBP',
        immediate: result.state,
        matchBy: 'marker',
      };
    }
    case 'staff-external': {
      const result = await recordExternalPayment(
        ctx,
        externalPaymentSchema.parse({
          idempotencyKey: randomUUID(),
          customerId: dan.id,
          amount: money(prepared.amountMinor),
          currency: 'GBP',
          type: 'Cash',
          externalIdentifier: `TILL-${prepared.amountMinor}`,
        }),
        h.manager,
        nextAddress(h),
      );
      return {
        ...base,
        attemptId: result.attemptId,
        method: 'external',
        customerId: dan.id,
        currency: 'GBP',
        immediate: result.state,
        matchBy: 'marker',
      };
    }
    case 'staff-terminal': {
      const result = await recordTerminalCardPayment(
        ctx,
        terminalCardPaymentSchema.parse({
          idempotencyKey: randomUUID(),
          customerId: dan.id,
          amount: money(prepared.amountMinor),
          currency: 'GBP',
          brand: 'Visa',
          obfuscatedNumber: '411111******1111',
          expiry: '09/2029',
          holderName: 'Dan Walker',
          receiptIdentifier: `RCPT-${prepared.amountMinor}`,
        }),
        h.manager,
        nextAddress(h),
      );
      return {
        ...base,
        attemptId: result.attemptId,
        method: 'terminal_card',
        customerId: dan.id,
        currency: 'GBP',
        immediate: result.state,
        matchBy: 'marker',
      };
    }
    case 'staff-refund': {
      const result = await refundPayment(
        ctx,
        refundSchema.parse({
          idempotencyKey: randomUUID(),
          attemptId: prepared.originalAttemptId,
          reason: 'Fault matrix refund',
        }),
        h.manager,
        nextAddress(h),
      );
      return {
        ...base,
        attemptId: result.attemptId,
        method: 'refund',
        customerId: dan.id,
        currency: 'GBP',
        immediate: result.state,
        originalAttemptId: prepared.originalAttemptId!,
        matchBy: 'refund',
      };
    }
  }
}

// --- measuring -----------------------------------------------------------------------------------

const STATE_FOR: Record<string, PaymentAttemptState> = {
  Charged: 'succeeded',
  Failed: 'failed',
  Canceled: 'canceled',
  Pending: 'pending',
  Verifying: 'pending',
};

/** The Mews payments that belong to an attempt, by every means we have. */
async function paymentsOfAttempt(
  h: Harness,
  start: FlowStart,
  candidates: SandboxPayment[],
): Promise<SandboxPayment[]> {
  const attempt = await findPaymentAttempt(h.ctx.db, start.attemptId);
  const claimedByOthers = new Set(
    (
      await listAttemptsByMewsPaymentIds(
        h.ctx.db,
        candidates.map((p) => p.Id),
      )
    )
      .filter((other) => other.id !== start.attemptId)
      .map((other) => other.mewsPaymentId),
  );
  return candidates.filter((p) => {
    if (attemptIdFromNotes(p.Notes) === start.attemptId) return true;
    if (attempt?.mewsPaymentId && p.Id === attempt.mewsPaymentId) return true;
    if (claimedByOthers.has(p.Id) || attemptIdFromNotes(p.Notes)) return false;
    const sameMoney =
      p.AccountId === start.customerId &&
      Math.abs(Math.round(p.Amount.GrossValue * 100)) === start.amountMinor &&
      p.Amount.Currency === start.currency;
    if (start.matchBy === 'ideal')
      return sameMoney && p.Type === 'AlternativePayment' && p.Kind !== 'Refund';
    if (start.matchBy === 'refund') return sameMoney && p.Kind === 'Refund';
    return false;
  });
}

/**
 * May a view show `shown` while Mews has `payments` for the attempt? Success needs a charged
 * payment; failure needs no payment that is or may become charged; "pending" needs a pending one;
 * the in-between states ("we're confirming") are always truthful.
 */
function claimIsTruthful(shown: PaymentAttemptState, payments: SandboxPayment[]): boolean {
  const states = payments.map((p) => p.State as string);
  switch (shown) {
    case 'succeeded':
      return states.includes('Charged');
    case 'failed':
    case 'canceled':
      return !states.some((s) => s === 'Charged' || s === 'Pending' || s === 'Verifying');
    case 'pending':
      return states.some((s) => s === 'Pending' || s === 'Verifying');
    default:
      return true;
  }
}

/** What the ledger must say once reconciled: Mews' state, or failed/canceled when Mews has none. */
function settledStates(payments: SandboxPayment[]): PaymentAttemptState[] {
  if (payments.length === 0) return ['failed', 'canceled'];
  return [...new Set(payments.map((p) => STATE_FOR[p.State as string] ?? 'unknown'))];
}

/** How the staff detail page names Mews' state (`lib/mews` lower-cases it). */
const MEWS_VIEW_STATE: Record<string, string> = {
  Charged: 'charged',
  Failed: 'failed',
  Canceled: 'canceled',
  Pending: 'pending',
  Verifying: 'verifying',
};

function linkStateFor(state: PaymentAttemptState): string {
  if (state === 'succeeded') return 'paid';
  if (state === 'failed' || state === 'canceled') return 'open';
  return 'processing';
}

const FINAL_SUFFIXES = ['.succeeded', '.failed', '.canceled'];

async function finalAuditEvents(h: Harness, attemptId: string) {
  return (await listAudit(h.ctx.db, { subjectId: attemptId })).filter((event) =>
    FINAL_SUFFIXES.some((suffix) => event.action.endsWith(suffix)),
  );
}

interface RunMeasure {
  doubleCharges: number;
  missingFromLedger: number;
  problems: string[];
  finalState: PaymentAttemptState;
  immediate: PaymentAttemptState;
  afterFirstPass: PaymentAttemptState;
  writesSent: number;
  writesRefused: number;
  settledHow: string | null;
  /** Cards Mews stored during the run (a guest card flow stores one; a lost answer leaves it unused). */
  cardsStored: number;
}

/**
 * Checks the views of one attempt after reconciliation: ledger, guest status, staff detail and
 * audit trail against Mews. Returns what disagreed.
 */
async function checkSettledViews(
  h: Harness,
  start: FlowStart,
  mine: SandboxPayment[],
): Promise<string[]> {
  const problems: string[] = [];
  const expected = settledStates(mine);
  const attempt = await findPaymentAttempt(h.ctx.db, start.attemptId);
  if (!attempt || !expected.includes(attempt.state)) {
    problems.push(
      `ledger says ${attempt?.state} but Mews says ${mine.map((p) => p.State).join('+') || 'nothing'}`,
    );
  }
  if (start.token) {
    const status = await getLinkPaymentStatus(h.ctx, start.token);
    const shown = status?.attempt;
    if (!shown || shown.attemptId !== start.attemptId || !expected.includes(shown.state)) {
      problems.push(
        `guest sees ${shown?.state ?? 'nothing'} but Mews says ${mine.map((p) => p.State).join('+') || 'nothing'}`,
      );
    } else if (status.linkState !== linkStateFor(shown.state)) {
      problems.push(`guest link is ${status.linkState} with a ${shown.state} payment`);
    }
  }
  const detail = await paymentDetail(h.ctx, start.attemptId);
  if (!expected.includes(detail.payment.state))
    problems.push(`staff detail says ${detail.payment.state}`);
  if (detail.payment.needsAttention)
    problems.push('staff detail still flags the payment for attention');
  const mewsState = mine[0] ? MEWS_VIEW_STATE[mine[0].State as string] : undefined;
  if (mewsState && detail.mews?.state !== mewsState) {
    problems.push(
      `staff detail shows Mews state ${detail.mews?.state ?? 'nothing'}, Mews says ${mine[0]!.State}`,
    );
  }
  const row = (
    await listPayments(h.ctx, { customerId: start.customerId, method: start.method })
  ).find((candidate) => candidate.id === start.attemptId);
  if (!row || !expected.includes(row.state) || row.needsAttention) {
    problems.push(
      `payments list shows ${row?.state ?? 'nothing'}${row?.needsAttention ? ' (needs attention)' : ''}`,
    );
  }
  if (start.originalAttemptId) {
    const original = await paymentDetail(h.ctx, start.originalAttemptId);
    if (original.payment.state !== 'succeeded')
      problems.push(`refunded charge moved to ${original.payment.state}`);
    const refundRow = original.refunds.find((refund) => refund.id === start.attemptId);
    if (!refundRow || !expected.includes(refundRow.state))
      problems.push(`refunded charge lists the refund as ${refundRow?.state ?? 'missing'}`);
  }
  const finals = await finalAuditEvents(h, start.attemptId);
  if (finals.length !== 1)
    problems.push(
      `${finals.length} final audit events (${finals.map((e) => e.action).join(', ')})`,
    );
  return problems;
}

async function measureWriteRun(
  h: Harness,
  write: WriteCase,
  fault: FaultCase,
): Promise<RunMeasure> {
  await h.sandbox.control.clearFaults();
  const prepared = await prepareFlow(h, write.flow);
  const before = new Set(sandboxPayments(h).map((p) => p.Id));
  const cardsBefore = h.sandbox.runtime.store.state.creditCards.length;
  await h.sandbox.control.clearRequests();
  await h.sandbox.control.addFault({ operation: write.operation, ...fault.spec });

  const timeouts =
    fault.spec.kind === 'timeout-before-processing' ? { [write.operation]: WRITE_TIMEOUT_MS } : {};
  const start = await runFlow(h, write.flow, prepared, {
    ...h.ctx,
    mews: mewsClientFor(h, timeouts),
  });
  const problems: string[] = [];
  const newPayments = () => sandboxPayments(h).filter((p) => !before.has(p.Id));

  // What the guest or staff member saw at once, and what their page shows right after.
  let mine = await paymentsOfAttempt(h, start, newPayments());
  if (!claimIsTruthful(start.immediate, mine))
    problems.push(
      `answered ${start.immediate} while Mews has ${mine.map((p) => p.State).join('+') || 'nothing'}`,
    );
  if (start.token) {
    const status = await getLinkPaymentStatus(h.ctx, start.token);
    const shown = status?.attempt?.state ?? 'created';
    if (!claimIsTruthful(shown, mine)) problems.push(`guest page showed ${shown} at once`);
  } else {
    const detail = await paymentDetail(h.ctx, start.attemptId);
    if (!claimIsTruthful(detail.payment.state, mine))
      problems.push(`staff page showed ${detail.payment.state} at once`);
  }

  // Reconcile now: whatever Mews has is found; what it lacks stays "confirming" until the horizon.
  const firstPass = await reconcilePayments(h.ctx, { trigger: 'test' });
  const afterFirst = (await findPaymentAttempt(h.ctx.db, start.attemptId))!;
  mine = await paymentsOfAttempt(h, start, newPayments());
  if (!claimIsTruthful(afterFirst.state, mine))
    problems.push(`first reconciliation left ${afterFirst.state}`);
  if (mine.length > 0 && !settledStates(mine).includes(afterFirst.state)) {
    problems.push(
      `first reconciliation did not find Mews' ${mine[0]!.State} payment (ledger: ${afterFirst.state})`,
    );
  }

  // iDEAL: a guest who reached the bank approves; one who never got the bank page cannot, and the
  // payment expires (simulated by the bank's cancel, the state Mews' expiry leaves).
  if (write.flow === 'guest-ideal') {
    const pending = mine.find((p) => p.State === 'Pending');
    if (pending)
      await h.sandbox.control.completeIdeal(pending.Id, start.redirectUrl ? 'approve' : 'cancel');
    const returned = await getLinkPaymentStatus(h.ctx, start.token!);
    mine = await paymentsOfAttempt(h, start, newPayments());
    if (!claimIsTruthful(returned?.attempt?.state ?? 'created', mine))
      problems.push(`return page showed ${returned?.attempt?.state}`);
  }

  // Reconcile long after: nothing can be in flight any more, so every attempt is final.
  const secondPass = await reconcilePayments(shifted(h.ctx, PAST_HORIZON_MS), { trigger: 'test' });
  const created = newPayments();
  mine = await paymentsOfAttempt(h, start, created);
  problems.push(...(await checkSettledViews(h, start, mine)));
  const final = (await findPaymentAttempt(h.ctx.db, start.attemptId))!;

  for (const pass of [firstPass, secondPass]) {
    const duplicate = pass.duplicates.find((d) => d.attemptId === start.attemptId);
    if (duplicate)
      problems.push(`reconciler found ${duplicate.mewsPaymentIds.length} payments for one attempt`);
  }
  const held = new Set(
    (
      await listAttemptsByMewsPaymentIds(
        h.ctx.db,
        created.map((p) => p.Id),
      )
    ).map((a) => a.mewsPaymentId),
  );
  const requests = await h.sandbox.control.requests(write.operation);
  const refused = requests.filter((r) => r.status === 429).length;
  const how =
    [...firstPass.outcomes, ...secondPass.outcomes].find(
      (o: ReconciliationResult['outcomes'][number]) => o.attemptId === start.attemptId,
    )?.how ?? null;
  return {
    doubleCharges: Math.max(0, mine.length - 1),
    missingFromLedger: created.filter((p) => !held.has(p.Id)).length,
    problems,
    finalState: final.state,
    immediate: start.immediate,
    afterFirstPass: afterFirst.state,
    writesSent: requests.length - refused,
    writesRefused: refused,
    settledHow: how,
    cardsStored: h.sandbox.runtime.store.state.creditCards.length - cardsBefore,
  };
}

function tally<T extends string>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function describeTally(values: string[]): string {
  return Object.entries(tally(values))
    .map(([value, count]) => `${value}×${count}`)
    .join(', ');
}

// --- webhooks ------------------------------------------------------------------------------------

function webhookMessage(...paymentIds: string[]) {
  return JSON.stringify({
    EnterpriseId: GROSS.id,
    IntegrationId: randomUUID(),
    Events: paymentIds.map((id) => ({ Discriminator: 'PaymentUpdated', Value: { Id: id } })),
  });
}

async function receive(h: Harness, body: string, ctx: PaymentContext = h.ctx) {
  const receipt = await receiveMewsWebhook(async () => ctx, {
    configuredSecret: WEBHOOK_SECRET,
    providedSecret: WEBHOOK_SECRET,
    contentType: 'application/json',
    body,
  });
  expect(receipt.status).toBe(202);
  return receipt;
}

/** Mews delivers, we store, then process: the route's two steps. */
async function deliverWebhook(h: Harness, paymentId: string, ctx: PaymentContext = h.ctx) {
  const receipt = await receive(h, webhookMessage(paymentId), ctx);
  return processDueWebhookEvents(ctx, receipt.storedEventIds);
}

const STATE_RANK: Record<PaymentAttemptState, number> = {
  created: 0,
  processing: 1,
  unknown: 1,
  pending: 2,
  succeeded: 3,
  failed: 3,
  canceled: 3,
};

/** Follows one attempt's ledger state through a scenario and reports any step backwards. */
function stateTrail(h: Harness, attemptId: string) {
  const seen: PaymentAttemptState[] = [];
  return {
    seen,
    async sample(): Promise<PaymentAttemptState> {
      const state = (await findPaymentAttempt(h.ctx.db, attemptId))!.state;
      seen.push(state);
      return state;
    },
    /** A later sample ranked lower, or a final state that changed into another one. */
    backwards(): boolean {
      return seen.some((state, index) => {
        if (index === 0) return false;
        const previous = seen[index - 1]!;
        return (
          STATE_RANK[state] < STATE_RANK[previous] ||
          (STATE_RANK[previous] === 3 && state !== previous)
        );
      });
    },
  };
}

interface ScenarioMeasure {
  doubleCharges: number;
  missingFromLedger: number;
  problems: string[];
  finalState: PaymentAttemptState;
}

/** Common end of a webhook scenario: one payment, held by the ledger, views agree, one final audit. */
async function measureScenario(
  h: Harness,
  start: FlowStart,
  before: Set<string>,
  trail: ReturnType<typeof stateTrail>,
  problems: string[],
): Promise<ScenarioMeasure> {
  const created = sandboxPayments(h).filter((p) => !before.has(p.Id));
  const mine = await paymentsOfAttempt(h, start, created);
  problems.push(...(await checkSettledViews(h, start, mine)));
  await trail.sample();
  if (trail.backwards()) problems.push(`state went backwards: ${trail.seen.join(' → ')}`);
  const succeeded = (await listAudit(h.ctx.db, { subjectId: start.attemptId })).filter((e) =>
    e.action.endsWith('.succeeded'),
  );
  if (mine.some((p) => p.State === 'Charged') && succeeded.length !== 1)
    problems.push(`${succeeded.length} 'succeeded' audit events`);
  const held = new Set(
    (
      await listAttemptsByMewsPaymentIds(
        h.ctx.db,
        created.map((p) => p.Id),
      )
    ).map((a) => a.mewsPaymentId),
  );
  return {
    doubleCharges: Math.max(0, mine.length - 1),
    missingFromLedger: created.filter((p) => !held.has(p.Id)).length,
    problems,
    finalState: (await findPaymentAttempt(h.ctx.db, start.attemptId))!.state,
  };
}

async function startIdeal(h: Harness) {
  const prepared = await prepareFlow(h, 'guest-ideal');
  const before = new Set(sandboxPayments(h).map((p) => p.Id));
  const start = await runFlow(h, 'guest-ideal', prepared);
  expect(start.immediate).toBe('pending');
  const attempt = (await findPaymentAttempt(h.ctx.db, start.attemptId))!;
  return { start, before, paymentId: attempt.mewsPaymentId! };
}

function recordScenarios(
  group: string,
  name: string,
  runs: ScenarioMeasure[],
  notes: string,
  outcomes: Record<string, number> = tally(runs.map((r) => r.finalState)),
): void {
  const entry = {
    group,
    name,
    runs: runs.length,
    doubleCharges: runs.reduce((sum, r) => sum + r.doubleCharges, 0),
    missingFromLedger: runs.reduce((sum, r) => sum + r.missingFromLedger, 0),
    untruthfulViews: runs.filter((r) => r.problems.length > 0).length,
    outcomes,
    notes: [notes, ...new Set(runs.flatMap((r) => r.problems))].join('; '),
  };
  recorder.record(entry);
  expect(entry.doubleCharges, `${name}: double charges`).toBe(0);
  expect(entry.missingFromLedger, `${name}: payments missing from the ledger`).toBe(0);
  expect(
    runs.flatMap((r) => r.problems),
    `${name}: untruthful views`,
  ).toEqual([]);
}

// --- the suites ----------------------------------------------------------------------------------

let harnessesOpening: Promise<void> = Promise.resolve();

// The targets run side by side (each with its own sandbox and database); cases within one target
// run one after another, because faults and the reconciler act on the whole sandbox and ledger.
describe.concurrent.each(testDatabaseTargets)('fault matrix on $label', ({ label, open }) => {
  describe.sequential('one case after another', () => {
    const h = {} as Harness;
    const writesGroup = `Writes under Mews faults (${label})`;
    const restartGroup = `Sandbox restart mid-flow (${label})`;
    const webhookGroup = `Webhooks, return page and reordering (${label})`;

    beforeAll(async () => {
      // One harness at a time: PGlite's migrations run in this process and hold the event loop
      // long enough for a PostgreSQL connection opened meanwhile to time out.
      const opened = harnessesOpening.then(() => openHarness(label, open));
      harnessesOpening = opened.then(
        () => undefined,
        () => undefined,
      );
      Object.assign(h, await opened);
    });

    afterAll(async () => {
      await h.sandbox?.stop();
      await h.database?.close();
      if (h.dataDir) rmSync(h.dataDir, { recursive: true, force: true });
    });

    for (const write of WRITES) {
      for (const fault of FAULTS) {
        const name = `${write.label} × ${fault.label}`;
        it(name, async () => {
          const runs: RunMeasure[] = [];
          for (let run = 0; run < RUNS; run++) runs.push(await measureWriteRun(h, write, fault));
          const sent = [
            ...new Set(
              runs.map((r) =>
                r.writesRefused > 0
                  ? `${r.writesRefused} refused (429) then ${r.writesSent} sent`
                  : `${r.writesSent} sent`,
              ),
            ),
          ];
          const hows = runs.map((r) => r.settledHow).filter((how): how is string => how !== null);
          const entry = {
            group: writesGroup,
            name,
            runs: runs.length,
            doubleCharges: runs.reduce((sum, r) => sum + r.doubleCharges, 0),
            missingFromLedger: runs.reduce((sum, r) => sum + r.missingFromLedger, 0),
            untruthfulViews: runs.filter((r) => r.problems.length > 0).length,
            outcomes: tally(runs.map((r) => r.finalState)),
            notes: [
              `shown at once: ${describeTally(runs.map((r) => r.immediate))}`,
              `after first reconciliation: ${describeTally(runs.map((r) => r.afterFirstPass))}`,
              hows.length > 0
                ? `settled by reconciler: ${describeTally(hows)}`
                : 'nothing left for the reconciler',
              `write reached Mews: ${sent.join(' / ')}`,
              ...(write.flow === 'guest-card' &&
              runs.some((r) => r.cardsStored > 0 && r.finalState !== 'succeeded')
                ? [
                    `cards stored in Mews but never charged: ${runs.filter((r) => r.cardsStored > 0 && r.finalState !== 'succeeded').length} (no money moved)`,
                  ]
                : []),
              ...new Set(runs.flatMap((r) => r.problems)),
            ].join('; '),
          };
          recorder.record(entry);
          expect(entry.doubleCharges, 'double charges').toBe(0);
          expect(entry.missingFromLedger, 'payments missing from the ledger').toBe(0);
          expect(
            runs.flatMap((r) => r.problems),
            'untruthful views',
          ).toEqual([]);
          // A write that may have been processed is never sent again (429s are refused unprocessed).
          expect(
            runs.map((r) => r.writesSent),
            'writes that reached Mews per run',
          ).toEqual(runs.map(() => 1));
        });
      }
    }

    it('two iDEAL starts for the same guest and amount, both answers dropped', async () => {
      // Two deposit links of the same amount for one guest (two rooms), paid by iDEAL in two tabs
      // at once; Mews creates both payments and both answers are lost. iDEAL payments carry no
      // attempt marker, so only account, amount and time can tie them to the ledger.
      const runs: ScenarioMeasure[] = [];
      const stages: string[] = [];
      const finalStates: PaymentAttemptState[] = [];
      for (let run = 0; run < RUNS; run++) {
        const amountMinor = nextAmountMinor(h);
        const links = await Promise.all(
          [1, 2].map((room) =>
            createPaymentLink(
              h.ctx,
              {
                customerId: alice.id,
                amountMinor,
                currency: 'EUR',
                description: `Deposit room ${room}`,
              },
              { via: 'cli', actor: { type: 'system' } },
            ),
          ),
        );
        const before = new Set(sandboxPayments(h).map((p) => p.Id));
        await h.sandbox.control.clearFaults();
        await h.sandbox.control.addFault({
          operation: 'payments/addAlternative',
          kind: 'drop-after-processing',
          count: 2,
        });
        const statuses = await Promise.all(
          links.map(({ token }) =>
            payLinkWithIdeal(h.ctx, { token, idempotencyKey: randomUUID() }, nextAddress(h)),
          ),
        );
        const created = () => sandboxPayments(h).filter((p) => !before.has(p.Id));
        expect(created()).toHaveLength(2);
        const problems: string[] = [];
        for (const status of statuses)
          if (!claimIsTruthful(status.state, created())) problems.push(`answered ${status.state}`);

        await reconcilePayments(h.ctx, { trigger: 'test' });
        const afterFirst = await Promise.all(
          statuses.map(async (s) => (await findPaymentAttempt(h.ctx.db, s.attemptId))!),
        );
        await reconcilePayments(shifted(h.ctx, PAST_HORIZON_MS), { trigger: 'test' });
        const afterHorizon = await Promise.all(
          statuses.map(async (s) => (await findPaymentAttempt(h.ctx.db, s.attemptId))!),
        );
        // While Mews still holds both payments as pending, no attempt may say "Mews never recorded it".
        for (const attempt of afterHorizon) {
          if (!claimIsTruthful(attempt.state, created())) {
            problems.push(
              `ledger says ${attempt.state} (${attempt.failureCode}) while Mews holds ${created()
                .map((p) => p.State)
                .join('+')} payments of this guest and amount`,
            );
          }
        }
        for (const link of links) {
          const status = await getLinkPaymentStatus(h.ctx, link.token);
          if (!claimIsTruthful(status?.attempt?.state ?? 'created', created())) {
            problems.push(
              `guest sees ${status?.attempt?.state} and link ${status?.linkState} while Mews holds pending payments`,
            );
          }
        }
        // Nobody has the bank pages, so both payments expire (the state Mews' expiry leaves). Now
        // nothing can be charged any more: the attempts must end and the links open again.
        for (const payment of created())
          await h.sandbox.control.completeIdeal(payment.Id, 'cancel');
        await reconcilePayments(shifted(h.ctx, PAST_HORIZON_MS), { trigger: 'test' });
        const afterExpiry = await Promise.all(
          statuses.map(async (s) => (await findPaymentAttempt(h.ctx.db, s.attemptId))!),
        );
        for (const [index, link] of links.entries()) {
          const status = await getLinkPaymentStatus(h.ctx, link.token);
          const attempt = afterExpiry[index]!;
          if (!['failed', 'canceled'].includes(attempt.state) || status?.linkState !== 'open') {
            problems.push(
              `after both payments expired (Canceled) the attempt stays ${attempt.state} and the link ${status?.linkState}: the guest cannot pay again`,
            );
          }
        }
        finalStates.push(...afterExpiry.map((a) => a.state));
        stages.push(
          `${afterFirst.map((a) => a.state).join('+')} → ${afterHorizon.map((a) => a.state).join('+')} → ${afterExpiry
            .map((a) => `${a.state}${a.failureCode ? ` (${a.failureCode})` : ''}`)
            .join('+')}`,
        );
        const held = new Set(
          (
            await listAttemptsByMewsPaymentIds(
              h.ctx.db,
              created().map((p) => p.Id),
            )
          ).map((a) => a.mewsPaymentId),
        );
        runs.push({
          doubleCharges: 0,
          missingFromLedger: created().filter((p) => !held.has(p.Id)).length,
          problems,
          finalState: afterExpiry[0]!.state,
        });
      }
      recordScenarios(
        `Ambiguous matches (${label})`,
        'two iDEAL starts, same guest and amount, both answers dropped',
        runs,
        `2 attempts per run; ledger after first pass → past the horizon → after both payments expired: ${[...new Set(stages)].join(' / ')}`,
        tally(finalStates),
      );
    });

    describe('webhooks and the return page', () => {
      const orders = [
        { name: 'iDEAL approved: webhook before the return page', order: 'webhook-first' },
        { name: 'iDEAL approved: return page before the webhook', order: 'return-first' },
        { name: 'iDEAL approved: webhook and return page at the same time', order: 'together' },
      ] as const;
      for (const { name, order } of orders) {
        it(name, async () => {
          const runs: ScenarioMeasure[] = [];
          for (let run = 0; run < WEBHOOK_RUNS; run++) {
            const { start, before, paymentId } = await startIdeal(h);
            const trail = stateTrail(h, start.attemptId);
            const problems: string[] = [];
            await trail.sample();
            await h.sandbox.control.completeIdeal(paymentId, 'approve');
            const returnPage = async () => {
              const status = await getLinkPaymentStatus(h.ctx, start.token!);
              if (status?.attempt?.state !== 'succeeded')
                problems.push(`return page showed ${status?.attempt?.state}`);
            };
            if (order === 'webhook-first') {
              await deliverWebhook(h, paymentId);
              await trail.sample();
              await returnPage();
            } else if (order === 'return-first') {
              await returnPage();
              await trail.sample();
              await deliverWebhook(h, paymentId);
            } else {
              await Promise.all([deliverWebhook(h, paymentId), returnPage(), returnPage()]);
            }
            runs.push(await measureScenario(h, start, before, trail, problems));
          }
          recordScenarios(
            webhookGroup,
            name,
            runs,
            'the payer approves at the bank; one settle path, conditional updates',
          );
        });
      }

      it('iDEAL approved: the same webhook message 5×, processed at once', async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < WEBHOOK_RUNS; run++) {
          const { start, before, paymentId } = await startIdeal(h);
          const trail = stateTrail(h, start.attemptId);
          await trail.sample();
          await h.sandbox.control.completeIdeal(paymentId, 'approve');
          const body = webhookMessage(paymentId);
          const receipts = [];
          for (let i = 0; i < 5; i++) receipts.push(await receive(h, body));
          const results = await Promise.all(
            receipts.map((r) => processDueWebhookEvents(h.ctx, r.storedEventIds)),
          );
          const problems: string[] = [];
          if (results.reduce((sum, r) => sum + r.deferred, 0) > 0)
            problems.push('a duplicate was deferred');
          const finalizedAt = (await findPaymentAttempt(
            h.ctx.db,
            start.attemptId,
          ))!.finalizedAt?.getTime();
          // And once more, late: a no-op.
          await deliverWebhook(h, paymentId);
          if (
            (await findPaymentAttempt(h.ctx.db, start.attemptId))!.finalizedAt?.getTime() !==
            finalizedAt
          )
            problems.push('a late duplicate moved finalizedAt');
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          webhookGroup,
          'iDEAL approved: the same webhook message 5×, processed at once',
          runs,
          '5 identical deliveries processed concurrently, then a late 6th',
        );
      });

      it('card charge whose answer was lost, settled only by 5 duplicate webhooks at once', async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < WEBHOOK_RUNS; run++) {
          const prepared = await prepareFlow(h, 'guest-card');
          const before = new Set(sandboxPayments(h).map((p) => p.Id));
          await h.sandbox.control.addFault({
            operation: 'creditCards/charge',
            kind: 'drop-after-processing',
            count: 1,
          });
          const start = await runFlow(h, 'guest-card', prepared);
          const trail = stateTrail(h, start.attemptId);
          await trail.sample();
          const problems: string[] = [];
          if (start.immediate !== 'unknown')
            problems.push(`answered ${start.immediate} after a lost answer`);
          const charged = sandboxPayments(h).find(
            (p) => !before.has(p.Id) && attemptIdFromNotes(p.Notes) === start.attemptId,
          );
          expect(charged).toBeDefined();
          const body = webhookMessage(charged!.Id);
          const receipts = await Promise.all(Array.from({ length: 5 }, () => receive(h, body)));
          await Promise.all(receipts.map((r) => processDueWebhookEvents(h.ctx, r.storedEventIds)));
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          webhookGroup,
          'card charge answer lost, settled by 5 duplicate webhooks at once',
          runs,
          'the webhook finds the attempt by the marker in Notes',
        );
      });

      it('card charge whose answer was lost: webhooks, reconcilers and the guest page all at once', async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < WEBHOOK_RUNS; run++) {
          const prepared = await prepareFlow(h, 'guest-card');
          const before = new Set(sandboxPayments(h).map((p) => p.Id));
          await h.sandbox.control.addFault({
            operation: 'creditCards/charge',
            kind: 'drop-after-processing',
            count: 1,
          });
          const start = await runFlow(h, 'guest-card', prepared);
          const trail = stateTrail(h, start.attemptId);
          await trail.sample();
          const problems: string[] = [];
          const charged = sandboxPayments(h).find(
            (p) => !before.has(p.Id) && attemptIdFromNotes(p.Notes) === start.attemptId,
          );
          expect(charged).toBeDefined();
          // Without the lease: two reconciler passes race each other, two webhook deliveries and
          // two guest page polls, all finding the attempt by its marker or by the payment id.
          await Promise.all([
            reconcilePayments(h.ctx, { trigger: 'test' }),
            reconcilePayments(h.ctx, { trigger: 'test' }),
            deliverWebhook(h, charged!.Id),
            deliverWebhook(h, charged!.Id),
            getLinkPaymentStatus(h.ctx, start.token!),
            getLinkPaymentStatus(h.ctx, start.token!),
          ]);
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          webhookGroup,
          'card charge answer lost: 2 reconciler passes, 2 webhooks, 2 guest polls at once',
          runs,
          'every settle path at the same moment, without the reconciler lease',
        );
      });

      it('reordered: an older pending state read after the payment was charged', async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < WEBHOOK_RUNS; run++) {
          const { start, before, paymentId } = await startIdeal(h);
          const trail = stateTrail(h, start.attemptId);
          await trail.sample();
          // The creation event arrives and is stored, but processing it is delayed...
          const early = await receive(h, webhookMessage(paymentId));
          const [stalePending] = await h.ctx.mews.getPayments({ paymentIds: [paymentId] });
          expect(stalePending?.state).toBe('pending');
          // ...the payer approves and the newer event is processed first.
          await h.sandbox.control.completeIdeal(paymentId, 'approve');
          await deliverWebhook(h, paymentId);
          await trail.sample();
          const auditBefore = (await listAudit(h.ctx.db, { subjectId: start.attemptId })).length;
          // The older event, processed late, re-reads Mews.
          await processDueWebhookEvents(h.ctx, early.storedEventIds);
          await trail.sample();
          // A lagging read that still returns the old pending state (a replica behind Mews).
          const lagging: PaymentContext = {
            ...h.ctx,
            mews: { ...h.ctx.mews, getPayments: async () => [stalePending as AppMewsPayment] },
          };
          await deliverWebhook(h, paymentId, lagging);
          await trail.sample();
          await applyMewsPayment(
            h.ctx,
            (await findPaymentAttempt(h.ctx.db, start.attemptId))!,
            stalePending!,
          );
          await trail.sample();
          const problems: string[] = [];
          const auditAfter = (await listAudit(h.ctx.db, { subjectId: start.attemptId })).length;
          if (auditAfter !== auditBefore)
            problems.push(`stale events wrote ${auditAfter - auditBefore} audit events`);
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          webhookGroup,
          'reordered: pending re-read after charged (late event, lagging read, stale apply)',
          runs,
          'state sampled after every step; succeeded never goes back to pending',
        );
      });

      it('pending card charge: webhooks for pending then charged, delivered in reverse', async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < WEBHOOK_RUNS; run++) {
          const amountMinor = nextAmountMinor(h);
          const { token } = await createPaymentLink(
            h.ctx,
            { customerId: alice.id, amountMinor, currency: 'GBP', description: 'Pending card' },
            { via: 'cli', actor: { type: 'system' } },
          );
          const tokenized = await h.sandbox.control.tokenize({
            cardNumber: CARDS.mastercardPending,
            merchantId: GROSS.publicKey,
          });
          const before = new Set(sandboxPayments(h).map((p) => p.Id));
          const start = await runFlow(h, 'guest-card', {
            amountMinor,
            token,
            transactionId: tokenized.transactionId,
            maskedCard: tokenized.maskedCard,
            brand: tokenized.cardInfo.brand,
          });
          const problems: string[] = [];
          if (start.immediate !== 'pending')
            problems.push(`pending card answered ${start.immediate}`);
          const attempt = (await findPaymentAttempt(h.ctx.db, start.attemptId))!;
          const trail = stateTrail(h, start.attemptId);
          await trail.sample();
          const [stalePending] = await h.ctx.mews.getPayments({
            paymentIds: [attempt.mewsPaymentId!],
          });
          const pendingEvent = await receive(h, webhookMessage(attempt.mewsPaymentId!));
          await h.sandbox.control.settlePayments({
            paymentIds: [attempt.mewsPaymentId!],
            state: 'Charged',
          });
          await deliverWebhook(h, attempt.mewsPaymentId!);
          await trail.sample();
          await processDueWebhookEvents(h.ctx, pendingEvent.storedEventIds);
          await applyMewsPayment(
            h.ctx,
            (await findPaymentAttempt(h.ctx.db, start.attemptId))!,
            stalePending!,
          );
          await trail.sample();
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          webhookGroup,
          'pending card: charged event processed before the older pending one',
          runs,
          'test card 5200 0000 0000 0007, settled through the sandbox',
        );
      });
    });

    describe('sandbox restart in the middle of a charge', () => {
      const variants = [
        {
          name: 'restart while the charge waits before processing (latency)',
          kind: 'latency' as const,
          processed: false,
        },
        {
          name: 'restart after Mews charged, before the answer left (latency-after-processing)',
          kind: 'latency-after-processing' as const,
          processed: true,
        },
      ];
      for (const variant of variants) {
        it(variant.name, async () => {
          const runs: ScenarioMeasure[] = [];
          for (let run = 0; run < RUNS; run++) {
            const prepared = await prepareFlow(h, 'guest-card');
            const before = new Set(sandboxPayments(h).map((p) => p.Id));
            await h.sandbox.control.clearFaults();
            const rule = await h.sandbox.control.addFault({
              operation: 'creditCards/charge',
              kind: variant.kind,
              latencyMs: 5_000,
              count: 1,
            });
            // The client waits for the slow answer (the app's own timeouts): the restart cuts it.
            const flow = runFlow(h, 'guest-card', prepared);
            for (let waited = 0; ; waited += 20) {
              const [current] = (await h.sandbox.control.faults()).filter((f) => f.id === rule.id);
              if (!current || current.hits > 0) break;
              if (waited > 10_000) throw new Error('The charge never reached the sandbox');
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            if (variant.processed) {
              // Processed the moment the request arrived; wait until it is on disk.
              for (
                let waited = 0;
                !sandboxPayments(h).some((p) => !before.has(p.Id));
                waited += 10
              ) {
                if (waited > 5_000) throw new Error('The charge was not processed');
                await new Promise((resolve) => setTimeout(resolve, 10));
              }
            }
            const dying = h.sandbox.runtime;
            await h.sandbox.stop({ keepData: true });
            // A stopped process does nothing more; in-process, the old handler is still awake.
            dying.store.save = () => undefined;
            h.sandbox = await startTestSandbox({
              ...SANDBOX_OPTIONS,
              dataDir: h.dataDir,
              port: h.port,
            });
            const start = await flow;
            const trail = stateTrail(h, start.attemptId);
            await trail.sample();
            const problems: string[] = [];
            const mineNow = await paymentsOfAttempt(
              h,
              start,
              sandboxPayments(h).filter((p) => !before.has(p.Id)),
            );
            if (!claimIsTruthful(start.immediate, mineNow))
              problems.push(
                `answered ${start.immediate} while Mews has ${mineNow.map((p) => p.State).join('+') || 'nothing'}`,
              );
            if (variant.processed !== mineNow.length > 0)
              problems.push(`sandbox kept ${mineNow.length} payments across the restart`);
            await reconcilePayments(h.ctx, { trigger: 'test' });
            await trail.sample();
            await reconcilePayments(shifted(h.ctx, PAST_HORIZON_MS), { trigger: 'test' });
            runs.push(await measureScenario(h, start, before, trail, problems));
          }
          recordScenarios(
            restartGroup,
            variant.name,
            runs,
            variant.processed
              ? 'guest card; the payment survives in state.json and is found by its marker'
              : 'guest card; nothing reached Mews, so the attempt fails after the horizon and the link opens again',
          );
        });
      }
    });
  });
});
