import 'server-only';
import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { auditEventInsertWhen, type NewAuditEvent } from './audit-log';
import type { Database } from './client';
import { isUniqueViolation } from './errors';
import { linkStateChange } from './payment-links';
import {
  ACTIVE_ATTEMPT_STATES,
  paymentAttempts,
  paymentLinks,
  type PaymentAttempt,
  type PaymentAttemptState,
  type PaymentLink,
  type PaymentLinkState,
} from './schema';

/**
 * The ledger. A row is written before Mews is called; its state only moves forward, and every move
 * is a conditional update, so two processes finalizing the same attempt cannot both apply.
 */

export type NewPaymentAttempt = Omit<
  typeof paymentAttempts.$inferInsert,
  'id' | 'state' | 'createdAt' | 'updatedAt' | 'finalizedAt'
>;

/** Which states each state may move to. Final states move nowhere. */
export const ATTEMPT_TRANSITIONS: Readonly<Record<PaymentAttemptState, readonly PaymentAttemptState[]>> = {
  created: ['processing', 'failed', 'canceled'],
  processing: ['unknown', 'pending', 'succeeded', 'failed', 'canceled'],
  unknown: ['pending', 'succeeded', 'failed', 'canceled'],
  pending: ['succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

const FINAL_STATES: readonly PaymentAttemptState[] = ['succeeded', 'failed', 'canceled'];

export class ActiveAttemptExistsError extends Error {
  override name = 'ActiveAttemptExistsError';
  constructor(readonly activeAttempt: PaymentAttempt) {
    super(`Payment link ${activeAttempt.paymentLinkId} already has an attempt in progress`);
  }
}

export type CreateAttemptResult =
  /** `linkClaimed`: with `claimLink`, whether the link moved from `open` to `processing`. */
  | { created: true; attempt: PaymentAttempt; linkClaimed: boolean }
  /** The idempotency key was seen before: this is the first attempt made with it. */
  | { created: false; attempt: PaymentAttempt };

/**
 * Writes a new attempt in state `created`, or returns the attempt already written with the same
 * idempotency key. Throws `ActiveAttemptExistsError` when the link already has an attempt in flight.
 * With `claimLink`, the same statement moves the attempt's link from `open` to `processing`, so a
 * new attempt costs the pay action one round trip to the database, not two.
 */
export async function createPaymentAttempt(
  db: Database,
  input: NewPaymentAttempt,
  options: { claimLink?: boolean } = {},
): Promise<CreateAttemptResult> {
  // The link's active attempt can finish between our failed insert and the look-up that would
  // report it; then the link is free again and the insert is simply tried once more.
  for (let tries = 1; ; tries++) {
    try {
      return await insertPaymentAttempt(db, input, options.claimLink === true);
    } catch (error) {
      if (!(error instanceof ActiveAttemptVanishedError) || tries >= 3) throw error;
    }
  }
}

class ActiveAttemptVanishedError extends Error {}

async function insertPaymentAttempt(
  db: Database,
  input: NewPaymentAttempt,
  claimLink: boolean,
): Promise<CreateAttemptResult> {
  try {
    const insert = db
      .insert(paymentAttempts)
      .values({ ...input, state: 'created' })
      .onConflictDoNothing({ target: paymentAttempts.idempotencyKey })
      .returning();
    if (!claimLink || !input.paymentLinkId) {
      const [inserted] = await insert;
      if (inserted) return { created: true, attempt: inserted, linkClaimed: false };
    } else {
      const inserted = db.$with('inserted').as(insert);
      const claimed = db.$with('claimed').as(
        db
          .update(paymentLinks)
          .set(linkStateChange('processing'))
          .where(
            and(
              sql`${paymentLinks.id} = (select ${inserted.paymentLinkId} from ${inserted})`,
              eq(paymentLinks.state, 'open'),
            ),
          )
          .returning({ id: paymentLinks.id }),
      );
      const [row] = await db.with(inserted, claimed).select().from(inserted).leftJoin(claimed, sql`true`);
      if (row) return { created: true, attempt: row.inserted, linkClaimed: row.claimed !== null };
    }
  } catch (error) {
    if (input.paymentLinkId && isUniqueViolation(error, 'payment_attempts_one_active_per_link_key')) {
      const [active] = await db
        .select()
        .from(paymentAttempts)
        .where(
          and(
            eq(paymentAttempts.paymentLinkId, input.paymentLinkId),
            inArray(paymentAttempts.state, [...ACTIVE_ATTEMPT_STATES]),
          ),
        )
        .limit(1);
      if (active) throw new ActiveAttemptExistsError(active);
      throw new ActiveAttemptVanishedError('The active attempt finished meanwhile', { cause: error });
    }
    throw error;
  }
  const existing = await findPaymentAttemptByIdempotencyKey(db, input.idempotencyKey);
  if (!existing) throw new Error('Idempotency conflict without an existing attempt');
  return { created: false, attempt: existing };
}

export async function findPaymentAttempt(db: Database, id: string): Promise<PaymentAttempt | undefined> {
  const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, id)).limit(1);
  return row;
}

export async function findPaymentAttemptByIdempotencyKey(
  db: Database,
  idempotencyKey: string,
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.idempotencyKey, idempotencyKey))
    .limit(1);
  return row;
}

export type AttemptPatch = Partial<
  Pick<
    PaymentAttempt,
    | 'mewsPaymentId'
    | 'mewsCreditCardId'
    | 'nextActionUrl'
    | 'cardBrand'
    | 'cardMasked'
    | 'failureCode'
    | 'failureMessage'
  >
>;

/** Where an attempt's payment link goes when the attempt moves. */
export type LinkMove =
  | { from: readonly PaymentLinkState[]; to: PaymentLinkState }
  /** After a failure: `open` again, or `expired` when the link's time ran out by `now`. */
  | { from: readonly PaymentLinkState[]; to: 'open_unless_expired'; now: Date };

/**
 * What changes with an attempt's move, in the same statement and only when the attempt moved:
 * the attempt, its link and its audit event are never seen half done, and a settlement is one
 * round trip to the database.
 */
export interface AttemptMoveEffects {
  link?: LinkMove;
  audit?: NewAuditEvent;
}

/**
 * Moves an attempt from one of the states it is expected to be in to `to`, with optional field
 * updates and effects. Returns the updated row, or `undefined` when the attempt was not in an
 * expected state (someone else moved it first): the caller re-reads instead of overwriting.
 */
export async function transitionPaymentAttempt(
  db: Database,
  id: string,
  to: PaymentAttemptState,
  patch: AttemptPatch = {},
  effects: AttemptMoveEffects = {},
): Promise<PaymentAttempt | undefined> {
  const from = (Object.keys(ATTEMPT_TRANSITIONS) as PaymentAttemptState[]).filter((state) =>
    ATTEMPT_TRANSITIONS[state].includes(to),
  );
  if (from.length === 0) throw new Error(`No state may move to ${to}`);
  const update = db
    .update(paymentAttempts)
    .set({
      ...patch,
      state: to,
      updatedAt: sql`now()`,
      ...(FINAL_STATES.includes(to) ? { finalizedAt: sql`now()` } : {}),
    })
    .where(and(eq(paymentAttempts.id, id), inArray(paymentAttempts.state, from)))
    .returning();
  if (!effects.link && !effects.audit) {
    const [row] = await update;
    return row;
  }

  const moved = db.$with('moved').as(update);
  const withList = [moved];
  if (effects.link) {
    const { link } = effects;
    withList.push(
      db.$with('link_moved').as(
        db
          .update(paymentLinks)
          .set(
            link.to === 'open_unless_expired'
              ? {
                  state: sql`case when ${paymentLinks.expiresAt} <= ${link.now} then 'expired'::payment_link_state else 'open'::payment_link_state end`,
                  updatedAt: sql`now()`,
                }
              : linkStateChange(link.to),
          )
          .where(
            and(
              sql`${paymentLinks.id} = (select ${moved.paymentLinkId} from ${moved})`,
              inArray(paymentLinks.state, [...link.from]),
            ),
          )
          .returning({ id: paymentLinks.id }),
      ) as unknown as typeof moved,
    );
  }
  if (effects.audit) {
    // `as` only calls getSQL() on what it is given; drizzle's types just do not list plain SQL.
    const insert = auditEventInsertWhen(effects.audit, sql`exists (select 1 from ${moved})`) as unknown as typeof update;
    withList.push(db.$with('audited').as(insert) as unknown as typeof moved);
  }
  const [row] = await db.with(...withList).select().from(moved);
  return row;
}

/** Attempts whose outcome is not final yet, least recently touched first: the reconciler's work list. */
export async function listUnsettledPaymentAttempts(db: Database, limit = 100): Promise<PaymentAttempt[]> {
  return db
    .select()
    .from(paymentAttempts)
    .where(inArray(paymentAttempts.state, [...ACTIVE_ATTEMPT_STATES]))
    .orderBy(paymentAttempts.updatedAt)
    .limit(limit);
}

/** The attempts that hold any of these Mews payment ids. */
export async function listAttemptsByMewsPaymentIds(db: Database, mewsPaymentIds: string[]): Promise<PaymentAttempt[]> {
  if (mewsPaymentIds.length === 0) return [];
  const found: PaymentAttempt[] = [];
  for (let index = 0; index < mewsPaymentIds.length; index += 1000) {
    found.push(
      ...(await db
        .select()
        .from(paymentAttempts)
        .where(inArray(paymentAttempts.mewsPaymentId, mewsPaymentIds.slice(index, index + 1000)))),
    );
  }
  return found;
}

export async function findPaymentAttemptByMewsPaymentId(
  db: Database,
  mewsPaymentId: string,
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.mewsPaymentId, mewsPaymentId))
    .limit(1);
  return row;
}

/**
 * Remembers the Mews payment id the moment Mews answers, before its state is known, so a crash
 * right after still leaves the id to reconcile with. Never overwrites an id already recorded.
 */
export async function recordAttemptMewsPaymentId(
  db: Database,
  id: string,
  mewsPaymentId: string,
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .update(paymentAttempts)
    .set({ mewsPaymentId, updatedAt: sql`now()` })
    .where(
      and(
        eq(paymentAttempts.id, id),
        sql`${paymentAttempts.mewsPaymentId} is null`,
        inArray(paymentAttempts.state, ['processing', 'unknown', 'pending']),
      ),
    )
    .returning();
  return row;
}

/** The newest attempt made for a payment link, whatever its state. */
export async function findLatestAttemptForLink(
  db: Database,
  paymentLinkId: string,
  method?: PaymentAttempt['method'],
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.paymentLinkId, paymentLinkId),
        method ? eq(paymentAttempts.method, method) : undefined,
      ),
    )
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(1);
  return row;
}

/** The successful attempt of a link, if it was paid. */
export async function findSucceededAttemptForLink(
  db: Database,
  paymentLinkId: string,
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.paymentLinkId, paymentLinkId), eq(paymentAttempts.state, 'succeeded')))
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(1);
  return row;
}

export interface FailedCardAttemptCounts {
  onLink: number;
  fromAddress: number;
}

/**
 * Failed card attempts since a moment, on the payment link the outer query reads and from a client
 * address: the card-testing defence counts them in the database so every app instance sees the
 * same number. Both counts come from one pass over the window's failures.
 */
function failedCardAttemptsOfLink(db: Database, clientAddress: string | null, since: Date) {
  const onLink = sql`${paymentAttempts.paymentLinkId} = ${paymentLinks.id}`;
  const fromAddress = clientAddress ? sql`${paymentAttempts.clientAddress} = ${clientAddress}::inet` : sql`false`;
  return db
    .select({
      onLink: sql<number>`(count(*) filter (where ${onLink}))::int`.as('failed_on_link'),
      fromAddress: sql<number>`(count(*) filter (where ${fromAddress}))::int`.as('failed_from_address'),
    })
    .from(paymentAttempts)
    .where(
      and(
        inArray(paymentAttempts.method, ['card', 'stored_card']),
        eq(paymentAttempts.state, 'failed'),
        gte(paymentAttempts.createdAt, since),
        or(onLink, fromAddress),
      ),
    );
}

/**
 * The link behind a token hash with its failed card attempts counted in the same statement:
 * everything a guest card payment checks before it writes anything, in one round trip.
 */
export async function findPaymentLinkWithFailedCardAttempts(
  db: Database,
  tokenHash: string,
  filter: { clientAddress: string | null; since: Date },
): Promise<{ link: PaymentLink; failedCardAttempts: FailedCardAttemptCounts } | undefined> {
  const failed = failedCardAttemptsOfLink(db, filter.clientAddress, filter.since).as('failed');
  const [row] = await db
    .select({ link: paymentLinks, onLink: failed.onLink, fromAddress: failed.fromAddress })
    .from(paymentLinks)
    .leftJoinLateral(failed, sql`true`)
    .where(eq(paymentLinks.tokenHash, tokenHash))
    .limit(1);
  if (!row) return undefined;
  return { link: row.link, failedCardAttempts: { onLink: row.onLink ?? 0, fromAddress: row.fromAddress ?? 0 } };
}
