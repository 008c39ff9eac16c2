import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../lib/cli/chromium';

/**
 * Runs only the sandbox's own browser test (Secure Fields stand-in), without building or starting
 * the app: `npm run test:sandbox:e2e`. The spec starts the sandbox and its host page itself and
 * also runs under the app's playwright.config.ts.
 */
export default defineConfig({
  testDir: '../tests/e2e',
  testMatch: 'sandbox-secure-fields.spec.ts',
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
