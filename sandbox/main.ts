import path from 'node:path';
import { parseFaultList } from './faults';
import { NOTES_MODES, type NotesMode } from './runtime';
import { startSandbox } from './server';

/** Matches DEFAULT_SANDBOX_SMTP_PORT in lib/config.ts, the app's default SMTP_URL in sandbox mode. */
const DEFAULT_SANDBOX_SMTP_PORT = 4025;

/**
 * `npm run sandbox`: the offline Mews sandbox on its own port. Environment:
 *   SANDBOX_PORT          default 4010
 *   SANDBOX_HOST          default localhost (127.0.0.1 and ::1)
 *   SANDBOX_DATA_DIR      default .data/sandbox (state.json lives there); `:memory:` keeps no file
 *   SANDBOX_WEBHOOK_URL   where PaymentUpdated webhooks go (none by default)
 *   SANDBOX_WEBHOOK_DELAY_MS  delay before a webhook is sent (default 3000)
 *   SANDBOX_LATENCY_MS    latency added to every Connector API answer
 *   SANDBOX_FAULTS        e.g. "creditCards/charge=drop-after-processingx1,payments/getAll=latency@1500"
 *   SANDBOX_PENDING_SETTLE_SECONDS  when pending test-card payments settle (default 60)
 *   SANDBOX_NOTES_MODE    keep (default), drop or truncate: what happens to payment Notes
 *   SANDBOX_SMTP_PORT     the mail catcher's SMTP port; `off` runs no SMTP server. The default,
 *                         4025, is skipped with a warning when taken; a port that was set is not
 */
function notesMode(raw: string | undefined): NotesMode {
  const value = raw?.trim() || 'keep';
  if (!NOTES_MODES.includes(value as NotesMode))
    throw new Error(`SANDBOX_NOTES_MODE must be one of ${NOTES_MODES.join(', ')} (got "${raw}")`);
  return value as NotesMode;
}

async function main(): Promise<void> {
  const env = process.env;
  const number = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${name} must be a non-negative number (got "${raw}")`);
    return n;
  };
  const smtpSetting = env.SANDBOX_SMTP_PORT?.trim().toLowerCase() || undefined;
  let smtpOff = smtpSetting === 'off';
  const start = () =>
    startSandbox({
      port: number('SANDBOX_PORT', 4010),
      hostname: env.SANDBOX_HOST?.trim() || undefined,
      dataDir:
        env.SANDBOX_DATA_DIR?.trim() === ':memory:'
          ? null
          : path.resolve(env.SANDBOX_DATA_DIR?.trim() || '.data/sandbox'),
      webhookUrl: env.SANDBOX_WEBHOOK_URL?.trim() || undefined,
      webhook: { delayMs: number('SANDBOX_WEBHOOK_DELAY_MS', 3000) },
      latencyMs: number('SANDBOX_LATENCY_MS', 0),
      faults: parseFaultList(env.SANDBOX_FAULTS ?? ''),
      settings: {
        pendingSettleSeconds: number('SANDBOX_PENDING_SETTLE_SECONDS', 60),
        notesMode: notesMode(env.SANDBOX_NOTES_MODE),
      },
      smtpPort: smtpOff ? undefined : number('SANDBOX_SMTP_PORT', DEFAULT_SANDBOX_SMTP_PORT),
    });
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await start();
  } catch (error) {
    // Only the default port gives way (a developer's `npm start` may hold it while a tool starts
    // a sandbox of its own); a port that was asked for must be had, or mail would go elsewhere.
    const { code, smtp } = error as { code?: string; smtp?: boolean };
    if (!(smtp && code === 'EADDRINUSE' && smtpSetting === undefined)) throw error;
    console.warn(
      `SMTP port ${DEFAULT_SANDBOX_SMTP_PORT} is in use: this sandbox runs without a mail catcher (set SANDBOX_SMTP_PORT for one).`,
    );
    smtpOff = true;
    sandbox = await start();
  }
  console.log(
    `Mews sandbox listening on ${sandbox.url} (Connector API at ${sandbox.url}/api/connector/v1, control at ${sandbox.url}/_sandbox)`,
  );
  if (!smtpOff)
    console.log(
      `Sandbox mail catcher: SMTP on ${sandbox.smtpUrl}, inbox at ${sandbox.url}/_sandbox/mail`,
    );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `Mews sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
