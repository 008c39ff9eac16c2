import 'server-only';
import { MewsRequestError } from '../errors';
import { mewsDecimalToMinor, minorToMewsDecimal, pricedValueOf, type PricingMode } from '../money';
import {
  paymentRequestResultSchema,
  paymentRequestWriteResultSchema,
  preauthorizationResultSchema,
  type WirePaymentRequest,
  type WirePreauthorization,
} from '../schemas';
import type { MewsCallOptions } from '../transport';
import type {
  MewsPaymentRequest,
  MewsPreauthorization,
  Money,
  PaymentRequestQuery,
  PaymentRequestReason,
  PaymentRequestState,
  PaymentRequestType,
  PreauthorizationState,
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
import {
  assertChargeableAmount,
  assertId,
  assertIds,
  assertNoCardData,
  assertNonEmptyText,
  windowToWire,
} from './validate';

/**
 * Payment requests (`paymentRequests/add|getAll|cancel`) for Mews Payments Checkout, and the holds
 * they may place (`preauthorizations/getAllByCustomers`). Reference: mews-payments-checkout.md §2–3.
 */

/**
 * The marker written into a request's `Notes`: `add` has no idempotency, so a request whose answer
 * was lost is found again by reading the account's requests and looking for it.
 */
const REQUEST_MARKER_PREFIX = 'Mews Checkout request ';
const REQUEST_MARKER = /Mews Checkout request ([0-9a-f-]{36})/i;

export function requestRowIdFromNotes(notes: string | null | undefined): string | null {
  return (notes && REQUEST_MARKER.exec(notes)?.[1]?.toLowerCase()) || null;
}

const STATES: Record<string, PaymentRequestState> = {
  Pending: 'pending',
  Completed: 'completed',
  Canceled: 'canceled',
  Expired: 'expired',
};
const STATE_TO_WIRE = {
  pending: 'Pending',
  completed: 'Completed',
  canceled: 'Canceled',
  expired: 'Expired',
} as const;
const REASONS = { deposit: 'Deposit', prepayment: 'Prepayment', other: 'Other' } as const;
const PREAUTHORIZATION_STATES: Record<string, PreauthorizationState> = {
  Chargeable: 'chargeable',
  Expired: 'expired',
  Cancelled: 'cancelled',
  Charged: 'charged',
  Pending: 'pending',
  Failed: 'failed',
};

function moneyOf(
  amount: { Currency: string; GrossValue?: number | null; NetValue?: number | null },
  pricing: PricingMode,
): Money {
  return {
    amountMinor: Math.abs(mewsDecimalToMinor(pricedValueOf(amount, pricing), amount.Currency)),
    currency: amount.Currency,
  };
}

export function mapPaymentRequest(
  wire: WirePaymentRequest,
  pricing: PricingMode,
): MewsPaymentRequest {
  return {
    id: wire.Id,
    accountId: wire.AccountId,
    reservationId: wire.ReservationId ?? null,
    state: STATES[wire.State] ?? 'unknown',
    type:
      wire.Type === 'Payment'
        ? 'payment'
        : wire.Type === 'Preauthorization'
          ? 'preauthorization'
          : 'unknown',
    amount: moneyOf(wire.Amount, pricing),
    expiresAt: new Date(wire.ExpirationUtc),
    description: wire.Description,
    notes: wire.Notes ?? null,
    requestRowId: requestRowIdFromNotes(wire.Notes),
    createdAt: new Date(wire.CreatedUtc),
    updatedAt: new Date(wire.UpdatedUtc),
  };
}

export function mapPreauthorization(
  wire: WirePreauthorization,
  pricing: PricingMode,
): MewsPreauthorization {
  return {
    id: wire.Id,
    creditCardId: wire.CreditCardId,
    customerId: wire.CustomerId ?? null,
    reservationId: wire.ReservationId ?? null,
    amount: moneyOf(wire.Amount, pricing),
    state: PREAUTHORIZATION_STATES[wire.State] ?? 'unknown',
    isActive: wire.IsActive ?? null,
    code: wire.Code ?? null,
  };
}

// --- addPaymentRequest -------------------------------------------------------------------------

export interface AddPaymentRequestInput {
  /** Our row's id (a UUID), written into `Notes` so a lost answer can be found again. */
  requestRowId: string;
  /** The customer account the request is issued to. */
  accountId: string;
  amount: Money;
  type: PaymentRequestType;
  reason: PaymentRequestReason;
  /** When the request stops being payable (in the future). */
  expiresAt: Date;
  /** Shown to the guest by Mews (1..1000 characters). */
  description: string;
  reservationId?: string;
  /**
   * Whether Mews e-mails the customer its own payment page. `false` for the embedded checkout:
   * Mews' default (`true`) would hand the guest a second way to pay the same amount.
   */
  sendEmail: boolean;
}

/**
 * Creates one payment request (`paymentRequests/add`). A write without idempotency: a lost answer
 * throws `MewsOutcomeUnknownError`; look for `requestRowId` with `getPaymentRequests` before
 * creating another.
 */
export async function addPaymentRequest(
  context: MewsContext,
  input: AddPaymentRequestInput,
  options: MewsCallOptions = {},
): Promise<MewsPaymentRequest> {
  const operation = 'paymentRequests/add';
  assertId(input.requestRowId, 'requestRowId', operation);
  assertId(input.accountId, 'accountId', operation);
  if (input.reservationId) assertId(input.reservationId, 'reservationId', operation);
  assertNonEmptyText(input.description, 'description', operation, 1000);
  assertNoCardData(input.description, 'description', operation);
  if (Number.isNaN(input.expiresAt.getTime())) {
    throw new MewsRequestError('invalid-input', 'expiresAt must be a date', operation);
  }
  const configuration = await context.configuration(options);
  assertChargeableAmount(input.amount, configuration, operation);
  const { data, requestId } = await context.transport.call(
    operation,
    {
      EnterpriseId: context.enterpriseId,
      PaymentRequests: [
        {
          AccountId: input.accountId,
          Amount: { Currency: input.amount.currency, Value: minorToMewsDecimal(input.amount) },
          Type: input.type === 'payment' ? 'Payment' : 'Preauthorization',
          Reason: REASONS[input.reason],
          ExpirationUtc: input.expiresAt.toISOString(),
          Description: input.description.trim(),
          Notes: `${REQUEST_MARKER_PREFIX}${input.requestRowId}`,
          ReservationId: input.reservationId,
        },
      ],
      SendPaymentRequestEmails: input.sendEmail,
    },
    paymentRequestWriteResultSchema,
    options,
  );
  return mapWriteResponse(operation, requestId, () => {
    const [created] = data.PaymentRequests;
    if (!created) throw new Error('Mews answered without the payment request');
    return mapPaymentRequest(created, configuration.pricing);
  });
}

// --- getPaymentRequests ------------------------------------------------------------------------

/**
 * Reads payment requests (`paymentRequests/getAll`), every page. At least one id list is needed
 * (Mews documents no call without one); lists are split at 1000 ids.
 */
export async function getPaymentRequests(
  context: MewsContext,
  query: PaymentRequestQuery,
  options: MewsCallOptions = {},
): Promise<MewsPaymentRequest[]> {
  const operation = 'paymentRequests/getAll';
  const lists = [query.paymentRequestIds, query.accountIds, query.reservationIds];
  if (lists.every((ids) => ids === undefined)) {
    throw new MewsRequestError(
      'invalid-filter',
      'getPaymentRequests needs request, account or reservation ids',
      operation,
    );
  }
  if (lists.some((ids) => ids !== undefined && ids.length === 0)) return [];
  if (query.states !== undefined && query.states.length === 0) return [];
  assertIds(query.paymentRequestIds ?? [], 'paymentRequestIds', operation);
  assertIds(query.accountIds ?? [], 'accountIds', operation);
  assertIds(query.reservationIds ?? [], 'reservationIds', operation);
  const configuration = await context.configuration(options);
  const shared: Omit<WirePayload<'paymentRequests/getAll'>, 'Limitation'> = {
    EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
    AccountIds: query.accountIds ? [...new Set(query.accountIds)] : undefined,
    ReservationIds: query.reservationIds ? [...new Set(query.reservationIds)] : undefined,
    States: query.states
      ? [...new Set(query.states)].map((state) => STATE_TO_WIRE[state])
      : undefined,
    UpdatedUtc: query.updatedBetween
      ? windowToWire(query.updatedBetween, 'updatedBetween', operation)
      : undefined,
  };
  const idChunks = query.paymentRequestIds
    ? chunk([...new Set(query.paymentRequestIds)], 1000)
    : [undefined];
  const pages: WirePaymentRequest[][] = [];
  // Sequential on purpose: the rate limit is shared by the whole app.
  for (const ids of idChunks) {
    pages.push(
      await fetchAllPages(
        context,
        operation,
        { ...shared, PaymentRequestIds: ids },
        paymentRequestResultSchema,
        (page) => page.PaymentRequests,
        options,
      ),
    );
  }
  return mapResponse(operation, () =>
    uniqueById(pages.flat().map((wire) => mapPaymentRequest(wire, configuration.pricing))),
  );
}

// --- cancelPaymentRequests ---------------------------------------------------------------------

/**
 * Cancels pending payment requests (`paymentRequests/cancel`). Mews cancels only `Pending` ones
 * and documents no error for the others: callers read the request back when this fails.
 */
export async function cancelPaymentRequests(
  context: MewsContext,
  paymentRequestIds: string[],
  options: MewsCallOptions = {},
): Promise<MewsPaymentRequest[]> {
  const operation = 'paymentRequests/cancel';
  if (paymentRequestIds.length === 0) return [];
  assertIds(paymentRequestIds, 'paymentRequestIds', operation);
  const configuration = await context.configuration(options);
  const canceled: MewsPaymentRequest[] = [];
  for (const ids of chunk([...new Set(paymentRequestIds)], 1000)) {
    const { data, requestId } = await context.transport.call(
      operation,
      { PaymentRequestIds: ids },
      paymentRequestWriteResultSchema,
      options,
    );
    canceled.push(
      ...mapWriteResponse(operation, requestId, () =>
        data.PaymentRequests.map((wire) => mapPaymentRequest(wire, configuration.pricing)),
      ),
    );
  }
  return canceled;
}

// --- getPreauthorizations ----------------------------------------------------------------------

/** Holds on the customers' cards (`preauthorizations/getAllByCustomers`; not paginated, 1000 ids per call). */
export async function getPreauthorizations(
  context: MewsContext,
  customerIds: string[],
  options: MewsCallOptions = {},
): Promise<MewsPreauthorization[]> {
  const operation = 'preauthorizations/getAllByCustomers';
  if (customerIds.length === 0) return [];
  assertIds(customerIds, 'customerIds', operation);
  const configuration = await context.configuration(options);
  const found: MewsPreauthorization[] = [];
  for (const ids of chunk([...new Set(customerIds)], 1000)) {
    const { data } = await context.transport.call(
      operation,
      { CustomerIds: ids },
      preauthorizationResultSchema,
      options,
    );
    found.push(
      ...mapResponse(operation, () =>
        data.Preauthorizations.map((wire) => mapPreauthorization(wire, configuration.pricing)),
      ),
    );
  }
  return uniqueById(found);
}

// --- probePaymentRequests ----------------------------------------------------------------------

export interface PaymentRequestProbeResult {
  /**
   * `available`: Mews refused the made-up account (400), so the connection may create requests.
   * `refused`: 403, payment requests are not open to this property (only properties on Mews
   * Payments may send them). `no-permission`: 401 while reads work. `unknown`: no verdict.
   */
  verdict: 'available' | 'refused' | 'no-permission' | 'unknown';
  status: number | null;
  mewsMessage: string | null;
}

/**
 * Asks Mews whether this connection can create payment requests, with a request naming an account
 * that does not exist (a fresh random UUID), so Mews can only refuse it; nothing is created or
 * e-mailed (`SendPaymentRequestEmails: false`, one minor unit). Never throws.
 */
export async function probePaymentRequests(
  context: MewsContext,
  newId: () => string,
  options: MewsCallOptions = {},
): Promise<PaymentRequestProbeResult> {
  const operation = 'paymentRequests/add';
  try {
    const configuration = await context.configuration(options);
    const currency =
      configuration.currencies.default ?? configuration.currencies.enabled[0] ?? 'EUR';
    await context.transport.call(
      operation,
      {
        EnterpriseId: context.enterpriseId,
        PaymentRequests: [
          {
            AccountId: newId(),
            Amount: { Currency: currency, Value: minorToMewsDecimal({ amountMinor: 1, currency }) },
            Type: 'Payment',
            Reason: 'Other',
            ExpirationUtc: new Date(configuration.serverTime.getTime() + 86_400_000).toISOString(),
            Description: 'Mews Checkout permission check (made-up account, nothing to pay)',
            Notes: 'Mews Checkout permission check',
          },
        ],
        SendPaymentRequestEmails: false,
      },
      paymentRequestWriteResultSchema,
      { ...options, timeoutMs: options.timeoutMs ?? 15_000 },
    );
    // Mews created a request for an account that cannot exist: it is there, so say so loudly.
    return {
      verdict: 'unknown',
      status: 200,
      mewsMessage: 'Mews accepted a payment request for a made-up account',
    };
  } catch (error) {
    const { status, mewsMessage } = error as {
      status?: number | null;
      mewsMessage?: string | null;
    };
    const message = mewsMessage ?? (error instanceof Error ? error.message : String(error));
    if (status === 400) return { verdict: 'available', status, mewsMessage: message };
    if (status === 403) return { verdict: 'refused', status, mewsMessage: message };
    if (status === 401) return { verdict: 'no-permission', status, mewsMessage: message };
    return { verdict: 'unknown', status: status ?? null, mewsMessage: message };
  }
}
