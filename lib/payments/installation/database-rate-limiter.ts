import 'server-only';
import type { Database } from '@/lib/db';
import { reserveRateLimitSlots } from '@/lib/db/rate-limits';
import { abortableSleep, MEWS_RATE_LIMIT, type RateLimiter } from '@/lib/mews';

/**
 * How many Connector requests an instance takes from the shared count at once, how long it may
 * use them, and when it takes the next ones ahead of need. Each reserved slot is counted until the
 * end of its hold, so an unused one keeps the window that much fuller; in return a payment's
 * three Connector calls cost one database round trip instead of three.
 *
 * `refillBelow`: once a request leaves fewer slots than a card payment makes calls, the next
 * reservation is made in the background, so a busy instance's requests do not wait for the
 * database. A lone payment (its page was seconds earlier, its slots have lapsed) takes three of a
 * fresh reservation and leaves three, so only back-to-back traffic refills; when it stops, at most
 * SLOTS - 1 held and SLOTS reserved ahead go unused per instance, counted for HOLD + 30 s.
 */
export const MEWS_SLOT_RESERVATION = { slots: 6, holdMs: 2_000, refillBelow: 3 } as const;

interface Reservation {
  left: number;
  usableUntil: number;
}

/**
 * The Connector API limit is per access token, across every process that uses it. With several
 * app instances on one PostgreSQL, each instance's own in-memory window would let them together
 * exceed it; this limiter counts every request in the database instead, a few at a time (see
 * MEWS_SLOT_RESERVATION), and waits until the oldest request of the window leaves it.
 */
export class DatabaseRateLimiter implements RateLimiter {
  /** Per key, the reservations not yet used up, oldest first. */
  private readonly reserved = new Map<string, Reservation[]>();
  private readonly reserving = new Map<string, Promise<number>>();

  constructor(
    private readonly db: Database,
    private readonly rule: { limit: number; windowMs: number } = MEWS_RATE_LIMIT,
    private readonly reservation: {
      slots: number;
      holdMs: number;
      refillBelow: number;
    } = MEWS_SLOT_RESERVATION,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.takeReserved(key)) return;
      // Callers arriving together share one reservation rather than each making their own.
      const { reservation, joined } = this.reserveOnce(key);
      let retryAfterMs: number;
      try {
        retryAfterMs = await reservation;
      } catch (error) {
        // Another caller's reservation (or a background refill) failed: this one tries its own.
        if (joined) continue;
        throw error;
      }
      if (retryAfterMs > 0) await abortableSleep(retryAfterMs, signal);
    }
  }

  /**
   * The reservation in flight for this key (`joined`), or a new one. It answers how long to wait
   * when no slot was left.
   */
  private reserveOnce(key: string): { reservation: Promise<number>; joined: boolean } {
    const pending = this.reserving.get(key);
    if (pending) return { reservation: pending, joined: true };
    const reservation = this.reserve(key).finally(() => this.reserving.delete(key));
    this.reserving.set(key, reservation);
    return { reservation, joined: false };
  }

  /** Takes slots from the database into `reserved`. */
  private async reserve(key: string): Promise<number> {
    // Taken before the statement: the database counts the slots until a moment after this.
    const usableUntil = this.now() + this.reservation.holdMs;
    const { granted, retryAfterMs } = await reserveRateLimitSlots(
      this.db,
      { bucket: 'mews', key, ...this.rule },
      this.reservation,
    );
    if (granted === 0) return retryAfterMs;
    const queue = this.reserved.get(key) ?? [];
    queue.push({ left: granted, usableUntil });
    this.reserved.set(key, queue);
    return 0;
  }

  private takeReserved(key: string): boolean {
    const queue = this.reserved.get(key);
    if (!queue) return false;
    const now = this.now();
    while (queue.length > 0 && (queue[0]!.left === 0 || now >= queue[0]!.usableUntil))
      queue.shift();
    const current = queue[0];
    if (!current) return false;
    current.left -= 1;
    const left = queue.reduce((sum, slots) => sum + slots.left, 0);
    if (left < this.reservation.refillBelow) {
      // Nobody waits for this one; should it fail or find the window full, the request that
      // runs out of slots reserves (and waits) itself.
      this.reserveOnce(key).reservation.catch(() => undefined);
    }
    return true;
  }
}
