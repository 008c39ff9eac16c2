import 'server-only';
import { MewsRequestError } from '../errors';
import { attemptNote, mapPayment, mapPaymentState, paymentStateToWire } from '../mappers';
import {
  amountParametersFor,
  mewsDecimalToMinor,
  minorToMewsDecimal,
  assertPositiveMoney,
  type Money,
} from '../money';
import {
  addCreditCardPaymentResultSchema,
  alternativePaymentResultSchema,
  externalPaymentResultSchema,
  paymentResultSchema,
  refundResultSchema,
} from '../schemas';
import type { MewsCallOptions } from '../transport';
import type {
  CardBrand,
  ExternalPaymentType,
  MewsPayment,
  PaymentQuery,
  RefundResult,
} from '../types';
import type { WirePayload } from '../wire-types';
import {
  chunk,
  fetchAllPages,
  mapResponse,
  mapWriteResponse,
  uniqueById,
  type MewsContext,
} from './context';
import { assertAttemptId } from './credit-cards';
import {
  assertChargeableAmount,
  assertId,
  assertIds,
  assertNoCardData,
  assertNonEmptyText,
  windowToWire,
} from './validate';

// --- recordCardPayment ---------------------------------------------------------------------------

/**
 * A card number as Mews may store it: at most the first 6 and the last 4 digits, the rest masked
 * (`*`, `x`, `X` or `•`), 12 to 19 characters in all. Anything else could be a full card number
 * and is refused before it reaches a request, a log or Mews.
 */
const OBFUSCATED_CARD_NUMBER = /^(\d{0,6})[*xX•]+(\d{0,4})$/;

/** Returns the number with `*` as mask, or throws `MewsRequestError('full-card-number')`. */
export function normalizeObfuscatedCardNumber(number: string): string {
  const compact = typeof number === 'string' ? number.replace(/[\s-]/g, '') : '';
  const match = OBFUSCATED_CARD_NUMBER.exec(compact);
  if (!match || compact.length < 12 || compact.length > 19) {
    // The value itself is never echoed: it might be a real card number.
    throw new MewsRequestError(
      'full-card-number',
      'The card number must be obfuscated: at most the first 6 and last 4 digits, the rest masked (e.g. 411111******1111)',
      'payments/addCreditCard',
    );
  }
  const [, first = '', last = ''] = match;
  return `${first}${'*'.repeat(compact.length - first.length - last.length)}${last}`;
}

export interface RecordCardPaymentInput {
  customerId: string;
  amount: Money;
  card: {
    brand: CardBrand;
    /** Obfuscated: at most the first 6 and last 4 digits, e.g. `411111******1111`. */
    obfuscatedNumber: string;
    holderName: string;
    expiration?: { year: number; month: number };
  };
  /** Our attempt id, written into `Notes` like a charge's so the record can be found again. */
  attemptId?: string;
  /** The outside terminal's receipt number. */
  receiptIdentifier?: string;
  reservationId?: string;
  billId?: string;
  accountingCategoryId?: string;
  notes?: string;
}

/**
 * Records a card payment taken outside Mews, e.g. on a standalone terminal
 * (`payments/addCreditCard`). Nothing is charged. Deprecated by Mews (discontinued 2028-01-10).
 * Refuses anything but an obfuscated card number. A write: a lost answer throws
 * `MewsOutcomeUnknownError`.
 */
export async function recordCardPayment(
  context: MewsContext,
  input: RecordCardPaymentInput,
  options: MewsCallOptions = {},
): Promise<{ creditCardId: string | null }> {
  const operation = 'payments/addCreditCard';
  const number = normalizeObfuscatedCardNumber(input.card.obfuscatedNumber);
  assertId(input.customerId, 'customerId', operation);
  assertNonEmptyText(input.card.holderName, 'card.holderName', operation, 255);
  assertNonEmptyText(input.card.brand, 'card.brand', operation, 50);
  assertNoCardData(input.card.holderName, 'card.holderName', operation);
  assertNoCardData(input.receiptIdentifier, 'receiptIdentifier', operation);
  assertNoCardData(input.notes, 'notes', operation);
  if (input.attemptId !== undefined) assertAttemptId(input.attemptId, operation);
  for (const [field, value] of [
    ['reservationId', input.reservationId],
    ['billId', input.billId],
    ['accountingCategoryId', input.accountingCategoryId],
  ] as const) {
    if (value) assertId(value, field, operation);
  }
  const expiration = input.card.expiration;
  if (
    expiration &&
    (!Number.isInteger(expiration.month) || expiration.month < 1 || expiration.month > 12)
  ) {
    throw new MewsRequestError('invalid-input', 'card.expiration.month must be 1-12', operation);
  }
  const configuration = await context.configuration(options);
  assertChargeableAmount(input.amount, configuration, operation);
  const { data } = await context.transport.call(
    operation,
    {
      CustomerId: input.customerId,
      Amount: amountParametersFor(input.amount, configuration.pricing),
      CreditCard: {
        Type: input.card.brand,
        Number: number,
        Name: input.card.holderName.trim(),
        Expiration: expiration
          ? `${String(expiration.month).padStart(2, '0')}/${expiration.year}`
          : undefined,
      },
      ReservationId: input.reservationId,
      BillId: input.billId,
      AccountingCategoryId: input.accountingCategoryId,
      ReceiptIdentifier: input.receiptIdentifier,
      Notes: input.attemptId ? attemptNote(input.attemptId, input.notes) : input.notes,
    },
    addCreditCardPaymentResultSchema,
    options,
  );
  return { creditCardId: data.CreditCardId ?? null };
}

// --- recordExternalPayment -----------------------------------------------------------------------

export interface RecordExternalPaymentInput {
  /** The customer (or company) account the payment is for. */
  accountId: string;
  amount: Money;
  /** Must be one of the enterprise's `enabledExternalPaymentTypes`. */
  type: ExternalPaymentType;
  /** Our own reference (e.g. the attempt id), stored by Mews with the payment. */
  externalIdentifier?: string;
  /** Our attempt id, written into `Notes` like a charge's, so reconciliation can find the payment. */
  attemptId?: string;
  reservationId?: string;
  /** Must be an open bill of the account. */
  billId?: string;
  accountingCategoryId?: string;
  notes?: string;
}

/**
 * Records a payment received outside Mews (cash, wire transfer, invoice...) with
 * `payments/addExternal`. Nothing is charged. The type is checked against the enterprise's enabled
 * external payment types first (`MewsRequestError('external-payment-type-not-enabled')`). A write:
 * a lost answer throws `MewsOutcomeUnknownError`; look for `externalIdentifier` among the
 * account's payments before recording again.
 */
export async function recordExternalPayment(
  context: MewsContext,
  input: RecordExternalPaymentInput,
  options: MewsCallOptions = {},
): Promise<{ paymentId: string }> {
  const operation = 'payments/addExternal';
  assertId(input.accountId, 'accountId', operation);
  assertNoCardData(input.externalIdentifier, 'externalIdentifier', operation);
  assertNoCardData(input.notes, 'notes', operation);
  for (const [field, value] of [
    ['reservationId', input.reservationId],
    ['billId', input.billId],
    ['accountingCategoryId', input.accountingCategoryId],
  ] as const) {
    if (value) assertId(value, field, operation);
  }
  const configuration = await context.configuration(options);
  assertChargeableAmount(input.amount, configuration, operation);
  if (!configuration.enabledExternalPaymentTypes.includes(input.type)) {
    throw new MewsRequestError(
      'external-payment-type-not-enabled',
      `External payment type ${input.type} is not enabled (enabled: ${configuration.enabledExternalPaymentTypes.join(', ') || 'none'})`,
      operation,
    );
  }
  const { data } = await context.transport.call(
    operation,
    {
      EnterpriseId: context.enterpriseId,
      AccountId: input.accountId,
      Amount: amountParametersFor(input.amount, configuration.pricing),
      Type: input.type,
      ExternalIdentifier: input.externalIdentifier,
      ReservationId: input.reservationId,
      BillId: input.billId,
      AccountingCategoryId: input.accountingCategoryId,
      Notes: input.attemptId ? attemptNote(input.attemptId, input.notes) : input.notes,
    },
    externalPaymentResultSchema,
    options,
  );
  return { paymentId: data.ExternalPaymentId };
}

// --- startIdealPayment ---------------------------------------------------------------------------

export interface StartIdealPaymentInput {
  customerId: string;
  amount: Money;
  /** Where the bank sends the guest back (absolute http(s) URL). Mews appends no documented parameters. */
  returnUrl: string;
  reservationId?: string;
  /** Tax rate codes (e.g. `NL-S`); required by the spec, empty when unknown. At most one with gross pricing. */
  taxCodes?: string[];
}

/**
 * Starts an iDEAL payment (`payments/addAlternative`, `Data.Ideal.RedirectUrl`). Returns the new
 * payment id (persist it before redirecting) and the bank URL to send the guest to (`null` if Mews
 * gives none). The result arrives later: poll `getPayments({ paymentIds })`. A write: a lost
 * answer throws `MewsOutcomeUnknownError`.
 */
export async function startIdealPayment(
  context: MewsContext,
  input: StartIdealPaymentInput,
  options: MewsCallOptions = {},
): Promise<{ paymentId: string; redirectUrl: string | null }> {
  const operation = 'payments/addAlternative';
  assertId(input.customerId, 'customerId', operation);
  if (input.reservationId) assertId(input.reservationId, 'reservationId', operation);
  let returnUrl: URL;
  try {
    returnUrl = new URL(input.returnUrl);
  } catch {
    throw new MewsRequestError('invalid-input', 'returnUrl must be an absolute URL', operation);
  }
  if (returnUrl.protocol !== 'https:' && returnUrl.protocol !== 'http:') {
    throw new MewsRequestError('invalid-input', 'returnUrl must be an http(s) URL', operation);
  }
  const configuration = await context.configuration(options);
  assertChargeableAmount(input.amount, configuration, operation);
  const taxCodes = input.taxCodes ?? [];
  if (configuration.pricing === 'gross' && taxCodes.length > 1) {
    throw new MewsRequestError(
      'invalid-input',
      'At most one tax code can go with a gross amount',
      operation,
    );
  }
  const { Currency, GrossValue, NetValue } = amountParametersFor(
    input.amount,
    configuration.pricing,
  );
  const { data } = await context.transport.call(
    operation,
    {
      CustomerId: input.customerId,
      Amount: { Currency, GrossValue, NetValue, TaxCodes: taxCodes },
      ReservationId: input.reservationId,
      Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: returnUrl.href } },
    },
    alternativePaymentResultSchema,
    options,
  );
  const next = data.NextAction;
  return {
    paymentId: data.PaymentId,
    redirectUrl: next && next.Discriminator === 'RedirectToUrl' ? next.Value : null,
  };
}

// --- getPayments ---------------------------------------------------------------------------------

const MAX_ACCOUNT_IDS = 100;
const MAX_IDS = 1000;

/** Every combination of one chunk per list (lists that are absent stay absent). */
function chunkCombinations(lists: {
  paymentIds?: string[];
  accountIds?: string[];
  reservationIds?: string[];
}): Array<{ PaymentIds?: string[]; AccountIds?: string[]; ReservationIds?: string[] }> {
  let combinations: Array<{
    PaymentIds?: string[];
    AccountIds?: string[];
    ReservationIds?: string[];
  }> = [{}];
  const dimensions = [
    ['PaymentIds', lists.paymentIds, MAX_IDS],
    ['AccountIds', lists.accountIds, MAX_ACCOUNT_IDS],
    ['ReservationIds', lists.reservationIds, MAX_IDS],
  ] as const;
  for (const [field, ids, size] of dimensions) {
    if (!ids) continue;
    const chunks = chunk([...new Set(ids)], size);
    combinations = combinations.flatMap((base) =>
      chunks.map((part) => ({ ...base, [field]: part })),
    );
  }
  return combinations;
}

/**
 * Reads payments (`payments/getAll`), following the cursor through every page. Filters combine
 * with AND; at least one is required. Id lists are split to Mews' limits (100 account ids, 1000
 * others per request); an empty list matches nothing and sends no request. Windows are half-open
 * `[start, end)` and at most 3 months long. Amounts come back positive with a `direction`.
 */
export async function getPayments(
  context: MewsContext,
  query: PaymentQuery,
  options: MewsCallOptions = {},
): Promise<MewsPayment[]> {
  const operation = 'payments/getAll';
  const { paymentIds, accountIds, reservationIds, createdBetween, updatedBetween, states } = query;
  const hasFilter = [paymentIds, accountIds, reservationIds, createdBetween, updatedBetween].some(
    (filter) => filter !== undefined,
  );
  if (!hasFilter) {
    throw new MewsRequestError(
      'invalid-filter',
      'getPayments needs ids or a time window',
      operation,
    );
  }
  if ([paymentIds, accountIds, reservationIds].some((ids) => ids !== undefined && ids.length === 0))
    return [];
  if (states !== undefined && states.length === 0) return [];
  assertIds(paymentIds ?? [], 'paymentIds', operation);
  assertIds(accountIds ?? [], 'accountIds', operation);
  assertIds(reservationIds ?? [], 'reservationIds', operation);

  const shared: Omit<WirePayload<'payments/getAll'>, 'Limitation'> = {
    EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
    CreatedUtc: createdBetween
      ? windowToWire(createdBetween, 'createdBetween', operation)
      : undefined,
    UpdatedUtc: updatedBetween
      ? windowToWire(updatedBetween, 'updatedBetween', operation)
      : undefined,
    States: states
      ? ([...new Set(states)].map(paymentStateToWire) as WirePayload<'payments/getAll'>['States'])
      : undefined,
  };
  const configuration = await context.configuration(options);
  const pages: Array<Awaited<ReturnType<typeof fetchPaymentPages>>> = [];
  // Sequential on purpose: the rate limit is shared by the whole app.
  for (const ids of chunkCombinations({ paymentIds, accountIds, reservationIds })) {
    pages.push(await fetchPaymentPages(context, { ...shared, ...ids }, options));
  }
  return mapResponse(operation, () =>
    uniqueById(pages.flat().map((payment) => mapPayment(payment, configuration.pricing))),
  );
}

function fetchPaymentPages(
  context: MewsContext,
  filter: Omit<WirePayload<'payments/getAll'>, 'Limitation'>,
  options: MewsCallOptions,
) {
  return fetchAllPages(
    context,
    'payments/getAll',
    filter,
    paymentResultSchema,
    (page) => page.Payments,
    options,
  );
}

// --- refundPayment -------------------------------------------------------------------------------

export interface RefundPaymentInput {
  paymentId: string;
  /** The account the payment belongs to. */
  accountId: string;
  /** Why, for the property's records. */
  reason: string;
  /** Part of the payment to refund, in the payment's currency; the whole payment when left out. */
  amount?: Money;
  /**
   * Our attempt id, written into `Reason` like a charge's `Notes` marker: the refund has no other
   * free-text field, and a refund whose answer is lost must still be found again.
   */
  attemptId?: string;
}

/**
 * Refunds a card or alternative (e.g. iDEAL) payment (`payments/refund`). The refund is a payment
 * of its own and can still fail while pending: track `refundId` with `getPayments`. A write: a
 * lost answer throws `MewsOutcomeUnknownError`; check the account's payments for a refund of
 * `paymentId` before trying again.
 */
export async function refundPayment(
  context: MewsContext,
  input: RefundPaymentInput,
  options: MewsCallOptions = {},
): Promise<RefundResult> {
  const operation = 'payments/refund';
  assertId(input.paymentId, 'paymentId', operation);
  assertId(input.accountId, 'accountId', operation);
  assertNonEmptyText(input.reason, 'reason', operation);
  assertNoCardData(input.reason, 'reason', operation);
  if (input.amount) assertPositiveMoney(input.amount);
  const { data, requestId } = await context.transport.call(
    operation,
    {
      EnterpriseId: context.enterpriseId,
      PaymentId: input.paymentId,
      AccountId: input.accountId,
      Reason: input.attemptId
        ? attemptNote(input.attemptId, input.reason.trim())
        : input.reason.trim(),
      ValueToRefund: input.amount ? minorToMewsDecimal(input.amount) : undefined,
    },
    refundResultSchema,
    options,
  );
  return mapWriteResponse(operation, requestId, () => ({
    paymentId: data.PaymentId,
    refundId: data.RefundId,
    method:
      data.Type === 'CreditCardPayment'
        ? 'credit-card'
        : data.Type === 'AlternativePayment'
          ? 'alternative'
          : 'unknown',
    amount: {
      amountMinor: Math.abs(mewsDecimalToMinor(data.Amount.Value, data.Amount.Currency)),
      currency: data.Amount.Currency,
    },
    state: mapPaymentState(data.State),
  }));
}
