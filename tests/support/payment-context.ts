import { createMewsClient, type MewsClientOptions } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { SANDBOX_TOKENS } from './sandbox';
import { openTestPglite, type TestDatabase } from './test-database';

/**
 * Test helper: the `PaymentContext` (lib/server/context) a payment flow runs with, built the way
 * integration suites need it: a test database (PGlite by default, see test-database.ts), a Mews
 * client pointed at an offline sandbox (see sandbox.ts), and a quiet log, a fixed or shifted clock
 * and an app URL when a suite needs them.
 *
 *   const sandbox = await startTestSandbox();
 *   const { ctx, database, close } = await openTestPaymentContext({ sandbox });   // fresh PGlite
 *   // or on a database the suite opened itself (e.g. one of testDatabaseTargets):
 *   const ctx = createTestPaymentContext(database, { sandbox, client: { timeouts: { ... } } });
 *   const later = withClockOffset(ctx, 11 * 60_000);
 *
 * Without `sandbox` (or `mews`) the context has a Mews client that rejects every call, for suites
 * that must never reach Mews.
 */

/** The app URL test contexts use unless told otherwise (payment links, iDEAL return URLs). */
export const TEST_APP_URL = 'http://localhost:3999';

/** A log that drops everything (the app logs through `ctx.log`; vitest runs with LOG_LEVEL=silent). */
export const silentLog: PaymentContext['log'] = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface SandboxMewsClientOptions {
  /** Default: the gross demo enterprise (`SANDBOX_TOKENS.gross`). */
  accessToken?: string;
  /** The `Client` name sent with every request. Default `Mews Checkout tests`. */
  clientName?: string;
  /** Per-operation timeouts in milliseconds (the app's own otherwise). */
  timeouts?: MewsClientOptions['timeouts'];
  /** Default: the process-wide limiter, as in the app. */
  limiter?: MewsClientOptions['limiter'];
}

/** A Mews client on the sandbox at `sandbox.url`, with the sandbox's demo tokens. */
export function sandboxMewsClient(
  sandbox: { url: string },
  options: SandboxMewsClientOptions = {},
): PaymentContext['mews'] {
  return createMewsClient({
    platformUrl: sandbox.url,
    clientToken: SANDBOX_TOKENS.clientToken,
    accessToken: options.accessToken ?? SANDBOX_TOKENS.gross,
    clientName: options.clientName ?? 'Mews Checkout tests',
    version: '0.0.0',
    limiter: options.limiter,
    timeouts: options.timeouts,
  });
}

/** A Mews client for suites that must not talk to Mews: every call rejects. */
export function mewsMustNotBeCalled(): PaymentContext['mews'] {
  return new Proxy(
    {},
    {
      // `then` stays undefined, so awaiting the client itself does not hang.
      get: (_target, property) =>
        property === 'then'
          ? undefined
          : () => Promise.reject(new Error('Mews must not be called')),
    },
  ) as PaymentContext['mews'];
}

export interface CapturedLogEntry {
  level: 'info' | 'warn' | 'error';
  message: string | undefined;
  fields: unknown;
}

export interface LogCapture {
  /** Pass as the `log` option. */
  log: PaymentContext['log'];
  entries: CapturedLogEntry[];
  /** Messages logged, oldest first, of one level or of all. */
  messages(level?: CapturedLogEntry['level']): Array<string | undefined>;
}

/** A log that keeps what the app logs through `ctx.log` (`log.error({ err }, 'message')`). */
export function captureLog(): LogCapture {
  const entries: CapturedLogEntry[] = [];
  const at =
    (level: CapturedLogEntry['level']) =>
    (fields: unknown, message?: string): void => {
      entries.push({ level, message, fields });
    };
  return {
    log: { info: at('info'), warn: at('warn'), error: at('error') } as PaymentContext['log'],
    entries,
    messages: (level) =>
      entries.filter((entry) => !level || entry.level === level).map((entry) => entry.message),
  };
}

export interface TestPaymentContextOptions {
  /** Points the Mews client at this sandbox (a `TestSandbox`, or anything with its `url`). */
  sandbox?: { url: string };
  /** How the sandbox client is built: access token, client name, timeouts, limiter. */
  client?: SandboxMewsClientOptions;
  /** A ready Mews client instead of one on `sandbox`. */
  mews?: PaymentContext['mews'];
  /** Default `TEST_APP_URL`. */
  appUrl?: string;
  /** A fixed clock (a `Date`) or a clock function. Default: the real clock. */
  now?: Date | (() => Date);
  /** Default: `silentLog`. Use `captureLog().log` to see what was logged. */
  log?: PaymentContext['log'];
}

/** A context on a database the suite opened (and closes) itself. */
export function createTestPaymentContext(
  database: { db: PaymentContext['db'] },
  options: TestPaymentContextOptions = {},
): PaymentContext {
  const { now } = options;
  return {
    db: database.db,
    mews:
      options.mews ??
      (options.sandbox
        ? sandboxMewsClient(options.sandbox, options.client)
        : mewsMustNotBeCalled()),
    appUrl: options.appUrl ?? TEST_APP_URL,
    now:
      now === undefined
        ? () => new Date()
        : now instanceof Date
          ? () => new Date(now.getTime())
          : now,
    log: options.log ?? silentLog,
  };
}

export interface OpenedTestPaymentContext {
  ctx: PaymentContext;
  database: TestDatabase;
  /** Closes the database (the sandbox, if any, stays the caller's to stop). */
  close(): Promise<void>;
}

/** Opens a fresh test database (PGlite unless `open` says otherwise) and a context on it. */
export async function openTestPaymentContext(
  options: TestPaymentContextOptions & { open?: () => Promise<TestDatabase> } = {},
): Promise<OpenedTestPaymentContext> {
  const { open = openTestPglite, ...contextOptions } = options;
  const database = await open();
  return {
    ctx: createTestPaymentContext(database, contextOptions),
    database,
    close: () => database.close(),
  };
}

/** The same context with its clock `offsetMs` ahead of the real one (e.g. past a horizon). */
export function withClockOffset(ctx: PaymentContext, offsetMs: number): PaymentContext {
  return { ...ctx, now: () => new Date(Date.now() + offsetMs) };
}
