import type { SandboxSettings } from '../runtime';
import type { SeedEnterprise, SeedPortfolio } from '../seed';
import type { MewsAmount, SandboxStore } from '../state';

/** An error answered the way Mews answers it: status + `{Message, RequestId, Details}`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 408 | 429 | 500,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** 400 "Invalid X." is how Mews reports unknown ids and entities in the wrong state. */
export function invalid(parameter: string, details: unknown = null): ApiError {
  return new ApiError(400, `Invalid ${parameter}.`, details);
}

/** 403 carries a message meant for the end user or the property. */
export function refused(message: string): ApiError {
  return new ApiError(403, message);
}

/** An e-mail Mews itself sends (payment requests): delivered to the mail catcher when it runs. */
export interface MewsMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}
export type MewsMailSink = (mail: MewsMail) => void;

export interface PaymentEvents {
  /** Something about this payment changed (created included): queue a `PaymentUpdated` webhook. */
  paymentUpdated(enterpriseId: string, paymentId: string): void;
}

/** The enterprise an operation acts for: a seeded one, or a portfolio's placeholder. */
export type ActingEnterprise = SeedEnterprise | SeedPortfolio;

export interface OperationContext {
  /** Where writes land (see `actingEnterprise` in access.ts). */
  enterprise: ActingEnterprise;
  /** Every enterprise the token reaches: reads without `EnterpriseIds` cover all of them. */
  scope: readonly SeedEnterprise[];
  store: SandboxStore;
  requestId: string;
  /** Origin the client reached the sandbox on, for URLs handed back (iDEAL bank page). */
  origin: string;
  events: PaymentEvents;
  settings: SandboxSettings;
  /** Where Mews' own e-mails go (the mail catcher), or null when no SMTP server runs. */
  mail?: MewsMailSink | null;
}

// Request bodies have been validated against the spec before a handler runs, so handlers can read
// them through this loose type and only check business rules.
export type Body = Record<string, unknown>;

export type OperationHandler = (body: Body, ctx: OperationContext) => unknown;

export function str(body: Body, key: string): string | null {
  const v = body[key];
  return typeof v === 'string' ? v : null;
}

export function strArray(body: Body, key: string): string[] | null {
  const v = body[key];
  return Array.isArray(v) ? (v as string[]) : null;
}

export function obj(body: Body, key: string): Body | null {
  const v = body[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : null;
}

export function inScope(ctx: OperationContext, enterpriseId: unknown): boolean {
  return ctx.scope.some((e) => e.id === enterpriseId);
}

export function chainInScope(ctx: OperationContext, chainId: unknown): boolean {
  return ctx.scope.some((e) => e.chainId === chainId);
}

export function serviceInScope(ctx: OperationContext, serviceId: unknown): boolean {
  return ctx.scope.some((e) => e.serviceId === serviceId);
}

/** The maximum interval length Mews names: `x-max-interval-in-months: 3`. */
export const MAX_INTERVAL_MONTHS = 3;

/**
 * .NET `DateTime.AddMonths` on a UTC instant, which is how Mews counts "3 months": the month moves,
 * the day is clamped to the target month's last day (31 Jan + 3 = 30 Apr), the time of day stays.
 */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = new Date(ms);
  target.setUTCFullYear(year, month, Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/**
 * A half-open `[StartUtc, EndUtc)` filter. `EndUtc` may be at most `StartUtc` plus 3 calendar
 * months (`addMonthsUtc`), so 1 Feb → 1 May is allowed and one millisecond more is refused.
 */
export function intervalFilter(
  body: Body,
  key: string,
): ((utc: string | null | undefined) => boolean) | null {
  const interval = obj(body, key);
  if (!interval) return null;
  const start = typeof interval.StartUtc === 'string' ? Date.parse(interval.StartUtc) : null;
  const end = typeof interval.EndUtc === 'string' ? Date.parse(interval.EndUtc) : null;
  if (start !== null && end !== null) {
    if (end < start) throw invalid(key, 'EndUtc is before StartUtc');
    if (end > addMonthsUtc(start, MAX_INTERVAL_MONTHS))
      throw invalid(key, `The interval is longer than ${MAX_INTERVAL_MONTHS} months`);
  }
  return (utc) => {
    if (!utc) return false;
    const t = Date.parse(utc);
    if (start !== null && end !== null && start === end) return t === start;
    return (start === null || t >= start) && (end === null || t < end);
  };
}

/**
 * `Limitation` paging: newest first, `Cursor` is the id of the last (oldest) item returned, and
 * passing it back continues after that item. Items must already be sorted newest first.
 */
export function page<T>(
  body: Body,
  items: T[],
  idOf: (item: T) => string,
): { items: T[]; cursor: string | null } {
  const limitation = obj(body, 'Limitation');
  const count = typeof limitation?.Count === 'number' ? limitation.Count : 0;
  if (count < 1 || count > 1000)
    throw invalid('Limitation', 'Limitation.Count must be between 1 and 1000');
  const cursor = typeof limitation?.Cursor === 'string' ? limitation.Cursor : null;
  let start = 0;
  if (cursor !== null) {
    const at = items.findIndex((item) => idOf(item) === cursor);
    if (at < 0) throw invalid('Cursor');
    start = at + 1;
  }
  const pageItems = items.slice(start, start + count);
  const last = pageItems[pageItems.length - 1];
  return { items: pageItems, cursor: last === undefined ? null : idOf(last) };
}

export function newestFirst<T>(
  items: T[],
  createdOf: (item: T) => string,
  idOf: (item: T) => string,
): T[] {
  return [...items].sort((a, b) => {
    const byTime = Date.parse(createdOf(b)) - Date.parse(createdOf(a));
    return byTime !== 0 ? byTime : idOf(b).localeCompare(idOf(a));
  });
}

export function roundMoney(value: number, precision = 2): number {
  const f = 10 ** precision;
  return Math.round(value * f) / f;
}

/** A payment amount as Mews reads it back: untaxed, one breakdown line, negative for payments. */
export function paymentAmount(currency: string, value: number): MewsAmount {
  return {
    Currency: currency,
    NetValue: value,
    GrossValue: value,
    TaxValues: [],
    Breakdown: { Items: [{ TaxRateCode: null, NetValue: value, TaxValue: 0 }] },
  };
}

/**
 * Reads `ExtendedAmountParameters`/`AmountParameters`. Gross-pricing enterprises take `GrossValue`
 * and Net-pricing ones `NetValue` (reference §2.14); the other one may be left out.
 */
export function requestedAmount(
  body: Body,
  ctx: OperationContext,
): { currency: string; value: number } {
  const amount = obj(body, 'Amount');
  if (!amount) throw invalid('Amount');
  const currency = String(amount.Currency);
  const gross = typeof amount.GrossValue === 'number' ? amount.GrossValue : null;
  const net = typeof amount.NetValue === 'number' ? amount.NetValue : null;
  const wanted = ctx.enterprise.pricing === 'Gross' ? gross : net;
  const other = ctx.enterprise.pricing === 'Gross' ? net : gross;
  if (wanted === null) {
    throw invalid(
      'Amount',
      `${ctx.enterprise.pricing}-pricing enterprises need Amount.${ctx.enterprise.pricing}Value`,
    );
  }
  if (other !== null && other !== wanted)
    throw invalid('Amount', 'GrossValue and NetValue disagree on an untaxed payment');
  if (!(wanted > 0)) throw invalid('Amount', 'The amount must be positive');
  if (roundMoney(wanted) !== wanted)
    throw invalid('Amount', 'More decimal places than the currency precision (2)');
  const accepted = ctx.enterprise.currencies.find((c) => c.Currency === currency);
  if (!accepted?.IsEnabled) refuseCurrency(currency, ctx);
  return { currency, value: wanted };
}

function refuseCurrency(currency: string, ctx: OperationContext): never {
  throw refused(`The currency ${currency} is not accepted by ${ctx.enterprise.name}.`);
}

export function findCustomer(ctx: OperationContext, id: string | null): Body | undefined {
  if (id === null) return undefined;
  return ctx.store.state.customers.find((c) => c.Id === id && c.ChainId === ctx.enterprise.chainId);
}

export function findReservation(ctx: OperationContext, id: string | null): Body | undefined {
  if (id === null) return undefined;
  return ctx.store.state.reservations.find(
    (r) => r.Id === id && r.ServiceId === ctx.enterprise.serviceId,
  );
}

export function findAccountingCategory(ctx: OperationContext, id: string | null): Body | undefined {
  if (id === null) return undefined;
  return ctx.store.state.accountingCategories.find(
    (a) => a.Id === id && a.EnterpriseId === ctx.enterprise.id,
  );
}

/** Optional ids in a request must exist in the enterprise: unknown ones are 400 `Invalid X.` like Mews. */
export function checkOptionalIds(
  body: Body,
  ctx: OperationContext,
  accountId: string | null,
): void {
  const reservationId = str(body, 'ReservationId');
  if (reservationId !== null) {
    const reservation = findReservation(ctx, reservationId);
    if (!reservation || (accountId !== null && reservation.AccountId !== accountId))
      throw invalid('ReservationId');
  }
  const categoryId = str(body, 'AccountingCategoryId');
  if (categoryId !== null && !findAccountingCategory(ctx, categoryId))
    throw invalid('AccountingCategoryId');
}

/** The open bill a payment lands on: the one given, else the reservation's, else none. */
export function billFor(body: Body, ctx: OperationContext, accountId: string): string | null {
  const billId = str(body, 'BillId');
  if (billId !== null) {
    const bill = ctx.store.state.bills.find(
      (b) => b.Id === billId && b.EnterpriseId === ctx.enterprise.id,
    );
    if (!bill || bill.AccountId !== accountId || bill.State !== 'Open') throw invalid('BillId');
    return billId;
  }
  const reservationId = str(body, 'ReservationId');
  if (reservationId !== null) {
    const item = ctx.store.state.revenueItems.find((i) => i.reservationId === reservationId);
    const bill =
      item && ctx.store.state.bills.find((b) => b.Id === item.billId && b.State === 'Open');
    if (bill) return bill.Id as string;
  }
  return null;
}
