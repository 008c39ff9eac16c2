import { randomUUID } from 'node:crypto';
import { callConnector, SEED } from '../support/sandbox';
import {
  createPaymentLinks,
  measureOnEachDatabase,
  samplePeak,
  startBenchStack,
  type BenchStack,
} from './support/bench-stack';
import { guestAddress, payLinkByCard, serverActionId, tokenizeCard } from './support/guest-http';
import { median, percentile, type Measurement } from './support/measurements';
import type { BenchOptions, BenchSection } from './support/section';

/**
 * Throughput: concurrent guests completing card payments over HTTP against the production build,
 * with the sandbox answering every Connector API call after 150 ms. The ceiling is the same number
 * of the same Connector API call sequences sent straight to the sandbox by the same number of
 * concurrent callers: what the payments would cost if our server took no time at all.
 */

const LATENCY_MS = 150;
/** Mews' 200 requests / 30 s per access token would cap both runs at ~2 payments/s; see docs/performance.md. */
const UNLIMITED = 1_000_000;
const RATIO_GOAL = 0.8;
/** Guests paying at once; the budgeted level first, the others only with --full. */
const CONCURRENCY_LEVELS = [8, 16, 32] as const;
const BUDGETED_CONCURRENCY = 8;
/** Payments per level in the default run: enough for a rate over ~15 s at 8 guests. */
const DEFAULT_PAYMENTS = 200;

interface LoadResult {
  completed: number;
  errors: string[];
  wallMs: number;
  latenciesMs: number[];
}

/** `concurrency` workers take the next item until none is left (a closed loop, like guests who pay and leave). */
async function runClosedLoop(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<LoadResult> {
  let next = 0;
  const errors: string[] = [];
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const index = next++;
        if (index >= count) return;
        const start = performance.now();
        try {
          await work(index);
          latenciesMs.push(performance.now() - start);
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return {
    completed: latenciesMs.length,
    errors,
    wallMs: performance.now() - started,
    latenciesMs,
  };
}

// ------------------------------------------------------------------ the ceiling: raw Connector calls

async function connector<T>(
  sandboxUrl: string,
  operation: string,
  body: Record<string, unknown>,
): Promise<T> {
  const response = await callConnector<T>(sandboxUrl, operation, body);
  if (response.status !== 200)
    throw new Error(`${operation}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * The Connector API operations our server sent for one guest payment, in order, read from the
 * sandbox's request log, so the ceiling replays exactly what the app does (no more, no less).
 */
async function operationsOfOnePayment(
  stack: BenchStack,
  token: string,
  actionId: string,
): Promise<string[]> {
  await stack.sandbox.control.clearRequests();
  await payLinkByCard(stack.app.url, stack.sandbox.url, actionId, token, guestAddress(65_000));
  return (await stack.sandbox.control.requests()).map((request) => request.operation);
}

const CUSTOMER_ID = SEED.customers.alice.id;
const EXPIRATION = `${new Date().getUTCFullYear() + 3}-12`;

/** One guest's payment without our server: tokenization, then the app's Connector calls, sent directly. */
async function rawPaymentSequence(sandboxUrl: string, operations: string[]): Promise<void> {
  const card = await tokenizeCard(sandboxUrl);
  let creditCardId: string | undefined;
  let paymentId: string | undefined;
  for (const operation of operations) {
    switch (operation) {
      case 'customers/getAll':
        await connector(sandboxUrl, operation, {
          Extent: { Customers: true, Addresses: false },
          CustomerIds: [CUSTOMER_ID],
          Limitation: { Count: 1000 },
        });
        break;
      case 'configuration/get':
        await connector(sandboxUrl, operation, {});
        break;
      case 'creditCards/addTokenized':
        ({ CreditCardId: creditCardId } = await connector<{ CreditCardId: string }>(
          sandboxUrl,
          operation,
          {
            CustomerId: CUSTOMER_ID,
            CreditCardData: { StorageData: card.transactionId, Expiration: EXPIRATION },
          },
        ));
        break;
      case 'creditCards/charge': {
        const attemptId = randomUUID();
        ({ PaymentId: paymentId } = await connector<{ PaymentId: string }>(sandboxUrl, operation, {
          CreditCardId: creditCardId,
          Amount: { Currency: 'EUR', GrossValue: 125.5 },
          ReceiptIdentifier: attemptId,
          Notes: `Mews Checkout attempt ${attemptId}`,
        }));
        break;
      }
      case 'payments/getAll': {
        const { Payments } = await connector<{ Payments: { State: string }[] }>(
          sandboxUrl,
          operation,
          {
            PaymentIds: [paymentId],
            Limitation: { Count: 1000 },
          },
        );
        if (Payments[0]?.State !== 'Charged')
          throw new Error(`raw payment ended ${Payments[0]?.State}`);
        break;
      }
      default:
        throw new Error(
          `the app sent ${operation} for a card payment; the ceiling does not know how to replay it`,
        );
    }
  }
}

// ------------------------------------------------------------------ the run

interface LevelResult {
  concurrency: number;
  payments: number;
  app: LoadResult;
  ceiling: LoadResult;
  peakRssBytes: number;
  baselineRssBytes: number;
}

/** Alternating ceiling and app runs: a busy moment of the host hits both alike. */
const CHUNKS = 4;

function combine(results: LoadResult[]): LoadResult {
  return {
    completed: results.reduce((sum, result) => sum + result.completed, 0),
    errors: results.flatMap((result) => result.errors),
    wallMs: results.reduce((sum, result) => sum + result.wallMs, 0),
    latenciesMs: results.flatMap((result) => result.latenciesMs),
  };
}

async function measureLevel(
  stack: BenchStack,
  concurrency: number,
  payments: number,
  operations: string[],
  actionId: string,
  log: (line: string) => void,
): Promise<LevelResult> {
  const links = await createPaymentLinks(stack.app, payments);
  await stack.sandbox.control.updateSettings({ latencyMs: LATENCY_MS, rateLimit: UNLIMITED });
  const chunk = Math.ceil(payments / CHUNKS);
  log(
    `  ${concurrency} concurrent guests, ${payments} payments: ceiling (straight to the sandbox) and through the app, alternating in ${CHUNKS} parts`,
  );
  const baselineRssBytes = stack.app.rssBytes();
  const memory = samplePeak(() => stack.app.rssBytes());
  const ceilingParts: LoadResult[] = [];
  const appParts: LoadResult[] = [];
  for (let from = 0; from < payments; from += chunk) {
    const count = Math.min(chunk, payments - from);
    // The ceiling's part first, so the app's meets the sandbox with more payments stored: any
    // bias of a growing sandbox is against the app, never for it.
    ceilingParts.push(
      await runClosedLoop(count, concurrency, () =>
        rawPaymentSequence(stack.sandbox.url, operations),
      ),
    );
    appParts.push(
      await runClosedLoop(count, concurrency, async (index) => {
        const link = links[from + index];
        if (!link) throw new Error('no link');
        const outcome = await payLinkByCard(
          stack.app.url,
          stack.sandbox.url,
          actionId,
          link.token,
          guestAddress(concurrency * 10_000 + from + index + 1),
        );
        if (outcome.state !== 'succeeded') throw new Error(`payment ended ${outcome.state}`);
      }),
    );
  }
  const peakRssBytes = memory.stop();
  await stack.sandbox.control.updateSettings({ latencyMs: 0 });
  return {
    concurrency,
    payments,
    app: combine(appParts),
    ceiling: combine(ceilingParts),
    peakRssBytes,
    baselineRssBytes,
  };
}

function levelMeasurements(result: LevelResult, databaseLabel: string): Measurement[] {
  const section = 'Throughput';
  const at = `${databaseLabel}, ${result.concurrency} guests`;
  const appRate = (result.app.completed / result.app.wallMs) * 1000;
  const ceilingRate = (result.ceiling.completed / result.ceiling.wallMs) * 1000;
  const budgeted = result.concurrency === BUDGETED_CONCURRENCY;
  const detail = `${result.payments} card payments by ${result.concurrency} concurrent guests over HTTP (page, Secure Fields tokenization, pay action), production build on ${databaseLabel}, sandbox latency ${LATENCY_MS} ms; ceiling = the same Connector API calls sent straight to the sandbox by ${result.concurrency} concurrent callers; ceiling and app alternate in ${CHUNKS} parts, each rate = payments ÷ the summed wall time of its parts`;
  return [
    {
      section,
      name: `Completed payments/s (${at})`,
      value: appRate,
      unit: '/s',
      floor: { name: 'ceiling: raw Connector sequences/s', value: ceilingRate },
      ...(budgeted ? { budget: { min: RATIO_GOAL } } : {}),
      lookAt:
        "the pay action's work besides its Connector calls under concurrency (lib/payments/guest/**, the ledger writes, the rate limiter), and the app's CPU use (peak memory row)",
      detail,
    },
    {
      section,
      name: `Errors (${at})`,
      value: result.app.errors.length + result.ceiling.errors.length,
      unit: 'count',
      budget: { max: 0 },
      lookAt: 'the first error, logged above the table',
    },
    {
      section,
      name: `Guest payment p50 (${at})`,
      value: median(result.app.latenciesMs),
      unit: 'ms',
    },
    {
      section,
      name: `Guest payment p95 (${at})`,
      value: percentile(result.app.latenciesMs, 95),
      unit: 'ms',
    },
    {
      section,
      name: `Peak app memory (${at})`,
      value: result.peakRssBytes / 1e6,
      unit: 'MB',
      detail: `resident set of the next start process tree, sampled every 100 ms; ${(result.baselineRssBytes / 1e6).toFixed(0)} MB before the run`,
    },
  ];
}

async function measureDatabase(
  databaseLabel: string,
  databaseUrl: string | undefined,
  options: BenchOptions,
): Promise<Measurement[]> {
  const perLevel = (concurrency: number) =>
    options.quick
      ? concurrency * 10
      : options.full
        ? Math.max(400, concurrency * 25)
        : DEFAULT_PAYMENTS;
  const stack = await startBenchStack({ databaseUrl, mewsRateLimit: UNLIMITED });
  try {
    await stack.sandbox.control.updateSettings({ rateLimit: UNLIMITED });
    const actionId = serverActionId('submitCardPaymentAction', 'lib/payments/guest/actions.ts');
    // Warm-up: compiled code paths, caches and the database's first pages, as on a server that has been up.
    const warmUp = await createPaymentLinks(stack.app, options.full ? 40 : 16);
    const warm = await runClosedLoop(warmUp.length, 4, async (index) => {
      await payLinkByCard(
        stack.app.url,
        stack.sandbox.url,
        actionId,
        (warmUp[index] as { token: string }).token,
        guestAddress(60_000 + index),
      );
    });
    if (warm.errors.length > 0) throw new Error(`warm-up payments failed: ${warm.errors[0]}`);
    const [calibration] = await createPaymentLinks(stack.app, 1);
    const operations = await operationsOfOnePayment(
      stack,
      (calibration as { token: string }).token,
      actionId,
    );
    options.log(
      `  ${databaseLabel}: one card payment makes these Connector API calls: ${operations.join(', ')}`,
    );

    const measurements: Measurement[] = [];
    const levels = options.full ? CONCURRENCY_LEVELS : [BUDGETED_CONCURRENCY];
    for (const concurrency of levels) {
      const result = await measureLevel(
        stack,
        concurrency,
        perLevel(concurrency),
        operations,
        actionId,
        options.log,
      );
      if (result.app.errors.length > 0) options.log(`    first error: ${result.app.errors[0]}`);
      if (result.ceiling.errors.length > 0)
        options.log(`    first ceiling error: ${result.ceiling.errors[0]}`);
      measurements.push(...levelMeasurements(result, databaseLabel));
    }
    return measurements;
  } finally {
    await stack.stop();
  }
}

export const throughputSection: BenchSection = {
  id: 'throughput',
  title: 'Throughput of card payments',
  // The embedded default by default; PostgreSQL too with --full (it doubles the section's time).
  run: (options: BenchOptions) =>
    options.full
      ? measureOnEachDatabase(options, (database) =>
          measureDatabase(database.label, database.url, options),
        )
      : measureDatabase('PGlite', undefined, options),
};
