import 'server-only';
import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import {
  auditEvents,
  mewsCustomers,
  mewsReservations,
  paymentAttempts,
  paymentLinks,
  staffUsers,
  type AuditEvent,
  type PaymentAttempt,
  type PaymentAttemptState,
  type PaymentLink,
} from './schema';

/** Read models for the staff back office: the ledger and the audit trail, filtered and summed. */

export type PaymentMethodName = PaymentAttempt['method'];

export interface LedgerFilter {
  states?: PaymentAttemptState[];
  methods?: PaymentMethodName[];
  /** Half-open [from, to). */
  from?: Date;
  to?: Date;
  staffId?: string;
  customerId?: string;
  reservationId?: string;
  paymentLinkId?: string;
  /**
   * Free text a clerk types: part of the guest's name or e-mail, a reservation number (whole, any
   * case), part of the link's description, part of a staff member's name or e-mail, or an id
   * (attempt, Mews payment, customer, reservation).
   */
  q?: string;
}

export interface LedgerRow extends PaymentAttempt {
  staffEmail: string | null;
  staffName: string | null;
  approvedByName: string | null;
  /** From our cache of Mews' customers; null while the cache has not seen the customer. */
  guestName: string | null;
  reservationNumber: string | null;
  linkDescription: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `text` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/**
 * The free-text condition. Each branch is an indexed column of payment_attempts compared with
 * `= any(array(…))` of ids found in a small table (customers, reservations, links), so PostgreSQL
 * can OR bitmap index scans instead of reading 100 000 attempts; `staffIds` were resolved first
 * (the initiating staff column has no index, and is left out when nobody matches).
 */
function freeTextCondition(q: string, staffIds: string[]): SQL {
  const text = q.trim();
  const pattern = containsPattern(text);
  const branches: SQL[] = [
    sql`${paymentAttempts.mewsCustomerId} = any(array(select ${mewsCustomers.id} from ${mewsCustomers} where ${mewsCustomers.searchText} like lower(${pattern})))`,
    // Equality on the number's index: as typed, upper or lower case ("sbx-1001" finds SBX-1001).
    sql`${paymentAttempts.mewsReservationId} = any(array(select ${mewsReservations.id} from ${mewsReservations} where ${mewsReservations.number} in (${text}, upper(${text}), lower(${text}))))`,
    sql`${paymentAttempts.paymentLinkId} = any(array(select ${paymentLinks.id} from ${paymentLinks} where ${paymentLinks.description} ilike ${pattern}))`,
  ];
  if (staffIds.length) {
    branches.push(
      inArray(paymentAttempts.initiatedByStaffId, staffIds),
      inArray(paymentAttempts.approvedByStaffId, staffIds),
    );
  }
  if (UUID.test(text)) {
    const id = text.toLowerCase();
    branches.push(
      eq(paymentAttempts.id, id),
      eq(paymentAttempts.mewsPaymentId, id),
      eq(paymentAttempts.mewsCustomerId, id),
      eq(paymentAttempts.mewsReservationId, id),
    );
  }
  return or(...branches) as SQL;
}

/** Staff members whose name or e-mail contains `q`: a dozen rows, read before the ledger query. */
async function staffMatching(db: Database, q: string): Promise<string[]> {
  const pattern = containsPattern(q.trim());
  const rows = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(or(ilike(staffUsers.name, pattern), ilike(staffUsers.email, pattern)));
  return rows.map((row) => row.id);
}

function ledgerConditions(filter: LedgerFilter, staffIds: string[]): SQL | undefined {
  return and(
    filter.states?.length ? inArray(paymentAttempts.state, filter.states) : undefined,
    filter.methods?.length ? inArray(paymentAttempts.method, filter.methods) : undefined,
    filter.from ? gte(paymentAttempts.createdAt, filter.from) : undefined,
    filter.to ? lt(paymentAttempts.createdAt, filter.to) : undefined,
    filter.staffId ? eq(paymentAttempts.initiatedByStaffId, filter.staffId) : undefined,
    filter.customerId ? eq(paymentAttempts.mewsCustomerId, filter.customerId) : undefined,
    filter.reservationId ? eq(paymentAttempts.mewsReservationId, filter.reservationId) : undefined,
    filter.paymentLinkId ? eq(paymentAttempts.paymentLinkId, filter.paymentLinkId) : undefined,
    filter.q?.trim() ? freeTextCondition(filter.q, staffIds) : undefined,
  );
}

const approver = alias(staffUsers, 'approver');

/** The ledger with who paid (our cache of Mews), for what (the link) and which staff, one query. */
function ledgerSelect(db: Database) {
  return db
    .select({
      attempt: paymentAttempts,
      staffEmail: staffUsers.email,
      staffName: staffUsers.name,
      approvedByName: approver.name,
      guestName: mewsCustomers.fullName,
      reservationNumber: mewsReservations.number,
      linkDescription: paymentLinks.description,
      linkGuestName: paymentLinks.guestName,
      linkReservationNumber: paymentLinks.reservationNumber,
    })
    .from(paymentAttempts)
    .leftJoin(staffUsers, eq(staffUsers.id, paymentAttempts.initiatedByStaffId))
    .leftJoin(approver, eq(approver.id, paymentAttempts.approvedByStaffId))
    .leftJoin(mewsCustomers, eq(mewsCustomers.id, paymentAttempts.mewsCustomerId))
    .leftJoin(mewsReservations, eq(mewsReservations.id, paymentAttempts.mewsReservationId))
    .leftJoin(paymentLinks, eq(paymentLinks.id, paymentAttempts.paymentLinkId));
}

type SelectedLedgerRow = Awaited<ReturnType<ReturnType<typeof ledgerSelect>['execute']>>[number];

function toLedgerRow(row: SelectedLedgerRow): LedgerRow {
  return {
    ...row.attempt,
    staffEmail: row.staffEmail,
    staffName: row.staffName,
    approvedByName: row.approvedByName,
    guestName: row.guestName ?? row.linkGuestName,
    reservationNumber: row.reservationNumber ?? row.linkReservationNumber,
    linkDescription: row.linkDescription,
  };
}

export async function listLedger(
  db: Database,
  filter: LedgerFilter,
  page: { limit: number; offset?: number } = { limit: 100 },
): Promise<LedgerRow[]> {
  const staffIds = filter.q?.trim() ? await staffMatching(db, filter.q) : [];
  const rows = await ledgerSelect(db)
    .where(ledgerConditions(filter, staffIds))
    .orderBy(desc(paymentAttempts.createdAt), desc(paymentAttempts.id))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows.map(toLedgerRow);
}

export async function findLedgerRow(db: Database, id: string): Promise<LedgerRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await ledgerSelect(db).where(eq(paymentAttempts.id, id)).limit(1);
  return row ? toLedgerRow(row) : undefined;
}

/** Staff members' names by id (for the audit trail, whose rows keep an e-mail as their label). */
export async function staffNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(inArray(staffUsers.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Refund attempts made against one payment attempt, newest first. */
export async function listRefundsOf(db: Database, attemptId: string): Promise<PaymentAttempt[]> {
  return db
    .select()
    .from(paymentAttempts)
    .where(
      and(eq(paymentAttempts.method, 'refund'), eq(paymentAttempts.refundOfAttemptId, attemptId)),
    )
    .orderBy(desc(paymentAttempts.createdAt));
}

export interface DailyTotal {
  /** yyyy-mm-dd in the property's time zone. */
  day: string;
  method: PaymentMethodName;
  currency: string;
  amountMinor: number;
  count: number;
}

/** Succeeded attempts summed per local day, method and currency since `from`. */
export async function dailyTotals(
  db: Database,
  from: Date,
  timeZone: string,
): Promise<DailyTotal[]> {
  const day = sql<string>`to_char(${paymentAttempts.createdAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      method: paymentAttempts.method,
      currency: paymentAttempts.currency,
      amountMinor: sql<string>`sum(${paymentAttempts.amountMinor})`,
      count: sql<number>`count(*)::int`,
    })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.state, 'succeeded'), gte(paymentAttempts.createdAt, from)))
    // By position: the time zone is a bound parameter, so the expression cannot be repeated.
    .groupBy(sql`1`, paymentAttempts.method, paymentAttempts.currency);
  return rows.map((row) => ({
    ...row,
    currency: row.currency.trim(),
    amountMinor: Number(row.amountMinor),
  }));
}

export async function listPaymentLinks(
  db: Database,
  filter: { customerId?: string; createdByStaffId?: string } = {},
  limit = 100,
): Promise<PaymentLink[]> {
  return db
    .select()
    .from(paymentLinks)
    .where(
      and(
        filter.customerId ? eq(paymentLinks.mewsCustomerId, filter.customerId) : undefined,
        filter.createdByStaffId
          ? eq(paymentLinks.createdByStaffId, filter.createdByStaffId)
          : undefined,
      ),
    )
    .orderBy(desc(paymentLinks.createdAt))
    .limit(limit);
}

export interface AuditFilter {
  staffId?: string;
  /** e.g. `payment.` or `staff.sign_in`. */
  actionPrefix?: string;
  outcome?: AuditEvent['outcome'];
  from?: Date;
  to?: Date;
  subjectId?: string;
}

export async function listAudit(
  db: Database,
  filter: AuditFilter,
  limit = 200,
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        filter.staffId ? eq(auditEvents.actorStaffId, filter.staffId) : undefined,
        filter.actionPrefix
          ? sql`${auditEvents.action} like ${`${filter.actionPrefix.replace(/[%_\\]/g, '\\$&')}%`}`
          : undefined,
        filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
        filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
        filter.to ? lt(auditEvents.occurredAt, filter.to) : undefined,
        filter.subjectId ? eq(auditEvents.subjectId, filter.subjectId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
