import 'server-only';
import { sql } from 'drizzle-orm';
import { isEmbeddedDatabase, type Database } from './client';
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
 * same answers without a statement in front of every guest request (about 1 ms of WebAssembly
 * each). They start empty when the process restarts, which a limit of minutes can afford.
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

export async function consumeRateLimit(db: Database, rule: RateLimitRule): Promise<RateLimitDecision> {
  if (isEmbeddedDatabase(db)) return consumeInProcess(db, rule);
  const window = sql`make_interval(secs => ${rule.windowMs / 1000})`;
  const current = sql`array(select hit from unnest(${rateLimitWindows.hits}) as hit where hit > clock_timestamp() - ${window} order by hit)`;
  const result = await db.execute(sql`
    insert into ${rateLimitWindows} (bucket, key, hits, last_allowed, updated_at)
    values (${rule.bucket}, ${rule.key}, array[clock_timestamp()], true, clock_timestamp())
    on conflict (bucket, key) do update set
      hits = case when cardinality(${current}) < ${rule.limit} then ${current} || clock_timestamp() else ${current} end,
      last_allowed = cardinality(${current}) < ${rule.limit},
      updated_at = clock_timestamp()
    returning last_allowed,
      ceil(extract(epoch from (hits[1] + ${window} - clock_timestamp())) * 1000)::int as retry_after_ms`);
  const row = rowsOf<{ last_allowed: boolean; retry_after_ms: number | null }>(result)[0];
  // Keys that never come back (one-off client addresses) are swept now and then.
  if (Math.random() < 0.01) await pruneRateLimitWindows(db);
  if (!row || row.last_allowed) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(1, row.retry_after_ms ?? rule.windowMs) };
}

interface InProcessWindows {
  hits: Map<string, number[]>;
  keysAddedSinceSweep: number;
}
// On globalThis: the pages, the status route and the actions are separate bundles, each with its
// own copy of this module, and must all count in the same windows.
const globalForWindows = globalThis as unknown as { mewsCheckoutRateLimitWindows?: WeakMap<Database, InProcessWindows> };
const inProcessWindows = (globalForWindows.mewsCheckoutRateLimitWindows ??= new WeakMap<Database, InProcessWindows>());
/** One-off client addresses only ever add keys; after this many new ones, stale windows go. */
const SWEEP_AFTER_NEW_KEYS = 10_000;

function consumeInProcess(db: Database, rule: RateLimitRule): RateLimitDecision {
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
  const allowed = hits.length < rule.limit;
  if (allowed) hits.push(now);
  windows.hits.set(id, hits);
  if (allowed) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(1, (hits[0] as number) + rule.windowMs - now) };
}

/** node-postgres and PGlite both answer `execute` with a result object carrying `rows`. */
function rowsOf<Row>(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[];
}

export async function pruneRateLimitWindows(db: Database): Promise<void> {
  await db
    .delete(rateLimitWindows)
    .where(sql`${rateLimitWindows.updatedAt} < clock_timestamp() - make_interval(secs => ${RETENTION_MS / 1000})`);
}
