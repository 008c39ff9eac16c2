import 'server-only';
import { sql } from 'drizzle-orm';
import { isEmbeddedDatabase, type Database } from './client';
import { preparedOnce } from './prepared-statements';
import { rateLimitWindows } from './schema';

/**
 * Sliding-window rate limits counted in the database, so every app instance on one PostgreSQL
 * shares the same count. One row per (bucket, key) holds the times of the window's allowed
 * requests; a request is checked, counted and the window pruned by a single upsert. The upsert
 * locks that row and, under READ COMMITTED, works on its newest committed version, so two
 * instances cannot both take the last slot; and it costs one round trip, because it runs before
 * every guest request and every Mews call.
 *
 * PGlite serves one process only, so there the windows are kept in that process's memory: the
 * same answers without a statement through PGlite's WebAssembly engine in front of every guest
 * request, where counting in memory is nearly free (docs/performance.md). They start empty when
 * the process restarts, which a limit of minutes can afford.
 */

export interface RateLimitRule {
  bucket: string;
  key: string;
  limit: number;
  windowMs: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Windows untouched for this long are deleted (longer than every window we use). */
const RETENTION_MS = 2 * 60 * 60 * 1000;

export async function consumeRateLimit(
  db: Database,
  rule: RateLimitRule,
): Promise<RateLimitDecision> {
  const { granted, retryAfterMs } = await reserveRateLimitSlots(db, rule, { slots: 1, holdMs: 0 });
  return granted > 0 ? { allowed: true } : { allowed: false, retryAfterMs };
}

export interface SlotReservation {
  /** How many requests may be sent, 0 to `slots`. */
  granted: number;
  /** When nothing was granted: how long until a slot frees. */
  retryAfterMs: number;
}

/**
 * Takes up to `slots` requests of a window at once, for a caller that sends them within `holdMs`
 * and would rather not pay a round trip per request. Each is counted as if sent at the end of the
 * hold, so the window never frees a slot before the request that used it has left it.
 */
export async function reserveRateLimitSlots(
  db: Database,
  rule: RateLimitRule,
  reservation: { slots: number; holdMs: number },
): Promise<SlotReservation> {
  if (isEmbeddedDatabase(db)) return reserveInProcess(db, rule, reservation);
  const [row] = await preparedOnce(db, 'reserve_rate_limit_slots', () =>
    prepareReservation(db),
  ).execute({
    bucket: rule.bucket,
    key: rule.key,
    limit: rule.limit,
    windowSeconds: rule.windowMs / 1000,
    slots: reservation.slots,
    holdSeconds: reservation.holdMs / 1000,
  });
  // Keys that never come back (one-off client addresses) are swept now and then.
  if (Math.random() < 0.01) await pruneRateLimitWindows(db);
  const granted = row?.granted ?? 1;
  return {
    granted,
    retryAfterMs: granted > 0 ? 0 : Math.max(1, row?.retryAfterMs ?? rule.windowMs),
  };
}

/**
 * The upsert in front of every guest request and every Mews reservation, prepared: built by
 * drizzle and parsed and planned by PostgreSQL on every call, it spent more time getting ready than
 * running, on the path of every payment (docs/performance.md).
 */
function prepareReservation(db: Database) {
  const value = (name: 'bucket' | 'key' | 'limit' | 'windowSeconds' | 'slots' | 'holdSeconds') =>
    sql.placeholder(name);
  const window = sql`make_interval(secs => ${value('windowSeconds')}::double precision)`;
  const stamp = sql`clock_timestamp() + make_interval(secs => ${value('holdSeconds')}::double precision)`;
  const current = sql`array(select hit from unnest(${rateLimitWindows.hits}) as hit where hit > clock_timestamp() - ${window} order by hit)`;
  const grantable = sql<number>`greatest(0, least(${value('slots')}::int, ${value('limit')}::int - cardinality(${current})))`;
  const first = sql<number>`least(${value('slots')}::int, ${value('limit')}::int)`;
  return db
    .insert(rateLimitWindows)
    .values({
      bucket: sql`${value('bucket')}::text`,
      key: sql`${value('key')}::text`,
      hits: sql`array_fill(${stamp}, array[${first}])`,
      lastAllowed: sql`${first} > 0`,
      lastGranted: first,
      updatedAt: sql`clock_timestamp()`,
    })
    .onConflictDoUpdate({
      target: [rateLimitWindows.bucket, rateLimitWindows.key],
      set: {
        hits: sql`${current} || array_fill(${stamp}, array[${grantable}])`,
        lastGranted: grantable,
        lastAllowed: sql`${grantable} > 0`,
        updatedAt: sql`clock_timestamp()`,
      },
    })
    .returning({
      granted: rateLimitWindows.lastGranted,
      retryAfterMs: sql<
        number | null
      >`ceil(extract(epoch from (${rateLimitWindows.hits}[1] + ${window} - clock_timestamp())) * 1000)::int`,
    })
    .prepare('reserve_rate_limit_slots');
}

interface InProcessWindows {
  hits: Map<string, number[]>;
  keysAddedSinceSweep: number;
}
// On globalThis: the pages, the status route and the actions are separate bundles, each with its
// own copy of this module, and must all count in the same windows.
const globalForWindows = globalThis as unknown as {
  mewsCheckoutRateLimitWindows?: WeakMap<Database, InProcessWindows>;
};
const inProcessWindows = (globalForWindows.mewsCheckoutRateLimitWindows ??= new WeakMap<
  Database,
  InProcessWindows
>());
/** One-off client addresses only ever add keys; after this many new ones, stale windows go. */
const SWEEP_AFTER_NEW_KEYS = 10_000;

function reserveInProcess(
  db: Database,
  rule: RateLimitRule,
  reservation: { slots: number; holdMs: number },
): SlotReservation {
  let windows = inProcessWindows.get(db);
  if (!windows) inProcessWindows.set(db, (windows = { hits: new Map(), keysAddedSinceSweep: 0 }));
  const now = Date.now();
  const id = `${rule.bucket}\u0000${rule.key}`;
  const previous = windows.hits.get(id);
  if (!previous && ++windows.keysAddedSinceSweep >= SWEEP_AFTER_NEW_KEYS) {
    windows.keysAddedSinceSweep = 0;
    for (const [key, times] of windows.hits) {
      if (times.every((hit) => hit <= now - RETENTION_MS)) windows.hits.delete(key);
    }
  }
  const hits = (previous ?? []).filter((hit) => hit > now - rule.windowMs);
  const granted = Math.max(0, Math.min(reservation.slots, rule.limit - hits.length));
  for (let slot = 0; slot < granted; slot++) hits.push(now + reservation.holdMs);
  windows.hits.set(id, hits);
  return {
    granted,
    retryAfterMs: granted > 0 ? 0 : Math.max(1, (hits[0] as number) + rule.windowMs - now),
  };
}

export async function pruneRateLimitWindows(db: Database): Promise<void> {
  await db
    .delete(rateLimitWindows)
    .where(
      sql`${rateLimitWindows.updatedAt} < clock_timestamp() - make_interval(secs => ${RETENTION_MS / 1000})`,
    );
}
