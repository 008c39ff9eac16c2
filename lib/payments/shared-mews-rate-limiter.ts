import 'server-only';
import type { Database } from '@/lib/db';
import { consumeRateLimit } from '@/lib/db/rate-limits';
import { abortableSleep, MEWS_RATE_LIMIT, type RateLimiter } from '@/lib/mews';

/**
 * The Connector API limit is per access token, across every process that uses it. With several
 * app instances on one PostgreSQL, each instance's own in-memory window would let them together
 * exceed it; this limiter counts every request in the database instead (one short transaction per
 * call) and waits until the oldest request of the window leaves it.
 */
export class DatabaseRateLimiter implements RateLimiter {
  constructor(
    private readonly db: Database,
    private readonly rule: { limit: number; windowMs: number } = MEWS_RATE_LIMIT,
  ) {}

  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const decision = await consumeRateLimit(this.db, { bucket: 'mews', key, ...this.rule });
      if (decision.allowed) return;
      await abortableSleep(decision.retryAfterMs, signal);
    }
  }
}
