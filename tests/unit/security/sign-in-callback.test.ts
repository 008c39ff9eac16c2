import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestPglite, type TestDatabase } from '../../support/test-database';
import { requestScope } from '../../support/request-scope';

/**
 * After signing in, staff go to the callback from the sign-in page's query string, which anyone
 * can craft: only a normal back-office path on the app's own origin is followed, anything else
 * sends them to /staff. The sign-in action is called directly with a right password, as a phishing
 * page's form would make the browser do, and where it redirects to is read off the redirect.
 */

vi.mock(
  'next/headers',
  async () => (await import('../../support/request-scope')).nextHeadersModule,
);
vi.mock('next-auth', async () => (await import('../../support/auth-stand-in')).nextAuthModule);
vi.mock('@/lib/auth/index', async () => (await import('../../support/auth-stand-in')).authModule);

const APP_URL = 'http://localhost:3999';
const STAFF = { email: 'callback.manager@hotel.test', password: 'callback manager password' };

/** Each one must end on /staff: off-site, off /staff, or not yet normal (a later decode or resolve could move it). */
const HOSTILE = [
  '/staff/..//..//evil.example/phish',
  '/staff/../..//evil.example/phish',
  '/staff/..',
  '/staff/../admin',
  '/staff/./payments',
  '/staff/payments/..',
  '//evil.example/phish',
  '///evil.example/phish',
  '/\\evil.example/phish',
  '\\\\evil.example\\staff',
  '/staff\\..\\..\\evil.example',
  '/staff/\\\\evil.example',
  '/staff//evil.example/phish',
  '/staff/%2e%2e/%2e%2e/evil.example',
  '/staff/%2E%2E%2F%2E%2E%2F%2Fevil.example',
  '/staff/%2f%2fevil.example',
  '/staff/%5c%5cevil.example',
  '/staff/%252e%252e/%252e%252e//evil.example',
  '/staff/%25252e%25252e/evil',
  '/staff/%c0%ae%c0%ae/evil',
  '/staff/%u002e%u002e/evil',
  '/staff/\u2025/evil',
  '/staff/\uff0f\uff0fevil.example',
  '/staff/\tpayments',
  '/staff/\npayments',
  '/staff\r\n//evil.example',
  '/staff/\u0000',
  '/staff/\u007f',
  '/staff/\u0085',
  '/staff?x=%0d%0aSet-Cookie:%20a=b',
  '/staff?x=%250a',
  '/staff?next=%5c%5cevil.example',
  'https://evil.example/staff',
  'http://evil.example/staff',
  'http://localhost:3999.evil.example/staff',
  'http://localhost:3999@evil.example/staff',
  'https://localhost:3999/staff',
  'http://localhost:4000/staff',
  '//localhost:3999/staff',
  'javascript:alert(document.cookie)//staff',
  'data:text/html,<script>alert(1)</script>',
  'staff/payments',
  ' /staff/payments',
  '/staffevil.example',
  '/staff@evil.example',
  '/staff;evil',
  '/STAFF/payments',
  '/staff/sign-in',
  '/staff/sign-in?callbackUrl=//evil.example',
  '/staff/sign-in/',
  '/',
  '/pay/abc',
  '/api/staff/payments',
  '',
  '/staff/' + 'a'.repeat(3_000),
  42,
  null,
  { toString: () => '/staff/payments' },
];

const ACCEPTED: [string, string][] = [
  ['/staff', '/staff'],
  ['/staff/', '/staff/'],
  ['/staff/payments', '/staff/payments'],
  [
    '/staff/payments?status=failed&query=Smith%20J',
    '/staff/payments?status=failed&query=Smith%20J',
  ],
  [
    '/staff/customers/6f1c9f0e-1111-4c3a-9a55-0d3b5c2e7a10',
    '/staff/customers/6f1c9f0e-1111-4c3a-9a55-0d3b5c2e7a10',
  ],
  ['/staff/payments#latest', '/staff/payments'],
  ['/staff/links?x=a..b', '/staff/links?x=a..b'],
  ['http://localhost:3999/staff/audit', '/staff/audit'],
];

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestPglite();
  Object.assign(process.env, {
    MEWS_PLATFORM_URL: 'http://127.0.0.1:9',
    APP_URL,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mews-callback-')),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
  });
  (await import('@/lib/config')).resetConfigForTests();
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = Promise.resolve(database);
  const { getPaymentContext } = await import('@/lib/server/context');
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  await createStaffAccount(
    await getPaymentContext(),
    { email: STAFF.email, name: 'Callback Manager', role: 'manager', password: STAFF.password },
    { type: 'system' },
  );
});

afterAll(async () => {
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = undefined;
  await database?.close();
});

/** Signs in with the right password and `callbackUrl`; where the action redirects to. */
async function landingAfterSignIn(callbackUrl: unknown): Promise<string> {
  requestScope.headers = new Headers({ host: 'localhost:3999', 'x-forwarded-proto': 'http' });
  requestScope.staffId = undefined;
  const { signInWithPasswordAction: signInWithPassword } = await import('@/lib/auth/actions');
  const thrown = await signInWithPassword({ ...STAFF, callbackUrl }).then(
    (result) => new Error(`no redirect: ${JSON.stringify(result)}`),
    (error: unknown) => error,
  );
  const digest = (thrown as { digest?: unknown }).digest;
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT')) throw thrown;
  expect(requestScope.staffId).toBeDefined();
  return digest.split(';')[2] ?? '';
}

/** Where a browser on the app goes when told `location`. */
const resolvedByBrowser = (location: string) => new URL(location, `${APP_URL}/staff/sign-in`);

/** Through the action with a real sign-in (an Argon2 check each): the headline cases. */
const THROUGH_THE_ACTION = [
  '/staff/..//..//evil.example/phish',
  '//evil.example/phish',
  '/staff/%2e%2e/%2e%2e/evil.example',
  '/staff\\..\\..\\evil.example',
  'https://evil.example/staff',
  '/staff/sign-in?callbackUrl=//evil.example',
];

describe('signInWithPassword', () => {
  it.each(THROUGH_THE_ACTION.map((callback) => [callback]))(
    'sends a signed-in user given %j to /staff',
    async (callback) => {
      expect(await landingAfterSignIn(callback)).toBe('/staff');
    },
  );

  it('follows a back-office callback', async () => {
    expect(await landingAfterSignIn('/staff/payments?status=failed')).toBe(
      '/staff/payments?status=failed',
    );
  });
});

describe('safeCallbackPath', () => {
  it.each(HOSTILE.map((callback) => [callback]))('refuses %j', async (callback) => {
    const { safeCallbackPath } = await import('@/lib/auth/callback-url');
    expect(safeCallbackPath(callback, APP_URL)).toBe('/staff');
  });

  it.each(ACCEPTED)('accepts %j as %j', async (callback, expected) => {
    const { safeCallbackPath } = await import('@/lib/auth/callback-url');
    const result = safeCallbackPath(callback, APP_URL);
    expect(result).toBe(expected);
    expect(resolvedByBrowser(result).origin).toBe(APP_URL);
  });
});

describe('safeCallbackPath (property)', () => {
  it('whatever it is given, answers a path a browser keeps on the app under /staff, unchanged by resolving or decoding', async () => {
    const { safeCallbackPath } = await import('@/lib/auth/callback-url');
    const pieces = fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2f',
      '%5c',
      '%25',
      '%00',
      '%0a',
      '?',
      '#',
      '@',
      ':',
      ';',
      'staff',
      'sign-in',
      'evil.example',
      'http:',
      'https:',
      'localhost:3999',
      '\t',
      '\n',
      '\u0000',
      '\uff0f',
      ' ',
    );
    const hostile = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')),
      fc.array(pieces, { maxLength: 12 }).map((parts) => `/staff/${parts.join('')}`),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
    );
    fc.assert(
      fc.property(hostile, (callback) => {
        const result = safeCallbackPath(callback, APP_URL);
        const url = resolvedByBrowser(result);
        expect(url.origin).toBe(APP_URL);
        const [pathname = ''] = result.split('?');
        expect(url.pathname).toBe(pathname);
        expect(pathname === '/staff' || pathname.startsWith('/staff/')).toBe(true);
        expect(pathname === '/staff/sign-in' || pathname.startsWith('/staff/sign-in/')).toBe(false);
        expect(pathname).not.toMatch(/\/\/|\\|%|\/\.\.?(\/|$)/);
        expect(decodeURIComponent(result)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\]/);
      }),
      { numRuns: 1_000 },
    );
  });
});
