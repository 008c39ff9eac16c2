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
  activeAttempt: AttemptStatus | null;
  /** The last attempt, when it failed: the page explains why and offers another try. */
  lastFailure: AttemptStatus | null;
  /**
   * The hotel's deposit policy, when it has one: the text in the guest's language (else the
   * hotel's default language, said by `textLocale`), and whether it must be accepted to pay.
   */
  policy: GuestPolicyView | null;
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
  | { kind: 'payable'; summary: GuestLinkSummary };

export interface LinkPaymentStatus {
  linkState: PaymentLink['state'];
  attempt: AttemptStatus | null;
}
