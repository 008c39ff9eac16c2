/**
 * `npm start` / `npm run dev`: validates the configuration, builds when the sources changed since
 * the last build, starts the offline Mews sandbox when the platform URL points at this machine
 * (with its mail catcher when SMTP_URL points at this machine too), then the app, and prints where
 * to go. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '@/lib/config';
import { ensureProductionBuild } from './production-build';
import { giveUpMessage, httpAnswers, processCpuTicks, waitUntilServing } from './start-wait';

const root = process.cwd();
const dev = process.argv.includes('--dev');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: root, env, stdio: 'inherit' });
}

/** Waits for `child` to answer on `url` while it is alive and busy, up to START_TIMEOUT_SECONDS. */
async function waitForChild(
  what: string,
  url: string,
  child: ChildProcess,
  limitMs: number,
): Promise<boolean> {
  const outcome = await waitUntilServing({
    probe: (timeoutMs) => httpAnswers(url, timeoutMs),
    isAlive: () => child.exitCode === null && child.signalCode === null,
    progress: () => processCpuTicks(child.pid),
    limitMs,
  });
  if (outcome.ready) return true;
  console.error(giveUpMessage(what, url, outcome, limitMs));
  return false;
}

const nodeServer = path.join(root, 'lib', 'server', 'node-server.ts');

/**
 * The port the sandbox's mail catcher listens on: the one of the app's SMTP_URL when that is plain
 * SMTP on this machine (by default smtp://localhost:4025). Anything else is a real mail server
 * (or the developer's own catcher), which the sandbox must not stand in for or collide with.
 */
function sandboxSmtpPort(smtpUrl: string | undefined): string | undefined {
  if (!smtpUrl) return undefined;
  const url = new URL(smtpUrl);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'smtp:' && local ? url.port || '25' : undefined;
}

/** Where mail goes, without the credentials SMTP_URL may hold. */
function mailLine(mail: AppConfig['mail'], sandboxInbox: boolean): string {
  if (!mail) return '  Mail:          off (set SMTP_URL and MAIL_FROM to e-mail guests)';
  if (sandboxInbox && mail.sandboxInboxUrl) return `  Mail (sandbox):  ${mail.sandboxInboxUrl}`;
  const url = new URL(mail.smtpUrl);
  return `  Mail:          ${url.protocol}//${url.host}`;
}
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(config.port) };

  if (!dev) {
    try {
      await ensureProductionBuild(root, env, () =>
        console.log('Building Mews Checkout for production (first start or sources changed)...'),
      );
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }

  let sandboxUrl: string | undefined;
  let sandboxSmtp: string | undefined;
  // The sandbox sends webhooks like Mews does; without a configured secret one is made up for this
  // run so the embedded set-up exercises the same path as production.
  const webhookSecret =
    config.webhookSecret ??
    (config.mews.mode === 'sandbox' ? randomBytes(24).toString('base64url') : undefined);
  if (webhookSecret) env.MEWS_WEBHOOK_SECRET = webhookSecret;
  if (config.mews.mode === 'sandbox') {
    const platform = new URL(config.mews.platformUrl);
    const sandboxPort = platform.port || '80';
    sandboxSmtp = sandboxSmtpPort(config.mail?.smtpUrl);
    const sandbox = run(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'sandbox', 'main.ts')],
      {
        ...env,
        SANDBOX_PORT: sandboxPort,
        SANDBOX_DATA_DIR: process.env.SANDBOX_DATA_DIR ?? path.join(config.dataDir, 'sandbox'),
        SANDBOX_SMTP_PORT: sandboxSmtp ?? 'off',
        ...(webhookSecret && !process.env.SANDBOX_WEBHOOK_URL
          ? { SANDBOX_WEBHOOK_URL: `${config.appUrl}/api/webhooks/mews?secret=${webhookSecret}` }
          : {}),
      },
    );
    children.push(sandbox);
    sandbox.on('exit', (code) => {
      console.error(`The Mews sandbox stopped (exit code ${code}); stopping the app too.`);
      stopAll(code ?? 1);
    });
    if (
      !(await waitForChild(
        'The Mews sandbox',
        `${config.mews.platformUrl}/`,
        sandbox,
        config.startTimeoutMs,
      ))
    ) {
      stopAll(1);
    }
    sandboxUrl = config.mews.platformUrl;
  }

  // Next.js behind the app's own Node server rather than `next start`: that server gives every
  // request the connection's address in a header no client can set (see lib/server/node-server.ts).
  const app = run(
    process.execPath,
    ['--import', 'tsx', nodeServer, '--port', String(config.port), ...(dev ? ['--dev'] : [])],
    { ...env, NODE_ENV: dev ? 'development' : 'production' },
  );
  children.push(app);
  app.on('exit', (code) => stopAll(code ?? 1));

  const healthUrl = `http://localhost:${config.port}/api/health`;
  if (!(await waitForChild('Mews Checkout', healthUrl, app, config.startTimeoutMs))) {
    stopAll(1);
  }

  console.log(
    [
      '',
      'Mews Checkout is running.',
      `  App:           ${config.appUrl}`,
      `  Back office:   ${config.appUrl}/staff`,
      `  Health:        ${healthUrl}`,
      sandboxUrl
        ? `  Mews sandbox:  ${sandboxUrl} (offline stand-in for Mews, Secure Fields and the iDEAL bank)`
        : `  Mews:          ${config.mews.platformUrl} (${config.mews.mode})`,
      mailLine(config.mail, sandboxSmtp !== undefined),
      `  Database:      ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.join(config.dataDir, 'pglite')}`}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
