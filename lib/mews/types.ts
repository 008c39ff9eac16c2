/**
 * App-shaped data returned by the Mews client. Amounts are integer minor units, times are `Date`s,
 * states are small lower-case enums with an `unknown` member for values Mews adds later. Nothing
 * here mirrors the wire JSON.
 */
import type { components } from './generated/connector';
import type { Money, MoneyDirection, PricingMode } from './money';

export type { Money, MoneyDirection, PricingMode } from './money';

/** Mews' external payment types (cash, wire transfer, invoice...), as named by Mews. */
export type ExternalPaymentType = components['schemas']['ExternalPaymentTypeEnum'];

/** The enterprise's configuration the checkout depends on. Cached for a few minutes. */
export interface MewsConfiguration {
  enterprise: {
    id: string;
    chainId: string | null;
    name: string;
    /** IANA time zone, e.g. `Europe/Prague`: property-local dates are computed in it. */
    timeZone: string;
    defaultLanguageCode: string | null;
  };
  /** Whether amounts are sent as gross (tax included) or net values. */
  pricing: PricingMode;
  currencies: {
    /** ISO 4217 codes the enterprise accepts. */
    enabled: string[];
    /** The enterprise's default currency, if Mews marks one. */
    default: string | null;
  };
  /**
   * PCI Proxy storage of the enterprise: `publicKey` is the Secure Fields `merchantId`. `null`
   * when the property has no card storage, and cards cannot be tokenized.
   */
  cardStorage: { publicKey: string } | null;
  /**
   * External payment types `recordExternalPayment` accepts for this enterprise: those it enabled,
   * minus the types Mews keeps for existing partners only (deprecated 2025-07-14 and 2026-04-03).
   */
  enabledExternalPaymentTypes: string[];
  /**
   * `Enterprise.IsPortfolio`: the answer describes a portfolio's placeholder enterprise, i.e. a
   * portfolio access token was used without `EnterpriseId`. Payments must not be taken for it.
   */
  isPortfolio: boolean;
  /** Mews' clock when the configuration was read. */
  serverTime: Date;
  fetchedAt: Date;
}

export interface MewsCustomer {
  id: string;
  chainId: string | null;
  /** Mews' customer number (shown in the PMS). */
  number: string | null;
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  isActive: boolean;
  /**
   * The customer's language as Mews picked it (`LanguageCode`: their profile's preferred language,
   * else the language of earlier bookings, else their nationality's), falling back to the
   * profile's `PreferredLanguageCode`; e.g. `nl-NL`. Null when Mews knows neither.
   */
  languageCode: string | null;
}

export interface AddCustomerInput {
  lastName: string;
  firstName?: string;
  email?: string;
  phone?: string;
  /** ISO 3166-1 alpha-2. */
  nationalityCode?: string;
  /** e.g. `en-US`. */
  preferredLanguageCode?: string;
  /**
   * Mews refuses a customer whose email already exists unless this is true, in which case the
   * existing profile's basic data is overwritten. Search with `findCustomers` first. Default false.
   */
  overwriteExisting?: boolean;
}

export type CardKind = 'gateway' | 'terminal' | 'unknown';

/** A card stored in Mews for a customer. Only enabled, active `gateway` cards can be charged. */
export interface StoredCard {
  id: string;
  customerId: string;
  enterpriseId: string | null;
  kind: CardKind;
  chargeable: boolean;
  isActive: boolean;
  state: 'enabled' | 'disabled' | 'unknown';
  /** Card scheme as Mews names it (`Visa`, `MasterCard`...), if known. */
  brand: string | null;
  /** e.g. `************1111`. */
  obfuscatedNumber: string | null;
  expiration: { year: number; month: number } | null;
  createdAt: Date | null;
}

export type PaymentState = 'charged' | 'pending' | 'failed' | 'canceled' | 'verifying' | 'unknown';

export type PaymentMethod =
  | 'credit-card'
  | 'alternative'
  | 'external'
  | 'cash'
  | 'invoice'
  | 'ghost'
  | 'tax-deducted'
  | 'other'
  | 'unknown';

export type PaymentKind = 'payment' | 'refund' | 'chargeback' | 'chargeback-reversal' | 'unknown';

export type AlternativePaymentMethod =
  | 'ideal'
  | 'apple-pay'
  | 'google-pay'
  | 'sepa-direct-debit'
  | 'paypal'
  | 'wire-transfer'
  | 'unknown';

/** A payment as Mews records it. */
export interface MewsPayment {
  id: string;
  enterpriseId: string | null;
  accountId: string;
  accountType: 'customer' | 'company' | 'unknown';
  reservationId: string | null;
  billId: string | null;
  paymentRequestId: string | null;
  /** Always positive; `direction` says which way the money moved. */
  amount: Money;
  direction: MoneyDirection;
  state: PaymentState;
  method: PaymentMethod;
  /** Set only for payments processed by Mews Payments. */
  kind: PaymentKind | null;
  creditCardId: string | null;
  alternativeMethod: AlternativePaymentMethod | null;
  externalType: string | null;
  externalIdentifier: string | null;
  notes: string | null;
  /** Our attempt id, when the payment was created by this app with one (see `chargeCreditCard`). */
  attemptId: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  chargedAt: Date | null;
}

/** A half-open time window `[start, end)`, at most three months long. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/**
 * Which payments to read. At least one filter is needed; filters combine with AND. An empty id
 * list matches nothing (no request is sent).
 */
export interface PaymentQuery {
  paymentIds?: string[];
  /** Customer or company accounts. Split into requests of 100 ids. */
  accountIds?: string[];
  reservationIds?: string[];
  createdBetween?: TimeWindow;
  updatedBetween?: TimeWindow;
  states?: Exclude<PaymentState, 'unknown'>[];
}

export type CardBrand =
  | 'Visa'
  | 'MasterCard'
  | 'Amex'
  | 'Discover'
  | 'DinersClub'
  | 'Jcb'
  | 'EnRoute'
  | 'Maestro'
  | 'UnionPay';

export interface RefundResult {
  /** The refunded payment. */
  paymentId: string;
  /** The refund is itself a payment: track it with `getPayments({ paymentIds: [refundId] })`. */
  refundId: string;
  method: 'credit-card' | 'alternative' | 'unknown';
  amount: Money;
  state: PaymentState;
}

export interface ReservationSummary {
  id: string;
  /** Confirmation number. */
  number: string | null;
  /** The account that owns (and pays for) the reservation. */
  accountId: string;
  accountType: 'customer' | 'company' | 'unknown';
  state:
    | 'inquired'
    | 'requested'
    | 'optional'
    | 'confirmed'
    | 'started'
    | 'processed'
    | 'canceled'
    | 'unknown';
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  /** Card linked for Mews' automatic charging, if any. */
  creditCardId: string | null;
  /** The room (Mews resource) assigned to the reservation, if one is yet; its name via `getResources`. */
  assignedResourceId: string | null;
}

/** Which reservations to read (`findReservations`). Filters combine with AND; at least one of the id lists is needed. */
export interface ReservationQuery {
  /** Confirmation numbers, exactly as Mews writes them (e.g. `SBX-1001`). */
  numbers?: string[];
  /** Owners (customers). */
  accountIds?: string[];
  /** Scheduled end inside this window (at most three months long). */
  scheduledEndBetween?: TimeWindow;
  states?: Exclude<ReservationSummary['state'], 'unknown'>[];
}

/** A bookable resource (a room, a bed, a parking space): only what a clerk is shown. */
export interface MewsResource {
  id: string;
  /** e.g. the room number. */
  name: string;
}

/** One order item (a night, a product, a deposit…) of a service order such as a reservation. */
export interface MewsOrderItem {
  id: string;
  /** The reservation (or other service order) it belongs to. */
  serviceOrderId: string;
  /** Signed: a rebate is negative. Gross or net by the enterprise's pricing. */
  amountMinor: number;
  currency: string;
  accountingState: 'open' | 'closed' | 'inactive' | 'canceled' | 'unknown';
  canceled: boolean;
  name: string | null;
}

/** A Mews payment request (`paymentRequests/*`): what Mews Payments Checkout or Mews' e-mail lets a guest pay. */
export type PaymentRequestState = 'pending' | 'completed' | 'canceled' | 'expired' | 'unknown';
export type PaymentRequestType = 'payment' | 'preauthorization';
export type PaymentRequestReason = 'deposit' | 'prepayment' | 'other';

export interface MewsPaymentRequest {
  id: string;
  accountId: string;
  reservationId: string | null;
  state: PaymentRequestState;
  type: PaymentRequestType | 'unknown';
  amount: Money;
  expiresAt: Date;
  description: string;
  notes: string | null;
  /** Our row's id, when the request was created by this app (see `addPaymentRequest`). */
  requestRowId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Which payment requests to read; at least one id list. Empty lists match nothing. */
export interface PaymentRequestQuery {
  paymentRequestIds?: string[];
  accountIds?: string[];
  reservationIds?: string[];
  states?: Exclude<PaymentRequestState, 'unknown'>[];
  updatedBetween?: TimeWindow;
}

/**
 * A hold on a guest's card (`preauthorizations/getAllByCustomers`). Mews documents no expiry time
 * and no link to the payment request that placed it; capture and release exist only in Mews' UI.
 */
export type PreauthorizationState =
  'chargeable' | 'expired' | 'cancelled' | 'charged' | 'pending' | 'failed' | 'unknown';

export interface MewsPreauthorization {
  id: string;
  creditCardId: string;
  customerId: string | null;
  reservationId: string | null;
  amount: Money;
  state: PreauthorizationState;
  isActive: boolean | null;
  code: string | null;
}
