/**
 * Soak test: guest payments at a steady rate for a long time, with random one-shot Mews faults,
 * the reconciler on a schedule, then a settle phase and a check of the ledger against the sandbox.
 * Not part of `npm test`:
 *
 *   node --conditions=react-server --import tsx tests/reliability/soak.ts --minutes 30 --rate 2
 *
 * Options: --minutes (30), --rate payments started per second (2), --fault-rate share of Mews
 * requests that get a one-shot fault (0.1), --reconcile-every seconds (10), --horizon seconds after
 * which a write Mews never recorded is failed (30), --seed (random), --report (reports/reliability/soak.json),
 * --keep (keep the database and sandbox data).
 *
 * Database: PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a fresh database is created
 * on that server and dropped afterwards), otherwise PGlite in a temp folder. The sandbox runs in
 * this process on its own port with a temp data folder.
 *
 * Exits 1 when an invariant fails: a double charge (more than one non-failed Mews payment per
 * attempt marker or per link), a sandbox payment missing from the ledger, a succeeded attempt
 * without a Charged Mews payment, a Charged payment the ledger does not count as succeeded, a link
 * paid more than once, an attempt left unsettled, or a guest view that disagrees with Mews.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openMigratedDatabase, type DatabaseHandle } from '@/lib/db/client';
import { postgresErrorOf } from '@/lib/db/errors';
import { listUnsettledPaymentAttempts } from '@/lib/db/payment-attempts';
import {
  paymentAttempts,
  paymentLinks,
  type PaymentAttempt,
  type PaymentLink,
} from '@/lib/db/schema';
import { createMewsClient, SlidingWindowRateLimiter } from '@/lib/mews';
import { attemptIdFromNotes } from '@/lib/mews/mappers';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { guestCardPaymentSchema } from '@/lib/payments/guest/schemas';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { type AttemptStatus } from '@/lib/payments/guest/types';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import {
  reconcilePayments,
  type ReconcilerSettings,
} from '@/lib/payments/reconciliation/reconciler';
import { reconcileExclusively } from '@/lib/payments/reconciliation/schedule';
import { FAULT_KINDS as ALL_FAULT_KINDS, type FaultKind, type FaultSpec } from '@/sandbox/faults';
import type { MewsPayment as SandboxPayment } from '@/sandbox/state';
import {
  CARDS,
  SANDBOX_TOKENS,
  SEED,
  startTestSandbox,
  type TestSandbox,
} from '../support/sandbox';
import type { ReliabilityCase } from './support/matrix-report';
import { createSharedPostgres, type SharedPostgres } from './support/shared-postgres';
import { enableIdealForTests } from '../support/alternative-methods';

// ---------------------------------------------------------------- options

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) return 'true';
  return value;
}

const MINUTES = Number(option('minutes', '30'));
const RATE = Number(option('rate', '2'));
const FAULT_RATE = Number(option('fault-rate', '0.1'));
const RECONCILE_EVERY_MS = Number(option('reconcile-every', '10')) * 1000;
const HORIZON_MS = Number(option('horizon', '30')) * 1000;
const SEED_VALUE = Number(option('seed', String(Math.floor(Math.random() * 2 ** 31))));
const REPORT = path.resolve(option('report', path.join('reports', 'reliability', 'soak.json')));
const KEEP = option('keep', 'false') === 'true';
for (const [name, value] of Object.entries({
  MINUTES,
  RATE,
  FAULT_RATE,
  RECONCILE_EVERY_MS,
  HORIZON_MS,
})) {
  if (!Number.isFinite(value) || value < 0) {
    console.error(`soak: ${name} must be a non-negative number`);
    process.exit(2);
  }
}

/** How long a guest's page keeps polling the payment state after the answer. */
const GUEST_POLL_MS = 20_000;
const GUEST_POLL_EVERY_MS = 2_000;
/** Sandbox: pending test cards settle after this many (sandbox) seconds; unfinished iDEAL expires. */
const PENDING_SETTLE_SECONDS = 20;
const IDEAL_EXPIRY_MINUTES = 1;
const SETTINGS: Partial<ReconcilerSettings> = {
  outcomeHorizonMs: HORIZON_MS,
  abandonCreatedAfterMs: Math.max(HORIZON_MS, 60_000),
};

// ---------------------------------------------------------------- randomness (seeded)

let randomState = SEED_VALUE >>> 0;
function random(): number {
  // mulberry32
  randomState = (randomState + 0x6d2b79f5) >>> 0;
  let t = randomState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (min: number, max: number) => Math.floor(min + random() * (max - min + 1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- scenarios

const SCENARIOS = [
  { name: 'card charged', weight: 26 },
  { name: 'card declined', weight: 8 },
  { name: 'card pending, then charged', weight: 6 },
  { name: 'card pending, then failed', weight: 4 },
  { name: 'card expired (not stored)', weight: 3 },
  { name: 'iDEAL approved', weight: 12 },
  { name: 'iDEAL canceled', weight: 6 },
  { name: 'iDEAL failed', weight: 4 },
  { name: 'iDEAL abandoned', weight: 5 },
  { name: 'double submit (same idempotency key)', weight: 13 },
  { name: 'two payers on one link at once', weight: 13 },
] as const;
type ScenarioName = (typeof SCENARIOS)[number]['name'];
const TOTAL_WEIGHT = SCENARIOS.reduce((sum, scenario) => sum + scenario.weight, 0);
function pickScenario(): ScenarioName {
  let roll = random() * TOTAL_WEIGHT;
  for (const scenario of SCENARIOS) {
    roll -= scenario.weight;
    if (roll < 0) return scenario.name;
  }
  return SCENARIOS[0].name;
}

const CUSTOMERS = [
  SEED.customers.alice,
  SEED.customers.bob,
  SEED.customers.chloe,
  SEED.customers.dan,
];
/** iDEAL is paid at the Dutch hotel (London refuses it with 403): its guests, its own installation. */
const IDEAL_CUSTOMERS = [SEED.customers.bram, SEED.customers.sanne];

/** London's installation takes the card payments, the Dutch hotel's the iDEAL ones (own ledgers). */
interface SoakContexts {
  card: PaymentContext;
  ideal: PaymentContext;
}

// ---------------------------------------------------------------- faults

// Every kind the sandbox knows except the kill-window helper, which only delays an answer.
const FAULT_KINDS: FaultKind[] = ALL_FAULT_KINDS.filter(
  (kind) => kind !== 'latency-after-processing',
);
/**
 * Requests of each operation per guest payment started (measured with the scenario mix above):
 * getAll is read a few times per payment (read-back, polling, reconciler), each write about once
 * per card or iDEAL payment. One chance of FAULT_RATE per expected request keeps the share of
 * faulted requests near FAULT_RATE.
 */
const FAULT_OPERATIONS = [
  { operation: 'creditCards/charge', share: 0.65 },
  { operation: 'creditCards/addTokenized', share: 0.75 },
  { operation: 'payments/addAlternative', share: 0.27 },
  { operation: 'payments/getAll', share: 2.4 },
] as const;

interface FaultCounter {
  injected: number;
  byKind: Record<string, number>;
  byOperation: Record<string, number>;
}
const faults: FaultCounter = { injected: 0, byKind: {}, byOperation: {} };
let injecting = true;

function randomFault(operation: string): FaultSpec {
  const kind = pick(FAULT_KINDS);
  const spec: FaultSpec = { operation, kind, count: 1 };
  if (kind === 'latency') spec.latencyMs = between(200, 2_500);
  if (kind === '429') spec.retryAfterSeconds = 1;
  if (kind === 'timeout-before-processing') spec.timeoutMs = between(1_000, 4_000);
  return spec;
}

async function injectFaults(sandbox: TestSandbox): Promise<void> {
  if (!injecting || FAULT_RATE === 0) return;
  const specs: FaultSpec[] = [];
  for (const { operation, share } of FAULT_OPERATIONS) {
    // About FAULT_RATE of each operation's requests: one chance per expected request.
    let expected = share;
    while (expected > 0) {
      if (random() < FAULT_RATE * Math.min(1, expected)) specs.push(randomFault(operation));
      expected -= 1;
    }
  }
  if (specs.length === 0) return;
  await sandbox.control.addFaults(specs);
  for (const spec of specs) {
    faults.injected += 1;
    faults.byKind[spec.kind] = (faults.byKind[spec.kind] ?? 0) + 1;
    faults.byOperation[spec.operation] = (faults.byOperation[spec.operation] ?? 0) + 1;
  }
}

// ---------------------------------------------------------------- one guest payment

interface PaymentRun {
  scenario: ScenarioName;
  linkId: string | null;
  token: string | null;
  startedAt: number;
  endedAt: number;
  /** What each guest request was answered: an attempt state or an error code. */
  answers: string[];
  /** Double submit: did both requests get the same attempt? */
  consistentReplay?: boolean;
  /** Two payers: how many got an attempt that succeeded. */
  error?: string;
}

const logCounts = new Map<string, number>();
function countingLog(level: string) {
  return (_object: unknown, message?: string) => {
    const key = `${level}: ${message ?? ''}`;
    logCounts.set(key, (logCounts.get(key) ?? 0) + 1);
  };
}

function answerOf(result: PromiseSettledResult<AttemptStatus>): string {
  if (result.status === 'fulfilled') return result.value.state;
  const error = result.reason;
  if (error instanceof PaymentError) return `error: ${error.code}`;
  const database = postgresErrorOf(error);
  if (database)
    return `error: unexpected (database ${database.code}${database.constraint ? ` ${database.constraint}` : ''})`;
  return `error: unexpected (${(error instanceof Error ? error.message : String(error)).slice(0, 160)})`;
}

async function tokenize(sandbox: TestSandbox, cardNumber: string) {
  const tokenized = await sandbox.control.tokenize({ cardNumber });
  return {
    transactionId: tokenized.transactionId,
    maskedCard: tokenized.maskedCard,
    brand: tokenized.cardInfo.brand,
  };
}

function cardInput(
  token: string,
  card: Awaited<ReturnType<typeof tokenize>>,
  idempotencyKey = randomUUID(),
) {
  return guestCardPaymentSchema.parse({
    token,
    idempotencyKey,
    cardholderName: 'Soak Guest',
    expiry: '12/30',
    card,
  });
}

const clientAddress = () => `10.${between(0, 255)}.${between(0, 255)}.${between(1, 254)}`;

/** The pay page polling the state, as a guest waiting on it would; returns the last state seen. */
async function pollAsGuest(ctx: PaymentContext, token: string): Promise<string | null> {
  const deadline = Date.now() + GUEST_POLL_MS;
  let last: string | null = null;
  while (Date.now() < deadline) {
    try {
      const status = await getLinkPaymentStatus(ctx, token);
      last = status?.attempt?.state ?? null;
      if (last && ['succeeded', 'failed', 'canceled'].includes(last)) return last;
    } catch {
      // the page shows "try again"; keep polling
    }
    await sleep(GUEST_POLL_EVERY_MS);
  }
  return last;
}

async function runPayment(
  contexts: SoakContexts,
  sandbox: TestSandbox,
  scenario: ScenarioName,
): Promise<PaymentRun> {
  const ideal = scenario.startsWith('iDEAL');
  const ctx = ideal ? contexts.ideal : contexts.card;
  const run: PaymentRun = {
    scenario,
    linkId: null,
    token: null,
    startedAt: Date.now(),
    endedAt: 0,
    answers: [],
  };
  try {
    const currency = ideal ? 'EUR' : pick(['GBP', 'EUR']);
    const { link, token } = await createPaymentLink(
      ctx,
      {
        customerId: (ideal ? pick(IDEAL_CUSTOMERS) : pick(CUSTOMERS)).id,
        amountMinor: between(1_000, 99_999),
        currency,
        description: `Soak: ${scenario}`,
      },
      { via: 'cli', actor: { type: 'system' } },
    );
    run.linkId = link.id;
    run.token = token;
    await injectFaults(sandbox);

    if (ideal) {
      const started = await Promise.allSettled([
        payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, clientAddress()),
      ]);
      run.answers.push(answerOf(started[0] as PromiseSettledResult<AttemptStatus>));
      const status = started[0]?.status === 'fulfilled' ? started[0].value : null;
      // Only a guest who got the bank URL can answer at the bank.
      if (status?.redirectUrl && status.mewsPaymentId && scenario !== 'iDEAL abandoned') {
        await sleep(between(500, 4_000));
        const outcome =
          scenario === 'iDEAL approved'
            ? 'approve'
            : scenario === 'iDEAL canceled'
              ? 'cancel'
              : 'fail';
        await sandbox.control.completeIdeal(status.mewsPaymentId, outcome).catch(() => undefined);
      }
    } else if (scenario === 'double submit (same idempotency key)') {
      const input = cardInput(token, await tokenize(sandbox, CARDS.visaCharged));
      const address = clientAddress();
      const results = await Promise.allSettled([
        payLinkWithCard(ctx, input, address),
        payLinkWithCard(ctx, input, address),
      ]);
      run.answers.push(...results.map(answerOf));
      const ids = results.map((result) =>
        result.status === 'fulfilled' ? result.value.attemptId : null,
      );
      run.consistentReplay = ids[0] !== null && ids[0] === ids[1];
    } else if (scenario === 'two payers on one link at once') {
      const [first, second] = await Promise.all([
        tokenize(sandbox, CARDS.visaCharged),
        tokenize(sandbox, CARDS.mastercardCharged),
      ]);
      const results = await Promise.allSettled([
        payLinkWithCard(ctx, cardInput(token, first), clientAddress()),
        payLinkWithCard(ctx, cardInput(token, second), clientAddress()),
      ]);
      run.answers.push(...results.map(answerOf));
    } else {
      const cardNumber = {
        'card charged': pick([CARDS.visaCharged, CARDS.mastercardCharged, CARDS.amexCharged]),
        'card declined': pick([CARDS.visaDeclined, CARDS.visaInsufficientFunds]),
        'card pending, then charged': CARDS.mastercardPending,
        'card pending, then failed': CARDS.amexPendingThenFailed,
        'card expired (not stored)': CARDS.mastercardExpired,
      }[scenario as string] as string;
      const result = await Promise.allSettled([
        payLinkWithCard(
          ctx,
          cardInput(token, await tokenize(sandbox, cardNumber)),
          clientAddress(),
        ),
      ]);
      run.answers.push(answerOf(result[0] as PromiseSettledResult<AttemptStatus>));
    }
    const seen = await pollAsGuest(ctx, token);
    if (seen) run.answers.push(`page: ${seen}`);
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  }
  run.endedAt = Date.now();
  return run;
}

// ---------------------------------------------------------------- checks

interface Invariants {
  doubleChargesPerAttempt: number;
  doubleChargesPerLink: number;
  missingFromLedger: number;
  succeededWithoutCharged: number;
  chargedNotSucceeded: number;
  linksPaidMoreThanOnce: number;
  unsettledAttempts: number;
  linkStateMismatches: number;
  untruthfulViews: number;
}

const NON_FAILED = new Set(['Charged', 'Pending', 'Verifying']);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function table(rows: Array<[string, string | number]>): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const startedAt = Date.now();
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mews-soak-'));
  let postgres: SharedPostgres | undefined;
  let handle: DatabaseHandle;
  if (serverUrl) {
    postgres = await createSharedPostgres(serverUrl, 'mews_checkout_soak');
    handle = postgres;
  } else {
    handle = await openMigratedDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  }
  const databaseLabel = serverUrl ? `PostgreSQL (${postgres?.name})` : 'PGlite';
  // The Dutch hotel's installation, for iDEAL: a ledger of its own, iDEAL turned on.
  let idealPostgres: SharedPostgres | undefined;
  let idealHandle: DatabaseHandle;
  if (serverUrl) {
    idealPostgres = await createSharedPostgres(serverUrl, 'mews_checkout_soak_ideal');
    idealHandle = idealPostgres;
  } else {
    idealHandle = await openMigratedDatabase({ pgliteDir: path.join(dataDir, 'pglite-ideal') });
  }
  await enableIdealForTests(idealHandle);

  // Mews' limit (200 / 30 s per token) is raised on both sides: the soak is about faults, not pacing.
  const sandbox = await startTestSandbox({
    dataDir: path.join(dataDir, 'sandbox'),
    rateLimit: { limit: 1_000_000 },
    settings: {
      pendingSettleSeconds: PENDING_SETTLE_SECONDS,
      idealExpiryMinutes: IDEAL_EXPIRY_MINUTES,
    },
  });
  // Every Connector API request, counted as the sandbox logs it (its log keeps only the last 10 000).
  const requestCounts: Record<string, number> = {};
  const log = sandbox.runtime.log;
  const addToLog = log.add.bind(log);
  log.add = (entry) => {
    requestCounts[entry.operation] = (requestCounts[entry.operation] ?? 0) + 1;
    return addToLog(entry);
  };
  const initialPayments = new Set(
    sandbox.runtime.store.state.payments.map((record) => record.payment.Id),
  );
  const ctx: PaymentContext = {
    db: handle.db,
    mews: createMewsClient({
      platformUrl: sandbox.url,
      clientToken: SANDBOX_TOKENS.clientToken,
      accessToken: SANDBOX_TOKENS.gross,
      clientName: 'Mews Checkout soak',
      version: '0.0.0',
      limiter: new SlidingWindowRateLimiter({ limit: 1_000_000 }),
    }),
    appUrl: 'http://localhost:3999',
    now: () => new Date(),
    log: { info: () => undefined, warn: countingLog('warn'), error: countingLog('error') },
  };
  const idealCtx: PaymentContext = {
    ...ctx,
    db: idealHandle.db,
    mews: createMewsClient({
      platformUrl: sandbox.url,
      clientToken: SANDBOX_TOKENS.clientToken,
      accessToken: SANDBOX_TOKENS.dutch,
      clientName: 'Mews Checkout soak',
      version: '0.0.0',
      limiter: new SlidingWindowRateLimiter({ limit: 1_000_000 }),
    }),
  };
  const contexts: SoakContexts = { card: ctx, ideal: idealCtx };
  const ledgers = [ctx, idealCtx];

  console.log(
    `soak: ${MINUTES} min at ${RATE} payments/s, faults on ${(FAULT_RATE * 100).toFixed(0)}% of requests, reconciler every ${RECONCILE_EVERY_MS / 1000} s ` +
      `(horizon ${HORIZON_MS / 1000} s), seed ${SEED_VALUE}, ${databaseLabel}, sandbox ${sandbox.url}`,
  );

  // Reconciler on a schedule, as in the app (lease included).
  const reconciliation = {
    passes: 0,
    busy: 0,
    failed: 0,
    settled: 0,
    errors: 0,
    duplicates: 0,
    byHow: {} as Record<string, number>,
  };
  let reconciling: Promise<void> = Promise.resolve();
  const reconcileTick = async () => {
    for (const ledger of ledgers) await reconcileLedger(ledger);
  };
  const reconcileLedger = async (ledger: PaymentContext) => {
    try {
      const result = await reconcileExclusively(ledger, {
        trigger: 'schedule',
        settings: SETTINGS,
      });
      if (!result.ran) {
        reconciliation.busy += 1;
        return;
      }
      reconciliation.passes += 1;
      reconciliation.settled += result.result.settled;
      reconciliation.errors += result.result.errors;
      reconciliation.duplicates += result.result.duplicates.length;
      for (const outcome of result.result.outcomes)
        reconciliation.byHow[outcome.how] = (reconciliation.byHow[outcome.how] ?? 0) + 1;
    } catch {
      reconciliation.failed += 1;
    }
  };
  const schedule = setInterval(() => {
    reconciling = reconciling.then(reconcileTick);
  }, RECONCILE_EVERY_MS);

  // Steady rate of guest payments.
  const runs: Array<Promise<PaymentRun>> = [];
  const endAt = startedAt + MINUTES * 60_000;
  let stopRequested = false;
  process.once('SIGINT', () => {
    console.log('\nsoak: stopping early (SIGINT); settling what was started…');
    stopRequested = true;
  });
  const intervalMs = RATE > 0 ? 1000 / RATE : Infinity;
  let next = Date.now();
  let lastProgress = Date.now();
  while (!stopRequested && Date.now() < endAt && Number.isFinite(intervalMs)) {
    runs.push(runPayment(contexts, sandbox, pickScenario()));
    next += intervalMs;
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    if (Date.now() - lastProgress > 60_000) {
      lastProgress = Date.now();
      console.log(
        `soak: ${((Date.now() - startedAt) / 60_000).toFixed(1)} min, ${runs.length} payments started, ${faults.injected} faults injected`,
      );
    }
  }
  const startedPayments = runs.length;
  console.log(`soak: ${startedPayments} payments started; waiting for guests to finish…`);
  const finished = await Promise.all(runs);

  // Settle: no more faults, the bank and the card gateway finish everything, reconcile until done.
  injecting = false;
  const unusedFaults = (await sandbox.control.faults()).filter((rule) => rule.hits === 0);
  await sandbox.control.clearFaults();
  clearInterval(schedule);
  await reconciling;
  const settleStartedAt = Date.now();
  await sandbox.control.settlePayments();
  await sandbox.control.advanceClock(IDEAL_EXPIRY_MINUTES * 60 + 60);
  const listUnsettled = async () =>
    (
      await Promise.all(ledgers.map((ledger) => listUnsettledPaymentAttempts(ledger.db, 100_000)))
    ).flat();
  let unsettled = await listUnsettled();
  let finalPasses = 0;
  while (unsettled.length > 0 && Date.now() - settleStartedAt < HORIZON_MS + 120_000) {
    for (const ledger of ledgers) {
      const result = await reconcilePayments(ledger, { trigger: 'test', settings: SETTINGS });
      reconciliation.settled += result.settled;
      reconciliation.duplicates += result.duplicates.length;
      for (const outcome of result.outcomes)
        reconciliation.byHow[outcome.how] = (reconciliation.byHow[outcome.how] ?? 0) + 1;
    }
    finalPasses += 1;
    unsettled = await listUnsettled();
    if (unsettled.length > 0) await sleep(3_000);
  }
  const settleMs = Date.now() - settleStartedAt;

  // ---------------------------------------------------------------- compare with the sandbox
  // Both ledgers: their ids are UUIDs, so one map over both is unambiguous.
  const attempts: PaymentAttempt[] = (
    await Promise.all(ledgers.map((ledger) => ledger.db.select().from(paymentAttempts)))
  ).flat();
  const links: PaymentLink[] = (
    await Promise.all(ledgers.map((ledger) => ledger.db.select().from(paymentLinks)))
  ).flat();
  const attemptById = new Map(attempts.map((attempt) => [attempt.id, attempt]));
  const attemptByPaymentId = new Map(
    attempts
      .filter((a) => a.mewsPaymentId)
      .map((attempt) => [attempt.mewsPaymentId as string, attempt]),
  );
  const soakPayments: SandboxPayment[] = sandbox.runtime.store.state.payments
    .map((record) => record.payment)
    .filter((payment) => !initialPayments.has(payment.Id));
  const paymentById = new Map(soakPayments.map((payment) => [payment.Id, payment]));
  const attemptOfPayment = (payment: SandboxPayment) => {
    const marker = attemptIdFromNotes(payment.Notes);
    return (marker ? attemptById.get(marker) : undefined) ?? attemptByPaymentId.get(payment.Id);
  };

  const invariants: Invariants = {
    doubleChargesPerAttempt: 0,
    doubleChargesPerLink: 0,
    missingFromLedger: 0,
    succeededWithoutCharged: 0,
    chargedNotSucceeded: 0,
    linksPaidMoreThanOnce: 0,
    unsettledAttempts: unsettled.length,
    linkStateMismatches: 0,
    untruthfulViews: 0,
  };
  const nonFailed = soakPayments.filter(
    (payment) => payment.Kind !== 'Refund' && NON_FAILED.has(payment.State),
  );
  const perMarker = countBy(
    nonFailed.filter((payment) => attemptIdFromNotes(payment.Notes)),
    (payment) => attemptIdFromNotes(payment.Notes) as string,
  );
  invariants.doubleChargesPerAttempt = Object.values(perMarker).reduce(
    (sum, n) => sum + Math.max(0, n - 1),
    0,
  );
  const linkOfPayment = (payment: SandboxPayment) =>
    attemptOfPayment(payment)?.paymentLinkId ?? `unmatched:${payment.Id}`;
  const perLink = countBy(nonFailed, linkOfPayment);
  const doubleLinks = new Set(
    Object.entries(perLink)
      .filter(([, n]) => n > 1)
      .map(([linkId]) => linkId),
  );
  invariants.doubleChargesPerLink = Object.values(perLink).reduce(
    (sum, n) => sum + Math.max(0, n - 1),
    0,
  );
  const missing = soakPayments.filter((payment) => !attemptByPaymentId.has(payment.Id));
  invariants.missingFromLedger = missing.length;
  for (const attempt of attempts) {
    if (attempt.state !== 'succeeded') continue;
    if (paymentById.get(attempt.mewsPaymentId ?? '')?.State !== 'Charged')
      invariants.succeededWithoutCharged += 1;
  }
  for (const payment of soakPayments) {
    if (
      payment.State === 'Charged' &&
      payment.Kind !== 'Refund' &&
      attemptOfPayment(payment)?.state !== 'succeeded'
    )
      invariants.chargedNotSucceeded += 1;
  }
  const succeededPerLink = countBy(
    attempts.filter((attempt) => attempt.state === 'succeeded' && attempt.paymentLinkId),
    (attempt) => attempt.paymentLinkId as string,
  );
  invariants.linksPaidMoreThanOnce = Object.values(succeededPerLink).filter((n) => n > 1).length;
  for (const link of links) {
    const paid = (succeededPerLink[link.id] ?? 0) > 0;
    if ((link.state === 'paid') !== paid || link.state === 'processing')
      invariants.linkStateMismatches += 1;
  }

  // What a guest opening each link now is shown, against what Mews says.
  const chargedLinks = new Set(
    soakPayments
      .filter((payment) => payment.State === 'Charged' && payment.Kind !== 'Refund')
      .map(linkOfPayment),
  );
  const untruthfulLinks: string[] = [];
  const untruthfulExamples: unknown[] = [];
  // The status API's `attempt` is the link's latest attempt: on a paid link that can be a second
  // payer's attempt, canceled because the link was paid meanwhile. Counted, not an invariant.
  let paidLinksShowingOtherAttempt = 0;
  for (const run of finished) {
    if (!run.token || !run.linkId) continue;
    const view = await getLinkPaymentStatus(
      run.scenario.startsWith('iDEAL') ? idealCtx : ctx,
      run.token,
    ).catch(() => null);
    if (view?.linkState === 'paid' && view.attempt?.state !== 'succeeded')
      paidLinksShowingOtherAttempt += 1;
    // As the pay and return pages read it (components/guest): a paid link, or a succeeded attempt.
    const shownPaid = view?.linkState === 'paid' || view?.attempt?.state === 'succeeded';
    if (!view || shownPaid !== chargedLinks.has(run.linkId) || view.linkState === 'processing') {
      invariants.untruthfulViews += 1;
      untruthfulLinks.push(run.linkId);
      if (untruthfulExamples.length < 5) {
        untruthfulExamples.push({
          linkId: run.linkId,
          scenario: run.scenario,
          answers: run.answers,
          view: view && {
            linkState: view.linkState,
            attempt: view.attempt?.state,
            failureCode: view.attempt?.failureCode,
          },
          attempts: attempts
            .filter((attempt) => attempt.paymentLinkId === run.linkId)
            .map((attempt) => `${attempt.state} ${attempt.failureCode ?? ''}`),
          mews: soakPayments
            .filter((payment) => linkOfPayment(payment) === run.linkId)
            .map((payment) => payment.State),
        });
      }
    }
  }

  // ---------------------------------------------------------------- figures
  const settleTimes = attempts
    .filter((attempt) => attempt.finalizedAt)
    .map((attempt) => (attempt.finalizedAt as Date).getTime() - attempt.createdAt.getTime());
  const byScenario = countBy(finished, (run) => run.scenario);
  const attemptStates = countBy(attempts, (attempt) => `${attempt.method} ${attempt.state}`);
  const guestAnswers = countBy(
    finished.flatMap((run) => run.answers.filter((answer) => !answer.startsWith('page:'))),
    (answer) => answer,
  );
  const pageStates = countBy(
    finished.flatMap((run) => run.answers.filter((answer) => answer.startsWith('page:'))),
    (answer) => answer,
  );
  const failures = finished.filter((run) => run.error);
  const doubleSubmits = finished.filter((run) => run.consistentReplay !== undefined);
  const inconsistentReplays = doubleSubmits.filter((run) => !run.consistentReplay).length;
  const unexpectedAnswers = Object.entries(guestAnswers)
    .filter(([answer]) => answer.startsWith('error: unexpected') || answer === 'error: internal')
    .reduce((sum, [, n]) => sum + n, 0);
  const faultHits = faults.injected - unusedFaults.length;
  const requestsByOperation = requestCounts;
  const totalRequests = Object.values(requestCounts).reduce((sum, n) => sum + n, 0);
  const failedInvariants = Object.entries(invariants).filter(([, value]) => value > 0);
  const durationMs = Date.now() - startedAt;

  const summary = {
    startedAt: new Date(startedAt).toISOString(),
    durationSeconds: Math.round(durationMs / 1000),
    minutes: MINUTES,
    rate: RATE,
    faultRate: FAULT_RATE,
    seed: SEED_VALUE,
    database: databaseLabel,
    paymentsStarted: startedPayments,
    byScenario,
    attemptStates,
    guestAnswers,
    pageStates,
    linkStates: countBy(links, (link) => link.state),
    faults: {
      injected: faults.injected,
      hit: faultHits,
      shareOfRequests: Number((faultHits / Math.max(1, totalRequests)).toFixed(3)),
      byKind: faults.byKind,
      byOperation: faults.byOperation,
    },
    requestsByOperation,
    reconciliation: {
      ...reconciliation,
      finalPasses,
      settlePhaseSeconds: Math.round(settleMs / 1000),
    },
    timeToSettleMs: {
      p50: percentile(settleTimes, 50),
      p95: percentile(settleTimes, 95),
      max: Math.max(0, ...settleTimes),
    },
    doubleSubmits: { runs: doubleSubmits.length, inconsistentReplays },
    paidLinksShowingOtherAttempt,
    unexpectedGuestErrors: unexpectedAnswers,
    harnessFailures: failures.length,
    harnessFailureSamples: failures.slice(0, 5).map((run) => `${run.scenario}: ${run.error}`),
    logs: Object.fromEntries([...logCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)),
    invariants,
    examples: {
      doubleChargedLinks: [...doubleLinks].slice(0, 5),
      missingPayments: missing.slice(0, 5).map((payment) => ({
        id: payment.Id,
        type: payment.Type,
        state: payment.State,
        notes: payment.Notes,
      })),
      untruthfulViews: untruthfulExamples,
      unsettled: unsettled
        .slice(0, 5)
        .map((attempt) => ({ id: attempt.id, method: attempt.method, state: attempt.state })),
    },
    passed: failedInvariants.length === 0,
  };

  // ---------------------------------------------------------------- report
  const cases: ReliabilityCase[] = [
    {
      group: 'Soak',
      name: `${MINUTES} min at ${RATE}/s with ${(FAULT_RATE * 100).toFixed(0)}% random faults (all scenarios)`,
      runs: startedPayments,
      doubleCharges:
        Math.max(invariants.doubleChargesPerAttempt, invariants.doubleChargesPerLink) +
        invariants.linksPaidMoreThanOnce,
      missingFromLedger: invariants.missingFromLedger + invariants.chargedNotSucceeded,
      untruthfulViews:
        invariants.untruthfulViews +
        invariants.succeededWithoutCharged +
        invariants.linkStateMismatches,
      outcomes: attemptStates,
      notes:
        `${faults.injected} one-shot faults injected (${faultHits} hit): ${Object.entries(
          faults.byKind,
        )
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}; ` +
        `time to settle p50 ${summary.timeToSettleMs.p50} ms, p95 ${summary.timeToSettleMs.p95} ms; ${reconciliation.passes} scheduled reconciler passes ` +
        `settled ${reconciliation.settled} attempts overall; unsettled at the end ${invariants.unsettledAttempts}; ${databaseLabel}; seed ${SEED_VALUE}.`,
    },
    ...SCENARIOS.map(({ name }) => {
      const scenarioRuns = finished.filter((run) => run.scenario === name);
      const linkIds = new Set(scenarioRuns.map((run) => run.linkId));
      const scenarioAttempts = attempts.filter((attempt) => linkIds.has(attempt.paymentLinkId));
      return {
        group: 'Soak',
        name: `Soak: ${name}`,
        runs: scenarioRuns.length,
        doubleCharges: Object.entries(perLink)
          .filter(([linkId]) => linkIds.has(linkId))
          .reduce((sum, [, n]) => sum + Math.max(0, n - 1), 0),
        missingFromLedger: 0,
        untruthfulViews: untruthfulLinks.filter((linkId) => linkIds.has(linkId)).length,
        outcomes: countBy(scenarioAttempts, (attempt) => attempt.state),
        notes: `Guest answers: ${Object.entries(
          countBy(
            scenarioRuns.flatMap((run) =>
              run.answers.filter((answer) => !answer.startsWith('page:')),
            ),
            (answer) => answer,
          ),
        )
          .map(([answer, n]) => `${answer} ${n}`)
          .join(', ')}.`,
      } satisfies ReliabilityCase;
    }),
  ];
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(
    REPORT,
    JSON.stringify(
      { generatedAt: new Date().toISOString(), database: databaseLabel, cases, soak: summary },
      null,
      2,
    ),
  );

  const line = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ') || '–';
  console.log(
    `\nSoak summary (${(durationMs / 60_000).toFixed(1)} min, ${databaseLabel}, seed ${SEED_VALUE})`,
  );
  console.log(
    table([
      ['payments started', startedPayments],
      ['by scenario', line(byScenario)],
      ['attempts by final state', line(attemptStates)],
      ['links by state', line(summary.linkStates)],
      ['guest answers', line(guestAnswers)],
      ['pay page after polling', line(pageStates)],
      [
        'faults injected (hit, share of requests)',
        `${faults.injected} (${faultHits}, ${(summary.faults.shareOfRequests * 100).toFixed(1)}%)`,
      ],
      ['faults by kind', line(faults.byKind)],
      ['faults by operation', line(faults.byOperation)],
      ['Mews requests', `${totalRequests}: ${line(requestsByOperation)}`],
      [
        'reconciler',
        `${reconciliation.passes} scheduled passes (${reconciliation.busy} busy, ${reconciliation.failed} failed), ${finalPasses} in the settle phase (${summary.reconciliation.settlePhaseSeconds} s); settled ${reconciliation.settled}: ${line(reconciliation.byHow)}`,
      ],
      [
        'time to settle p50 / p95 / max',
        `${summary.timeToSettleMs.p50} / ${summary.timeToSettleMs.p95} / ${summary.timeToSettleMs.max} ms`,
      ],
      ['double submits (inconsistent replays)', `${doubleSubmits.length} (${inconsistentReplays})`],
      ['paid links whose status shows another attempt', paidLinksShowingOtherAttempt],
      ['unexpected guest errors', unexpectedAnswers],
      ['harness failures', failures.length],
      ['double charges per attempt marker', invariants.doubleChargesPerAttempt],
      ['double charges per link', invariants.doubleChargesPerLink],
      ['sandbox payments missing from ledger', invariants.missingFromLedger],
      ['succeeded without a Charged payment', invariants.succeededWithoutCharged],
      ['Charged but not succeeded in ledger', invariants.chargedNotSucceeded],
      ['links paid more than once', invariants.linksPaidMoreThanOnce],
      ['attempts unsettled at the end', invariants.unsettledAttempts],
      ['link states not matching the ledger', invariants.linkStateMismatches],
      ['guest views not matching Mews', invariants.untruthfulViews],
    ]),
  );
  if (failures.length > 0)
    console.log(`\nHarness failures (first 5):\n  ${summary.harnessFailureSamples.join('\n  ')}`);
  console.log(`\nReport: ${path.relative(process.cwd(), REPORT)}`);
  console.log(
    failedInvariants.length === 0
      ? 'soak: PASSED'
      : `soak: FAILED (${failedInvariants.map(([name, n]) => `${name} ${n}`).join(', ')})`,
  );

  await sandbox.stop({ keepData: KEEP });
  if (postgres && !KEEP) await postgres.drop();
  else await handle.close();
  if (idealPostgres && !KEEP) await idealPostgres.drop();
  else await idealHandle.close();
  if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`Kept: ${dataDir}${postgres ? `, database ${postgres.name}` : ''}`);
  return failedInvariants.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('soak: crashed', error);
    process.exit(2);
  },
);
