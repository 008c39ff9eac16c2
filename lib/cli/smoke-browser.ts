/**
 * `npm run smoke:browser -- --platform https://api.mews-demo.com`: the browser smoke of
 * tests/smoke (a demo link paid by card through PCI Proxy's real Secure Fields script), with the
 * platform and tokens as flags. Playwright takes no options of its own making, so they travel as
 * environment variables to tests/smoke/playwright.config.ts. Skipped when the platform does not
 * answer.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    platform: { type: 'string' },
    'client-token': { type: 'string' },
    'access-token': { type: 'string' },
  },
  allowPositionals: true,
  strict: true,
});

const env: NodeJS.ProcessEnv = { ...process.env };
if (values.platform) env.SMOKE_PLATFORM_URL = values.platform;
if (values['client-token']) env.MEWS_CLIENT_TOKEN = values['client-token'];
if (values['access-token']) env.MEWS_ACCESS_TOKEN = values['access-token'];

const run = (args: string[]) =>
  spawnSync(process.execPath, args, { stdio: 'inherit', env }).status ?? 1;

const browser = run(['--import', 'tsx', 'lib/cli/ensure-browser.ts']);
if (browser !== 0) process.exit(browser);
process.exit(
  run([
    'node_modules/@playwright/test/cli.js',
    'test',
    '-c',
    'tests/smoke/playwright.config.ts',
    ...positionals,
  ]),
);
