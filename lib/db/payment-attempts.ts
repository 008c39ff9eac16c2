import 'server-only';
import { createHash } from 'node:crypto';
import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  or,
  sql,
  type SQL,
  type SQLWrapper,
  type WithSubquery,
} from 'drizzle-orm';
import type { PgColumn, PgInsertSelectQueryBuilder } from 'drizzle-orm/pg-core';
import { auditEventInsertWhen, type NewAuditEvent } from './audit-log';
import type { Database } from './client';
import { isUniqueViolation } from './errors';
import { linkStateChange } from './payment-links';
import { preparedOnce } from './prepared-statements';
import { typedParam } from './typed-param';
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

/**
 * A state change as a conditional update: applied only when the attempt is in one of `from`.
 * The rules (which states may move where) belong to the ledger (lib/payments/ledger/state-machine.ts),
 * which hands them to this repository with every move.
 */
export interface AttemptStateChange {
  to: PaymentAttemptState;
  from: readonly PaymentAttemptState[];
  /** Stamps `finalized_at`: the attempt reached a final state. */
  finalizes: boolean;
}

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
  options: { claimLink?: boolean; state?: OpeningState } = {},
): Promise<CreateAttemptResult> {
  return retryingWhenActiveAttemptVanished(() =>
    insertPaymentAttempt(db, input, options.claimLink === true, options.state ?? 'created'),
  );
}

class ActiveAttemptVanishedError extends Error {}

/**
 * The claim of a just-inserted attempt's link, `open` → `processing`, as a CTE of the insert's own
 * statement: it returns the link's id only when the link was open.
 */
function linkClaimOf(db: Database, inserted: WithSubquery & { paymentLinkId: SQLWrapper }) {
  return db.$with('claimed').as(
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
}

/**
 * The link's active attempt can finish between our failed insert and the look-up that would
 * report it; then the link is free again (or paid) and the insert is simply tried once more.
 */
async function retryingWhenActiveAttemptVanished<T>(insert: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await insert();
    } catch (error) {
      if (!(error instanceof ActiveAttemptVanishedError) || tries >= 3) throw error;
    }
  }
}

/**
 * `created`: nothing will reach Mews before the caller marks it `processing`. `processing`: the
 * caller goes straight on to Mews, so the attempt is written in the state the reconciler settles
 * by searching Mews, never one it may abandon unread.
 */
export type OpeningState = 'created' | 'processing';

/** The unique index that lets a link have one attempt in flight (lib/db/schema.ts). */
const ONE_ACTIVE_PER_LINK = 'payment_attempts_one_active_per_link_key';

/** After an insert failed: was it the link's one-attempt-in-flight rule? Then which attempt holds it. */
async function throwIfLinkHasActiveAttempt(
  db: Database,
  paymentLinkId: string,
  error: unknown,
): Promise<void> {
  if (!isUniqueViolation(error, ONE_ACTIVE_PER_LINK)) return;
  const [active] = await db
    .select()
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.paymentLinkId, paymentLinkId),
        inArray(paymentAttempts.state, [...ACTIVE_ATTEMPT_STATES]),
      ),
    )
    .limit(1);
  if (active) throw new ActiveAttemptExistsError(active);
  throw new ActiveAttemptVanishedError('The active attempt finished meanwhile', { cause: error });
}

async function insertPaymentAttempt(
  db: Database,
  input: NewPaymentAttempt,
  claimLink: boolean,
  state: OpeningState,
): Promise<CreateAttemptResult> {
  try {
    const insert = db
      .insert(paymentAttempts)
      .values({ ...input, state })
      .onConflictDoNothing({ target: paymentAttempts.idempotencyKey })
      .returning();
    if (!claimLink || !input.paymentLinkId) {
      const [inserted] = await insert;
      if (inserted) return { created: true, attempt: inserted, linkClaimed: false };
    } else {
      const inserted = db.$with('inserted').as(insert);
      const claimed = linkClaimOf(db, inserted);
      const [row] = await db
        .with(inserted, claimed)
        .select()
        .from(inserted)
        .leftJoin(claimed, sql`true`);
      if (row) return { created: true, attempt: row.inserted, linkClaimed: row.claimed !== null };
    }
  } catch (error) {
    if (input.paymentLinkId) await throwIfLinkHasActiveAttempt(db, input.paymentLinkId, error);
    throw error;
  }
  const existing = await findPaymentAttemptByIdempotencyKey(db, input.idempotencyKey);
  if (!existing) throw new Error('Idempotency conflict without an existing attempt');
  return { created: false, attempt: existing };
}

export async function findPaymentAttempt(
  db: Database,
  id: string,
): Promise<PaymentAttempt | undefined> {
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
    | 'verifyingSince'
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
  change: AttemptStateChange,
  patch: AttemptPatch = {},
  effects: AttemptMoveEffects = {},
): Promise<PaymentAttempt | undefined> {
  const { to } = change;
  const patchKeys = (Object.keys(patch) as (keyof AttemptPatch)[])
    .filter((key) => patch[key] !== undefined)
    .sort();
  const auditKeys = effects.audit
    ? (Object.keys(effects.audit) as (keyof NewAuditEvent)[])
        .filter((key) => effects.audit?.[key] !== undefined)
        .sort()
    : undefined;
  const shape: MoveShape = {
    to,
    from: [...change.from].sort(),
    finalizes: change.finalizes,
    patchKeys,
    link: effects.link && { from: effects.link.from, to: effects.link.to },
    auditKeys,
  };
  const values: Record<string, unknown> = { id };
  for (const key of patchKeys) values[`set_${key}`] = patch[key];
  if (effects.link?.to === 'open_unless_expired') values.linkNow = effects.link.now;
  for (const key of auditKeys ?? []) values[`audit_${key}`] = effects.audit?.[key];
  const [row] = await preparedMove(db, shape).execute(values);
  return row;
}

/**
 * What a move's statement depends on besides its values: the ledger makes a few dozen kinds of
 * moves, each many times, and each kind gets its own prepared statement.
 */
interface MoveShape {
  to: PaymentAttemptState;
  from: PaymentAttemptState[];
  finalizes: boolean;
  patchKeys: (keyof AttemptPatch)[];
  link: { from: readonly PaymentLinkState[]; to: LinkMove['to'] } | undefined;
  auditKeys: (keyof NewAuditEvent)[] | undefined;
}

function preparedMove(db: Database, shape: MoveShape) {
  const key = JSON.stringify(shape);
  // Named after its shape, so every copy of this module (each route bundle has one) sharing a
  // PostgreSQL connection gives the same statement the same name.
  return preparedOnce(db, key, () =>
    prepareMove(
      db,
      shape,
      `move_attempt_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
    ),
  );
}

function prepareMove(db: Database, shape: MoveShape, name: string) {
  const { to, from } = shape;
  if (from.length === 0) throw new Error(`No state may move to ${to}`);
  const update = db
    .update(paymentAttempts)
    .set({
      ...Object.fromEntries(shape.patchKeys.map((key) => [key, sql.placeholder(`set_${key}`)])),
      state: to,
      updatedAt: sql`now()`,
      ...(shape.finalizes ? { finalizedAt: sql`now()` } : {}),
    })
    .where(and(eq(paymentAttempts.id, sql.placeholder('id')), inArray(paymentAttempts.state, from)))
    .returning();
  if (!shape.link && !shape.auditKeys) return update.prepare(name);

  const moved = db.$with('moved').as(update);
  const withList = [moved];
  if (shape.link) {
    const { link } = shape;
    withList.push(
      db.$with('link_moved').as(
        db
          .update(paymentLinks)
          .set(
            link.to === 'open_unless_expired'
              ? {
                  state: sql`case when ${paymentLinks.expiresAt} <= ${sql.placeholder('linkNow')}::timestamptz then 'expired'::payment_link_state else 'open'::payment_link_state end`,
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
  if (shape.auditKeys) {
    const event = Object.fromEntries(
      shape.auditKeys.map((key) => [key, sql.placeholder(`audit_${key}`)]),
    );
    // `as` only calls getSQL() on what it is given; drizzle's types just do not list plain SQL.
    const insert = auditEventInsertWhen(
      event,
      sql`exists (select 1 from ${moved})`,
    ) as unknown as typeof update;
    withList.push(db.$with('audited').as(insert) as unknown as typeof moved);
  }
  return db
    .with(...withList)
    .select()
    .from(moved)
    .prepare(name);
}

/** Attempts whose outcome is not final yet, least recently touched first: the reconciler's work list. */
export async function listUnsettledPaymentAttempts(
  db: Database,
  limit = 100,
): Promise<PaymentAttempt[]> {
  return db
    .select()
    .from(paymentAttempts)
    .where(inArray(paymentAttempts.state, [...ACTIVE_ATTEMPT_STATES]))
    .orderBy(paymentAttempts.updatedAt)
    .limit(limit);
}

/** The attempts that hold any of these Mews payment ids. */
export async function listAttemptsByMewsPaymentIds(
  db: Database,
  mewsPaymentIds: string[],
): Promise<PaymentAttempt[]> {
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
  /** The states in which the ledger lets an id be recorded on its own. */
  inStates: readonly PaymentAttemptState[],
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .update(paymentAttempts)
    .set({ mewsPaymentId, updatedAt: sql`now()` })
    .where(
      and(
        eq(paymentAttempts.id, id),
        sql`${paymentAttempts.mewsPaymentId} is null`,
        inArray(paymentAttempts.state, [...inStates]),
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
    .where(
      and(eq(paymentAttempts.paymentLinkId, paymentLinkId), eq(paymentAttempts.state, 'succeeded')),
    )
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(1);
  return row;
}

export interface FailedCardAttemptCounts {
  onLink: number;
  fromAddress: number;
}

/** What a guest card attempt on a link carries besides what the link decides (amount, customer, reservation). */
export interface GuestCardAttemptInput {
  idempotencyKey: string;
  clientAddress: string | null;
  cardBrand: string | null;
  cardMasked: string | null;
  /**
   * The deposit policy the guest accepted, when the hotel requires it: its version, when (server
   * time) and in which language it was shown. Absent or null when none was required.
   */
  policyVersion?: number | null;
  policyAcceptedAt?: Date | null;
  policyLocale?: string | null;
}

/** The prepared statement's parameters: every placeholder needs a value, so absent means null. */
const NO_POLICY_ACCEPTANCE = { policyVersion: null, policyAcceptedAt: null, policyLocale: null };

/** When a link takes a new card attempt: open, unexpired at `now`, and under both failure limits. */
export interface CardAttemptRules {
  now: Date;
  /** Failed card attempts are counted from this moment. */
  failuresSince: Date;
  maxFailedOnLink: number;
  maxFailedFromAddress: number;
}

export type OpenCardAttemptResult =
  | { link: undefined }
  | {
      link: PaymentLink;
      failedCardAttempts: FailedCardAttemptCounts;
      /** Written only when the link could take it; `linkClaimed` says whether it moved the link to `processing`. */
      opened: { attempt: PaymentAttempt; linkClaimed: boolean } | undefined;
    };

/**
 * A guest card payment's whole ledger work before Mews is called, in one statement: the link
 * behind the token hash with its failed card attempts of the window counted and, only when the
 * rules let the link take another payment, the attempt written in `processing` with the link's
 * amount, currency, customer and reservation, and the link claimed. When nothing was written (a
 * link that is not open, expired, or over a limit; a replayed idempotency key) the caller reads
 * the link and counts to say why.
 */
export async function openCardAttemptOnLink(
  db: Database,
  tokenHash: string,
  input: GuestCardAttemptInput,
  rules: CardAttemptRules,
): Promise<OpenCardAttemptResult> {
  const statement = preparedOnce(db, 'open_card_attempt_on_link', () => prepareOpenCardAttempt(db));
  const found = await retryingWhenActiveAttemptVanished(async () => {
    try {
      const [row] = await statement.execute({
        tokenHash,
        ...NO_POLICY_ACCEPTANCE,
        ...input,
        ...rules,
      });
      return row;
    } catch (error) {
      // Two requests with different keys raced for the same open link: the later one is told
      // which attempt holds it (its link id is not known here, so it is read by token).
      if (!isUniqueViolation(error, ONE_ACTIVE_PER_LINK)) throw error;
      const [holder] = await db
        .select({ id: paymentLinks.id })
        .from(paymentLinks)
        .where(eq(paymentLinks.tokenHash, tokenHash))
        .limit(1);
      if (holder) await throwIfLinkHasActiveAttempt(db, holder.id, error);
      throw error;
    }
  });
  if (!found) return { link: undefined };
  const { failedOnLink, failedFromAddress, ...linkRow } = found.link;
  return {
    link: linkRow,
    failedCardAttempts: { onLink: failedOnLink ?? 0, fromAddress: failedFromAddress ?? 0 },
    opened: found.inserted
      ? { attempt: found.inserted, linkClaimed: found.claimed !== null }
      : undefined,
  };
}

function prepareOpenCardAttempt(db: Database) {
  const value = (name: keyof GuestCardAttemptInput | keyof CardAttemptRules | 'tokenHash') =>
    sql.placeholder(name);
  // Failed card attempts of the window, on the link read and from the client's address, in one
  // pass over the window's failures; a null address matches nothing.
  const onLink = sql`${paymentAttempts.paymentLinkId} = ${paymentLinks.id}`;
  const fromAddress = sql`${paymentAttempts.clientAddress} = ${value('clientAddress')}::inet`;
  const failed = db
    .select({
      onLink: sql<number>`(count(*) filter (where ${onLink}))::int`.as('failed_on_link'),
      fromAddress: sql<number>`(count(*) filter (where ${fromAddress}))::int`.as(
        'failed_from_address',
      ),
    })
    .from(paymentAttempts)
    .where(
      and(
        inArray(paymentAttempts.method, ['card', 'stored_card']),
        eq(paymentAttempts.state, 'failed'),
        gte(paymentAttempts.createdAt, value('failuresSince')),
        or(onLink, fromAddress),
      ),
    )
    .as('failed');
  const link = db.$with('link').as(
    db
      .select({
        ...getTableColumns(paymentLinks),
        failedOnLink: failed.onLink,
        failedFromAddress: failed.fromAddress,
      })
      .from(paymentLinks)
      .leftJoinLateral(failed, sql`true`)
      .where(eq(paymentLinks.tokenHash, value('tokenHash')))
      .limit(1),
  );
  const column = getTableColumns(paymentAttempts);
  // Every column in the table's order, as `insert … select` wants them; what the guest cannot
  // choose comes from the link row.
  const row: Record<keyof typeof column, SQL | PgColumn> = {
    id: sql`gen_random_uuid()`,
    idempotencyKey: typedParam(value('idempotencyKey'), column.idempotencyKey),
    paymentLinkId: link.id,
    method: sql`'card'::payment_method`,
    state: sql`'processing'::payment_attempt_state`,
    amountMinor: link.amountMinor,
    currency: link.currency,
    mewsCustomerId: link.mewsCustomerId,
    mewsReservationId: link.mewsReservationId,
    mewsCreditCardId: sql`null`,
    mewsPaymentId: sql`null`,
    refundOfAttemptId: sql`null`,
    cardBrand: typedParam(value('cardBrand'), column.cardBrand),
    cardMasked: typedParam(value('cardMasked'), column.cardMasked),
    nextActionUrl: sql`null`,
    failureCode: sql`null`,
    failureMessage: sql`null`,
    notes: sql`null`,
    initiatedByStaffId: sql`null`,
    clientAddress: typedParam(value('clientAddress'), column.clientAddress),
    finalizedAt: sql`null`,
    verifyingSince: sql`null`,
    policyVersion: typedParam(value('policyVersion'), column.policyVersion),
    // Not typedParam: a column-encoded timestamp placeholder cannot be null.
    policyAcceptedAt: sql`${value('policyAcceptedAt')}::timestamptz`,
    policyLocale: typedParam(value('policyLocale'), column.policyLocale),
    approvedByStaffId: sql`null`,
    mewsPaymentRequestId: sql`null`,
    checkoutMethod: sql`null`,
    createdAt: sql`now()`,
    updatedAt: sql`now()`,
  };
  const mayTakePayment = and(
    eq(link.state, 'open'),
    sql`${link.expiresAt} > ${value('now')}::timestamptz`,
    sql`coalesce(${link.failedOnLink}, 0) < ${value('maxFailedOnLink')}::int`,
    sql`coalesce(${link.failedFromAddress}, 0) < ${value('maxFailedFromAddress')}::int`,
  );
  const inserted = db.$with('inserted').as(
    db
      .insert(paymentAttempts)
      .select(
        (qb) =>
          qb.select(row).from(link).where(mayTakePayment) as unknown as PgInsertSelectQueryBuilder<
            typeof paymentAttempts
          >,
      )
      .onConflictDoNothing({ target: paymentAttempts.idempotencyKey })
      .returning(),
  );
  const claimed = linkClaimOf(db, inserted);
  return db
    .with(link, inserted, claimed)
    .select()
    .from(link)
    .leftJoin(inserted, sql`true`)
    .leftJoin(claimed, sql`true`)
    .prepare('open_card_attempt_on_link');
}
