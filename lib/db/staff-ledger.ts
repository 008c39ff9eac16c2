import 'server-only';
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import {
  auditEvents,
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
  paymentLinkId?: string;
}

export interface LedgerRow extends PaymentAttempt {
  staffEmail: string | null;
}

function ledgerConditions(filter: LedgerFilter): SQL | undefined {
  return and(
    filter.states?.length ? inArray(paymentAttempts.state, filter.states) : undefined,
    filter.methods?.length ? inArray(paymentAttempts.method, filter.methods) : undefined,
    filter.from ? gte(paymentAttempts.createdAt, filter.from) : undefined,
    filter.to ? lt(paymentAttempts.createdAt, filter.to) : undefined,
    filter.staffId ? eq(paymentAttempts.initiatedByStaffId, filter.staffId) : undefined,
    filter.customerId ? eq(paymentAttempts.mewsCustomerId, filter.customerId) : undefined,
    filter.paymentLinkId ? eq(paymentAttempts.paymentLinkId, filter.paymentLinkId) : undefined,
  );
}

export async function listLedger(
  db: Database,
  filter: LedgerFilter,
  page: { limit: number; offset?: number } = { limit: 100 },
): Promise<LedgerRow[]> {
  const rows = await db
    .select({ attempt: paymentAttempts, staffEmail: staffUsers.email })
    .from(paymentAttempts)
    .leftJoin(staffUsers, eq(staffUsers.id, paymentAttempts.initiatedByStaffId))
    .where(ledgerConditions(filter))
    .orderBy(desc(paymentAttempts.createdAt), desc(paymentAttempts.id))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows.map((row) => ({ ...row.attempt, staffEmail: row.staffEmail }));
}

export async function findLedgerRow(db: Database, id: string): Promise<LedgerRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select({ attempt: paymentAttempts, staffEmail: staffUsers.email })
    .from(paymentAttempts)
    .leftJoin(staffUsers, eq(staffUsers.id, paymentAttempts.initiatedByStaffId))
    .where(eq(paymentAttempts.id, id))
    .limit(1);
  return row ? { ...row.attempt, staffEmail: row.staffEmail } : undefined;
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
