import 'server-only';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { listStaffUsers } from '@/lib/db/staff-users';
import {
  dailyTotals,
  findLedgerRow,
  listAudit,
  listLedger,
  listPaymentLinks,
  listRefundsOf,
  type LedgerRow,
} from '@/lib/db/staff-ledger';
import type { AuditEvent, PaymentLink } from '@/lib/db/schema';
import type { MewsCustomer, MewsPayment, StoredCard } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import { isRefundable, refundableAmount } from '@/lib/payments/staff/refund';
import { refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';
import { enterpriseConfiguration } from '@/lib/payments/staff/common';
import type { AuditFilterInput, PaymentsFilter } from '@/lib/payments/back-office/filters';

/**
 * Read models of the staff back office, from our ledger and the audit trail, with Mews' view of a
 * payment read back where it matters (detail pages). Everything returned is plain JSON (ISO
 * dates), so pages, TanStack Query route handlers and CSV exports share one shape.
 */

export interface PaymentRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  method: LedgerRow['method'];
  state: LedgerRow['state'];
  amountMinor: number;
  currency: string;
  customerId: string;
  reservationId: string | null;
  mewsPaymentId: string | null;
  paymentLinkId: string | null;
  refundOfAttemptId: string | null;
  cardBrand: string | null;
  cardMasked: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  notes: string | null;
  staffEmail: string | null;
  needsAttention: boolean;
}

/** Processing longer than this without an answer is as worrying as unknown. */
const STUCK_AFTER_MS = 5 * 60_000;

export function toPaymentRow(row: LedgerRow, now: Date = new Date()): PaymentRow {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    method: row.method,
    state: row.state,
    amountMinor: row.amountMinor,
    currency: row.currency.trim(),
    customerId: row.mewsCustomerId,
    reservationId: row.mewsReservationId,
    mewsPaymentId: row.mewsPaymentId,
    paymentLinkId: row.paymentLinkId,
    refundOfAttemptId: row.refundOfAttemptId,
    cardBrand: row.cardBrand,
    cardMasked: row.cardMasked,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    notes: row.notes,
    staffEmail: row.staffEmail,
    needsAttention:
      row.state === 'unknown' ||
      ((row.state === 'processing' || row.state === 'created') &&
        now.getTime() - row.updatedAt.getTime() > STUCK_AFTER_MS),
  };
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function nextDay(day: string): Date {
  return new Date(dayStart(day).getTime() + 86_400_000);
}

export async function listPayments(
  ctx: PaymentContext,
  filter: PaymentsFilter,
  limit = 200,
): Promise<PaymentRow[]> {
  const rows = await listLedger(
    ctx.db,
    {
      states: filter.state ? [filter.state] : undefined,
      methods: filter.method ? [filter.method] : undefined,
      from: filter.from ? dayStart(filter.from) : undefined,
      to: filter.to ? nextDay(filter.to) : undefined,
      staffId: filter.staffId,
      customerId: filter.customerId,
    },
    { limit },
  );
  const now = ctx.now();
  return rows.map((row) => toPaymentRow(row, now));
}

export interface AuditRow {
  id: number;
  occurredAt: string;
  actor: string;
  actorType: AuditEvent['actorType'];
  action: string;
  outcome: AuditEvent['outcome'];
  subjectType: string | null;
  subjectId: string | null;
  amountMinor: number | null;
  currency: string | null;
  mewsIds: Record<string, string> | null;
  details: Record<string, unknown> | null;
  clientAddress: string | null;
}

export function toAuditRow(event: AuditEvent): AuditRow {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actorLabel,
    actorType: event.actorType,
    action: event.action,
    outcome: event.outcome,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    amountMinor: event.amountMinor,
    currency: event.currency?.trim() ?? null,
    mewsIds: event.mewsIds ?? null,
    details: event.details ?? null,
    clientAddress: event.clientAddress,
  };
}

export async function listAuditTrail(
  ctx: PaymentContext,
  filter: AuditFilterInput & { subjectId?: string },
  limit = 300,
): Promise<AuditRow[]> {
  const events = await listAudit(
    ctx.db,
    {
      staffId: filter.staffId,
      actionPrefix: filter.action || undefined,
      from: filter.from ? dayStart(filter.from) : undefined,
      to: filter.to ? nextDay(filter.to) : undefined,
      subjectId: filter.subjectId,
    },
    limit,
  );
  return events.map(toAuditRow);
}

export interface PaymentDetail {
  payment: PaymentRow;
  /** Mews' own record, read back now; null when there is none (yet) or Mews did not answer. */
  mews: {
    state: MewsPayment['state'];
    method: MewsPayment['method'];
    amountMinor: number;
    currency: string;
    direction: MewsPayment['direction'];
    externalIdentifier: string | null;
    createdAt: string;
    chargedAt: string | null;
  } | null;
  mewsError: string | null;
  refunds: PaymentRow[];
  refundable: { amountMinor: number; currency: string } | null;
  original: PaymentRow | null;
  audit: AuditRow[];
}

export async function paymentDetail(
  ctx: PaymentContext,
  attemptId: string,
): Promise<PaymentDetail> {
  const attempt = await findPaymentAttempt(ctx.db, attemptId);
  if (!attempt) throw new PaymentError('not_found', 'No such payment');
  await refreshAttemptIfPossible(ctx, attempt);
  const row = await findLedgerRow(ctx.db, attemptId);
  if (!row) throw new PaymentError('not_found', 'No such payment');

  let mews: PaymentDetail['mews'] = null;
  let mewsError: string | null = null;
  if (row.mewsPaymentId) {
    try {
      const [payment] = await ctx.mews.getPayments({ paymentIds: [row.mewsPaymentId] });
      if (payment) {
        mews = {
          state: payment.state,
          method: payment.method,
          amountMinor: payment.amount.amountMinor,
          currency: payment.amount.currency,
          direction: payment.direction,
          externalIdentifier: payment.externalIdentifier,
          createdAt: payment.createdAt.toISOString(),
          chargedAt: payment.chargedAt?.toISOString() ?? null,
        };
      }
    } catch (error) {
      mewsError = paymentErrorFromMews(error).message;
    }
  }
  const now = ctx.now();
  const refundRows = await listRefundsOf(ctx.db, row.id);
  const refunds = (await Promise.all(refundRows.map((refund) => findLedgerRow(ctx.db, refund.id))))
    .filter((refund): refund is LedgerRow => Boolean(refund))
    .map((refund) => toPaymentRow(refund, now));
  const original = row.refundOfAttemptId
    ? await findLedgerRow(ctx.db, row.refundOfAttemptId)
    : undefined;
  const remaining = isRefundable(row) ? await refundableAmount(ctx, row) : 0;
  return {
    payment: toPaymentRow(row, now),
    mews,
    mewsError,
    refunds,
    refundable: remaining > 0 ? { amountMinor: remaining, currency: row.currency.trim() } : null,
    original: original ? toPaymentRow(original, now) : null,
    audit: await listAuditTrail(ctx, { subjectId: row.id }, 50),
  };
}

// --- CSV -----------------------------------------------------------------------------------------

/** Quotes a CSV cell; a leading =, +, - or @ is defused so spreadsheets do not run it as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function paymentsCsv(rows: PaymentRow[]): string {
  return toCsv(
    [
      'created_at',
      'attempt_id',
      'method',
      'state',
      'amount_minor',
      'currency',
      'customer_id',
      'reservation_id',
      'mews_payment_id',
      'card_brand',
      'card_masked',
      'staff',
      'failure',
      'notes',
    ],
    rows.map((r) => [
      r.createdAt,
      r.id,
      r.method,
      r.state,
      r.amountMinor,
      r.currency,
      r.customerId,
      r.reservationId,
      r.mewsPaymentId,
      r.cardBrand,
      r.cardMasked,
      r.staffEmail,
      r.failureMessage ?? r.failureCode,
      r.notes,
    ]),
  );
}

export function auditCsv(rows: AuditRow[]): string {
  return toCsv(
    [
      'occurred_at',
      'id',
      'actor',
      'action',
      'outcome',
      'subject_type',
      'subject_id',
      'amount_minor',
      'currency',
      'mews_ids',
      'details',
      'client_address',
    ],
    rows.map((r) => [
      r.occurredAt,
      r.id,
      r.actor,
      r.action,
      r.outcome,
      r.subjectType,
      r.subjectId,
      r.amountMinor,
      r.currency,
      r.mewsIds,
      r.details,
      r.clientAddress,
    ]),
  );
}

// --- Dashboard -----------------------------------------------------------------------------------

export interface Dashboard {
  timeZone: string;
  today: string;
  /** Today's succeeded takings; refunds are listed as their own (outgoing) method. */
  todayTotals: Array<{
    method: PaymentRow['method'];
    currency: string;
    amountMinor: number;
    count: number;
  }>;
  /** One entry per day of the last 14 (oldest first), net takings per currency (refunds subtracted). */
  days: Array<{ day: string; totals: Record<string, number> }>;
  currencies: string[];
  latest: PaymentRow[];
  needsAttention: PaymentRow[];
}

function localDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

export async function dashboard(ctx: PaymentContext): Promise<Dashboard> {
  let timeZone = 'UTC';
  try {
    timeZone = (await enterpriseConfiguration(ctx)).enterprise.timeZone || 'UTC';
  } catch {
    // The dashboard still works on our ledger when Mews is away; days are then UTC.
  }
  const now = ctx.now();
  const today = localDay(now, timeZone);
  const since = new Date(now.getTime() - 15 * 86_400_000);
  const totals = await dailyTotals(ctx.db, since, timeZone);

  const days: Dashboard['days'] = [];
  for (let offset = 13; offset >= 0; offset--) {
    days.push({
      day: localDay(new Date(now.getTime() - offset * 86_400_000), timeZone),
      totals: {},
    });
  }
  const currencies = new Set<string>();
  for (const total of totals) {
    const entry = days.find((d) => d.day === total.day);
    if (!entry) continue;
    currencies.add(total.currency);
    const signed = total.method === 'refund' ? -total.amountMinor : total.amountMinor;
    entry.totals[total.currency] = (entry.totals[total.currency] ?? 0) + signed;
  }
  const latest = (await listLedger(ctx.db, {}, { limit: 10 })).map((row) => toPaymentRow(row, now));
  const attention = (
    await listLedger(ctx.db, { states: ['unknown', 'processing', 'created'] }, { limit: 50 })
  )
    .map((row) => toPaymentRow(row, now))
    .filter((row) => row.needsAttention);
  return {
    timeZone,
    today,
    todayTotals: totals
      .filter((total) => total.day === today)
      .map(({ method, currency, amountMinor, count }) => ({
        method,
        currency,
        amountMinor,
        count,
      })),
    days,
    currencies: [...currencies].sort(),
    latest,
    needsAttention: attention,
  };
}

// --- Customers -----------------------------------------------------------------------------------

export interface CustomerSummary {
  id: string;
  number: string | null;
  name: string;
  email: string | null;
  phone: string | null;
}

function toCustomerSummary(customer: MewsCustomer): CustomerSummary {
  return {
    id: customer.id,
    number: customer.number,
    name: [customer.firstName, customer.lastName].filter(Boolean).join(' '),
    email: customer.email,
    phone: customer.phone,
  };
}

/** By email when the query has an @, otherwise by last name ("First Last" also narrows by first name). */
export async function searchCustomers(
  ctx: PaymentContext,
  query: string,
): Promise<CustomerSummary[]> {
  const text = query.trim();
  const words = text.split(/\s+/);
  const search = text.includes('@')
    ? { email: text }
    : words.length > 1
      ? { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) }
      : { lastName: text };
  try {
    let found = await ctx.mews.findCustomers(search);
    if (found.length === 0 && words.length > 1 && !text.includes('@')) {
      // "van der Berg": the whole text may be the last name.
      found = await ctx.mews.findCustomers({ lastName: text });
    }
    return found.slice(0, 50).map(toCustomerSummary);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not search customers');
  }
}

export interface StoredCardView {
  id: string;
  brand: string | null;
  obfuscatedNumber: string | null;
  expiration: string | null;
  kind: StoredCard['kind'];
  chargeable: boolean;
}

export interface LinkRow {
  id: string;
  state: PaymentLink['state'];
  amountMinor: number;
  currency: string;
  description: string;
  customerId: string;
  reservationId: string | null;
  expiresAt: string;
  createdAt: string;
  paidAt: string | null;
  createdVia: PaymentLink['createdVia'];
}

export function toLinkRow(link: PaymentLink, now: Date): LinkRow {
  const expired = link.state === 'open' && link.expiresAt.getTime() <= now.getTime();
  return {
    id: link.id,
    state: expired ? 'expired' : link.state,
    amountMinor: link.amountMinor,
    currency: link.currency.trim(),
    description: link.description,
    customerId: link.mewsCustomerId,
    reservationId: link.mewsReservationId,
    expiresAt: link.expiresAt.toISOString(),
    createdAt: link.createdAt.toISOString(),
    paidAt: link.paidAt?.toISOString() ?? null,
    createdVia: link.createdVia,
  };
}

export async function listLinks(
  ctx: PaymentContext,
  filter: { customerId?: string } = {},
): Promise<LinkRow[]> {
  const now = ctx.now();
  return (await listPaymentLinks(ctx.db, filter)).map((link) => toLinkRow(link, now));
}

/** A payment as Mews records it for the customer, whoever took it (this app, the PMS, another integration). */
export interface MewsPaymentRow {
  id: string;
  createdAt: string;
  amountMinor: number;
  currency: string;
  direction: 'incoming' | 'outgoing';
  state: string;
  method: string;
  /** Taken through Mews Checkout (our attempt id is in its notes). */
  viaCheckout: boolean;
}

const MEWS_HISTORY_DAYS = 90;

export interface CustomerDetail {
  customer: CustomerSummary;
  cards: StoredCardView[];
  cardsError: string | null;
  payments: PaymentRow[];
  /** Everything Mews has for the customer in the last 90 days (the filter's longest window). */
  mewsPayments: MewsPaymentRow[];
  mewsPaymentsError: string | null;
  links: LinkRow[];
  currencies: string[];
  defaultCurrency: string | null;
  externalPaymentTypes: string[];
  cardStorage: { merchantId: string } | null;
}

export async function customerDetail(
  ctx: PaymentContext,
  customerId: string,
): Promise<CustomerDetail> {
  let customer: MewsCustomer | null;
  try {
    customer = await ctx.mews.getCustomer(customerId);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not load the customer');
  }
  if (!customer) throw new PaymentError('customer_not_found', 'Mews has no customer with that id');
  const configuration = await enterpriseConfiguration(ctx);
  let cards: StoredCardView[] = [];
  let cardsError: string | null = null;
  try {
    cards = (await ctx.mews.listCreditCards(customerId))
      .filter((card) => card.isActive)
      .map((card) => ({
        id: card.id,
        brand: card.brand,
        obfuscatedNumber: card.obfuscatedNumber,
        expiration: card.expiration
          ? `${String(card.expiration.month).padStart(2, '0')}/${card.expiration.year}`
          : null,
        kind: card.kind,
        chargeable: card.chargeable,
      }));
  } catch (error) {
    cardsError = paymentErrorFromMews(error).message;
  }
  let mewsPayments: MewsPaymentRow[] = [];
  let mewsPaymentsError: string | null = null;
  try {
    const end = new Date(ctx.now().getTime() + 60_000);
    const start = new Date(end.getTime() - MEWS_HISTORY_DAYS * 86_400_000);
    mewsPayments = (await ctx.mews.getPayments({ accountIds: [customerId], createdBetween: { start, end } }))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((payment) => ({
        id: payment.id,
        createdAt: payment.createdAt.toISOString(),
        amountMinor: payment.amount.amountMinor,
        currency: payment.amount.currency,
        direction: payment.direction,
        state: payment.state,
        method: payment.alternativeMethod ?? payment.externalType ?? payment.method,
        viaCheckout: payment.attemptId !== null,
      }));
  } catch (error) {
    mewsPaymentsError = paymentErrorFromMews(error).message;
  }
  return {
    customer: toCustomerSummary(customer),
    cards,
    cardsError,
    payments: await listPayments(ctx, { customerId }, 100),
    mewsPayments,
    mewsPaymentsError,
    links: await listLinks(ctx, { customerId }),
    currencies: configuration.currencies.enabled,
    defaultCurrency: configuration.currencies.default,
    externalPaymentTypes: configuration.enabledExternalPaymentTypes,
    cardStorage: configuration.cardStorage
      ? { merchantId: configuration.cardStorage.publicKey }
      : null,
  };
}

export async function staffDirectory(
  ctx: PaymentContext,
): Promise<Array<{ id: string; email: string }>> {
  return (await listStaffUsers(ctx.db)).map((user) => ({ id: user.id, email: user.email }));
}
