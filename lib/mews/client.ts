import 'server-only';
import type { RetryPolicyConfig } from './retry-policy';
import { fetchConfiguration } from './operations/configuration';
import type { MewsContext } from './operations/context';
import {
  addCustomer,
  findCustomers,
  getCustomer,
  type CustomerSearch,
} from './operations/customers';
import {
  addTokenizedCard,
  chargeCreditCard,
  listCreditCards,
  type AddTokenizedCardInput,
  type ChargeCreditCardInput,
} from './operations/credit-cards';
import {
  getPayments,
  recordCardPayment,
  recordExternalPayment,
  refundPayment,
  startIdealPayment,
  type RecordCardPaymentInput,
  type RecordExternalPaymentInput,
  type RefundPaymentInput,
  type StartIdealPaymentInput,
} from './operations/payments';
import { getReservationDeposits } from './operations/reservations';
import type { MewsOperationName } from './operation-catalog';
import { sharedRateLimiter, type RateLimiter } from './rate-limiter';
import { MewsTransport, type MewsCallOptions, type MewsLogger } from './transport';
import type { MewsHttpSend } from './http-client';
import type {
  AddCustomerInput,
  MewsConfiguration,
  MewsCustomer,
  MewsPayment,
  PaymentQuery,
  RefundResult,
  ReservationDeposits,
  StoredCard,
} from './types';

export interface MewsClientOptions {
  /** e.g. `https://api.mews-demo.com`, or the offline sandbox's URL. */
  platformUrl: string;
  clientToken: string;
  accessToken: string;
  /** Application name for the `Client` envelope field, e.g. `Mews Checkout`. */
  clientName: string;
  /** Application version, appended to `clientName`. */
  version: string;
  /** For portfolio access tokens: sent where the API takes `EnterpriseId`(s). */
  enterpriseId?: string;
  fetch?: MewsHttpSend;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Defaults to the process-wide limiter (180 requests / 30 s per access token). */
  limiter?: RateLimiter;
  logger?: MewsLogger;
  retryPolicy?: Partial<RetryPolicyConfig>;
  /** Per-operation timeout overrides in milliseconds. */
  timeouts?: Partial<Record<MewsOperationName, number>>;
  /** How long `getConfiguration` serves a cached answer. Default 5 minutes. */
  configurationTtlMs?: number;
}

export const DEFAULT_CONFIGURATION_TTL_MS = 5 * 60_000;

/**
 * The Connector API, in the app's terms. Every method validates its input before sending, and
 * fails with `MewsApiError`, `MewsOutcomeUnknownError` (writes) or `MewsRequestError` (refused
 * locally); see `errors.ts`. Each method takes optional `{ timeoutMs, signal }` last.
 */
export interface MewsClient {
  /**
   * The enterprise's configuration: name, time zone, gross/net pricing, enabled and default
   * currencies, PCI card storage key (or `null`), enabled external payment types. Cached for
   * `configurationTtlMs`; concurrent callers share one request. `{ refresh: true }` skips the cache.
   */
  getConfiguration(options?: MewsCallOptions & { refresh?: boolean }): Promise<MewsConfiguration>;
  /** See `operations/customers.ts` `findCustomers`. */
  findCustomers(search: CustomerSearch, options?: MewsCallOptions): Promise<MewsCustomer[]>;
  /** See `operations/customers.ts` `getCustomer`. */
  getCustomer(customerId: string, options?: MewsCallOptions): Promise<MewsCustomer | null>;
  /** See `operations/customers.ts` `addCustomer`. */
  addCustomer(input: AddCustomerInput, options?: MewsCallOptions): Promise<MewsCustomer>;
  /** See `operations/credit-cards.ts` `listCreditCards`. */
  listCreditCards(customerId: string, options?: MewsCallOptions): Promise<StoredCard[]>;
  /** See `operations/credit-cards.ts` `addTokenizedCard`. */
  addTokenizedCard(
    input: AddTokenizedCardInput,
    options?: MewsCallOptions,
  ): Promise<{ creditCardId: string }>;
  /** See `operations/credit-cards.ts` `chargeCreditCard`. */
  chargeCreditCard(
    input: ChargeCreditCardInput,
    options?: MewsCallOptions,
  ): Promise<{ paymentId: string }>;
  /** See `operations/payments.ts` `recordCardPayment`. */
  recordCardPayment(
    input: RecordCardPaymentInput,
    options?: MewsCallOptions,
  ): Promise<{ creditCardId: string | null }>;
  /** See `operations/payments.ts` `recordExternalPayment`. */
  recordExternalPayment(
    input: RecordExternalPaymentInput,
    options?: MewsCallOptions,
  ): Promise<{ paymentId: string }>;
  /** See `operations/payments.ts` `startIdealPayment`. */
  startIdealPayment(
    input: StartIdealPaymentInput,
    options?: MewsCallOptions,
  ): Promise<{ paymentId: string; redirectUrl: string | null }>;
  /** See `operations/payments.ts` `getPayments`. */
  getPayments(query: PaymentQuery, options?: MewsCallOptions): Promise<MewsPayment[]>;
  /** See `operations/payments.ts` `refundPayment`. */
  refundPayment(input: RefundPaymentInput, options?: MewsCallOptions): Promise<RefundResult>;
  /** See `operations/reservations.ts` `getReservationDeposits`. */
  getReservationDeposits(
    reservationId: string,
    options?: MewsCallOptions,
  ): Promise<ReservationDeposits>;
  /** Forgets the cached configuration (e.g. after an `IntegrationApiKeyCreated` webhook). */
  clearConfigurationCache(): void;
}

export function createMewsClient(options: MewsClientOptions): MewsClient {
  const now = options.now ?? Date.now;
  const transport = new MewsTransport({
    platformUrl: options.platformUrl,
    clientToken: options.clientToken,
    accessToken: options.accessToken,
    client: `${options.clientName} ${options.version}`.trim(),
    fetch: options.fetch,
    now,
    sleep: options.sleep,
    random: options.random,
    limiter: options.limiter ?? sharedRateLimiter(),
    logger: options.logger,
    retryPolicy: options.retryPolicy,
    timeouts: options.timeouts,
  });
  const ttlMs = options.configurationTtlMs ?? DEFAULT_CONFIGURATION_TTL_MS;
  let cached: { value: MewsConfiguration; expiresAt: number } | undefined;
  let inFlight: Promise<MewsConfiguration> | undefined;

  function getConfiguration(
    callOptions: MewsCallOptions & { refresh?: boolean } = {},
  ): Promise<MewsConfiguration> {
    const { refresh, ...rest } = callOptions;
    if (!refresh && cached && cached.expiresAt > now()) return Promise.resolve(cached.value);
    if (!refresh && inFlight) return inFlight;
    // The request is shared by concurrent callers, so one caller's abort signal must not cancel it.
    const request = fetchConfiguration(transport, options.enterpriseId, now, {
      timeoutMs: rest.timeoutMs,
    }).then((value) => {
      cached = { value, expiresAt: now() + ttlMs };
      return value;
    });
    inFlight = request;
    // Failures are not cached: the next caller tries again.
    void request
      .finally(() => {
        if (inFlight === request) inFlight = undefined;
      })
      .catch(() => {});
    return request;
  }

  const context: MewsContext = {
    transport,
    enterpriseId: options.enterpriseId,
    configuration: (callOptions) => getConfiguration(callOptions),
  };

  return {
    getConfiguration,
    findCustomers: (search, callOptions) => findCustomers(context, search, callOptions),
    getCustomer: (customerId, callOptions) => getCustomer(context, customerId, callOptions),
    addCustomer: (input, callOptions) => addCustomer(context, input, callOptions),
    listCreditCards: (customerId, callOptions) => listCreditCards(context, customerId, callOptions),
    addTokenizedCard: (input, callOptions) => addTokenizedCard(context, input, callOptions),
    chargeCreditCard: (input, callOptions) => chargeCreditCard(context, input, callOptions),
    recordCardPayment: (input, callOptions) => recordCardPayment(context, input, callOptions),
    recordExternalPayment: (input, callOptions) =>
      recordExternalPayment(context, input, callOptions),
    startIdealPayment: (input, callOptions) => startIdealPayment(context, input, callOptions),
    getPayments: (query, callOptions) => getPayments(context, query, callOptions),
    refundPayment: (input, callOptions) => refundPayment(context, input, callOptions),
    getReservationDeposits: (reservationId, callOptions) =>
      getReservationDeposits(context, reservationId, callOptions),
    clearConfigurationCache: () => {
      cached = undefined;
      inFlight = undefined;
    },
  };
}
