import 'server-only';
import type { Database } from '@/lib/db';
import { reserveRateLimitSlots } from '@/lib/db/rate-limits';
import { abortableSleep, MEWS_RATE_LIMIT, type RateLimiter } from '@/lib/mews';

/**
 * How many Connector requests an instance takes from the shared count at once, and how long it may
 * use them. Each reserved slot is counted until the end of its hold, so an unused one keeps the
 * window that much fuller (at most SLOTS - 1 per instance for HOLD + 30 s); in return a payment's
 * three Connector calls cost one database round trip instead of three.
 */
export const MEWS_SLOT_RESERVATION = { slots: 6, holdMs: 2_000 } as const;

/**
 * The Connector API limit is per access token, across every process that uses it. With several
 * app instances on one PostgreSQL, each instance's own in-memory window would let them together
 * exceed it; this limiter counts every request in the database instead, a few at a time (see
 * MEWS_SLOT_RESERVATION), and waits until the oldest request of the window leaves it.
 */
export class DatabaseRateLimiter implements RateLimiter {
  private readonly reserved = new Map<string, { left: number; usableUntil: number }>();
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly rule: { limit: number; windowMs: number } = MEWS_RATE_LIMIT,
    private readonly reservation: { slots: number; holdMs: number } = MEWS_SLOT_RESERVATION,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.takeReserved(key)) return;
      // Callers arriving together share one reservation rather than each making their own.
      const pending = this.reserving.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const reservation = this.reserve(key);
      this.reserving.set(key, reservation.then(() => undefined, () => undefined));
      let retryAfterMs: number;
      try {
        retryAfterMs = await reservation;
      } finally {
        this.reserving.delete(key);
      }
      if (retryAfterMs > 0) await abortableSleep(retryAfterMs, signal);
    }
  }

  /** Takes slots from the database into `reserved`; answers how long to wait when none were left. */
  private async reserve(key: string): Promise<number> {
    // Taken before the statement: the database counts the slots until a moment after this.
    const usableUntil = this.now() + this.reservation.holdMs;
    const { granted, retryAfterMs } = await reserveRateLimitSlots(
      this.db,
      { bucket: 'mews', key, ...this.rule },
      this.reservation,
    );
    if (granted === 0) return retryAfterMs;
    // Only made once the slots of the previous reservation are gone, so it replaces them.
    this.reserved.set(key, { left: granted, usableUntil });
    return 0;
  }

  private takeReserved(key: string): boolean {
    const slots = this.reserved.get(key);
    if (!slots || slots.left === 0 || this.now() >= slots.usableUntil) return false;
    slots.left -= 1;
    return true;
  }
}
