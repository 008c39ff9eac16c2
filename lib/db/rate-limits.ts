import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { rateLimitHits } from './schema';

/**
 * Sliding-window rate limits counted in the database, so every app instance on one PostgreSQL
 * shares the same count. Check and record happen in one transaction under an advisory lock on the
 * (bucket, key) pair: two instances cannot both take the last slot.
 */

export interface RateLimitRule {
  bucket: string;
  key: string;
  limit: number;
  windowMs: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Hits older than this are pruned whatever their bucket (longer than every window we use). */
const RETENTION_MS = 2 * 60 * 60 * 1000;

export async function consumeRateLimit(db: Database, rule: RateLimitRule): Promise<RateLimitDecision> {
  const windowSeconds = rule.windowMs / 1000;
  const decision = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${rule.bucket}:${rule.key}`}, 0))`);
    // Count, record and prune in one statement: it is on every guest request and every Mews call,
    // so it costs one round trip after the lock. Its snapshot is taken after the lock was granted,
    // so it sees every hit of whoever held the lock before.
    const result = await tx.execute(sql`
      with window_hits as (
        select count(*)::int as count, min(${rateLimitHits.hitAt}) as oldest
        from ${rateLimitHits}
        where ${rateLimitHits.bucket} = ${rule.bucket} and ${rateLimitHits.key} = ${rule.key}
          and ${rateLimitHits.hitAt} > clock_timestamp() - make_interval(secs => ${windowSeconds})
      ),
      recorded as (
        insert into ${rateLimitHits} (bucket, key, hit_at)
        select ${rule.bucket}, ${rule.key}, clock_timestamp() from window_hits where count < ${rule.limit}
      ),
      pruned as (
        delete from ${rateLimitHits}
        where ${rateLimitHits.bucket} = ${rule.bucket} and ${rateLimitHits.key} = ${rule.key}
          and ${rateLimitHits.hitAt} <= clock_timestamp() - make_interval(secs => ${windowSeconds})
      )
      select count,
        ceil(extract(epoch from (oldest + make_interval(secs => ${windowSeconds}) - clock_timestamp())) * 1000)::int as retry_after_ms
      from window_hits`);
    const usage = rowsOf<{ count: number; retry_after_ms: number | null }>(result)[0];
    const count = usage?.count ?? 0;
    if (count >= rule.limit) {
      return { allowed: false as const, retryAfterMs: Math.max(1, usage?.retry_after_ms ?? rule.windowMs) };
    }
    return { allowed: true as const };
  });
  // Keys that never come back (one-off client addresses) are swept now and then.
  if (Math.random() < 0.01) await pruneRateLimitHits(db);
  return decision;
}

/** node-postgres answers `execute` with a result object, PGlite with one too; both carry `rows`. */
function rowsOf<Row>(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[];
}

export async function pruneRateLimitHits(db: Database): Promise<void> {
  await db
    .delete(rateLimitHits)
    .where(sql`${rateLimitHits.hitAt} < clock_timestamp() - make_interval(secs => ${RETENTION_MS / 1000})`);
}
