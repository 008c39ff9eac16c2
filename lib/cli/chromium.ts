import { existsSync } from 'node:fs';

/**
 * The one Chromium every browser test, the sandbox's own browser test and the bench use: Debian's
 * package (Playwright cannot download browsers here), or CHROMIUM_PATH, with the headless flags this
 * machine needs. Here rather than under tests/ because sandbox/playwright.config.ts needs it too, and
 * the sandbox never imports the tests; lib/cli/ensure-browser.ts installs the same binary.
 */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const chromiumLaunchOptions = {
  executablePath:
    process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
