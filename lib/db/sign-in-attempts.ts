import 'server-only';
import { and, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { auditEvents, signInAttempts, type AuditEvent } from './schema';

/**
 * Staff sign-in attempts: written for every password check, counted to throttle guessing.
 *
 * An attempt is written before its password is checked, as a failure, and only then are the
 * failures counted (without it). Attempts running at the same time therefore see each other: of a
 * burst, the one written last counts all the others, so no more than a limit's worth can get past
 * it, however many arrive at once. A refused attempt is deleted again; a right password marks it
 * succeeded.
 */

export async function startSignInAttempt(
  db: Database,
  attempt: { email: string; clientAddress: string | null; at: Date },
): Promise<number> {
  const [row] = await db
    .insert(signInAttempts)
    .values({
      email: attempt.email.trim().toLowerCase(),
      clientAddress: attempt.clientAddress,
      succeeded: false,
      attemptedAt: attempt.at,
    })
    .returning({ id: signInAttempts.id });
  if (!row) throw new Error('Sign-in attempt insert returned nothing');
  return row.id;
}

export async function markSignInAttemptSucceeded(db: Database, id: number): Promise<void> {
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, id));
}

/** A refused attempt is not a failure: a locked-out owner retrying must not extend their own lock. */
export async function discardSignInAttempt(db: Database, id: number): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.id, id));
}

/**
 * Whether `column` (an inet) is in the caller's network: the same IPv4 address, or the same IPv6
 * /64 (one subscriber usually gets a whole /64 and could otherwise start afresh with every address
 * in it). Callers without an address are one network: sending a malformed forwarding header must
 * not be a way around the limits.
 */
function inNetworkOf(column: SQL, clientAddress: string | null): SQL {
  if (clientAddress === null) return sql`${column} is null`;
  return sql`${column} <<= network(set_masklen(${clientAddress}::inet, case when family(${clientAddress}::inet) = 6 then 64 else 32 end))`;
}

export interface SignInFailureCounts {
  /** Failures of this account from this network, since the account last signed in from there. */
  accountAddress: number;
  /** Failures from this network, whatever account they tried (unknown emails included). */
  address: number;
  /** Failures of this account from anywhere (a success does not forgive an attacker's guesses). */
  account: number;
  /** Whether this account signed in successfully from this network since `knownSince`. */
  knownNetwork: boolean;
}

/**
 * The failures the throttling decides on, since `since`, in one statement, leaving out the attempt
 * being decided (`excludeId`).
 */
export async function countSignInFailures(
  db: Database,
  query: {
    email: string;
    clientAddress: string | null;
    since: Date;
    knownSince: Date;
    excludeId: number;
  },
): Promise<SignInFailureCounts> {
  const email = query.email.trim().toLowerCase();
  const t = (name: string) => sql.raw(`"sign_in_attempts"."${name}"`);
  const s = (name: string) => sql.raw(`s."${name}"`);
  const sameNetwork = inNetworkOf(t('client_address'), query.clientAddress);
  const lastSuccessHere = sql`coalesce((select max(${s('attempted_at')}) from ${signInAttempts} s where ${s('email')} = ${email} and ${s('succeeded')} and ${inNetworkOf(s('client_address'), query.clientAddress)}), '-infinity'::timestamptz)`;
  const [row] = await db
    .select({
      accountAddress: sql<number>`(count(*) filter (where ${t('email')} = ${email} and ${sameNetwork} and ${t('attempted_at')} > ${lastSuccessHere}))::int`,
      address: sql<number>`(count(*) filter (where ${sameNetwork}))::int`,
      account: sql<number>`(count(*) filter (where ${t('email')} = ${email}))::int`,
      knownNetwork: sql<boolean>`exists (select 1 from ${signInAttempts} s where ${s('email')} = ${email} and ${s('succeeded')} and ${s('attempted_at')} >= ${query.knownSince.toISOString()}::timestamptz and ${inNetworkOf(s('client_address'), query.clientAddress)})`,
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.succeeded, false),
        gte(signInAttempts.attemptedAt, query.since),
        sql`${signInAttempts.id} <> ${query.excludeId}`,
        sql`(${signInAttempts.email} = ${email} or ${sameNetwork})`,
      ),
    );
  return {
    accountAddress: row?.accountAddress ?? 0,
    address: row?.address ?? 0,
    account: row?.account ?? 0,
    knownNetwork: Boolean(row?.knownNetwork),
  };
}

/** The action under which sign-in lock-outs are audited. */
export const SIGN_IN_LOCKED_ACTION = 'staff.sign_in_locked';

/** Lock-outs audited since `since`, newest first (what managers see on the staff page). */
export async function listSignInLockoutEvents(
  db: Database,
  since: Date,
  limit = 50,
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, SIGN_IN_LOCKED_ACTION), gte(auditEvents.occurredAt, since)))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
