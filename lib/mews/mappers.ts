/**
 * Wire → app: turns validated Connector API objects into the app-shaped types. Unknown enum values
 * map to `unknown` instead of failing (Mews extends enums without notice).
 */
import { MewsApiError } from './errors';
import {
  mewsDecimalToMinor,
  paymentAmountFromMews,
  pricedValueOf,
  type PricingMode,
} from './money';
import type {
  WireConfiguration,
  WireCreditCard,
  WireCustomer,
  WirePayment,
  WireOrderItem,
  WireReservation,
  WireResource,
} from './schemas';
import type {
  AlternativePaymentMethod,
  MewsConfiguration,
  MewsCustomer,
  MewsPayment,
  PaymentKind,
  PaymentMethod,
  PaymentState,
  MewsOrderItem,
  MewsResource,
  ReservationSummary,
  StoredCard,
} from './types';

/**
 * External payment types Mews deprecated "only for existing partners" (deprecations table:
 * card and online types 2025-07-14, `DepositCreditCard` 2026-04-03): a new integration must not
 * record them, so they are never offered even where the enterprise still has them enabled.
 */
const EXTERNAL_TYPES_CLOSED_TO_NEW_PARTNERS: ReadonlySet<string> = new Set([
  'CreditCard',
  'IDeal',
  'PayPal',
  'OnlinePayment',
  'MasterCard',
  'Visa',
  'Amex',
  'Discover',
  'DinersClub',
  'Jcb',
  'UnionPay',
  'DepositCreditCard',
]);

function lookup<T extends string>(
  table: Record<string, T>,
  value: string | null | undefined,
  fallback: T,
): T {
  return (value != null && Object.hasOwn(table, value) ? table[value] : undefined) ?? fallback;
}

function dateOrNull(text: string | null | undefined): Date | null {
  return text ? new Date(text) : null;
}

export function mapConfiguration(wire: WireConfiguration, fetchedAt: Date): MewsConfiguration {
  const { Enterprise: enterprise } = wire;
  const pricing = lookup<PricingMode | 'unknown'>(
    { Gross: 'gross', Net: 'net' },
    enterprise.Pricing,
    'unknown',
  );
  if (pricing === 'unknown') {
    // Without knowing gross or net we would send amounts in the wrong field; refuse instead.
    throw new MewsApiError({
      kind: 'invalid-response',
      operation: 'configuration/get',
      status: 200,
      mewsMessage: `Unsupported enterprise pricing ${JSON.stringify(enterprise.Pricing)}`,
      retryable: false,
    });
  }
  const enabled = enterprise.Currencies.filter((entry) => entry.IsEnabled).map(
    (entry) => entry.Currency,
  );
  const defaultEntry = enterprise.Currencies.find((entry) => entry.IsDefault);
  return {
    enterprise: {
      id: enterprise.Id,
      chainId: enterprise.ChainId ?? null,
      name: enterprise.Name,
      timeZone: enterprise.TimeZoneIdentifier,
      defaultLanguageCode: enterprise.DefaultLanguageCode ?? null,
    },
    pricing,
    currencies: { enabled, default: defaultEntry?.Currency ?? null },
    cardStorage: wire.PaymentCardStorage ? { publicKey: wire.PaymentCardStorage.PublicKey } : null,
    enabledExternalPaymentTypes: (
      enterprise.AccountingConfiguration?.EnabledExternalPaymentTypes ?? []
    ).filter((type) => !EXTERNAL_TYPES_CLOSED_TO_NEW_PARTNERS.has(type)),
    // Optional in the spec: a missing flag is a single-enterprise answer (older API versions).
    isPortfolio: enterprise.IsPortfolio === true,
    serverTime: new Date(wire.NowUtc),
    fetchedAt,
  };
}

export function mapCustomer(wire: WireCustomer): MewsCustomer {
  return {
    id: wire.Id,
    chainId: wire.ChainId ?? null,
    number: wire.Number ?? null,
    firstName: wire.FirstName ?? null,
    lastName: wire.LastName,
    email: wire.Email ?? null,
    phone: wire.Phone ?? null,
    isActive: wire.IsActive ?? true,
    languageCode: wire.LanguageCode?.trim() || wire.PreferredLanguageCode?.trim() || null,
  };
}

/** Reads `MM/YYYY` (as documented), `YYYY-MM` (as in Mews' examples) or `MM/YY`. */
export function parseCardExpiration(
  text: string | null | undefined,
): { year: number; month: number } | null {
  if (!text) return null;
  const trimmed = text.trim();
  let match = /^(\d{4})-(\d{1,2})$/.exec(trimmed);
  let year: number | undefined;
  let month: number | undefined;
  if (match) {
    year = Number(match[1]);
    month = Number(match[2]);
  } else if ((match = /^(\d{1,2})\/(\d{4}|\d{2})$/.exec(trimmed))) {
    month = Number(match[1]);
    year = Number(match[2]);
    if (year < 100) year += 2000;
  }
  if (year === undefined || month === undefined || month < 1 || month > 12) return null;
  return { year, month };
}

export function mapStoredCard(wire: WireCreditCard): StoredCard {
  const kind = lookup({ Gateway: 'gateway', Terminal: 'terminal' } as const, wire.Kind, 'unknown');
  const state = lookup(
    { Enabled: 'enabled', Disabled: 'disabled' } as const,
    wire.State,
    'unknown',
  );
  const isActive = wire.IsActive ?? state === 'enabled';
  return {
    id: wire.Id,
    customerId: wire.CustomerId,
    enterpriseId: wire.EnterpriseId ?? null,
    kind,
    chargeable: kind === 'gateway' && state === 'enabled' && isActive,
    isActive,
    state,
    brand: wire.Type ?? null,
    obfuscatedNumber: wire.ObfuscatedNumber ?? null,
    expiration: parseCardExpiration(wire.Expiration),
    createdAt: dateOrNull(wire.CreatedUtc),
  };
}

const PAYMENT_STATES: Record<string, PaymentState> = {
  Charged: 'charged',
  Pending: 'pending',
  Failed: 'failed',
  Canceled: 'canceled',
  Verifying: 'verifying',
};

export function mapPaymentState(state: string | null | undefined): PaymentState {
  return lookup(PAYMENT_STATES, state, 'unknown');
}

/** App payment state → the Mews filter value. */
export function paymentStateToWire(state: Exclude<PaymentState, 'unknown'>): string {
  return (Object.keys(PAYMENT_STATES) as string[]).find(
    (key) => PAYMENT_STATES[key] === state,
  ) as string;
}

const PAYMENT_METHODS: Record<string, PaymentMethod> = {
  CreditCardPayment: 'credit-card',
  AlternativePayment: 'alternative',
  ExternalPayment: 'external',
  CashPayment: 'cash',
  InvoicePayment: 'invoice',
  GhostPayment: 'ghost',
  TaxDeductedPayment: 'tax-deducted',
  Payment: 'other',
};

const PAYMENT_KINDS: Record<string, PaymentKind> = {
  Payment: 'payment',
  Refund: 'refund',
  Chargeback: 'chargeback',
  ChargebackReversal: 'chargeback-reversal',
};

const ALTERNATIVE_METHODS: Record<string, AlternativePaymentMethod> = {
  Ideal: 'ideal',
  ApplePay: 'apple-pay',
  GooglePay: 'google-pay',
  SepaDirectDebit: 'sepa-direct-debit',
  PayPal: 'paypal',
  WireTransfer: 'wire-transfer',
};

/**
 * The marker this client writes into a charge's `Notes`, so a charge whose answer was lost can be
 * found again by reading the account's recent payments. `ReceiptIdentifier` carries the bare id
 * too, but `payments/getAll` does not return it.
 */
export const ATTEMPT_MARKER_PREFIX = 'Mews Checkout attempt ';
const ATTEMPT_MARKER = /Mews Checkout attempt ([A-Za-z0-9_-]{1,64})/;

export function attemptNote(attemptId: string, notes?: string): string {
  const marker = `${ATTEMPT_MARKER_PREFIX}${attemptId}`;
  return notes ? `${marker}. ${notes}` : marker;
}

export function attemptIdFromNotes(notes: string | null | undefined): string | null {
  return (notes && ATTEMPT_MARKER.exec(notes)?.[1]) || null;
}

export function mapPayment(wire: WirePayment, pricing: PricingMode): MewsPayment {
  const { amount, direction } = paymentAmountFromMews(
    pricedValueOf(wire.Amount, pricing),
    wire.Amount.Currency,
  );
  const data = wire.Data;
  return {
    id: wire.Id,
    enterpriseId: wire.EnterpriseId ?? null,
    accountId: wire.AccountId,
    accountType: lookup(
      { Customer: 'customer', Company: 'company' } as const,
      wire.AccountType,
      'unknown',
    ),
    reservationId: wire.ReservationId ?? null,
    billId: wire.BillId ?? null,
    paymentRequestId: wire.PaymentRequestId ?? null,
    amount,
    direction,
    state: mapPaymentState(wire.State),
    method: lookup(PAYMENT_METHODS, wire.Type, 'unknown'),
    kind: wire.Kind ? lookup(PAYMENT_KINDS, wire.Kind, 'unknown') : null,
    creditCardId: data?.CreditCard?.CreditCardId ?? null,
    alternativeMethod: data?.Alternative
      ? lookup(ALTERNATIVE_METHODS, data.Alternative.Type, 'unknown')
      : null,
    externalType: data?.External?.Type ?? null,
    externalIdentifier: data?.External?.ExternalIdentifier ?? null,
    notes: wire.Notes ?? null,
    attemptId: attemptIdFromNotes(wire.Notes),
    createdAt: new Date(wire.CreatedUtc),
    updatedAt: dateOrNull(wire.UpdatedUtc),
    chargedAt: dateOrNull(wire.ChargedUtc),
  };
}

const RESERVATION_STATES: Record<string, ReservationSummary['state']> = {
  Inquired: 'inquired',
  Requested: 'requested',
  Optional: 'optional',
  Confirmed: 'confirmed',
  Started: 'started',
  Processed: 'processed',
  Canceled: 'canceled',
};

export function mapReservation(wire: WireReservation): ReservationSummary {
  return {
    id: wire.Id,
    number: wire.Number ?? null,
    accountId: wire.AccountId,
    accountType: lookup(
      { Customer: 'customer', Company: 'company' } as const,
      wire.AccountType,
      'unknown',
    ),
    state: lookup(RESERVATION_STATES, wire.State, 'unknown'),
    scheduledStart: dateOrNull(wire.ScheduledStartUtc),
    scheduledEnd: dateOrNull(wire.ScheduledEndUtc),
    creditCardId: wire.CreditCardId ?? null,
    assignedResourceId: wire.AssignedResourceId ?? null,
  };
}

export function mapResource(wire: WireResource): MewsResource {
  return { id: wire.Id, name: wire.Name };
}

export function mapOrderItem(wire: WireOrderItem, pricing: PricingMode): MewsOrderItem {
  const accountingState = lookup(
    { Open: 'open', Closed: 'closed', Inactive: 'inactive', Canceled: 'canceled' } as const,
    wire.AccountingState,
    'unknown',
  );
  return {
    id: wire.Id,
    serviceOrderId: wire.ServiceOrderId,
    amountMinor: mewsDecimalToMinor(pricedValueOf(wire.Amount, pricing), wire.Amount.Currency),
    currency: wire.Amount.Currency,
    accountingState,
    canceled: accountingState === 'canceled' || Boolean(wire.CanceledUtc),
    name: wire.BillingName ?? null,
  };
}
