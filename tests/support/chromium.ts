import { existsSync } from 'node:fs';

/**
 * The one Chromium every browser test and the bench use: Debian's package (Playwright cannot
 * download browsers here), or CHROMIUM_PATH, with the headless flags this machine needs.
 */
const debianChromium = '/usr/bin/chromium';

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
