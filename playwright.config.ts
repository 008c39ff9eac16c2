import { defineConfig } from '@playwright/test';
import {
  E2E_API_KEY,
  E2E_APP_PORT,
  E2E_APP_URL,
  E2E_DATA_DIR,
  E2E_CHECKOUT_APP_PORT,
  E2E_CHECKOUT_APP_URL,
  E2E_CHECKOUT_DATA_DIR,
  E2E_CHECKOUT_LOG_FILE,
  E2E_IDEAL_APP_PORT,
  E2E_IDEAL_APP_URL,
  E2E_IDEAL_DATA_DIR,
  E2E_IDEAL_LOG_FILE,
  E2E_LOG_FILE,
  E2E_SANDBOX_URL,
  E2E_SMTP_URL,
} from './tests/e2e/support/e2e-env';
import { DUTCH_ACCESS_TOKEN } from './sandbox/seed';
import { chromiumLaunchOptions } from './lib/cli/chromium';

/**
 * Browser journeys run against a production build (`next build` + `next start`) and the offline
 * sandbox, each on its own port and with its own data folder, started fresh for every run.
 */
const appUrl = E2E_APP_URL;

/**
 * Both apps send to the e2e sandbox's mail catcher, and look for due e-mail every second rather
 * than every 5 s (reminders every 2 s rather than 5 min), so journeys wait for mail, not a timer.
 */
const E2E_MAIL_ENV = {
  SMTP_URL: E2E_SMTP_URL,
  MAIL_SEND_INTERVAL_SECONDS: '1',
  MAIL_REMINDER_INTERVAL_SECONDS: '2',
};

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
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'journeys', testIgnore: /card-data-scan\.spec\.ts/ },
    // After every journey has typed its cards: nothing of them may be on disk.
    { name: 'card-data-scan', testMatch: /card-data-scan\.spec\.ts/, dependencies: ['journeys'] },
  ],
  webServer: [
    {
      command: `node -e "require('fs').rmSync('${E2E_DATA_DIR}',{recursive:true,force:true})" && node --conditions=react-server --import tsx lib/cli/start.ts`,
      url: `${appUrl}/api/health`,
      // The first run builds the app for production.
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_APP_PORT),
        APP_URL: appUrl,
        MEWS_PLATFORM_URL: E2E_SANDBOX_URL,
        DATA_DIR: E2E_DATA_DIR,
        LOG_LEVEL: 'info',
        LOG_FILE: E2E_LOG_FILE,
        BOOTSTRAP_API_KEY: E2E_API_KEY,
        // Every journey creates its links with this one key; the per-key limits have integration tests.
        API_KEY_REQUESTS_PER_MINUTE: '100000',
        API_KEY_LINKS_PER_MINUTE: '100000',
        // lib/cli/start.ts runs the sandbox's SMTP server on this URL's port.
        ...E2E_MAIL_ENV,
      },
    },
    // The iDEAL journeys' app: the Dutch hotel (iDEAL is not in London's Mews subscription). Same
    // build and sandbox; it waits for the app above, so two builds never run at once.
    {
      command: 'node --import tsx tests/e2e/support/start-ideal-app.ts',
      url: `${E2E_IDEAL_APP_URL}/api/health`,
      timeout: 900_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_IDEAL_APP_PORT),
        APP_URL: E2E_IDEAL_APP_URL,
        MEWS_PLATFORM_URL: E2E_SANDBOX_URL,
        MEWS_ACCESS_TOKEN: DUTCH_ACCESS_TOKEN,
        DATA_DIR: E2E_IDEAL_DATA_DIR,
        LOG_LEVEL: 'info',
        LOG_FILE: E2E_IDEAL_LOG_FILE,
        BOOTSTRAP_API_KEY: E2E_API_KEY,
        API_KEY_REQUESTS_PER_MINUTE: '100000',
        API_KEY_LINKS_PER_MINUTE: '100000',
        ...E2E_MAIL_ENV,
      },
    },
    // The Mews Payments Checkout journeys' app: the Dutch hotel (on Mews Payments, with cards,
    // wallets and iDEAL in the checkout) with the checkout route first and holds on.
    {
      command: 'node --import tsx tests/e2e/support/start-ideal-app.ts',
      url: `${E2E_CHECKOUT_APP_URL}/api/health`,
      timeout: 900_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_CHECKOUT_APP_PORT),
        APP_URL: E2E_CHECKOUT_APP_URL,
        MEWS_PLATFORM_URL: E2E_SANDBOX_URL,
        MEWS_ACCESS_TOKEN: DUTCH_ACCESS_TOKEN,
        DATA_DIR: E2E_CHECKOUT_DATA_DIR,
        LOG_LEVEL: 'info',
        LOG_FILE: E2E_CHECKOUT_LOG_FILE,
        BOOTSTRAP_API_KEY: E2E_API_KEY,
        API_KEY_REQUESTS_PER_MINUTE: '100000',
        API_KEY_LINKS_PER_MINUTE: '100000',
        GUEST_PAYMENT_ROUTES: 'mews-checkout,secure-fields',
        GUEST_HOLDS: 'on',
        ...E2E_MAIL_ENV,
      },
    },
  ],
});
