import { describe, expect, it } from 'vitest';
import {
  EMAIL_GIVE_UP_AFTER_MS,
  emailRetryDelayMs,
  MAX_EMAIL_ATTEMPTS,
  retryDecision,
} from '@/lib/payments/email/sender';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('e-mail retry backoff', () => {
  it('waits longer after each failed attempt: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then 4 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(emailRetryDelayMs)).toEqual([
      30_000,
      2 * MINUTE,
      10 * MINUTE,
      30 * MINUTE,
      HOUR,
      2 * HOUR,
      4 * HOUR,
      4 * HOUR,
      4 * HOUR,
    ]);
  });

  it('retries a young row at now + its delay', () => {
    const createdAt = new Date('2026-05-01T10:00:00Z');
    const now = new Date('2026-05-01T10:05:00Z');
    expect(retryDecision({ attempts: 3, createdAt }, now)).toEqual({
      retry: true,
      nextAttemptAt: new Date(now.getTime() + 10 * MINUTE),
    });
  });

  it(`gives up after ${MAX_EMAIL_ATTEMPTS} attempts, saying so`, () => {
    const createdAt = new Date('2026-05-01T10:00:00Z');
    const decision = retryDecision(
      { attempts: MAX_EMAIL_ATTEMPTS, createdAt },
      new Date('2026-05-01T18:00:00Z'),
    );
    expect(decision).toEqual({
      retry: false,
      reason: `Gave up after ${MAX_EMAIL_ATTEMPTS} attempts`,
    });
  });

  it('gives up rather than try more than 24 hours after the row was queued', () => {
    const createdAt = new Date('2026-05-01T10:00:00Z');
    const now = new Date(createdAt.getTime() + EMAIL_GIVE_UP_AFTER_MS - HOUR);
    const decision = retryDecision({ attempts: 7, createdAt }, now);
    expect(decision).toEqual({ retry: false, reason: 'Gave up after 7 attempts over 24 hours' });
  });

  it('the whole schedule fits in the 24 hours: every attempt is made before giving up', () => {
    const createdAt = new Date('2026-05-01T10:00:00Z');
    let now = createdAt;
    let attempts = 0;
    for (;;) {
      attempts++;
      const decision = retryDecision({ attempts, createdAt }, now);
      if (!decision.retry) break;
      now = decision.nextAttemptAt;
    }
    expect(attempts).toBe(MAX_EMAIL_ATTEMPTS);
    expect(now.getTime() - createdAt.getTime()).toBeLessThan(EMAIL_GIVE_UP_AFTER_MS);
  });
});
