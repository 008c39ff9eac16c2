import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { jobLeases } from './schema';

/**
 * Takes (or renews) the lease `name` for `holder` for `ttlMs`, if nobody else holds an unexpired
 * one. One conditional upsert: of several instances racing, exactly one gets it.
 */
export async function tryAcquireLease(
  db: Database,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const expiresAt = sql`clock_timestamp() + make_interval(secs => ${ttlMs / 1000})`;
  const rows = await db
    .insert(jobLeases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder, expiresAt },
      setWhere: sql`${jobLeases.expiresAt} < clock_timestamp() or ${jobLeases.holder} = ${holder}`,
    })
    .returning({ holder: jobLeases.holder });
  return rows.length === 1 && rows[0]?.holder === holder;
}

/** Gives the lease up early, only if `holder` still holds it. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db
    .delete(jobLeases)
    .where(sql`${jobLeases.name} = ${name} and ${jobLeases.holder} = ${holder}`);
}

export async function findLease(db: Database, name: string) {
  const [row] = await db.select().from(jobLeases).where(eq(jobLeases.name, name)).limit(1);
  return row;
}
