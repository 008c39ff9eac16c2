/**
 * Makes sure Playwright has a Chromium to drive before the browser tests run. Playwright cannot
 * download its own browser on machines without internet, so on Debian we use the distribution's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEBIAN_CHROMIUM } from './chromium';

const wanted = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;

if (existsSync(wanted)) {
  process.exit(0);
}

const isDebian = existsSync('/etc/debian_version');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (isDebian && isRoot && !process.env.CHROMIUM_PATH) {
  console.log("Chromium not found: installing Debian's chromium package for the browser tests...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync(wanted)) process.exit(0);
}

console.error(
  `No Chromium at ${wanted}. Install one with "npx playwright install chromium" (or Debian's "chromium" package), ` +
    'or set CHROMIUM_PATH to an existing Chromium binary.',
);
process.exit(1);
