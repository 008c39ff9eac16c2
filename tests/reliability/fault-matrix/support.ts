/**
 * Shared set-up of the fault matrix of issue 7: every Mews write the app makes, under every fault
 * Mews can show (429 with Retry-After, 500, 408, a timeout before processing, processed-then-dropped),
 * plus a sandbox restart in the middle of a charge, the webhook racing the return page, and
 * duplicate and reordered webhooks. The cases live in the test files of this folder, one per
 * fault family:
 *
 * - rate-limited.test.ts: writes refused with 429 + Retry-After (refused unprocessed, sent again);
 * - error-answers.test.ts: writes answered 500 or 408 (refused before processing);
 * - lost-answers.test.ts: writes whose answer never came (a timeout before processing, or processed
 *   and the answer dropped), and two iDEAL starts whose answers were both lost;
 * - webhooks-and-return-page.test.ts: the webhook racing the return page, duplicate and reordered
 *   webhooks, every settle path at once;
 * - sandbox-restart.test.ts: the sandbox (Mews) restarting in the middle of a charge.
 *
 * For every case the outcome is measured, not just asserted:
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
 * Counts go to reports/reliability/fault-matrix-<family>.json, one file per test file (see
 * ../support/matrix-report.ts), from which `npm run reliability:report` writes docs/reliability.md.
 * Every file runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set; the two targets
 * run side by side, each with its own sandbox (see `describeFaultMatrix`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import { findPaymentAttempt, listAttemptsByMewsPaymentIds } from '@/lib/db/payment-attempts';
import type { PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import { listAudit } from '@/lib/db/staff-ledger';
import { SlidingWindowRateLimiter, type MewsClientOptions } from '@/lib/mews';
import { attemptIdFromNotes } from '@/lib/mews/mappers';
import type { PaymentContext } from '@/lib/server/context';
import { recordExternalPayment } from '@/lib/payments/staff/external-payment';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { listPayments, paymentDetail } from '@/lib/payments/back-office/payments';
import {
  reconcilePayments,
  type ReconciliationResult,
} from '@/lib/payments/reconciliation/reconciler';
import { refundPayment } from '@/lib/payments/staff/refund';
import { staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import {
  externalPaymentSchema,
  refundSchema,
  storedCardChargeSchema,
  terminalCardPaymentSchema,
} from '@/lib/payments/staff/schemas';
import { recordTerminalCardPayment } from '@/lib/payments/staff/terminal-card-payment';
import {
  processDueWebhookEvents,
  receiveMewsWebhook,
} from '@/lib/payments/reconciliation/webhooks';
import type { FaultSpec } from '@/sandbox/faults';
import type { MewsPayment as SandboxPayment } from '@/sandbox/state';
import { markerEvidence } from '@/lib/payments/reconciliation/match-payments';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { createTestStaffActor } from '../../support/staff-actor';
import type { NotesMode } from '../../support/sandbox';
import {
  createTestPaymentContext,
  sandboxMewsClient,
  withClockOffset,
} from '../../support/payment-context';
import {
  CARDS,
  SANDBOX_TOKENS,
  SEED,
  startTestSandbox,
  type TestSandbox,
} from '../../support/sandbox';
import { enableIdealForTests } from '../../support/alternative-methods';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';
import { MatrixRecorder, type ReliabilityCase } from '../support/matrix-report';

export const RUNS = 3;
export const WEBHOOK_RUNS = 3;
/** Client timeout of the write under a timeout fault: short, so the case costs a second, not forty. */
const WRITE_TIMEOUT_MS = 1_000;
/** The sandbox hangs longer than the client waits, so the client's own timeout fires. */
const HANG_MS = 1_500;
export const PAST_HORIZON_MS = 11 * 60_000;
const WEBHOOK_SECRET = 'fault-matrix-webhook-secret-0123456789';
const THRESHOLD = 100_000;
const { alice, dan } = SEED.customers;
const GROSS = SEED.enterprises.gross;
/** iDEAL is paid at the Dutch hotel (London refuses it with 403): its guest and its context. */
const IDEAL_GUEST = SEED.customers.bram;

// --- the matrix ----------------------------------------------------------------------------------

export type Flow =
  | 'guest-card'
  | 'guest-ideal'
  | 'staff-stored-card'
  | 'staff-external'
  | 'staff-terminal'
  | 'staff-refund';

export interface WriteCase {
  operation: string;
  flow: Flow;
  label: string;
}

export const WRITES: WriteCase[] = [
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

export interface FaultCase {
  label: string;
  spec: Omit<FaultSpec, 'operation'>;
  /**
   * What the sandbox keeps of `Notes` (a refund's `Reason`) during the case: Mews documents
   * neither that it keeps them for gateway charges nor a length limit. Default `keep`.
   */
  notesMode?: NotesMode;
}

/** Every fault of the matrix; each test file runs every write under the faults of its family. */
export const FAULTS = {
  rateLimited: {
    label: '429 + Retry-After 1 s',
    spec: { kind: '429', retryAfterSeconds: 1, count: 1 },
  },
  serverError: { label: '500', spec: { kind: '500', count: 1 } },
  requestTimeout: { label: '408', spec: { kind: '408', count: 1 } },
  timeoutBeforeProcessing: {
    label: 'timeout before processing',
    spec: { kind: 'timeout-before-processing', timeoutMs: HANG_MS, count: 1 },
  },
  answerDropped: {
    label: 'processed, answer dropped',
    spec: { kind: 'drop-after-processing', count: 1 },
  },
} satisfies Record<string, FaultCase>;

// --- per-target harness --------------------------------------------------------------------------

export interface Harness {
  label: string;
  sandbox: TestSandbox;
  port: number;
  dataDir: string;
  database: TestDatabase;
  ctx: PaymentContext;
  /** The same database on the Dutch hotel's token, for the iDEAL flow (iDEAL turned on). */
  idealCtx: PaymentContext;
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
export function mewsClientFor(
  h: Pick<Harness, 'sandbox' | 'limiter'>,
  timeouts: Partial<Record<string, number>> = {},
  accessToken: string = SANDBOX_TOKENS.gross,
) {
  return sandboxMewsClient(h.sandbox, {
    accessToken,
    clientName: 'Mews Checkout fault matrix',
    limiter: h.limiter,
    timeouts: timeouts as MewsClientOptions['timeouts'],
  });
}

export const SANDBOX_OPTIONS = { rateLimit: { limit: 1_000_000 } } as const;

async function openHarness(label: string, open: () => Promise<TestDatabase>): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mews-fault-matrix-'));
  const sandbox = await startTestSandbox({ ...SANDBOX_OPTIONS, dataDir });
  const database = await open();
  // The matrix sends far more than Mews' 200 requests / 30 s; pacing is not what is measured here.
  const limiter = new SlidingWindowRateLimiter({ limit: 1_000_000 });
  const ctx = createTestPaymentContext(database, { mews: mewsClientFor({ sandbox, limiter }) });
  const idealCtx = createTestPaymentContext(database, {
    mews: mewsClientFor({ sandbox, limiter }, {}, SANDBOX_TOKENS.dutch),
  });
  await enableIdealForTests(database);
  const manager = await createTestStaffActor(ctx, {
    email: `matrix.manager.${label.toLowerCase()}@hotel.test`,
    name: 'Matrix',
    role: 'manager',
    password: 'matrix manager password',
  });
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
    idealCtx,
    limiter,
    manager,
    storedCardId: creditCardId,
    amountSeq: 0,
    addressSeq: 0,
  };
}

/** The context an attempt's payment lives under: iDEAL at the Dutch hotel, everything else London. */
export function contextOf(h: Harness, method: string | undefined): PaymentContext {
  return method === 'ideal' ? h.idealCtx : h.ctx;
}

/** A distinct amount per run, so matching by account and amount (iDEAL, refunds) is unambiguous. */
export function nextAmountMinor(h: Harness): number {
  h.amountSeq += 1;
  return 1_000 + h.amountSeq * 7;
}

/** A distinct client address per run, so the card-testing limit (per address) never interferes. */
export function nextAddress(h: Harness): string {
  h.addressSeq += 1;
  return `198.18.${Math.floor(h.addressSeq / 250)}.${(h.addressSeq % 250) + 1}`;
}

export function sandboxPayments(h: Harness): SandboxPayment[] {
  return h.sandbox.runtime.store.state.payments.map((record) => ({ ...record.payment }));
}

function money(amountMinor: number): string {
  return (amountMinor / 100).toFixed(2);
}

// --- flows ---------------------------------------------------------------------------------------

export interface FlowStart {
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

export interface Prepared {
  amountMinor: number;
  token?: string;
  transactionId?: string;
  maskedCard?: string;
  brand?: string;
  originalAttemptId?: string;
}

export async function prepareFlow(h: Harness, flow: Flow): Promise<Prepared> {
  const amountMinor = nextAmountMinor(h);
  switch (flow) {
    case 'guest-card': {
      const { token } = await createPaymentLink(
        h.ctx,
        { customerId: alice.id, amountMinor, currency: 'GBP', description: 'Fault matrix deposit' },
        { via: 'cli', actor: { type: 'system' } },
      );
      const card = await tokenizeTestCard(h.sandbox, CARDS.visaCharged, GROSS.publicKey);
      return { amountMinor, token, ...card };
    }
    case 'guest-ideal': {
      const { token } = await createPaymentLink(
        h.idealCtx,
        {
          customerId: IDEAL_GUEST.id,
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

export async function runFlow(
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
        guestCardInput(prepared.token!, prepared),
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
        customerId: IDEAL_GUEST.id,
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
  Verifying: 'verifying',
};

/** The Mews payments that belong to an attempt, by every means we have. */
export async function paymentsOfAttempt(
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
    // A whole marker of another attempt rules a payment out; a marker Mews dropped or cut
    // (notesMode) does not, so such payments are counted by account and amount (each run has
    // its own amount) whatever the app made of them.
    if (claimedByOthers.has(p.Id) || markerEvidence(p.Notes).kind === 'whole') return false;
    const sameMoney =
      p.AccountId === start.customerId &&
      Math.abs(Math.round(p.Amount.GrossValue * 100)) === start.amountMinor &&
      p.Amount.Currency === start.currency;
    if (start.matchBy === 'ideal')
      return sameMoney && p.Type === 'AlternativePayment' && p.Kind !== 'Refund';
    if (start.matchBy === 'refund') return sameMoney && p.Kind === 'Refund';
    return sameMoney && p.Kind !== 'Refund' && p.Type !== 'AlternativePayment';
  });
}

/**
 * May a view show `shown` while Mews has `payments` for the attempt? Success needs a charged
 * payment; failure needs no payment that is or may become charged; "pending" needs a pending one;
 * the in-between states ("we're confirming") are always truthful.
 */
export function claimIsTruthful(shown: PaymentAttemptState, payments: SandboxPayment[]): boolean {
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

export interface RunMeasure {
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
  const viewCtx = contextOf(h, start.method);
  const attempt = await findPaymentAttempt(h.ctx.db, start.attemptId);
  if (!attempt || !expected.includes(attempt.state)) {
    problems.push(
      `ledger says ${attempt?.state} but Mews says ${mine.map((p) => p.State).join('+') || 'nothing'}`,
    );
  }
  if (start.token) {
    const status = await getLinkPaymentStatus(viewCtx, start.token);
    const shown = status?.attempt;
    if (!shown || shown.attemptId !== start.attemptId || !expected.includes(shown.state)) {
      problems.push(
        `guest sees ${shown?.state ?? 'nothing'} but Mews says ${mine.map((p) => p.State).join('+') || 'nothing'}`,
      );
    } else if (status.linkState !== linkStateFor(shown.state)) {
      problems.push(`guest link is ${status.linkState} with a ${shown.state} payment`);
    }
  }
  const detail = await paymentDetail(viewCtx, start.attemptId);
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
    await listPayments(viewCtx, { customerId: start.customerId, method: start.method })
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
  await h.sandbox.control.updateSettings({ notesMode: 'keep' });
  const prepared = await prepareFlow(h, write.flow);
  const before = new Set(sandboxPayments(h).map((p) => p.Id));
  // Only the write under test meets the Notes switch: the refunded charge keeps its marker.
  await h.sandbox.control.updateSettings({ notesMode: fault.notesMode ?? 'keep' });
  const cardsBefore = h.sandbox.runtime.store.state.creditCards.length;
  await h.sandbox.control.clearRequests();
  await h.sandbox.control.addFault({ operation: write.operation, ...fault.spec });

  const timeouts =
    fault.spec.kind === 'timeout-before-processing' ? { [write.operation]: WRITE_TIMEOUT_MS } : {};
  const ideal = write.flow === 'guest-ideal';
  const start = await runFlow(h, write.flow, prepared, {
    ...(ideal ? h.idealCtx : h.ctx),
    mews: mewsClientFor(h, timeouts, ideal ? SANDBOX_TOKENS.dutch : SANDBOX_TOKENS.gross),
  });
  const viewCtx = contextOf(h, start.method);
  const problems: string[] = [];
  const newPayments = () => sandboxPayments(h).filter((p) => !before.has(p.Id));

  // What the guest or staff member saw at once, and what their page shows right after.
  let mine = await paymentsOfAttempt(h, start, newPayments());
  if (!claimIsTruthful(start.immediate, mine))
    problems.push(
      `answered ${start.immediate} while Mews has ${mine.map((p) => p.State).join('+') || 'nothing'}`,
    );
  if (start.token) {
    const status = await getLinkPaymentStatus(viewCtx, start.token);
    const shown = status?.attempt?.state ?? 'created';
    if (!claimIsTruthful(shown, mine)) problems.push(`guest page showed ${shown} at once`);
  } else {
    const detail = await paymentDetail(viewCtx, start.attemptId);
    if (!claimIsTruthful(detail.payment.state, mine))
      problems.push(`staff page showed ${detail.payment.state} at once`);
  }

  // Reconcile now: whatever Mews has is found; what it lacks stays "confirming" until the horizon.
  const firstPass = await reconcilePayments(viewCtx, { trigger: 'test' });
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
    const returned = await getLinkPaymentStatus(viewCtx, start.token!);
    mine = await paymentsOfAttempt(h, start, newPayments());
    if (!claimIsTruthful(returned?.attempt?.state ?? 'created', mine))
      problems.push(`return page showed ${returned?.attempt?.state}`);
  }

  // Time passes at Mews too: a refund is Pending first and settles after a while (the sandbox's
  // refundSettleSeconds); settled here rather than by moving the sandbox clock, which would date
  // every later payment of the harness in the future.
  const pendingRefunds = (await paymentsOfAttempt(h, start, newPayments()))
    .filter((p) => p.State === 'Pending' && p.Kind === 'Refund')
    .map((p) => p.Id);
  if (pendingRefunds.length > 0)
    await h.sandbox.control.settlePayments({ paymentIds: pendingRefunds });

  // Reconcile long after: nothing can be in flight any more, so every attempt is final.
  const secondPass = await reconcilePayments(withClockOffset(viewCtx, PAST_HORIZON_MS), {
    trigger: 'test',
  });
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

export function tally<T extends string>(values: T[]): Record<string, number> {
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

export function webhookMessage(...paymentIds: string[]) {
  return webhookMessageFor(GROSS.id, ...paymentIds);
}

/** A `PaymentUpdated` message as Mews sends it for payments of the enterprise `enterpriseId`. */
export function webhookMessageFor(enterpriseId: string, ...paymentIds: string[]) {
  return JSON.stringify({
    EnterpriseId: enterpriseId,
    IntegrationId: randomUUID(),
    Events: paymentIds.map((id) => ({ Discriminator: 'PaymentUpdated', Value: { Id: id } })),
  });
}

export async function receive(h: Harness, body: string, ctx: PaymentContext = h.ctx) {
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
export async function deliverWebhook(h: Harness, paymentId: string, ctx: PaymentContext = h.ctx) {
  const enterpriseId = (await ctx.mews.getConfiguration()).enterprise.id;
  const receipt = await receive(h, webhookMessageFor(enterpriseId, paymentId), ctx);
  return processDueWebhookEvents(ctx, receipt.storedEventIds);
}

const STATE_RANK: Record<PaymentAttemptState, number> = {
  created: 0,
  processing: 1,
  unknown: 1,
  pending: 2,
  verifying: 2,
  succeeded: 3,
  failed: 3,
  canceled: 3,
};

/** Follows one attempt's ledger state through a scenario and reports any step backwards. */
export function stateTrail(h: Harness, attemptId: string) {
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

export interface ScenarioMeasure {
  doubleCharges: number;
  missingFromLedger: number;
  problems: string[];
  finalState: PaymentAttemptState;
}

/** Common end of a webhook scenario: one payment, held by the ledger, views agree, one final audit. */
export async function measureScenario(
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

export async function startIdeal(h: Harness) {
  const prepared = await prepareFlow(h, 'guest-ideal');
  const before = new Set(sandboxPayments(h).map((p) => p.Id));
  const start = await runFlow(h, 'guest-ideal', prepared, h.idealCtx);
  expect(start.immediate).toBe('pending');
  const attempt = (await findPaymentAttempt(h.ctx.db, start.attemptId))!;
  return { start, before, paymentId: attempt.mewsPaymentId! };
}

export function recordScenarios(
  recorder: MatrixRecorder,
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

// --- write cases ---------------------------------------------------------------------------------

/**
 * Runs one write under one fault `RUNS` times and sums up what was measured, as one row of the
 * report. The test records the row and asserts its counts.
 */
export async function measureWriteCase(
  h: Harness,
  group: string,
  write: WriteCase,
  fault: FaultCase,
): Promise<{ runs: RunMeasure[]; entry: ReliabilityCase }> {
  const name = `${write.label} × ${fault.label}`;
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
    group,
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
  return { runs, entry };
}

/** The report's table for the write cases of one database target. */
export function writesGroup(label: string): string {
  return `Writes under Mews faults (${label})`;
}

// --- the suites ----------------------------------------------------------------------------------

export interface FaultMatrixSuite {
  /** The target's harness, filled in by the suite's beforeAll. */
  h: Harness;
  /** `PGlite` or `PostgreSQL`. */
  label: string;
  /** The test file's rows of the report. */
  recorder: MatrixRecorder;
}

let harnessesOpening: Promise<void> = Promise.resolve();

/**
 * One test file of the matrix: its cases (declared by `cases`) run on every database target, with
 * the rows written to reports/reliability/`reportFile`.json once the file is done.
 *
 * The targets run side by side (each with its own sandbox and database); cases within one target
 * run one after another, because faults and the reconciler act on the whole sandbox and ledger.
 */
/**
 * One test per Mews write and fault: each write meets the fault once, and what a payer, staff or
 * Mews would notice is asserted: no double charge, nothing missing from the ledger, no untruthful
 * view, and the write reached Mews exactly once.
 */
export function itForEachWrite(
  { h, label, recorder }: FaultMatrixSuite,
  faults: FaultCase[],
): void {
  for (const write of WRITES) {
    for (const fault of faults) {
      const name = `${write.label} × ${fault.label}`;
      it(name, async () => {
        const { runs, entry } = await measureWriteCase(h, writesGroup(label), write, fault);
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
}

export function describeFaultMatrix(
  reportFile: string,
  cases: (suite: FaultMatrixSuite) => void,
): void {
  const recorder = new MatrixRecorder(reportFile);

  afterAll(() => {
    recorder.flush();
  });

  describe.concurrent.each(testDatabaseTargets)('fault matrix on $label', ({ label, open }) => {
    describe.sequential('one case after another', () => {
      const h = {} as Harness;

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

      cases({ h, label, recorder });
    });
  });
}
