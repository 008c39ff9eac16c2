import { spawnSync } from 'node:child_process';

/**
 * Shared by the browser smoke's Playwright config and its spec: which Mews platform, which tokens,
 * where the app runs, and whether the platform answers at all (checked once, by the config).
 */

/** Mews' public demo tokens (Connector API docs, "Environments"), Gross pricing enterprise. */
const DEMO = {
  clientToken: 'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D',
  accessToken: 'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D',
} as const;

export const SMOKE_PLATFORM_URL = (
  process.env.SMOKE_PLATFORM_URL ??
  process.env.MEWS_PLATFORM_URL ??
  'https://api.mews-demo.com'
).replace(/\/+$/, '');
export const SMOKE_CLIENT_TOKEN = process.env.MEWS_CLIENT_TOKEN || DEMO.clientToken;
export const SMOKE_ACCESS_TOKEN = process.env.MEWS_ACCESS_TOKEN || DEMO.accessToken;
export const SMOKE_APP_PORT = Number(process.env.SMOKE_APP_PORT ?? 3107);
export const SMOKE_APP_URL = `http://localhost:${SMOKE_APP_PORT}`;
export const SMOKE_DATA_DIR = process.env.SMOKE_DATA_DIR ?? '.data/smoke-browser';
export const SMOKE_API_KEY = 'mck_smokebrowser00000000000000000000000000000000';

/** Same customer as `npm run smoke`: found again by e-mail, added once. */
export const SMOKE_CUSTOMER = {
  email: 'mews-checkout-smoke@example.com',
  firstName: 'Smoke Test',
  lastName: 'Mews Checkout',
} as const;

/**
 * `null` when the platform answers over HTTP (any status), else why not. Synchronous (a child
 * process) because a Playwright config cannot wait; the answer is kept in the environment so the
 * test workers, which load the config again, do not ask again.
 */
export function platformProblem(): string | null {
  const known = process.env.SMOKE_PLATFORM_STATUS;
  if (known !== undefined) return known === 'ok' ? null : known;
  const probe = `
    fetch(process.argv[1] + '/api/connector/v1/configuration/get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ClientToken: process.argv[2], AccessToken: process.argv[3], Client: 'Mews Checkout browser smoke' }),
      signal: AbortSignal.timeout(10000),
    }).then(
      (r) => console.log(r.status === 401 ? 'refusing these tokens (401)' : 'ok'),
      (e) => console.log('unreachable (' + ((e.cause && e.cause.code) || e.name || e.message) + ')'),
    );`;
  const result = spawnSync(
    process.execPath,
    ['-e', probe, SMOKE_PLATFORM_URL, SMOKE_CLIENT_TOKEN, SMOKE_ACCESS_TOKEN],
    { encoding: 'utf8', timeout: 15_000 },
  );
  const answer = result.stdout?.trim() || `unreachable (${result.error?.message ?? 'no answer'})`;
  process.env.SMOKE_PLATFORM_STATUS = answer;
  return answer === 'ok' ? null : answer;
}
