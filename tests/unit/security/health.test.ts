import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestPglite, type TestDatabase } from '../../support/test-database';
import { requestScope } from '../../support/request-scope';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * GET /api/health, called directly as anyone on the internet can: the public learns whether the
 * app can take payments (200 `{"status":"ok"}` or 503 `{"status":"degraded"}`) and nothing about
 * what it runs on; the version, database kind, Mews mode and hotel name only with the HEALTH_TOKEN
 * as a bearer token or a signed-in manager's session.
 */

vi.mock(
  'next/headers',
  async () => (await import('../../support/request-scope')).nextHeadersModule,
);
vi.mock('next-auth', async () => (await import('../../support/auth-stand-in')).nextAuthModule);
vi.mock('@/lib/auth/index', async () => (await import('../../support/auth-stand-in')).authModule);

const HEALTH_TOKEN = `health-${randomBytes(24).toString('hex')}`;
let database: TestDatabase;
let sandbox: TestSandbox;
const staff = { manager: '', frontDesk: '' };

beforeAll(async () => {
  sandbox = await startTestSandbox();
  database = await openTestPglite();
  Object.assign(process.env, {
    MEWS_PLATFORM_URL: sandbox.url,
    APP_URL: 'http://localhost:3999',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mews-health-')),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    HEALTH_TOKEN,
  });
  (await import('@/lib/config')).resetConfigForTests();
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = Promise.resolve(database);
  const { getPaymentContext } = await import('@/lib/server/context');
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const ctx = await getPaymentContext();
  const create = (email: string, role: 'manager' | 'frontdesk') =>
    createStaffAccount(
      ctx,
      { email, name: email, role, password: 'health check password' },
      { type: 'system' },
    );
  staff.manager = (await create('health.manager@hotel.test', 'manager')).id;
  staff.frontDesk = (await create('health.desk@hotel.test', 'frontdesk')).id;
}, 60_000);

afterAll(async () => {
  delete process.env.HEALTH_TOKEN;
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = undefined;
  await database?.close();
  await sandbox?.stop();
});

async function health(options: { authorization?: string; staffId?: string } = {}) {
  requestScope.staffId = options.staffId;
  const headers = new Headers(
    options.authorization ? { authorization: options.authorization } : {},
  );
  const { GET } = await import('@/app/api/health/route');
  const response = await GET(new Request('http://localhost:3999/api/health', { headers }));
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

const DETAILED = {
  status: 'ok',
  version: expect.stringMatching(/^\d+\.\d+\.\d+/),
  checks: {
    database: { ok: true, kind: 'pglite' },
    mews: { ok: true, mode: 'sandbox', enterprise: expect.any(String) },
  },
};

describe('GET /api/health', () => {
  it('tells the public only the status', async () => {
    const { status, body, headers } = await health();
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['a wrong token', 'Bearer not-the-health-token-at-all-000000'],
    ['the token with something after it', `Bearer ${HEALTH_TOKEN}x`],
    ['the token cut short', `Bearer ${HEALTH_TOKEN.slice(0, -1)}`],
    ['the token in another scheme', `Basic ${HEALTH_TOKEN}`],
    ['the token alone', HEALTH_TOKEN],
    ['an empty bearer', 'Bearer '],
  ])('tells %s only the status', async (_, authorization) => {
    expect((await health({ authorization })).body).toEqual({ status: 'ok' });
  });

  it('gives the details to the bearer of HEALTH_TOKEN', async () => {
    const { status, body } = await health({ authorization: `Bearer ${HEALTH_TOKEN}` });
    expect(status).toBe(200);
    expect(body).toMatchObject(DETAILED);
    expect((await health({ authorization: `bearer  ${HEALTH_TOKEN}` })).body).toMatchObject(
      DETAILED,
    );
  });

  it('gives the details to a signed-in manager, not to front-desk staff', async () => {
    expect((await health({ staffId: staff.manager })).body).toMatchObject(DETAILED);
    expect((await health({ staffId: staff.frontDesk })).body).toEqual({ status: 'ok' });
  });

  it('answers 503 with the bare status when a dependency is down', async () => {
    const down = Promise.reject(new Error('database down'));
    down.catch(() => undefined);
    (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = down;
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body).toEqual({ status: 'degraded' });
      const detailed = await health({ authorization: `Bearer ${HEALTH_TOKEN}` });
      expect(detailed.status).toBe(503);
      expect(detailed.body).toMatchObject({
        status: 'degraded',
        checks: { database: { ok: false } },
      });
    } finally {
      (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb =
        Promise.resolve(database);
    }
  });
});

describe('bearerMatchesHealthToken', () => {
  it('matches only the configured token, and nothing when none is configured', async () => {
    const { bearerMatchesHealthToken } = await import('@/lib/health');
    expect(bearerMatchesHealthToken(`Bearer ${HEALTH_TOKEN}`, HEALTH_TOKEN)).toBe(true);
    expect(bearerMatchesHealthToken(`Bearer ${HEALTH_TOKEN}`, undefined)).toBe(false);
    expect(bearerMatchesHealthToken('Bearer ', '')).toBe(false);
    expect(bearerMatchesHealthToken(null, HEALTH_TOKEN)).toBe(false);
    expect(bearerMatchesHealthToken(`Bearer ${HEALTH_TOKEN} ${HEALTH_TOKEN}`, HEALTH_TOKEN)).toBe(
      false,
    );
  });
});
