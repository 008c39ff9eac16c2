import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GUEST_RATE_LIMITS } from '@/lib/payments/guest/rate-limit';
import { openTestPglite, type TestDatabase } from '../../support/test-database';
import { requestScope } from '../../support/request-scope';

/**
 * An attacker who rotates X-Forwarded-For (a header any client sets) must not get a fresh address,
 * and so a fresh allowance, with every request: not on the guest pay pages (the status route) and
 * not at sign-in. Route handlers and server actions are called directly, as a script would; what
 * `next/headers` answers is the attacker's request (tests/support/request-scope.ts), plus, where a
 * test says so, the peer address the app's own server sets from the socket.
 */

vi.mock(
  'next/headers',
  async () => (await import('../../support/request-scope')).nextHeadersModule,
);
vi.mock('next-auth', async () => (await import('../../support/auth-stand-in')).nextAuthModule);
vi.mock('@/lib/auth/index', async () => (await import('../../support/auth-stand-in')).authModule);

const PEER_HEADER = 'x-mews-checkout-peer-address';
const TOKEN = 'no-such-link-rate-limit-probe';
const PAGE_LIMIT = GUEST_RATE_LIMITS.page.limit;
/** MAX_ADDRESS_FAILURES in lib/auth/sign-in.ts: failed sign-ins from one network, any accounts. */
const ADDRESS_FAILURES = 20;

let database: TestDatabase;
let forged = 0;
/** A different made-up address for every request, as a rotating attacker sends. */
const rotating = () => {
  forged += 1;
  return `10.${(forged >> 16) & 255}.${(forged >> 8) & 255}.${forged & 255}`;
};

beforeAll(async () => {
  database = await openTestPglite();
  Object.assign(process.env, {
    // Nothing here may reach Mews: an unknown link is answered from the database alone.
    MEWS_PLATFORM_URL: 'http://127.0.0.1:9',
    APP_URL: 'http://localhost:3999',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mews-xff-')),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
  });
  (await import('@/lib/config')).resetConfigForTests();
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = Promise.resolve(database);
});

afterAll(async () => {
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = undefined;
  await database?.close();
});

afterEach(async () => {
  delete process.env.TRUSTED_PROXY_HOPS;
  (await import('@/lib/config')).resetConfigForTests();
  await playNoAppServer();
});

async function setHops(hops: number): Promise<void> {
  process.env.TRUSTED_PROXY_HOPS = String(hops);
  (await import('@/lib/config')).resetConfigForTests();
}

/** What lib/server/node-server.ts does in production: this process trusts the peer header it sets. */
async function playAppServer(): Promise<void> {
  const { trustPeerAddressHeader } = await import('@/lib/server/client-address');
  trustPeerAddressHeader(true);
}
async function playNoAppServer(): Promise<void> {
  const clientAddress = await import('@/lib/server/client-address').catch(() => undefined);
  clientAddress?.trustPeerAddressHeader(false);
}

/** The attacker's request headers, as next/headers would answer them. */
function attackerHeaders(entries: Record<string, string>): void {
  requestScope.headers = new Headers({
    host: 'localhost:3999',
    'x-forwarded-proto': 'http',
    ...entries,
  });
}

async function pollStatus(headers: () => Record<string, string>): Promise<number> {
  attackerHeaders(headers());
  const { GET } = await import('@/app/api/pay/[token]/status/route');
  const response = await GET(new Request(`http://localhost:3999/api/pay/${TOKEN}/status`), {
    params: Promise.resolve({ token: TOKEN }),
  });
  return response.status;
}

/** Polls the status route `count` times; the statuses in order. */
async function pollMany(count: number, headers: () => Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push(await pollStatus(headers));
  return statuses;
}

async function signIn(email: string, headers: Record<string, string>): Promise<string> {
  attackerHeaders(headers);
  const { signInWithPasswordAction } = await import('@/lib/auth/actions');
  const result = await signInWithPasswordAction({
    email,
    password: 'not the password',
    callbackUrl: '/staff',
  });
  return result.message;
}

describe('the guest page limit', () => {
  it('is not escaped by rotating X-Forwarded-For behind one proxy (forged left-most entries)', async () => {
    await setHops(1);
    const proxyWrote = '198.51.100.41';
    const headers = () => ({
      'x-forwarded-for': `${rotating()}, ${proxyWrote}`,
      [PEER_HEADER]: '10.9.9.9',
    });
    const statuses = await pollMany(PAGE_LIMIT + 1, headers);
    expect(statuses.slice(0, PAGE_LIMIT).every((status) => status === 404)).toBe(true);
    expect(statuses[PAGE_LIMIT]).toBe(429);
    // Another client behind the same proxy is counted apart.
    expect(
      await pollStatus(() => ({
        'x-forwarded-for': `${rotating()}, 198.51.100.42`,
        [PEER_HEADER]: '10.9.9.9',
      })),
    ).toBe(404);
  });

  it('is not escaped by rotating X-Forwarded-For with no proxy: the socket address counts', async () => {
    await playAppServer();
    const headers = () => ({
      'x-forwarded-for': rotating(),
      'x-real-ip': rotating(),
      [PEER_HEADER]: '::ffff:198.51.100.43',
    });
    const statuses = await pollMany(PAGE_LIMIT + 1, headers);
    expect(statuses.slice(0, PAGE_LIMIT).every((status) => status === 404)).toBe(true);
    expect(statuses[PAGE_LIMIT]).toBe(429);
    expect(
      await pollStatus(() => ({
        'x-forwarded-for': '198.51.100.43',
        [PEER_HEADER]: '198.51.100.44',
      })),
    ).toBe(404);
  });

  it('is not escaped by rotating X-Forwarded-For when the app runs without its own server (callers counted together)', async () => {
    // TRUSTED_PROXY_HOPS=0 (the default) and a bare `next start`: no trustworthy address at all, so
    // every caller shares one count rather than each forged header getting its own.
    const statuses = await pollMany(PAGE_LIMIT + 1, () => ({
      'x-forwarded-for': rotating(),
      [PEER_HEADER]: rotating(),
    }));
    expect(statuses[PAGE_LIMIT]).toBe(429);
  });
});

describe('the sign-in limit per network', () => {
  const { throttled, invalid } = { throttled: /too many/i, invalid: /incorrect/i };

  async function failFrom(headers: () => Record<string, string>, times: number): Promise<string[]> {
    const messages: string[] = [];
    for (let i = 0; i < times; i += 1) {
      messages.push(await signIn(`nobody-${randomBytes(4).toString('hex')}@hotel.test`, headers()));
    }
    return messages;
  }

  it('is not escaped by rotating X-Forwarded-For behind one proxy', async () => {
    await setHops(1);
    const headers = () => ({
      'x-forwarded-for': `${rotating()}, 198.51.100.51`,
      [PEER_HEADER]: '10.9.9.9',
    });
    const messages = await failFrom(headers, ADDRESS_FAILURES + 1);
    expect(messages.slice(0, ADDRESS_FAILURES).every((message) => invalid.test(message))).toBe(
      true,
    );
    expect(messages[ADDRESS_FAILURES]).toMatch(throttled);
    // A colleague behind the same proxy is not locked out by it.
    expect(
      await signIn('someone@hotel.test', {
        'x-forwarded-for': `${rotating()}, 198.51.100.52`,
        [PEER_HEADER]: '10.9.9.9',
      }),
    ).toMatch(invalid);
  });

  it('is not escaped by rotating X-Forwarded-For with no proxy: the socket address counts', async () => {
    await playAppServer();
    const messages = await failFrom(
      () => ({ 'x-forwarded-for': rotating(), [PEER_HEADER]: '198.51.100.53' }),
      ADDRESS_FAILURES + 1,
    );
    expect(messages.slice(0, ADDRESS_FAILURES).every((message) => invalid.test(message))).toBe(
      true,
    );
    expect(messages[ADDRESS_FAILURES]).toMatch(throttled);
  });

  it('cannot be turned on a victim by naming their address in X-Forwarded-For', async () => {
    await playAppServer();
    const victim = '198.51.100.56';
    const messages = await failFrom(
      () => ({ 'x-forwarded-for': victim, [PEER_HEADER]: '198.51.100.55' }),
      ADDRESS_FAILURES,
    );
    expect(messages.every((message) => invalid.test(message))).toBe(true);
    // The attacker locked out themselves, not the address they named.
    expect(await signIn('someone@hotel.test', { [PEER_HEADER]: '198.51.100.55' })).toMatch(
      throttled,
    );
    expect(await signIn('someone@hotel.test', { [PEER_HEADER]: victim })).toMatch(invalid);
  });
});
