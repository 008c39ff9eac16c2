import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type AttemptFailure,
} from '@/lib/mews/retry-policy';

const http = (status: number, retryAfterMs: number | null = null): AttemptFailure => ({
  type: 'http',
  status,
  retryAfterMs,
});
const first = { retriesSoFar: 0, waitedMs: 0, random: () => 0.5 };

describe('retry policy: reads', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries a read after HTTP %i', (status) => {
    expect(decideRetry({ kind: 'read', failure: http(status), ...first }).retry).toBe(true);
  });

  it.each([
    { type: 'timeout' } as const,
    { type: 'connection-refused' } as const,
    { type: 'connection-lost' } as const,
  ])('retries a read after $type', (failure) => {
    expect(decideRetry({ kind: 'read', failure, ...first }).retry).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 413])('never retries HTTP %i', (status) => {
    expect(decideRetry({ kind: 'read', failure: http(status), ...first })).toEqual({
      retry: false,
      reason: 'permanent',
    });
    expect(decideRetry({ kind: 'write', failure: http(status), ...first })).toEqual({
      retry: false,
      reason: 'permanent',
    });
  });
});

describe('retry policy: writes', () => {
  it('retries a write rejected by the rate limiter (429): Mews did not process it', () => {
    expect(decideRetry({ kind: 'write', failure: http(429, 2000), ...first })).toEqual({
      retry: true,
      delayMs: 2000,
    });
  });

  it('retries a write whose connection was refused: nothing was sent', () => {
    expect(
      decideRetry({ kind: 'write', failure: { type: 'connection-refused' }, ...first }).retry,
    ).toBe(true);
  });

  it.each([
    ['a timeout', { type: 'timeout' } as const],
    ['a dropped connection', { type: 'connection-lost' } as const],
    ['HTTP 408', http(408)],
    ['HTTP 500', http(500)],
    ['HTTP 503', http(503)],
  ])('never retries a write after %s: the outcome is unknown', (_, failure) => {
    expect(decideRetry({ kind: 'write', failure, ...first })).toEqual({
      retry: false,
      reason: 'outcome-unknown',
    });
  });
});

describe('retry policy: delays and limits', () => {
  it('honours Retry-After exactly on 429', () => {
    expect(decideRetry({ kind: 'read', failure: http(429, 7000), ...first })).toEqual({
      retry: true,
      delayMs: 7000,
    });
  });

  it('uses exponential backoff with jitter when there is no Retry-After', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((retries) => backoffDelayMs(retries, () => 0));
    // Half of each step is fixed: 250, 500, 1000, 2000, 4000, then capped at 8000/2.
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    const high = [0, 1, 2].map((retries) => backoffDelayMs(retries, () => 0.999999));
    expect(high).toEqual([500, 1000, 2000]);
  });

  it('spreads concurrent clients apart (jitter)', () => {
    expect(backoffDelayMs(2, () => 0.1)).not.toBe(backoffDelayMs(2, () => 0.9));
  });

  it('stops after the maximum number of retries', () => {
    const input = { kind: 'read' as const, failure: http(503), waitedMs: 0, random: () => 0.5 };
    expect(decideRetry({ ...input, retriesSoFar: DEFAULT_RETRY_POLICY.maxRetries - 1 }).retry).toBe(
      true,
    );
    expect(decideRetry({ ...input, retriesSoFar: DEFAULT_RETRY_POLICY.maxRetries })).toEqual({
      retry: false,
      reason: 'retries-exhausted',
    });
  });

  it('stops when the wait would exceed the total wait budget', () => {
    expect(
      decideRetry({
        kind: 'read',
        failure: http(429, 60_000),
        retriesSoFar: 0,
        waitedMs: 0,
        random: () => 0.5,
      }),
    ).toEqual({ retry: false, reason: 'wait-budget-exhausted' });
    expect(
      decideRetry({
        kind: 'read',
        failure: http(429, 5_000),
        retriesSoFar: 1,
        waitedMs: 26_000,
        random: () => 0.5,
      }),
    ).toEqual({ retry: false, reason: 'wait-budget-exhausted' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});
