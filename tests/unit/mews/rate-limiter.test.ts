import { describe, expect, it } from 'vitest';
import {
  MEWS_RATE_LIMIT,
  rateLimitKeyOf,
  sharedRateLimiter,
  SlidingWindowRateLimiter,
} from '@/lib/mews/rate-limiter';
import { createMewsClient } from '@/lib/mews/client';
import { IDS, wireConfiguration } from './fixtures';
import { fakeClock, jsonResponse, scriptedFetch } from './support';

describe('sliding window rate limiter', () => {
  it('stays under 200 requests per 30 s by default (180, a margin for best-effort enforcement)', () => {
    expect(MEWS_RATE_LIMIT.limit).toBeLessThan(200);
    expect(MEWS_RATE_LIMIT.windowMs).toBe(30_000);
  });

  it('lets `limit` requests through at once, then waits for the oldest to leave the window', async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowRateLimiter({
      limit: 3,
      windowMs: 30_000,
      now: clock.now,
      sleep: clock.sleep,
    });
    for (let i = 0; i < 3; i++) await limiter.acquire('k');
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire('k');
    expect(clock.sleeps).toEqual([30_000]);
    expect(clock.now()).toBe(30_000);
  });

  it('counts a sliding window, not fixed buckets', async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowRateLimiter({
      limit: 2,
      windowMs: 30_000,
      now: clock.now,
      sleep: clock.sleep,
    });
    await limiter.acquire('k'); // t=0
    clock.advance(29_000);
    await limiter.acquire('k'); // t=29 s
    clock.advance(2_000); // t=31 s: a fixed bucket would have reset at 30 s and allow two more
    await limiter.acquire('k'); // allowed: the t=0 request left the window
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire('k'); // must wait until the t=29 s request leaves, at t=59 s
    expect(clock.now()).toBe(59_000);
  });

  it('never allows more than `limit` sends in any window (simulated burst of 600)', async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowRateLimiter({ now: clock.now, sleep: clock.sleep });
    const sentAt: number[] = [];
    for (let i = 0; i < 600; i++) {
      await limiter.acquire('token');
      sentAt.push(clock.now());
      clock.advance(7); // a request every 7 ms
    }
    for (let i = 0; i < sentAt.length; i++) {
      const start = sentAt[i] as number;
      const inWindow = sentAt.filter((t) => t >= start && t < start + 30_000).length;
      expect(inWindow).toBeLessThanOrEqual(MEWS_RATE_LIMIT.limit);
    }
  });

  it('keeps separate windows per key (access token)', async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowRateLimiter({ limit: 1, now: clock.now, sleep: clock.sleep });
    await limiter.acquire('a');
    await limiter.acquire('b');
    expect(clock.sleeps).toEqual([]);
    expect(limiter.inFlightCount('a')).toBe(1);
  });

  it('hands the last slot to only one of several concurrent callers', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const limiter = new SlidingWindowRateLimiter({
      limit: 2,
      windowMs: 1000,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        await Promise.resolve();
        now = Math.max(now, ms);
      },
    });
    await Promise.all([limiter.acquire('k'), limiter.acquire('k'), limiter.acquire('k')]);
    expect(sleeps.length).toBeGreaterThanOrEqual(1);
    expect(now).toBe(1000);
  });

  it('stops waiting when the signal aborts', async () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 60_000 });
    await limiter.acquire('k');
    const controller = new AbortController();
    const waiting = limiter.acquire('k', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });

  it('keys by a hash, never by the token itself', () => {
    const key = rateLimitKeyOf('SECRET-ACCESS-TOKEN');
    expect(key).not.toContain('SECRET');
    expect(key).toBe(rateLimitKeyOf('SECRET-ACCESS-TOKEN'));
    expect(key).not.toBe(rateLimitKeyOf('OTHER-TOKEN'));
  });

  it('is shared process-wide by default', () => {
    expect(sharedRateLimiter()).toBe(sharedRateLimiter());
  });

  it('paces the client: with a limit of 3, the 4th request waits for the window', async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowRateLimiter({
      limit: 3,
      windowMs: 30_000,
      now: clock.now,
      sleep: clock.sleep,
    });
    const scripted = scriptedFetch({
      'configuration/get': [jsonResponse(wireConfiguration())],
      'payments/getAll': Array.from({ length: 4 }, () =>
        jsonResponse({ Payments: [], Cursor: null }),
      ),
    });
    const client = createMewsClient({
      platformUrl: 'http://127.0.0.1:1',
      clientToken: 'c',
      accessToken: 'a',
      clientName: 'Mews Checkout',
      version: 'test',
      fetch: scripted.fetch,
      now: clock.now,
      sleep: clock.sleep,
      limiter,
    });
    const sentAt: number[] = [];
    for (let i = 0; i < 4; i++) {
      await client.getPayments({ paymentIds: [IDS.payment] });
      sentAt.push(clock.now());
    }
    // configuration/get + 2 payments/getAll fit at t=0; the 3rd and 4th reads wait 30 s.
    expect(scripted.requests).toHaveLength(5);
    expect(clock.sleeps).toEqual([30_000]);
    expect(sentAt).toEqual([0, 0, 30_000, 30_000]);
  });
});
