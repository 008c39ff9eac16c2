import { randomBytes, randomUUID } from 'node:crypto';
import type {
  ExtendedAmount,
  MewsPayment,
  PaymentData,
  PaymentRecord,
  PaymentState,
  PaymentType,
} from '../state';
import { containsCardNumber } from '../test-cards';
import type { Body, OperationContext, OperationHandler } from './context';
import {
  billFor,
  checkOptionalIds,
  findCustomer,
  intervalFilter,
  invalid,
  newestFirst,
  obj,
  page,
  paymentAmount,
  refused,
  requestedAmount,
  roundMoney,
  str,
  strArray,
} from './context';

export function extendedAmount(currency: string, value: number): ExtendedAmount {
  return { ...paymentAmount(currency, value), Value: value, Net: value, Tax: 0, TaxRate: null };
}

/**
 * Mews' accounting state follows the payment state: a payment counts on the bill (`Open`) once
 * charged, is not yet active while pending, and never counts when it failed or was canceled.
 */
function accountingStateFor(state: PaymentState): MewsPayment['AccountingState'] {
  if (state === 'Charged') return 'Open';
  if (state === 'Pending' || state === 'Verifying') return 'Inactive';
  return 'Canceled';
}

export interface NewPayment {
  id?: string;
  accountId: string;
  body: Body;
  currency: string;
  value: number;
  type: PaymentType;
  state: PaymentState;
  data: PaymentData;
  kind?: 'Payment' | 'Refund';
  identifier?: string | null;
  billId?: string | null;
  /** The stored `Notes`; default: the request's `Notes` as given. */
  notes?: string | null;
}

/** How many characters of `Notes`/`Reason` survive with `notesMode: truncate`. */
export const TRUNCATED_NOTES_LENGTH = 16;

/**
 * `Notes` (or a refund's `Reason`) as the sandbox stores it under the `notesMode` switch. Mews
 * documents no promise to keep them for gateway charges, so tests can make them disappear.
 */
export function storedNotes(ctx: OperationContext, notes: string | null): string | null {
  if (notes === null) return null;
  switch (ctx.settings.notesMode) {
    case 'drop':
      return null;
    case 'truncate':
      return notes.slice(0, TRUNCATED_NOTES_LENGTH);
    default:
      return notes;
  }
}

export function createPayment(ctx: OperationContext, p: NewPayment): PaymentRecord {
  const at = ctx.store.nowUtc();
  const id = p.id ?? randomUUID();
  // Payments read back negative; refunds (money going back to the guest) positive.
  const signed = p.kind === 'Refund' ? p.value : -p.value;
  const receiptIdentifier = str(p.body, 'ReceiptIdentifier');
  const payment: MewsPayment = {
    Id: id,
    EnterpriseId: ctx.enterprise.id,
    AccountId: p.accountId,
    AccountType: 'Customer',
    PaymentRequestId: null,
    BillId: p.billId !== undefined ? p.billId : billFor(p.body, ctx, p.accountId),
    ReservationId: str(p.body, 'ReservationId'),
    AccountingCategoryId: str(p.body, 'AccountingCategoryId'),
    Amount: paymentAmount(p.currency, signed),
    OriginalAmount: paymentAmount(p.currency, signed),
    Notes: p.notes !== undefined ? p.notes : str(p.body, 'Notes'),
    SettlementId: null,
    ConsumedUtc: at,
    ClosedUtc: null,
    ChargedUtc: p.state === 'Charged' ? at : null,
    CreatedUtc: at,
    UpdatedUtc: at,
    SettlementUtc: null,
    AccountingState: accountingStateFor(p.state),
    State: p.state,
    Identifier: p.identifier !== undefined ? p.identifier : receiptIdentifier,
    Type: p.type,
    Kind: p.kind ?? 'Payment',
    Data: p.data,
    PaymentOrigin: 'Api',
  };
  const record: PaymentRecord = {
    payment,
    value: p.value,
    refundedValue: 0,
    receiptIdentifier,
    settleAtMs: null,
    settleTo: null,
    ideal: null,
  };
  ctx.store.state.payments.push(record);
  ctx.events.paymentUpdated(ctx.enterprise.id, id);
  return record;
}

/** Moves a payment to a final state (settlement, bank answer, expiry). Returns false if it was already final. */
export function settlePayment(record: PaymentRecord, state: PaymentState, atUtc: string): boolean {
  const payment = record.payment;
  if (payment.State !== 'Pending' && payment.State !== 'Verifying') return false;
  payment.State = state;
  payment.AccountingState = accountingStateFor(state);
  payment.UpdatedUtc = atUtc;
  if (state === 'Charged') payment.ChargedUtc = atUtc;
  record.settleAtMs = null;
  record.settleTo = null;
  return true;
}

const RECORDABLE_CARD_TYPES: Record<string, string | null> = {
  Visa: 'Visa',
  MasterCard: 'MasterCard',
  Amex: 'Amex',
  Discover: 'Discover',
  DinersClub: 'DinersClub',
  Jcb: 'Jcb',
  EnRoute: null,
  Maestro: 'Maestro',
  UnionPay: 'UnionPay',
};

export const addCreditCardPayment: OperationHandler = (body, ctx) => {
  const customerId = str(body, 'CustomerId');
  if (!findCustomer(ctx, customerId)) throw invalid('CustomerId');
  const card = obj(body, 'CreditCard') ?? {};
  const number = String(card.Number ?? '');
  // "At most first six digits and last four digits can be specified": never a full card number.
  const digits = number.replace(/\D/g, '').length;
  if (containsCardNumber(number) || digits > 10 || !/^[\d*xX\s-]+$/.test(number)) {
    throw invalid(
      'CreditCard.Number',
      'Provide an obfuscated number (at most the first 6 and last 4 digits), never the full card number',
    );
  }
  const type = String(card.Type ?? '');
  if (!(type in RECORDABLE_CARD_TYPES)) throw invalid('CreditCard.Type');
  const expiration = typeof card.Expiration === 'string' ? card.Expiration : null;
  if (expiration !== null && !/^(0[1-9]|1[0-2])\/\d{4}$/.test(expiration))
    throw invalid('CreditCard.Expiration', 'Expected MM/YYYY');
  checkOptionalIds(body, ctx, customerId);
  const { currency, value } = requestedAmount(body, ctx);
  const at = ctx.store.nowUtc();
  const cardId = randomUUID();
  ctx.store.state.creditCards.push({
    card: {
      Id: cardId,
      EnterpriseId: ctx.enterprise.id,
      CustomerId: customerId as string,
      IsActive: true,
      State: 'Enabled',
      Kind: 'Terminal',
      Format: 'Physical',
      Type: RECORDABLE_CARD_TYPES[type] ?? null,
      ObfuscatedNumber: number,
      Expiration: expiration,
      CreatedUtc: at,
      UpdatedUtc: at,
    },
    outcome: null,
  });
  createPayment(ctx, {
    accountId: customerId as string,
    body,
    currency,
    value,
    type: 'CreditCardPayment',
    state: 'Charged',
    notes: storedNotes(ctx, str(body, 'Notes')),
    data: { Discriminator: 'CreditCard', CreditCard: { CreditCardId: cardId, Transaction: null } },
  });
  ctx.store.save();
  return { CreditCardId: cardId };
};

export const addExternalPayment: OperationHandler = (body, ctx) => {
  const enterpriseId = str(body, 'EnterpriseId');
  if (enterpriseId !== null && enterpriseId !== ctx.enterprise.id) throw invalid('EnterpriseId');
  const accountId = str(body, 'AccountId');
  if (!findCustomer(ctx, accountId)) throw invalid('AccountId');
  // The deprecated CustomerId is still accepted next to AccountId, but must name the same account.
  const customerId = str(body, 'CustomerId');
  if (customerId !== null && customerId !== accountId) throw invalid('CustomerId');
  const type = str(body, 'Type') ?? 'Unspecified';
  if (!ctx.enterprise.enabledExternalPaymentTypes.includes(type)) {
    throw refused(`The external payment type ${type} is not enabled for ${ctx.enterprise.name}.`);
  }
  checkOptionalIds(body, ctx, accountId);
  const { currency, value } = requestedAmount(body, ctx);
  const externalIdentifier = str(body, 'ExternalIdentifier');
  const record = createPayment(ctx, {
    accountId: accountId as string,
    body,
    currency,
    value,
    type: 'ExternalPayment',
    state: 'Charged',
    notes: storedNotes(ctx, str(body, 'Notes')),
    identifier: externalIdentifier,
    data: {
      Discriminator: 'External',
      External: { Type: type, ExternalIdentifier: externalIdentifier },
    },
  });
  ctx.store.save();
  return { ExternalPaymentId: record.payment.Id };
};

/**
 * The legacy request of seed-payments.md (top-level `Method` + `RedirectUrl`, no `Data`, no
 * `Amount.TaxCodes`) is rewritten into the current form before spec validation, so old
 * integrations keep working as they do against Mews.
 */
export function normaliseLegacyAddAlternative(body: Body): Body {
  if (body.Data !== undefined || typeof body.Method !== 'string') return body;
  const { Method, RedirectUrl, ...rest } = body;
  const data: Body = { Discriminator: Method };
  if (Method === 'Ideal' && typeof RedirectUrl === 'string') data.Ideal = { RedirectUrl };
  const amount = obj(rest, 'Amount');
  return {
    ...rest,
    Amount: amount && amount.TaxCodes === undefined ? { ...amount, TaxCodes: [] } : rest.Amount,
    Data: data,
  };
}

export const addAlternativePayment: OperationHandler = (body, ctx) => {
  // The subscription check comes first: a probe with a made-up CustomerId learns whether the
  // method is enabled (403) without creating anything.
  const data = obj(body, 'Data') ?? {};
  const method = String(data.Discriminator);
  if (!ctx.enterprise.alternativeMethods.includes(method)) {
    throw refused(
      `The alternative payment method ${method} is not enabled for ${ctx.enterprise.name}.`,
    );
  }
  const customerId = str(body, 'CustomerId');
  if (!findCustomer(ctx, customerId)) throw invalid('CustomerId');
  const redirectUrl = obj(data, 'Ideal')?.RedirectUrl;
  if (typeof redirectUrl !== 'string')
    throw invalid('Data', 'Data.Ideal.RedirectUrl is required for iDEAL');
  checkOptionalIds(body, ctx, customerId);
  const { currency, value } = requestedAmount(body, ctx);
  if (currency !== 'EUR') throw refused('iDEAL payments can only be made in EUR.');
  const record = createPayment(ctx, {
    accountId: customerId as string,
    body,
    currency,
    value,
    type: 'AlternativePayment',
    state: 'Pending',
    data: { Discriminator: 'Alternative', Alternative: { Type: 'Ideal' } },
  });
  const token = randomBytes(18).toString('base64url');
  record.ideal = {
    token,
    redirectUrl,
    expiresAtMs: ctx.store.nowMs() + ctx.settings.idealExpiryMinutes * 60_000,
  };
  ctx.store.save();
  return {
    PaymentId: record.payment.Id,
    NextAction: {
      Discriminator: 'RedirectToUrl',
      Value: `${ctx.origin}/ideal-bank/authenticate/${token}`,
    },
  };
};

/** Refunds of a charge on the refund-refusing test card fail; all others settle `Charged`. */
function refundOutcomeOf(ctx: OperationContext, original: PaymentRecord): 'Charged' | 'Failed' {
  const cardId = original.payment.Data?.CreditCard?.CreditCardId ?? null;
  if (cardId === null) return 'Charged';
  const card = ctx.store.state.creditCards.find((r) => r.card.Id === cardId);
  return card?.refundOutcome ?? 'Charged';
}

/** Fixed rates for the `Currency` filter of payments/getAll (value of one unit in GBP). */
const GBP_PER_UNIT: Record<string, number> = { GBP: 1, EUR: 0.85, USD: 0.79, CHF: 0.9 };

export function convert(amount: MewsPayment['Amount'], currency: string): MewsPayment['Amount'] {
  if (amount.Currency === currency) return amount;
  const from = GBP_PER_UNIT[amount.Currency];
  const to = GBP_PER_UNIT[currency];
  if (from === undefined || to === undefined) throw invalid('Currency');
  return paymentAmount(currency, roundMoney((amount.GrossValue * from) / to));
}

const PAYMENT_FILTERS = [
  'PaymentIds',
  'AccountIds',
  'BillIds',
  'ReservationIds',
  'EnterpriseIds',
  'CreatedUtc',
  'UpdatedUtc',
  'ChargedUtc',
  'ClosedUtc',
  'SettlementUtc',
];

export const getAllPayments: OperationHandler = (body, ctx) => {
  if (!PAYMENT_FILTERS.some((f) => body[f] !== undefined && body[f] !== null)) {
    throw invalid(
      'filter',
      'At least one filter besides Limitation is required (e.g. PaymentIds, AccountIds, CreatedUtc)',
    );
  }
  const ids = strArray(body, 'PaymentIds');
  const accountIds = strArray(body, 'AccountIds');
  const billIds = strArray(body, 'BillIds');
  const reservationIds = strArray(body, 'ReservationIds');
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const accountingStates = strArray(body, 'AccountingStates');
  const states = strArray(body, 'States');
  const type = str(body, 'Type');
  const intervals = (
    ['CreatedUtc', 'UpdatedUtc', 'ChargedUtc', 'ClosedUtc', 'SettlementUtc'] as const
  ).map((key) => [key, intervalFilter(body, key)] as const);
  const matches = ctx.store.state.payments
    .map((r) => r.payment)
    .filter(
      (p) =>
        ctx.scope.some((e) => e.id === p.EnterpriseId) &&
        (!ids || ids.includes(p.Id)) &&
        (!accountIds || accountIds.includes(p.AccountId)) &&
        (!billIds || (p.BillId !== null && billIds.includes(p.BillId))) &&
        (!reservationIds ||
          (p.ReservationId !== null && reservationIds.includes(p.ReservationId))) &&
        (!enterpriseIds || enterpriseIds.includes(p.EnterpriseId)) &&
        (!accountingStates || accountingStates.includes(p.AccountingState)) &&
        (!states || states.includes(p.State)) &&
        (type === null || p.Type === type) &&
        intervals.every(([key, test]) => !test || test(p[key])),
    );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (p) => p.CreatedUtc,
      (p) => p.Id,
    ),
    (p) => p.Id,
  );
  const currency = str(body, 'Currency');
  const payments =
    currency === null ? items : items.map((p) => ({ ...p, Amount: convert(p.Amount, currency) }));
  return { Payments: payments, Cursor: cursor };
};

export const refundPayment: OperationHandler = (body, ctx) => {
  const enterpriseId = str(body, 'EnterpriseId');
  if (enterpriseId !== null && enterpriseId !== ctx.enterprise.id) throw invalid('EnterpriseId');
  const paymentId = str(body, 'PaymentId');
  const original = ctx.store.state.payments.find(
    (r) => r.payment.Id === paymentId && r.payment.EnterpriseId === ctx.enterprise.id,
  );
  if (!original) throw invalid('PaymentId');
  if (original.payment.AccountId !== str(body, 'AccountId')) throw invalid('AccountId');
  const p = original.payment;
  if ((p.Type !== 'CreditCardPayment' && p.Type !== 'AlternativePayment') || p.Kind === 'Refund') {
    throw refused('Only credit card and alternative payments can be refunded.');
  }
  if (p.Data?.Discriminator === 'CreditCard' && p.Data.CreditCard?.Transaction == null) {
    throw refused('Only payments charged through the payment gateway can be refunded.');
  }
  if (p.State !== 'Charged') throw refused('Only charged payments can be refunded.');
  const remaining = roundMoney(original.value - original.refundedValue);
  const requested = typeof body.ValueToRefund === 'number' ? body.ValueToRefund : remaining;
  if (!(requested > 0)) throw invalid('ValueToRefund');
  if (requested > remaining)
    throw refused(`At most ${remaining} ${p.Amount.Currency} can still be refunded.`);
  // A pending refund already counts against what can still be refunded; a failed one gives it back.
  original.refundedValue = roundMoney(original.refundedValue + requested);
  const refund = createPayment(ctx, {
    accountId: p.AccountId,
    body: { ReservationId: p.ReservationId, AccountingCategoryId: p.AccountingCategoryId },
    notes: storedNotes(ctx, str(body, 'Reason')),
    currency: p.Amount.Currency,
    value: requested,
    type: p.Type,
    kind: 'Refund',
    // Mews answers a refund Pending; it settles (or fails) later.
    state: 'Pending',
    billId: p.BillId,
    identifier: null,
    data:
      p.Type === 'CreditCardPayment'
        ? {
            Discriminator: 'CreditCard',
            CreditCard: {
              CreditCardId: p.Data?.CreditCard?.CreditCardId ?? null,
              Transaction: null,
            },
          }
        : { Discriminator: 'Alternative', Alternative: { Type: 'Ideal' } },
  });
  refund.refundOf = original.payment.Id;
  refund.settleAtMs = ctx.store.nowMs() + ctx.settings.refundSettleSeconds * 1000;
  refund.settleTo = refundOutcomeOf(ctx, original);
  ctx.store.save();
  return {
    PaymentId: p.Id,
    RefundId: refund.payment.Id,
    Type: p.Type,
    Amount: { Currency: p.Amount.Currency, Value: requested },
    State: refund.payment.State,
  };
};
