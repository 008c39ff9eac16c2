import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
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
  const decision = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${rule.bucket}:${rule.key}`}, 0))`);
    const windowStart = sql`clock_timestamp() - make_interval(secs => ${rule.windowMs / 1000})`;
    const [usage] = await tx
      .select({
        count: sql<number>`count(*)::int`,
        retryAfterMs: sql<number | null>`ceil(extract(epoch from (min(${rateLimitHits.hitAt}) + make_interval(secs => ${rule.windowMs / 1000}) - clock_timestamp())) * 1000)::int`,
      })
      .from(rateLimitHits)
      .where(
        and(
          eq(rateLimitHits.bucket, rule.bucket),
          eq(rateLimitHits.key, rule.key),
          sql`${rateLimitHits.hitAt} > ${windowStart}`,
        ),
      );
    const count = usage?.count ?? 0;
    if (count >= rule.limit) {
      return { allowed: false as const, retryAfterMs: Math.max(1, usage?.retryAfterMs ?? rule.windowMs) };
    }
    await tx.insert(rateLimitHits).values({ bucket: rule.bucket, key: rule.key, hitAt: sql`clock_timestamp()` });
    await tx
      .delete(rateLimitHits)
      .where(
        and(
          eq(rateLimitHits.bucket, rule.bucket),
          eq(rateLimitHits.key, rule.key),
          lte(rateLimitHits.hitAt, windowStart),
        ),
      );
    return { allowed: true as const };
  });
  // Keys that never come back (one-off client addresses) are swept now and then.
  if (Math.random() < 0.01) await pruneRateLimitHits(db);
  return decision;
}

export async function pruneRateLimitHits(db: Database): Promise<void> {
  await db
    .delete(rateLimitHits)
    .where(sql`${rateLimitHits.hitAt} < clock_timestamp() - make_interval(secs => ${RETENTION_MS / 1000})`);
}
