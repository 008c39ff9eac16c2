import 'server-only';
import { getConfig } from '../config';
import { logger } from '../log';
import { createMewsClient, type MewsClient } from './client';

/**
 * The Mews Connector API for the rest of the app. Only `lib/mews` knows Connector API URLs,
 * tokens and wire JSON; callers get app-shaped data (integer minor units, `Date`s, lower-case
 * enums) or one of the typed errors below.
 *
 *   import { mews, MewsOutcomeUnknownError } from '@/lib/mews';
 *   const { paymentId } = await mews.chargeCreditCard({ creditCardId, amount, attemptId });
 */

export { createMewsClient, DEFAULT_CONFIGURATION_TTL_MS } from './client';
export type { MewsClient, MewsClientOptions } from './client';
export type { MewsCallOptions, MewsLogger } from './transport';
export { bindMewsLanguage, mewsLanguage, withMewsLanguage, type MewsLanguage } from './language';
export type { CustomerSearch } from './operations/customers';
export type {
  AlternativeProbeInput,
  AlternativeProbeResult,
  AlternativeProbeVerdict,
} from './operations/alternative-probe';
export type { AddTokenizedCardInput, ChargeCreditCardInput } from './operations/credit-cards';
export {
  PROBED_OPERATIONS,
  type OperationPermission,
  type OperationPermissions,
  type OperationVerdict,
  type ProbedOperation,
  type ProbeOperationPermissionsOptions,
} from './operations/permissions';
export type { MewsOperationName } from './operation-catalog';
export type {
  RecordCardPaymentInput,
  RecordExternalPaymentInput,
  RefundPaymentInput,
  StartIdealPaymentInput,
} from './operations/payments';
export type { PaymentScanOptions, PaymentScanQuery } from './operations/payment-pages';
export type {
  AddPaymentRequestInput,
  PaymentRequestProbeResult,
} from './operations/payment-requests';
export type * from './types';
export {
  isMewsError,
  MewsApiError,
  MewsError,
  MewsOutcomeUnknownError,
  MewsRequestError,
  USER_MESSAGES,
  type MewsApiErrorKind,
  type MewsRequestErrorCode,
  type OutcomeUnknownReason,
} from './errors';
export {
  CURRENCY_EXPONENTS,
  currencyExponent,
  isKnownCurrency,
  minorToDecimalString,
  type Money,
  type MoneyDirection,
  type PricingMode,
} from './money';
export {
  installSharedRateLimiter,
  MEWS_RATE_LIMIT,
  abortableSleep,
  SlidingWindowRateLimiter,
  type RateLimiter,
} from './rate-limiter';
export {
  isWithinThreeMonths,
  MAX_INTERVAL_MONTHS,
  splitIntoThreeMonthWindows,
  threeMonthsAfter,
  threeMonthsBefore,
} from './time-window';

let defaultClient: MewsClient | undefined;

/** The app's client, built on first use from the validated configuration (`getConfig().mews`). */
export function getMewsClient(): MewsClient {
  if (!defaultClient) {
    const config = getConfig();
    defaultClient = createMewsClient({
      platformUrl: config.mews.platformUrl,
      clientToken: config.mews.clientToken,
      accessToken: config.mews.accessToken,
      clientName: config.mews.clientName,
      version: config.version,
      enterpriseId: config.mews.enterpriseId,
      logger: logger.child({ module: 'mews' }),
    });
  }
  return defaultClient;
}

/** Replaces (or, with `undefined`, resets) the default client; for tests and scripts. */
export function setMewsClient(client: MewsClient | undefined): void {
  defaultClient = client;
}

/** The default client's operations, resolved lazily so importing this module reads no configuration. */
export const mews: MewsClient = {
  getConfiguration: (...args) => getMewsClient().getConfiguration(...args),
  findCustomers: (...args) => getMewsClient().findCustomers(...args),
  getCustomer: (...args) => getMewsClient().getCustomer(...args),
  getCustomersByIds: (...args) => getMewsClient().getCustomersByIds(...args),
  addCustomer: (...args) => getMewsClient().addCustomer(...args),
  listCreditCards: (...args) => getMewsClient().listCreditCards(...args),
  addTokenizedCard: (...args) => getMewsClient().addTokenizedCard(...args),
  chargeCreditCard: (...args) => getMewsClient().chargeCreditCard(...args),
  recordCardPayment: (...args) => getMewsClient().recordCardPayment(...args),
  recordExternalPayment: (...args) => getMewsClient().recordExternalPayment(...args),
  startIdealPayment: (...args) => getMewsClient().startIdealPayment(...args),
  getPayments: (...args) => getMewsClient().getPayments(...args),
  refundPayment: (...args) => getMewsClient().refundPayment(...args),
  scanPayments: (...args) => getMewsClient().scanPayments(...args),
  getReservation: (...args) => getMewsClient().getReservation(...args),
  findReservations: (...args) => getMewsClient().findReservations(...args),
  getResources: (...args) => getMewsClient().getResources(...args),
  getOrderItems: (...args) => getMewsClient().getOrderItems(...args),
  probeAlternativeMethod: (...args) => getMewsClient().probeAlternativeMethod(...args),
  addPaymentRequest: (...args) => getMewsClient().addPaymentRequest(...args),
  getPaymentRequests: (...args) => getMewsClient().getPaymentRequests(...args),
  cancelPaymentRequests: (...args) => getMewsClient().cancelPaymentRequests(...args),
  getPreauthorizations: (...args) => getMewsClient().getPreauthorizations(...args),
  probePaymentRequests: (...args) => getMewsClient().probePaymentRequests(...args),
  clearConfigurationCache: () => getMewsClient().clearConfigurationCache(),
  probeOperationPermissions: (...args) => getMewsClient().probeOperationPermissions(...args),
  get connectionKey() {
    return getMewsClient().connectionKey;
  },
};
