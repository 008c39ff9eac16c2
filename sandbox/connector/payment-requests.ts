import { randomUUID } from 'node:crypto';
import { enterpriseById } from '../seed';
import type {
  MewsPaymentRequest,
  PaymentRequestRecord,
  RequestEmailRecord,
  SandboxStore,
} from '../state';
import { toUtc } from '../state';
import type { Body, OperationContext, OperationHandler } from './context';
import {
  findCustomer,
  findReservation,
  intervalFilter,
  invalid,
  newestFirst,
  obj,
  page,
  paymentAmount,
  refused,
  roundMoney,
  str,
  strArray,
} from './context';
import { storedNotes } from './payments';

/**
 * Connector API payment requests (reference §2): `add`, `getAll`, `cancel`, and their lifecycle.
 * `Pending` → `Completed` once `Charged` payments carrying the request's id cover it, → `Canceled`
 * by `cancel`, → `Expired` when the sandbox clock passes `ExpirationUtc` (with a staff task, as
 * Mews creates one). Failed payments leave a request `Pending`.
 */

/** The sender of Mews' payment-request e-mails in the sandbox (stand-in choice). */
export const MEWS_MAIL_FROM = 'noreply@mews.example';

/** Mews' hosted payment-request page (reference §2.6), here on the sandbox origin. */
export const HOSTED_PAGE_PATH = '/navigator/payment-requests/detail';

export function hostedPageUrl(origin: string, requestId: string): string {
  return `${origin}${HOSTED_PAGE_PATH}/${requestId}`;
}

function notOnMewsPayments(ctx: OperationContext): never {
  // Wording is the sandbox's: Mews documents only that the property must use Mews Payments.
  const name = ctx.enterprise.name.replace(/ \(.*\)$/, '');
  throw refused(`Payment requests are not available: ${name} does not use Mews Payments.`);
}

interface CheckedItem {
  item: Body;
  accountId: string;
  customer: Body;
  currency: string;
  value: number;
  reservation: Body | undefined;
  billId: string | null;
  expirationUtc: string;
}

function checkItem(item: Body, index: number, ctx: OperationContext): CheckedItem {
  const where = `PaymentRequests[${index}]`;
  const accountId = str(item, 'AccountId');
  const customer = findCustomer(ctx, accountId);
  if (!customer || accountId === null)
    throw invalid('AccountId', `${where}: no such customer in the enterprise`);
  const reservationId = str(item, 'ReservationId');
  const reservation = reservationId === null ? undefined : findReservation(ctx, reservationId);
  if (reservationId !== null && (!reservation || reservation.AccountId !== accountId))
    throw invalid('ReservationId', `${where}: no such reservation of this account`);
  const billId = str(item, 'BillId');
  if (billId !== null) {
    const bill = ctx.store.state.bills.find(
      (b) => b.Id === billId && b.EnterpriseId === ctx.enterprise.id,
    );
    if (!bill || bill.AccountId !== accountId || bill.State !== 'Open')
      throw invalid('BillId', `${where}: no such open bill of this account`);
  }
  const amount = obj(item, 'Amount') ?? {};
  const currency = String(amount.Currency);
  const value = typeof amount.Value === 'number' ? amount.Value : NaN;
  if (!(value > 0)) throw invalid('Amount', `${where}: the amount must be positive`);
  if (roundMoney(value) !== value)
    throw invalid('Amount', `${where}: more decimal places than the currency precision (2)`);
  const accepted = ctx.enterprise.currencies.find((c) => c.Currency === currency);
  if (!accepted?.IsEnabled)
    throw refused(`The currency ${currency} is not accepted by ${ctx.enterprise.name}.`);
  const expirationUtc = String(item.ExpirationUtc);
  // Stand-in choice: Mews documents no rule for a past ExpirationUtc.
  if (!(Date.parse(expirationUtc) > ctx.store.nowMs()))
    throw invalid('ExpirationUtc', `${where}: ExpirationUtc is in the past`);
  return { item, accountId, customer, currency, value, reservation, billId, expirationUtc };
}

export const addPaymentRequests: OperationHandler = (body, ctx) => {
  const enterpriseId = str(body, 'EnterpriseId');
  if (enterpriseId !== null && enterpriseId !== ctx.enterprise.id) throw invalid('EnterpriseId');
  if (!ctx.enterprise.mewsPayments) notOnMewsPayments(ctx);
  const items = (Array.isArray(body.PaymentRequests) ? body.PaymentRequests : []) as Body[];
  // All or nothing: every item is checked before any is created.
  const checked = items.map((item, index) => checkItem(item, index, ctx));
  const sendEmails = body.SendPaymentRequestEmails !== false;
  const at = ctx.store.nowUtc();
  const created = checked.map((c) => {
    const request: MewsPaymentRequest = {
      Id: randomUUID(),
      EnterpriseId: ctx.enterprise.id,
      AccountId: c.accountId,
      CustomerId: c.accountId,
      ReservationGroupId: typeof c.reservation?.GroupId === 'string' ? c.reservation.GroupId : null,
      ReservationId: typeof c.reservation?.Id === 'string' ? c.reservation.Id : null,
      State: 'Pending',
      Amount: paymentAmount(c.currency, c.value),
      Type: c.item.Type === 'Preauthorization' ? 'Preauthorization' : 'Payment',
      Reason: String(c.item.Reason),
      ExpirationUtc: toUtc(Date.parse(c.expirationUtc)),
      Description: String(c.item.Description),
      Notes: storedNotes(ctx, str(c.item, 'Notes')),
      CreatedUtc: at,
      UpdatedUtc: at,
    };
    const record: PaymentRequestRecord = {
      request,
      sentEmail: sendEmails,
      value: c.value,
      billId: c.billId,
    };
    ctx.store.state.paymentRequests.push(record);
    if (sendEmails) sendRequestEmail(ctx, record, c.customer);
    return request;
  });
  ctx.store.save();
  return { PaymentRequests: created };
};

export function formatAmount(currency: string, value: number, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
}

function sendRequestEmail(ctx: OperationContext, record: PaymentRequestRecord, customer: Body) {
  const r = record.request;
  const to = typeof customer.Email === 'string' ? customer.Email : null;
  const hotel = enterpriseById(r.EnterpriseId)?.name ?? 'the hotel';
  const amount = formatAmount(r.Amount.Currency, record.value);
  const url = hostedPageUrl(ctx.origin, r.Id);
  const email: RequestEmailRecord = {
    id: randomUUID(),
    paymentRequestId: r.Id,
    enterpriseId: r.EnterpriseId,
    customerId: r.AccountId,
    from: MEWS_MAIL_FROM,
    to,
    subject: `Payment request from ${hotel}`,
    url,
    sentUtc: ctx.store.nowUtc(),
  };
  ctx.store.state.requestEmails.push(email);
  if (to !== null && ctx.mail) {
    const text = `${hotel} requests ${amount}: ${r.Description}\n\nPay here: ${url}\n\nThis link expires at ${r.ExpirationUtc}.`;
    const escape = (v: string) =>
      v.replace(
        /[&<>"]/g,
        (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!,
      );
    const html = `<p>${escape(hotel)} requests <strong>${escape(amount)}</strong>: ${escape(r.Description)}</p><p><a href="${escape(url)}">Pay now</a></p><p>This link expires at ${escape(r.ExpirationUtc)}.</p>`;
    ctx.mail({ from: MEWS_MAIL_FROM, to, subject: email.subject, text, html });
  }
}

export const getAllPaymentRequests: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'PaymentRequestIds');
  const accountIds = strArray(body, 'AccountIds');
  const reservationIds = strArray(body, 'ReservationIds');
  const states = strArray(body, 'States');
  const updated = intervalFilter(body, 'UpdatedUtc');
  const matches = ctx.store.state.paymentRequests
    .map((r) => r.request)
    .filter(
      (r) =>
        ctx.scope.some((e) => e.id === r.EnterpriseId) &&
        (!enterpriseIds || enterpriseIds.includes(r.EnterpriseId)) &&
        (!ids || ids.includes(r.Id)) &&
        (!accountIds || accountIds.includes(r.AccountId)) &&
        (!reservationIds ||
          (r.ReservationId !== null && reservationIds.includes(r.ReservationId))) &&
        (!states || states.includes(r.State)) &&
        (!updated || updated(r.UpdatedUtc)),
    );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (r) => r.CreatedUtc,
      (r) => r.Id,
    ),
    (r) => r.Id,
  );
  return { PaymentRequests: items, Cursor: cursor };
};

export const cancelPaymentRequests: OperationHandler = (body, ctx) => {
  const ids = strArray(body, 'PaymentRequestIds') ?? [];
  const records = ids.map((id) => {
    const record = ctx.store.state.paymentRequests.find(
      (r) => r.request.Id === id && ctx.scope.some((e) => e.id === r.request.EnterpriseId),
    );
    if (!record) throw invalid('PaymentRequestIds', `Payment request ${id} was not found.`);
    // Stand-in choice: Mews says only Pending requests can be canceled, not how it refuses others.
    if (record.request.State !== 'Pending') {
      throw invalid(
        'PaymentRequestIds',
        `Payment request ${id} is ${record.request.State}; only Pending payment requests can be canceled.`,
      );
    }
    return record;
  });
  const at = ctx.store.nowUtc();
  for (const record of records) {
    record.request.State = 'Canceled';
    record.request.UpdatedUtc = at;
  }
  ctx.store.save();
  return { PaymentRequests: records.map((r) => r.request) };
};

/**
 * Brings every `Pending` request up to date: `Completed` when `Charged` payments carrying its id
 * cover its amount, `Expired` (plus a staff task) once the sandbox clock passed `ExpirationUtc`.
 * Runs on every tick, request and clock advance. Returns whether anything changed.
 */
export function syncPaymentRequests(store: SandboxStore): boolean {
  const pending = store.state.paymentRequests.filter((r) => r.request.State === 'Pending');
  if (pending.length === 0) return false;
  const pendingIds = new Set(pending.map((r) => r.request.Id));
  const charged = new Map<string, number>();
  for (const { payment } of store.state.payments) {
    const requestId = payment.PaymentRequestId;
    if (requestId === null || !pendingIds.has(requestId)) continue;
    if (payment.State !== 'Charged' || payment.Kind === 'Refund') continue;
    charged.set(
      requestId,
      roundMoney((charged.get(requestId) ?? 0) + Math.abs(payment.Amount.GrossValue)),
    );
  }
  const now = store.nowMs();
  let changed = false;
  for (const record of pending) {
    const r = record.request;
    if ((charged.get(r.Id) ?? 0) >= record.value) {
      r.State = 'Completed';
      r.UpdatedUtc = store.nowUtc();
      changed = true;
    } else if (Date.parse(r.ExpirationUtc) <= now) {
      r.State = 'Expired';
      r.UpdatedUtc = store.nowUtc();
      store.state.tasks.push({
        id: randomUUID(),
        enterpriseId: r.EnterpriseId,
        kind: 'PaymentRequestExpired',
        paymentRequestId: r.Id,
        accountId: r.AccountId,
        title: `Payment request expired: ${r.Description}`,
        createdUtc: store.nowUtc(),
      });
      changed = true;
    }
  }
  if (changed) store.save();
  return changed;
}

/** Marks a request `Completed` (a hold was placed for it). */
export function completeRequest(store: SandboxStore, record: PaymentRequestRecord): void {
  record.request.State = 'Completed';
  record.request.UpdatedUtc = store.nowUtc();
  store.save();
}
