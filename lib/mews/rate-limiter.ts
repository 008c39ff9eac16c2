import { createHash } from 'node:crypto';

/**
 * Client-side pacing for the Connector API limit: 200 requests per AccessToken within a
 * **sliding** 30 s window (reference §1.5). A fixed-bucket counter undercounts against a sliding
 * window, so this keeps the send time of every request of the last window and waits until the
 * oldest one leaves it.
 *
 * The interface is deliberately small so a shared store (PostgreSQL, for several app instances)
 * can replace the in-memory one later without touching the transport.
 */
export interface RateLimiter {
  /**
   * Resolves once one more request for `key` may be sent now, and counts it as sent.
   * Rejects with the signal's reason if `signal` aborts while waiting.
   */
  acquire(key: string, signal?: AbortSignal): Promise<void>;
}

export interface SlidingWindowLimiterOptions {
  /**
   * Requests allowed per window. Mews allows 200; we stay at 180 because their enforcement is
   * "best-effort" and may count slightly differently across edge locations.
   */
  limit?: number;
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const MEWS_RATE_LIMIT = { limit: 180, windowMs: 30_000 } as const;

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class SlidingWindowRateLimiter implements RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Send times per key, oldest first. */
  private readonly sent = new Map<string, number[]>();

  constructor(options: SlidingWindowLimiterOptions = {}) {
    this.limit = options.limit ?? MEWS_RATE_LIMIT.limit;
    this.windowMs = options.windowMs ?? MEWS_RATE_LIMIT.windowMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    if (!Number.isInteger(this.limit) || this.limit < 1)
      throw new RangeError('limit must be a positive integer');
  }

  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      const times = this.prune(key, now);
      if (times.length < this.limit) {
        // Check and record happen in the same synchronous turn, so concurrent callers cannot both take the last slot.
        times.push(now);
        return;
      }
      const oldest = times[0] as number;
      await this.sleep(Math.max(1, oldest + this.windowMs - now), signal);
    }
  }

  /** Requests counted for `key` in the current window (for tests and diagnostics). */
  inFlightCount(key: string): number {
    return this.prune(key, this.now()).length;
  }

  private prune(key: string, now: number): number[] {
    let times = this.sent.get(key);
    if (!times) {
      times = [];
      this.sent.set(key, times);
    }
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= now - this.windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    return times;
  }
}

/**
 * The limiter key for an access token: a hash, so the token itself is never kept as a key (and
 * never stored, once the limiter moves to a database).
 */
export function rateLimitKeyOf(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('hex').slice(0, 32);
}

const globalForLimiter = globalThis as unknown as { mewsConnectorRateLimiter?: RateLimiter };

/** The process-wide limiter every client shares unless a test injects its own. */
export function sharedRateLimiter(): RateLimiter {
  return (globalForLimiter.mewsConnectorRateLimiter ??= new SlidingWindowRateLimiter());
}

/**
 * Replaces the process-wide limiter, e.g. with one counted in PostgreSQL so several app instances
 * using one access token stay under Mews' limit together. Clients created afterwards use it.
 */
export function installSharedRateLimiter(limiter: RateLimiter): void {
  globalForLimiter.mewsConnectorRateLimiter = limiter;
}
