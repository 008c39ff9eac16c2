/**
 * Starts the e2e suite's second app (the Dutch hotel, for the iDEAL journeys) as Playwright's
 * second web server, and with PORT and DATA_DIR set, the third (the Mews Payments Checkout app): the same production build and the same sandbox (and mail catcher) as the
 * first app, so it neither builds nor starts a sandbox of its own. It waits until the first app
 * answers (its build is then done: two `next build`s in one `.next` at once would corrupt it), then
 * runs the app's own Node server the way lib/cli/start.ts does, with a fresh data folder.
 *
 *   node --import tsx tests/e2e/support/start-ideal-app.ts   (env from playwright.config.ts)
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { E2E_APP_URL, E2E_IDEAL_APP_PORT, E2E_IDEAL_DATA_DIR, E2E_SMTP_URL } from './e2e-env';

const FIRST_APP_WAIT_MS = 15 * 60_000;

async function answers(url: string): Promise<boolean> {
  try {
    // Any HTTP answer will do (503 while Mews is slow): the server runs, so the build is done.
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const deadline = Date.now() + FIRST_APP_WAIT_MS;
  while (!(await answers(`${E2E_APP_URL}/api/health`))) {
    if (Date.now() > deadline) {
      console.error(
        `The first e2e app (${E2E_APP_URL}) did not start; not starting the iDEAL app.`,
      );
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const dataDir = process.env.DATA_DIR ?? E2E_IDEAL_DATA_DIR;
  const port = process.env.PORT ?? String(E2E_IDEAL_APP_PORT);
  rmSync(dataDir, { recursive: true, force: true });
  const root = process.cwd();
  const app = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'lib', 'server', 'node-server.ts'), '--port', port],
    {
      cwd: root,
      // The first app's sandbox is this app's mail server too (it starts no sandbox of its own).
      env: { SMTP_URL: E2E_SMTP_URL, ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      app.kill('SIGTERM');
    });
  app.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
