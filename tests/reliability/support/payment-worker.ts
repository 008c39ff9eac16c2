/**
 * One "app instance" for the reliability tests, as a real child process: its own PostgreSQL pool
 * (or PGlite folder), its own Mews client against the sandbox, and the real payment flows of
 * lib/payments. It reads one JSON command per line on stdin and answers one line per command on
 * stdout, prefixed with `@@worker ` (anything else on stdout is ignored by the harness).
 *
 *   node --conditions=react-server --import tsx tests/reliability/support/payment-worker.ts
 *
 * Environment: WORKER_DATABASE_URL (PostgreSQL) or WORKER_PGLITE_DIR, WORKER_SANDBOX_URL,
 * WORKER_NAME, WORKER_APP_URL (optional), WORKER_LOG (`silent` | `warn`, default `warn`, to stderr),
 * WORKER_ACCESS_TOKEN (optional; London's by default, the Dutch hotel's for iDEAL).
 *
 * Commands: { id, op, at? } where `at` (epoch ms) delays the start to that moment, so several
 * workers can act at the same instant.
 *   payCard   { token, idempotencyKey, transactionId, maskedCard?, brand?, clientAddress? }
 *   payIdeal  { token, idempotencyKey, clientAddress? }
 *   enableIdeal {}  turns the installation's iDEAL setting on (off on a fresh installation)
 *   status    { token }
 *   reconcile { exclusive?: boolean, settings? }
 *   refund    { attemptId, idempotencyKey, reason, amount? }
 *   createLink { customerId, amountMinor, currency, description? } → { linkId, token }
 *   ledger    { token } → the link and its attempts (with their refunds), as stored
 *   ping, exit
 * Answers: { id, ok: true, data, ms } or { id, ok: false, error: { code, message, detail? }, ms }:
 * `code` and `message` are what the guest (or staff member) would be shown, exactly as the server
 * actions' wrapper turns errors into answers; `detail` is the raw error, for the test's diagnosis.
 */
import { createInterface } from 'node:readline';
import { asc, eq, inArray, or } from 'drizzle-orm';
import { openMigratedDatabase, type DatabaseHandle } from '@/lib/db/client';
import { postgresErrorOf } from '@/lib/db/errors';
import { paymentAttempts } from '@/lib/db/schema';
import { createMewsClient, SlidingWindowRateLimiter, type RateLimiter } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { createPaymentLink, findLinkByToken } from '@/lib/payments/links/payment-links';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { guestCardPaymentSchema, guestIdealPaymentSchema } from '@/lib/payments/guest/schemas';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { reconcileExclusively } from '@/lib/payments/reconciliation/schedule';
import { refundPayment } from '@/lib/payments/staff/refund';
import { DatabaseRateLimiter } from '@/lib/payments/installation/database-rate-limiter';
import { refundSchema } from '@/lib/payments/staff/schemas';
import { DEMO_CLIENT_TOKENS, GROSS_ACCESS_TOKENS } from '@/sandbox/seed';
import { enableIdealForTests } from '../../support/alternative-methods';

const PREFIX = '@@worker ';
const name = process.env.WORKER_NAME ?? `worker-${process.pid}`;
const logLevel = process.env.WORKER_LOG ?? 'warn';
/** Same words as lib/payments/validated-action.ts `actionFailure` for errors not meant for users. */
const GENERIC_FAILURE = 'Something went wrong on our side. Please try again in a moment.';

function emit(message: Record<string, unknown>): void {
  process.stdout.write(`${PREFIX}${JSON.stringify(message)}\n`);
}

function stderrLog(level: string) {
  return (object: unknown, message?: string) => {
    if (logLevel === 'silent') return;
    const err = (object as { err?: unknown } | null)?.err;
    process.stderr.write(
      `[${name}] ${level} ${message ?? ''} ${JSON.stringify(object, (key, value) => (key === 'err' ? undefined : value))}${err instanceof Error ? ` err=${err.message}` : ''}\n`,
    );
  };
}

interface Command {
  id: string;
  op: string;
  at?: number;
  [key: string]: unknown;
}

function failureOf(error: unknown): { code: string; message: string; detail?: string } {
  if (error instanceof PaymentError) {
    return {
      code: error.code,
      message: error.userVisible ? error.message : GENERIC_FAILURE,
      ...(error.cause instanceof Error ? { detail: error.cause.message } : {}),
    };
  }
  const database = postgresErrorOf(error);
  return {
    code: 'internal',
    message: GENERIC_FAILURE,
    detail: database
      ? `database error ${database.code}${database.constraint ? ` (${database.constraint})` : ''}`
      : (error instanceof Error ? error.message : String(error)).slice(0, 300),
  };
}

async function main(): Promise<void> {
  const sandboxUrl = process.env.WORKER_SANDBOX_URL;
  if (!sandboxUrl) throw new Error('WORKER_SANDBOX_URL is required');
  let handle: DatabaseHandle;
  if (process.env.WORKER_DATABASE_URL)
    handle = await openMigratedDatabase({ databaseUrl: process.env.WORKER_DATABASE_URL });
  else if (process.env.WORKER_PGLITE_DIR)
    handle = await openMigratedDatabase({ pgliteDir: process.env.WORKER_PGLITE_DIR });
  else throw new Error('WORKER_DATABASE_URL or WORKER_PGLITE_DIR is required');

  // As in production with several instances (lib/payments/start-up.ts): the Mews rate limit is
  // counted in PostgreSQL. The limit is raised so hundreds of rounds fit in a test run.
  const limiter: RateLimiter =
    handle.kind === 'postgres'
      ? new DatabaseRateLimiter(handle.db, { limit: 100_000, windowMs: 30_000 })
      : new SlidingWindowRateLimiter({ limit: 100_000 });
  const ctx: PaymentContext = {
    db: handle.db,
    mews: createMewsClient({
      platformUrl: sandboxUrl,
      clientToken: DEMO_CLIENT_TOKENS[0],
      accessToken: process.env.WORKER_ACCESS_TOKEN ?? GROSS_ACCESS_TOKENS[0],
      clientName: `Mews Checkout ${name}`,
      version: '0.0.0',
      limiter,
    }),
    appUrl: process.env.WORKER_APP_URL ?? 'http://localhost:3999',
    now: () => new Date(),
    log: { info: () => undefined, warn: stderrLog('warn'), error: stderrLog('error') },
  };

  const run = async (command: Command): Promise<unknown> => {
    const clientAddress = (command.clientAddress as string | undefined) ?? '198.51.100.10';
    switch (command.op) {
      case 'ping':
        return { name, pid: process.pid };
      case 'enableIdeal':
        await enableIdealForTests(ctx);
        return { enabled: true };
      case 'payCard':
        return payLinkWithCard(
          ctx,
          guestCardPaymentSchema.parse({
            token: command.token,
            idempotencyKey: command.idempotencyKey,
            cardholderName: 'Alice Smith',
            expiry: '12/30',
            card: {
              transactionId: command.transactionId,
              maskedCard: command.maskedCard ?? '424242xxxxxx4242',
              brand: command.brand ?? 'VISA CREDIT',
            },
          }),
          clientAddress,
        );
      case 'payIdeal':
        return payLinkWithIdeal(
          ctx,
          guestIdealPaymentSchema.parse({
            token: command.token,
            idempotencyKey: command.idempotencyKey,
          }),
          clientAddress,
        );
      case 'status':
        return getLinkPaymentStatus(ctx, command.token as string);
      case 'reconcile': {
        const options = { trigger: 'test' as const, settings: command.settings as never };
        if (command.exclusive === false)
          return { ran: true, result: await reconcilePayments(ctx, options) };
        return reconcileExclusively(ctx, options);
      }
      case 'refund':
        return refundPayment(
          ctx,
          refundSchema.parse({
            idempotencyKey: command.idempotencyKey,
            attemptId: command.attemptId,
            reason: command.reason ?? 'Reliability test refund',
            ...(command.amount ? { amount: command.amount } : {}),
          }),
          { type: 'system' },
          null,
        );
      case 'createLink': {
        const created = await createPaymentLink(
          ctx,
          {
            customerId: command.customerId as string,
            amountMinor: command.amountMinor as number,
            currency: command.currency as string,
            description: (command.description as string | undefined) ?? 'Reliability test deposit',
          },
          { via: 'cli', actor: { type: 'system' } },
        );
        return { linkId: created.link.id, token: created.token };
      }
      case 'ledger': {
        const link = await findLinkByToken(ctx, command.token as string);
        if (!link) return null;
        const own = await ctx.db
          .select()
          .from(paymentAttempts)
          .where(eq(paymentAttempts.paymentLinkId, link.id));
        const ids = own.map((attempt) => attempt.id);
        const attempts =
          ids.length === 0
            ? []
            : await ctx.db
                .select()
                .from(paymentAttempts)
                .where(
                  or(
                    inArray(paymentAttempts.id, ids),
                    inArray(paymentAttempts.refundOfAttemptId, ids),
                  ),
                )
                .orderBy(asc(paymentAttempts.createdAt));
        return { link, attempts };
      }
      default:
        throw new PaymentError('invalid_input', `Unknown worker command ${command.op}`);
    }
  };

  const handleCommand = async (command: Command) => {
    if (command.at) {
      const wait = command.at - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const started = Date.now();
    try {
      const data = await run(command);
      emit({ id: command.id, ok: true, data, ms: Date.now() - started, startedAt: started });
    } catch (error) {
      emit({
        id: command.id,
        ok: false,
        error: failureOf(error),
        ms: Date.now() - started,
        startedAt: started,
      });
    }
  };

  const lines = createInterface({ input: process.stdin });
  let closing = false;
  const shutDown = async () => {
    if (closing) return;
    closing = true;
    await handle.close().catch(() => undefined);
    process.exit(0);
  };
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    let command: Command;
    try {
      command = JSON.parse(line) as Command;
    } catch {
      emit({ id: null, ok: false, error: { code: 'invalid_input', message: 'Not JSON' } });
      return;
    }
    if (command.op === 'exit') {
      emit({ id: command.id, ok: true, data: null, ms: 0 });
      void shutDown();
      return;
    }
    void handleCommand(command);
  });
  lines.on('close', () => void shutDown());
  emit({ ready: true, name, pid: process.pid, database: handle.kind });
}

main().catch((error: unknown) => {
  emit({ fatal: true, message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
