import 'server-only';
import { MewsRequestError } from '../errors';
import { attemptNote, mapStoredCard } from '../mappers';
import { amountParametersFor, type Money } from '../money';
import { addTokenizedResultSchema, chargeResultSchema, creditCardResultSchema } from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { StoredCard } from '../types';
import { fetchAllPages, mapResponse, type MewsContext } from './context';
import { assertChargeableAmount, assertId, assertNoCardData, assertNonEmptyText } from './validate';

/** Attempt ids travel in `Notes`/`ReceiptIdentifier`; keep them short and unambiguous to find again. */
const ATTEMPT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function assertAttemptId(
  attemptId: string,
  operation: 'creditCards/charge' | 'payments/addCreditCard',
): void {
  if (typeof attemptId !== 'string' || !ATTEMPT_ID.test(attemptId)) {
    throw new MewsRequestError(
      'invalid-input',
      'attemptId must be 1 to 64 letters, digits, "-" or "_"',
      operation,
    );
  }
}

/**
 * The cards Mews stores for a customer (`creditCards/getAll`), in this enterprise when a portfolio
 * token is configured. Only cards with `chargeable: true` (enabled, active, `Gateway` kind) can be
 * charged with `chargeCreditCard`; `Terminal` cards cannot.
 */
export async function listCreditCards(
  context: MewsContext,
  customerId: string,
  options: MewsCallOptions = {},
): Promise<StoredCard[]> {
  assertId(customerId, 'customerId', 'creditCards/getAll');
  const cards = await fetchAllPages(
    context,
    'creditCards/getAll',
    {
      CustomerIds: [customerId],
      EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
    },
    creditCardResultSchema,
    (page) => page.CreditCards,
    options,
  );
  return mapResponse('creditCards/getAll', () => cards.map(mapStoredCard));
}

export interface AddTokenizedCardInput {
  customerId: string;
  /** The PCI Proxy (Secure Fields) `transactionId`; sent as `StorageData`. */
  transactionId: string;
  /** Collected in our own form: PCI Proxy does not need it, Mews does. */
  expiration: { year: number; month: number };
}

/**
 * Stores a card tokenized by PCI Proxy for a customer (`creditCards/addTokenized`) and returns the
 * Mews card id. Needs the special permission Mews grants at certification, otherwise 401
 * (`MewsApiError` kind `unauthorized`). A write: a lost answer throws `MewsOutcomeUnknownError`;
 * list the customer's cards before adding again.
 */
export async function addTokenizedCard(
  context: MewsContext,
  input: AddTokenizedCardInput,
  options: MewsCallOptions = {},
): Promise<{ creditCardId: string }> {
  const operation = 'creditCards/addTokenized';
  assertId(input.customerId, 'customerId', operation);
  assertNonEmptyText(input.transactionId, 'transactionId', operation, 100);
  const { year, month } = input.expiration;
  if (
    !Number.isInteger(year) ||
    year < 2000 ||
    year > 2999 ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12
  ) {
    throw new MewsRequestError(
      'invalid-input',
      'expiration must be a year (yyyy) and a month (1-12)',
      operation,
    );
  }
  const { data } = await context.transport.call(
    operation,
    {
      EnterpriseId: context.enterpriseId,
      CustomerId: input.customerId,
      CreditCardData: {
        StorageData: input.transactionId.trim(),
        Expiration: `${year}-${String(month).padStart(2, '0')}`,
      },
    },
    addTokenizedResultSchema,
    options,
  );
  return { creditCardId: data.CreditCardId };
}

export interface ChargeCreditCardInput {
  creditCardId: string;
  amount: Money;
  /**
   * Our payment attempt id. It is sent as `ReceiptIdentifier` and inside `Notes`, so a charge whose
   * answer was lost can be recognised among the account's payments (`MewsPayment.attemptId`).
   */
  attemptId: string;
  reservationId?: string;
  accountingCategoryId?: string;
  /** Extra text for the payment's notes (shown in Mews). */
  notes?: string;
}

/**
 * Charges a stored `Gateway` card through Mews (`creditCards/charge`): this moves money. The
 * amount goes as `GrossValue` or `NetValue` by the enterprise's pricing and its currency must be
 * enabled.
 *
 * Returns only the new payment id: the charge's result (charged, failed, pending...) must be read
 * back with `getPayments({ paymentIds: [paymentId] })`. Never retried after a timeout, a dropped
 * connection or a 5xx: those throw `MewsOutcomeUnknownError`; reconcile with
 * `getPayments({ accountIds, createdBetween })` and `attemptId` before charging again.
 */
export async function chargeCreditCard(
  context: MewsContext,
  input: ChargeCreditCardInput,
  options: MewsCallOptions = {},
): Promise<{ paymentId: string }> {
  const operation = 'creditCards/charge';
  assertId(input.creditCardId, 'creditCardId', operation);
  assertAttemptId(input.attemptId, operation);
  assertNoCardData(input.notes, 'notes', operation);
  if (input.reservationId) assertId(input.reservationId, 'reservationId', operation);
  if (input.accountingCategoryId)
    assertId(input.accountingCategoryId, 'accountingCategoryId', operation);
  const configuration = await context.configuration(options);
  assertChargeableAmount(input.amount, configuration, operation);
  const { data } = await context.transport.call(
    operation,
    {
      CreditCardId: input.creditCardId,
      Amount: amountParametersFor(input.amount, configuration.pricing),
      ReservationId: input.reservationId,
      AccountingCategoryId: input.accountingCategoryId,
      ReceiptIdentifier: input.attemptId,
      Notes: attemptNote(input.attemptId, input.notes),
    },
    chargeResultSchema,
    options,
  );
  return { paymentId: data.PaymentId };
}
