/**
 * `npm start` / `npm run dev`: validates the configuration, builds when the sources changed since
 * the last build, starts the offline Mews sandbox when the platform URL points at this machine,
 * then the app, and prints where to go. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '@/lib/config';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.mjs',
  'package-lock.json',
  'tsconfig.json',
  'instrumentation.ts',
  'proxy.ts',
];
const distDir = path.join(root, process.env.NEXT_DIST_DIR || '.next');
const FINGERPRINT_FILE = path.join(distDir, 'mews-checkout-build-fingerprint');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function listFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { withFileTypes: true }).flatMap((child) =>
    listFiles(path.join(entry, child.name)),
  );
}

/** A content hash of everything `next build` reads, so a stale build is never served. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap(listFiles).sort()) {
    hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: root, env, stdio: 'inherit' });
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => run(command, args, env).on('exit', (code) => resolve(code ?? 1)));
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}

const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
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
    const fingerprint = sourceFingerprint();
    const built =
      existsSync(path.join(distDir, 'BUILD_ID')) &&
      existsSync(FINGERPRINT_FILE) &&
      readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint;
    if (!built) {
      console.log('Building Mews Checkout for production (first start or sources changed)...');
      const code = await runToEnd(process.execPath, [nextBin, 'build'], { ...env, NODE_ENV: 'production' });
      if (code !== 0) fail(`next build failed with exit code ${code}`);
      writeFileSync(FINGERPRINT_FILE, fingerprint);
    }
  }

  let sandboxUrl: string | undefined;
  // The sandbox sends webhooks like Mews does; without a configured secret one is made up for this
  // run so the embedded set-up exercises the same path as production.
  const webhookSecret =
    config.webhookSecret ?? (config.mews.mode === 'sandbox' ? randomBytes(24).toString('base64url') : undefined);
  if (webhookSecret) env.MEWS_WEBHOOK_SECRET = webhookSecret;
  if (config.mews.mode === 'sandbox') {
    const platform = new URL(config.mews.platformUrl);
    const sandboxPort = platform.port || '80';
    const sandbox = run(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'main.ts')], {
      ...env,
      SANDBOX_PORT: sandboxPort,
      SANDBOX_DATA_DIR: process.env.SANDBOX_DATA_DIR ?? path.join(config.dataDir, 'sandbox'),
      ...(webhookSecret && !process.env.SANDBOX_WEBHOOK_URL
        ? { SANDBOX_WEBHOOK_URL: `${config.appUrl}/api/webhooks/mews?secret=${webhookSecret}` }
        : {}),
    });
    children.push(sandbox);
    sandbox.on('exit', (code) => {
      console.error(`The Mews sandbox stopped (exit code ${code}); stopping the app too.`);
      stopAll(code ?? 1);
    });
    if (!(await waitForHttp(`${config.mews.platformUrl}/`, 30_000, sandbox))) {
      console.error(`The Mews sandbox did not start on ${config.mews.platformUrl}.`);
      stopAll(1);
    }
    sandboxUrl = config.mews.platformUrl;
  }

  const app = run(process.execPath, [nextBin, dev ? 'dev' : 'start', '--port', String(config.port)], {
    ...env,
    NODE_ENV: dev ? 'development' : 'production',
  });
  children.push(app);
  app.on('exit', (code) => stopAll(code ?? 1));

  const healthUrl = `http://localhost:${config.port}/api/health`;
  if (!(await waitForHttp(healthUrl, dev ? 120_000 : 60_000, app))) {
    console.error(`Mews Checkout did not answer on ${healthUrl}.`);
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
