import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys run against a production build (`next build` + `next start`) and the offline
 * sandbox, each on its own port and with its own data folder, started fresh for every run.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const appUrl = `http://localhost:${E2E_APP_PORT}`;

const debianChromium = '/usr/bin/chromium';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  // One production server on a 2-core machine: parallel browsers would only measure contention.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: appUrl,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command:
      "node -e \"require('fs').rmSync('.data/e2e',{recursive:true,force:true})\" && node --conditions=react-server --import tsx lib/cli/start.ts",
    url: `${appUrl}/api/health`,
    // The first run builds the app for production.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_APP_PORT),
      APP_URL: appUrl,
      MEWS_PLATFORM_URL: `http://localhost:${E2E_SANDBOX_PORT}`,
      DATA_DIR: '.data/e2e',
      LOG_LEVEL: 'info',
      LOG_FILE: '.data/e2e/app.log',
    },
  },
});
