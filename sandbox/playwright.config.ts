import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../lib/cli/chromium';

/**
 * Runs only the sandbox's own browser tests (the Secure Fields and Mews Payments Checkout
 * stand-ins), without building or starting the app: `npm run test:sandbox:e2e`. Each spec starts
 * the sandbox and its host page itself; the Secure Fields one also runs under the app's
 * playwright.config.ts.
 */
export default defineConfig({
  testDir: '..',
  testMatch: ['tests/e2e/sandbox-secure-fields.spec.ts', 'sandbox/e2e/*.spec.ts'],
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
