import type { ActionResult } from '@/lib/server/action-result';
import type { ReactNode } from 'react';
import type { PaymentAttempt, PaymentLink } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';

/** What the guest pages receive from the server: plain data, never card data beyond the mask. */

/** What the guest's browser may know about an attempt: its state, never card data beyond the mask. */
export interface AttemptStatus {
  attemptId: string;
  method: PaymentAttempt['method'];
  state: PaymentAttempt['state'];
  failureCode: string | null;
  /** Mews' own explanation for a refusal, when Mews says it may be shown. */
  failureMessage: string | null;
  /** Only while an iDEAL payment waits for the payer at the bank. */
  redirectUrl: string | null;
  mewsPaymentId: string | null;
  /**
   * Only while the outcome is unknown (the answer of Mews was lost): until when (ISO) Mews is read
   * back before, finding nothing, the link opens again. The guest's countdown.
   */
  checkUntil?: string | null;
  /**
   * Only while the card issuer waits for the guest to confirm the payment through the link Mews
   * e-mailed them (state `verifying`): until when the link is valid (ISO), and the hotel's time
   * zone to say it in (null when the answer was built without the hotel's configuration at hand).
   */
  verification?: { until: string; hotelTimeZone: string | null } | null;
}

export interface GuestReceipt {
  hotelName: string;
  hotelTimeZone: string;
  /** Mews' `DefaultLanguageCode` of the hotel ("en-GB"): how its country writes dates. */
  hotelLanguageCode: string | null;
  guestName: string | null;
  description: string;
  amountMinor: number;
  currency: string;
  paidAt: string;
  method: PaymentAttempt['method'];
  /** For Mews Payments Checkout: how the guest paid there (`card`, `google-pay`, `ideal`...). */
  checkoutMethod: string | null;
  cardBrand: string | null;
  cardMasked: string | null;
  mewsPaymentId: string | null;
  /** The short reference of the paid attempt ("7F3A-21C9", lib/payments/reference.ts). */
  reference: string | null;
  reservationNumber: string | null;
}

export interface GuestLinkSummary {
  linkState: 'open' | 'processing';
  hotelName: string;
  hotelTimeZone: string;
  /** Mews' `DefaultLanguageCode` of the hotel ("en-GB"): how its country writes dates. */
  hotelLanguageCode: string | null;
  guestName: string | null;
  description: string;
  amountMinor: number;
  currency: string;
  expiresAt: string;
  reservation: { number: string | null; start: string | null; end: string | null } | null;
  card: { available: true; merchantId: string; scriptUrl: string } | { available: false };
  ideal: { available: boolean };
  /** Present when the guest pays through Mews Payments Checkout (then `card` and `ideal` are off). */
  checkout: GuestCheckoutRoute | null;
  activeAttempt: AttemptStatus | null;
  /** The last attempt, when it failed: the page explains why and offers another try. */
  lastFailure: AttemptStatus | null;
  /**
   * The hotel's deposit policy, when it has one: the text in the guest's language (else the
   * hotel's default language, said by `textLocale`), and whether it must be accepted to pay.
   */
  policy: GuestPolicyView | null;
}

/** The link's Mews payment request, as the pay page may know it. */
export interface CheckoutRequestView {
  /** Our row's id. */
  id: string;
  /** Mews' request id, only while it can be paid (what `Mews.PaymentCheckout.load` takes). */
  mewsRequestId: string | null;
  state: 'creating' | 'unknown' | 'pending' | 'completed' | 'canceled' | 'expired' | 'failed';
  type: 'payment' | 'preauthorization';
  /** Mews e-mailed the guest its own page (the hold fallback). */
  mewsEmailsGuest: boolean;
  holdPlaced: boolean;
}

/** What the pay page needs to embed Mews Payments Checkout. */
export interface GuestCheckoutRoute {
  scriptUrl: string;
  dataBaseUrl: string | null;
  /** Mews' language code for the guest's language ("nl-NL"). */
  languageCode: string;
  /** The link asks for a hold (a `Preauthorization` request), not a payment. */
  hold: boolean;
  /** Narrows Mews' methods (cards only for holds); null: every method the hotel has in Mews. */
  enabledPaymentMethods: string[] | null;
  request: CheckoutRequestView | null;
}

/** The checkout read back from Mews (the status action). */
export interface CheckoutStatus {
  linkState: PaymentLink['state'];
  request: CheckoutRequestView | null;
  attempt: AttemptStatus | null;
}

export interface GuestPolicyView {
  version: number;
  required: boolean;
  text: string;
  textLocale: Locale;
}

export type GuestCheckoutView =
  | { kind: 'not_found' }
  | { kind: 'expired'; hotelName: string; description: string }
  | {
      kind: 'canceled';
      hotelName: string;
      description: string;
      /** Closed because another link for the same stay and purpose was paid: nothing is owed. */
      alreadyPaid: boolean;
    }
  | { kind: 'paid'; receipt: GuestReceipt }
  /** A hold link whose hold Mews placed: nothing was charged. */
  | {
      kind: 'held';
      hotelName: string;
      description: string;
      amountMinor: number;
      currency: string;
      placedAt: string;
    }
  | { kind: 'payable'; summary: GuestLinkSummary };

export interface LinkPaymentStatus {
  linkState: PaymentLink['state'];
  attempt: AttemptStatus | null;
}

/**
 * The pay page's answer to a card payment (app/pay/[token]/pay-by-card-action): the attempt, and
 * for a paid link the receipt already rendered, so the page shows it without asking again.
 */
export interface CardPaymentAnswer {
  result: ActionResult<AttemptStatus>;
  receipt?: ReactNode;
  /** The receipt's whole tab title (lib/i18n/page-title), as a reload of the page would set it. */
  title?: string;
}
