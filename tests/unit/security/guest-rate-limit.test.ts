import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db';
import {
  consumeGuestRateLimit,
  enforceGuestRateLimitForAction,
  GUEST_RATE_LIMITS,
  guestRateLimitError,
  guestRateLimitKeyOf,
} from '@/lib/payments/guest/rate-limit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

/** The pay-page limiter against a real (in-memory PGlite) database. */

const silent = { info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as PaymentContext['log'];

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestPglite();
});
afterAll(async () => {
  await database?.close();
});

/** One app instance's view: its own context object, the shared database. */
const caller = () => ({ db: database.db, log: silent });

describe('consumeGuestRateLimit', () => {
  it(`allows ${GUEST_RATE_LIMITS.page.limit} page requests per address in the window, then refuses with a retry-after`, async () => {
    const guest = caller();
    const { limit, windowMs } = GUEST_RATE_LIMITS.page;
    for (let i = 0; i < limit; i += 1) {
      expect(await consumeGuestRateLimit(guest, 'page', '203.0.113.7')).toEqual({ allowed: true });
    }
    const refused = await consumeGuestRateLimit(guest, 'page', '203.0.113.7');
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(windowMs / 1000 - 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(windowMs / 1000);

    // Another address, and the same address's actions, are counted apart.
    expect(await consumeGuestRateLimit(guest, 'page', '203.0.113.8')).toEqual({ allowed: true });
    expect(await consumeGuestRateLimit(guest, 'action', '203.0.113.7')).toEqual({ allowed: true });
  });

  it('shares one count between two callers (two app instances) on the same database', async () => {
    const first = caller();
    const second = caller();
    const { limit } = GUEST_RATE_LIMITS.action;
    const address = '198.51.100.20';
    const results = [];
    for (let i = 0; i < limit; i += 1) {
      results.push(await consumeGuestRateLimit(i % 2 === 0 ? first : second, 'action', address));
    }
    expect(results.every((result) => result.allowed)).toBe(true);
    expect((await consumeGuestRateLimit(first, 'action', address)).allowed).toBe(false);
    expect((await consumeGuestRateLimit(second, 'action', address)).allowed).toBe(false);
  });

  it('never lets two concurrent callers both take the last slot', async () => {
    const address = '198.51.100.30';
    const { limit } = GUEST_RATE_LIMITS.action;
    for (let i = 0; i < limit - 1; i += 1) await consumeGuestRateLimit(caller(), 'action', address);
    const race = await Promise.all([
      consumeGuestRateLimit(caller(), 'action', address),
      consumeGuestRateLimit(caller(), 'action', address),
    ]);
    expect(race.filter((result) => result.allowed)).toHaveLength(1);
  });

  it('counts a whole IPv6 /64 as one address', async () => {
    const { limit } = GUEST_RATE_LIMITS.action;
    for (let i = 0; i < limit; i += 1) {
      const decision = await consumeGuestRateLimit(
        caller(),
        'action',
        `2001:db8:aa:bb::${(i + 1).toString(16)}`,
      );
      expect(decision.allowed).toBe(true);
    }
    expect(
      (await consumeGuestRateLimit(caller(), 'action', '2001:0db8:00aa:00bb:ffff::1')).allowed,
    ).toBe(false);
    expect((await consumeGuestRateLimit(caller(), 'action', '2001:db8:aa:bc::1')).allowed).toBe(
      true,
    );
  });

  it('lets the request through when the count cannot be read (the limit is no new way to fail)', async () => {
    const broken = {
      db: { transaction: () => Promise.reject(new Error('database down')) } as unknown as Database,
      log: silent,
    };
    expect(await consumeGuestRateLimit(broken, 'page', '203.0.113.99')).toEqual({ allowed: true });
  });
});

describe('enforceGuestRateLimitForAction', () => {
  it('throws a 429 payment error that carries the seconds to wait', async () => {
    const ctx = { ...caller() } as unknown as PaymentContext;
    const address = '192.0.2.55';
    for (let i = 0; i < GUEST_RATE_LIMITS.action.limit; i += 1)
      await enforceGuestRateLimitForAction(ctx, address);
    const error = await enforceGuestRateLimitForAction(ctx, address).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentError);
    const refusal = error as PaymentError;
    expect(refusal.code).toBe('too_many_attempts');
    expect(refusal.status).toBe(429);
    expect(refusal.userVisible).toBe(true);
    expect(Number(refusal.options.fieldErrors?.retryAfterSeconds?.[0])).toBeGreaterThan(0);
  });

  it('words the refusal with the wait', () => {
    expect(guestRateLimitError(42).message).toBe(
      'Too many requests from your network. Please try again in 42 seconds.',
    );
  });
});

describe('guestRateLimitKeyOf', () => {
  it('keys IPv4 by address, IPv6 by /64, and unknown callers together', () => {
    expect(guestRateLimitKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(guestRateLimitKeyOf('2001:db8:aa:bb::1')).toBe('2001:db8:aa:bb::/64');
    expect(guestRateLimitKeyOf('2001:0DB8:00AA:00BB:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(guestRateLimitKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(guestRateLimitKeyOf('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(guestRateLimitKeyOf(null)).toBe('unknown');
  });
});
