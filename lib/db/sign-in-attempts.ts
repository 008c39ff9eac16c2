import 'server-only';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from './client';
import { signInAttempts } from './schema';

/** Staff sign-in attempts: written for every password check, counted to throttle guessing. */

export async function recordSignInAttempt(
  db: Database,
  attempt: { email: string; clientAddress: string | null; succeeded: boolean },
): Promise<void> {
  await db.insert(signInAttempts).values({
    email: attempt.email.trim().toLowerCase(),
    clientAddress: attempt.clientAddress,
    succeeded: attempt.succeeded,
  });
}

/**
 * Failed attempts since `since` for an account, counting only those after its latest successful
 * sign-in: the owner signing in correctly clears the account's lock, an attacker's guesses do not.
 */
export async function countRecentAccountFailures(
  db: Database,
  email: string,
  since: Date,
): Promise<number> {
  const normalized = email.trim().toLowerCase();
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, normalized),
        eq(signInAttempts.succeeded, false),
        gte(signInAttempts.attemptedAt, since),
        sql`${signInAttempts.attemptedAt} > coalesce((select max(s.attempted_at) from sign_in_attempts s where s.email = ${normalized} and s.succeeded), '-infinity'::timestamptz)`,
      ),
    );
  return row?.count ?? 0;
}

/** Failed attempts since `since` from one client address, whatever account they tried. */
export async function countRecentAddressFailures(
  db: Database,
  clientAddress: string,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        sql`${signInAttempts.clientAddress} = ${clientAddress}::inet`,
        eq(signInAttempts.succeeded, false),
        gte(signInAttempts.attemptedAt, since),
      ),
    );
  return row?.count ?? 0;
}
