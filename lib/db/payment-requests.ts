import 'server-only';
import {
  and,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  lt,
  ne,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import type { Database } from './client';
import {
  mewsPaymentRequests,
  paymentLinks,
  type MewsPaymentRequestRow,
  type MewsPaymentRequestState,
  type PaymentLink,
} from './schema';

/** The Mews payment requests made for Mews Payments Checkout (lib/payments/checkout). */

export type NewMewsPaymentRequest = Omit<
  typeof mewsPaymentRequests.$inferInsert,
  'id' | 'state' | 'createdAt' | 'updatedAt'
>;

export const ACTIVE_REQUEST_STATES = ['creating', 'unknown', 'pending'] as const;

/**
 * Writes a request in `creating`, unless the link already has an active one (two tabs, a reload):
 * then nothing is written and `undefined` comes back; the caller reads the one that exists.
 */
export async function insertCreatingRequest(
  db: Database,
  input: NewMewsPaymentRequest,
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .insert(mewsPaymentRequests)
    .values({ ...input, state: 'creating' })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findPaymentRequestRow(
  db: Database,
  id: string,
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(mewsPaymentRequests)
    .where(eq(mewsPaymentRequests.id, id))
    .limit(1);
  return row;
}

export async function findPaymentRequestRowByMewsId(
  db: Database,
  mewsRequestId: string,
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(mewsPaymentRequests)
    .where(eq(mewsPaymentRequests.mewsRequestId, mewsRequestId))
    .limit(1);
  return row;
}

/** The link's newest request (active or not). */
export async function findLatestRequestForLink(
  db: Database,
  paymentLinkId: string,
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(mewsPaymentRequests)
    .where(eq(mewsPaymentRequests.paymentLinkId, paymentLinkId))
    .orderBy(desc(mewsPaymentRequests.createdAt))
    .limit(1);
  return row;
}

export async function findActiveRequestForLink(
  db: Database,
  paymentLinkId: string,
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(mewsPaymentRequests)
    .where(
      and(
        eq(mewsPaymentRequests.paymentLinkId, paymentLinkId),
        inArray(mewsPaymentRequests.state, [...ACTIVE_REQUEST_STATES]),
      ),
    )
    .limit(1);
  return row;
}

export type PaymentRequestPatch = Partial<
  Pick<
    MewsPaymentRequestRow,
    | 'mewsRequestId'
    | 'failureMessage'
    | 'preauthorizationId'
    | 'preauthorizationState'
    | 'holdPlacedAt'
    | 'lastReadAt'
  >
>;

/**
 * Moves a request from one of `from` to `to` (a conditional update: two readers settling the same
 * request cannot both apply it); `undefined` when it was no longer in `from`.
 */
export async function moveRequestRow(
  db: Database,
  id: string,
  from: readonly MewsPaymentRequestState[],
  to: MewsPaymentRequestState,
  patch: PaymentRequestPatch = {},
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .update(mewsPaymentRequests)
    .set({ ...patch, state: to, updatedAt: sql`now()` })
    .where(and(eq(mewsPaymentRequests.id, id), inArray(mewsPaymentRequests.state, [...from])))
    .returning();
  return row;
}

/** Records what was read without moving the state (a hold's state, when it was read). */
export async function patchRequestRow(
  db: Database,
  id: string,
  patch: PaymentRequestPatch,
): Promise<MewsPaymentRequestRow | undefined> {
  const [row] = await db
    .update(mewsPaymentRequests)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(mewsPaymentRequests.id, id))
    .returning();
  return row;
}

/** Holds whose state Mews may still change (or was never read). */
const OPEN_HOLD = or(
  sql`${mewsPaymentRequests.preauthorizationState} is null`,
  inArray(mewsPaymentRequests.preauthorizationState, ['chargeable', 'pending']),
);

/**
 * What the reconciler reads back, oldest first: every active request (a `creating` one only once
 * `staleBefore` has passed: its request is still on its way), and completed holds still open.
 */
export async function listRequestsToReconcile(
  db: Database,
  staleBefore: Date,
  limit: number,
): Promise<Array<MewsPaymentRequestRow & { linkState: PaymentLink['state'] }>> {
  return db
    .select({
      ...getTableColumns(mewsPaymentRequests),
      linkState: paymentLinks.state,
    })
    .from(mewsPaymentRequests)
    .innerJoin(paymentLinks, eq(paymentLinks.id, mewsPaymentRequests.paymentLinkId))
    .where(
      or(
        inArray(mewsPaymentRequests.state, ['unknown', 'pending']),
        and(
          eq(mewsPaymentRequests.state, 'creating'),
          lt(mewsPaymentRequests.createdAt, staleBefore),
        ),
        and(
          eq(mewsPaymentRequests.state, 'completed'),
          eq(mewsPaymentRequests.type, 'preauthorization'),
          OPEN_HOLD,
        ),
      ),
    )
    .orderBy(mewsPaymentRequests.updatedAt)
    .limit(limit);
}

export interface HoldRow extends MewsPaymentRequestRow {
  linkDescription: string;
  guestName: string | null;
  reservationNumber: string | null;
  linkState: PaymentLink['state'];
}

/** Every hold request, newest first, with its link, for the staff holds page. */
export async function listHoldRequests(db: Database, limit = 500): Promise<HoldRow[]> {
  return db
    .select({
      ...getTableColumns(mewsPaymentRequests),
      linkDescription: paymentLinks.description,
      guestName: paymentLinks.guestName,
      reservationNumber: paymentLinks.reservationNumber,
      linkState: paymentLinks.state,
    })
    .from(mewsPaymentRequests)
    .innerJoin(paymentLinks, eq(paymentLinks.id, mewsPaymentRequests.paymentLinkId))
    .where(
      and(
        eq(mewsPaymentRequests.type, 'preauthorization'),
        notInArray(mewsPaymentRequests.state, ['failed']),
        // A hold asked for and never placed, long closed, is no longer worth a line.
        or(ne(mewsPaymentRequests.state, 'canceled'), isNotNull(mewsPaymentRequests.holdPlacedAt)),
      ),
    )
    .orderBy(desc(mewsPaymentRequests.createdAt))
    .limit(limit);
}

/** The id of the link behind a token hash, when it has an active request; one indexed read. */
export async function findLinkIdWithActiveRequest(
  db: Database,
  tokenHash: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: paymentLinks.id })
    .from(paymentLinks)
    .innerJoin(mewsPaymentRequests, eq(mewsPaymentRequests.paymentLinkId, paymentLinks.id))
    .where(
      and(
        eq(paymentLinks.tokenHash, tokenHash),
        inArray(mewsPaymentRequests.state, [...ACTIVE_REQUEST_STATES]),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}
