import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nextBinary } from '@/lib/cli/production-build';
import { SEED } from '@/sandbox/seed';
import { createSandboxControl, type SandboxControl } from '../../support/sandbox';
import { openTestPostgres } from '../../support/test-database';
import type { Measurement } from './measurements';
import type { BenchOptions } from './section';

/**
 * What the bench measures: the production build (`next start`) and the offline sandbox, each its
 * own process on its own loopback port, as `npm start` runs them, with a fresh data folder per
 * stack. The bench process itself only plays the guests (and, for the server-overhead run, the
 * recording proxy in front of the sandbox).
 */

export const ROOT = process.cwd();

/**
 * The bare page every floor is measured on: a path no route serves, so Next.js answers with its
 * built-in not-found page (404) under the root layout, from the same build and server as the app.
 */
export const BARE_PATH = '/bench-floor';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHttp(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited with ${child.exitCode}\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${output()}`);
}

function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface SandboxProcess {
  url: string;
  pid: number;
  /** The sandbox's control API: latency and rate limit (`updateSettings`), request log, settlement. */
  control: SandboxControl;
  stop(): Promise<void>;
}

export async function startSandboxProcess(latencyMs = 0): Promise<SandboxProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = startChild(['--import', 'tsx', path.join(ROOT, 'sandbox', 'main.ts')], {
    ...process.env,
    NODE_ENV: 'production',
    SANDBOX_PORT: String(port),
    SANDBOX_HOST: '127.0.0.1',
    // Mews keeps its state on its own machines: the stand-in writes no state file, so its disk
    // writes take no CPU from the app on this 2-core machine.
    SANDBOX_DATA_DIR: ':memory:',
    SANDBOX_LATENCY_MS: String(latencyMs),
    // No e-mail is sent while benchmarking; a catcher would only take a port and memory.
    SANDBOX_SMTP_PORT: 'off',
  });
  await waitForHttp(`${url}/_sandbox/health`, child, 30_000, output);
  return {
    url,
    pid: child.pid as number,
    control: createSandboxControl(url),
    stop: () => stopChild(child),
  };
}

export interface AppProcess {
  url: string;
  pid: number;
  apiKey: string;
  /** Resident memory of the app's process tree now, in bytes. */
  rssBytes(): number;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** Where the app sends Connector API requests (the sandbox, or a proxy in front of it). */
  platformUrl: string;
  /** The sandbox itself, for the Secure Fields script (never proxied). */
  sandboxUrl: string;
  dataDir: string;
  databaseUrl?: string;
  /** MEWS_RATE_LIMIT; unset keeps the production default. */
  mewsRateLimit?: number;
  env?: NodeJS.ProcessEnv;
  /** Node options of the app process, e.g. `--cpu-prof` to see where its time goes. */
  nodeArgs?: string[];
  /** The built copy of the app to start; this checkout by default. */
  root?: string;
}

export async function startAppProcess(options: AppOptions): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const apiKey = `mck_${randomBytes(24).toString('base64url')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    APP_URL: url,
    MEWS_PLATFORM_URL: options.platformUrl,
    SECURE_FIELDS_SCRIPT_URL: `${options.sandboxUrl}/secure-fields/secure-fields-2.0.0.js`,
    DATA_DIR: options.dataDir,
    // The bench measures the payment path; a reconciler pass in the middle would be noise (the
    // ledger-scale run measures the reconciler on its own).
    RECONCILE_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'warn',
    BOOTSTRAP_API_KEY: apiKey,
    // Set-up creates hundreds of links with this one key: its per-key limits are not what is measured.
    API_KEY_REQUESTS_PER_MINUTE: '1000000',
    API_KEY_LINKS_PER_MINUTE: '1000000',
    // The bench plays the one proxy in front of the app: each simulated guest's address is the
    // X-Forwarded-For it sends (tests/performance/support/guest-http.ts), as before.
    TRUSTED_PROXY_HOPS: '1',
    ...(options.mewsRateLimit ? { MEWS_RATE_LIMIT: String(options.mewsRateLimit) } : {}),
    ...options.env,
  };
  delete env.LOG_FILE;
  delete env.MEWS_WEBHOOK_SECRET;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const root = options.root ?? ROOT;
  const { child, output } = startChild(
    [
      ...(options.nodeArgs ?? []),
      nextBinary(root),
      'start',
      '--port',
      String(port),
      '--hostname',
      '127.0.0.1',
    ],
    env,
    root,
  );
  await waitForHttp(`${url}/api/health`, child, 90_000, output);
  const pid = child.pid as number;
  return { url, pid, apiKey, rssBytes: () => processTreeRss(pid), stop: () => stopChild(child) };
}

/** Sum of VmRSS over a process and all its descendants (Linux /proc). */
export function processTreeRss(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces; the parent pid is the second field after ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Samples a value every `everyMs` until stopped; returns the peak. */
export function samplePeak(read: () => number, everyMs = 100): { stop(): number } {
  let peak = read();
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}

export interface BenchStack {
  app: AppProcess;
  sandbox: SandboxProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/** Sandbox + app on fresh data; `platformUrl` lets a caller put a proxy between them. */
export async function startBenchStack(
  options: {
    latencyMs?: number;
    databaseUrl?: string;
    mewsRateLimit?: number;
    /** Given the sandbox URL, where the app should send Connector API requests. */
    platformFor?: (sandboxUrl: string) => Promise<string> | string;
    /** Extra environment and Node options of the app process. */
    appEnv?: NodeJS.ProcessEnv;
    appNodeArgs?: string[];
    /** The built copy of the app to start; this checkout by default. */
    appRoot?: string;
  } = {},
): Promise<BenchStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mews-checkout-bench-'));
  const sandbox = await startSandboxProcess(options.latencyMs ?? 0);
  let app: AppProcess;
  try {
    app = await startAppProcess({
      platformUrl: options.platformFor ? await options.platformFor(sandbox.url) : sandbox.url,
      sandboxUrl: sandbox.url,
      dataDir,
      databaseUrl: options.databaseUrl,
      mewsRateLimit: options.mewsRateLimit,
      env: options.appEnv,
      nodeArgs: options.appNodeArgs,
      root: options.appRoot,
    });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  return {
    app,
    sandbox,
    dataDir,
    async stop() {
      await app.stop();
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchLink {
  id: string;
  token: string;
  url: string;
  amountMinor: number;
}

/** Creates payment links the way an integration does: `POST /api/v1/payment-links`. */
export async function createPaymentLinks(
  app: AppProcess,
  count: number,
  amountMinor = 12_550,
): Promise<BenchLink[]> {
  const customerId = SEED.customers.alice.id;
  const links: BenchLink[] = [];
  // A few at a time: link creation reads the customer from Mews; this is set-up, not measured.
  const batch = 8;
  for (let start = 0; start < count; start += batch) {
    const created = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, async () => {
        const response = await fetch(`${app.url}/api/v1/payment-links`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            customerId,
            amountMinor,
            currency: 'EUR',
            description: 'Deposit (bench)',
          }),
        });
        if (response.status !== 201)
          throw new Error(`create link: ${response.status} ${await response.text()}`);
        const link = (await response.json()) as {
          id: string;
          url: string;
          token: string;
          amountMinor: number;
        };
        return { id: link.id, token: link.token, url: link.url, amountMinor: link.amountMinor };
      }),
    );
    links.push(...created);
  }
  return links;
}

export interface BenchDatabase {
  label: 'PGlite' | 'PostgreSQL';
  /** undefined: the embedded PGlite of each stack's data folder. */
  url: string | undefined;
}

/**
 * Runs a measurement on the embedded default (PGlite) and, when the bench has a PostgreSQL server,
 * on a fresh database there (dropped afterwards): the two set-ups a hotel can run.
 */
export async function measureOnEachDatabase(
  options: BenchOptions,
  measure: (database: BenchDatabase) => Promise<Measurement[]>,
): Promise<Measurement[]> {
  const measurements = await measure({ label: 'PGlite', url: undefined });
  if (!options.postgresServerUrl) {
    options.log('  (PostgreSQL skipped: set TEST_DATABASE_URL to measure it too)');
    return measurements;
  }
  const postgres = await openTestPostgres(options.postgresServerUrl, 'mews_checkout_bench');
  try {
    measurements.push(...(await measure({ label: 'PostgreSQL', url: postgres.url })));
  } finally {
    await postgres.close();
  }
  return measurements;
}
