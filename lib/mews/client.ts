import 'server-only';
import { randomUUID } from 'node:crypto';
import type { RetryPolicyConfig } from './retry-policy';
import { fetchConfiguration } from './operations/configuration';
import type { MewsContext } from './operations/context';
import {
  addCustomer,
  findCustomers,
  getCustomer,
  getCustomersByIds,
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
import {
  findReservations,
  getOrderItems,
  getReservation,
  getResources,
} from './operations/reservations';
import {
  addPaymentRequest,
  cancelPaymentRequests,
  getPaymentRequests,
  getPreauthorizations,
  probePaymentRequests,
  type AddPaymentRequestInput,
  type PaymentRequestProbeResult,
} from './operations/payment-requests';
import {
  scanPayments,
  type PaymentScanOptions,
  type PaymentScanQuery,
} from './operations/payment-pages';
import {
  probeAlternativeMethod,
  type AlternativeProbeInput,
  type AlternativeProbeResult,
} from './operations/alternative-probe';
import {
  probeOperationPermissions,
  type OperationPermissions,
  type ProbeOperationPermissionsOptions,
} from './operations/permissions';
import type { MewsOperationName } from './operation-catalog';
import { rateLimitKeyOf, sharedRateLimiter, type RateLimiter } from './rate-limiter';
import {
  MewsTransport,
  silentLogger,
  type MewsCallOptions,
  type MewsLogger,
  type MewsTransportOptions,
} from './transport';
import type { MewsLanguage } from './language';
import type { MewsHttpSend } from './http-client';
import type {
  AddCustomerInput,
  MewsConfiguration,
  MewsCustomer,
  MewsOrderItem,
  MewsPayment,
  MewsPaymentRequest,
  MewsPreauthorization,
  PaymentRequestQuery,
  MewsResource,
  PaymentQuery,
  RefundResult,
  ReservationQuery,
  ReservationSummary,
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
  /** `LanguageCode`/`CultureCode` for every call (see `language.ts`); a bound client overrides it. */
  language?: MewsLanguage | null;
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
  /** See `operations/customers.ts` `getCustomersByIds`. */
  getCustomersByIds(customerIds: string[], options?: MewsCallOptions): Promise<MewsCustomer[]>;
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
  /** See `operations/payment-pages.ts` `scanPayments`. */
  scanPayments(
    query: PaymentScanQuery,
    options?: PaymentScanOptions,
  ): AsyncGenerator<MewsPayment[], void, undefined>;
  /** See `operations/reservations.ts` `getReservation`. */
  getReservation(
    reservationId: string,
    options?: MewsCallOptions,
  ): Promise<ReservationSummary | null>;
  /** See `operations/reservations.ts` `findReservations`. */
  findReservations(
    query: ReservationQuery,
    options?: MewsCallOptions,
  ): Promise<ReservationSummary[]>;
  /** See `operations/reservations.ts` `getResources`. */
  getResources(resourceIds: string[], options?: MewsCallOptions): Promise<MewsResource[]>;
  /** See `operations/reservations.ts` `getOrderItems`. */
  getOrderItems(serviceOrderIds: string[], options?: MewsCallOptions): Promise<MewsOrderItem[]>;
  /** See `operations/alternative-probe.ts` `probeAlternativeMethod`. */
  probeAlternativeMethod(
    input: AlternativeProbeInput,
    options?: MewsCallOptions,
  ): Promise<AlternativeProbeResult>;
  /** See `operations/payment-requests.ts` `addPaymentRequest`. */
  addPaymentRequest(
    input: AddPaymentRequestInput,
    options?: MewsCallOptions,
  ): Promise<MewsPaymentRequest>;
  /** See `operations/payment-requests.ts` `getPaymentRequests`. */
  getPaymentRequests(
    query: PaymentRequestQuery,
    options?: MewsCallOptions,
  ): Promise<MewsPaymentRequest[]>;
  /** See `operations/payment-requests.ts` `cancelPaymentRequests`. */
  cancelPaymentRequests(
    paymentRequestIds: string[],
    options?: MewsCallOptions,
  ): Promise<MewsPaymentRequest[]>;
  /** See `operations/payment-requests.ts` `getPreauthorizations`. */
  getPreauthorizations(
    customerIds: string[],
    options?: MewsCallOptions,
  ): Promise<MewsPreauthorization[]>;
  /** See `operations/payment-requests.ts` `probePaymentRequests`. Never throws. */
  probePaymentRequests(options?: MewsCallOptions): Promise<PaymentRequestProbeResult>;
  /** Forgets the cached configuration (e.g. after an `IntegrationApiKeyCreated` webhook). */
  clearConfigurationCache(): void;
  /**
   * Which payment writes this connection may use, learnt without side effects: see
   * `operations/permissions.ts`. Never retried, never throws, not cached here.
   */
  probeOperationPermissions(
    options?: ProbeOperationPermissionsOptions,
  ): Promise<OperationPermissions>;
  /**
   * A stable key of this connection (platform, a hash of the access token, enterprise id) for
   * caches kept outside the client; holds no secret.
   */
  readonly connectionKey: string;
}

export function createMewsClient(options: MewsClientOptions): MewsClient {
  const now = options.now ?? Date.now;
  const transportOptions: MewsTransportOptions = {
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
    language: options.language,
  };
  const transport = new MewsTransport(transportOptions);
  // Probes are writes Mews must refuse, so their expected refusals are no errors worth an alarm in
  // the log. They keep the write retry policy: resent only when Mews cannot have processed them (a
  // 429, a connection refused or reset before sending: a reused keep-alive socket the server had
  // closed is the common case), never after a 5xx or a timeout.
  const logger = options.logger ?? silentLogger;
  const probeTransport = new MewsTransport({
    ...transportOptions,
    // Methods called through the logger, not copied off it: a pino logger keeps them on its
    // prototype, where spreading it would lose them.
    logger: {
      debug: (object, message) => logger.debug(object, message),
      info: (object, message) => logger.info(object, message),
      warn: (object, message) => logger.debug(object, message),
      error: (object, message) => logger.debug(object, message),
    },
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
    getCustomersByIds: (customerIds, callOptions) =>
      getCustomersByIds(context, customerIds, callOptions),
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
    scanPayments: (query, callOptions) => scanPayments(context, query, callOptions),
    getReservation: (reservationId, callOptions) =>
      getReservation(context, reservationId, callOptions),
    findReservations: (query, callOptions) => findReservations(context, query, callOptions),
    getResources: (resourceIds, callOptions) => getResources(context, resourceIds, callOptions),
    getOrderItems: (serviceOrderIds, callOptions) =>
      getOrderItems(context, serviceOrderIds, callOptions),
    addPaymentRequest: (input, callOptions) => addPaymentRequest(context, input, callOptions),
    getPaymentRequests: (query, callOptions) => getPaymentRequests(context, query, callOptions),
    cancelPaymentRequests: (ids, callOptions) => cancelPaymentRequests(context, ids, callOptions),
    getPreauthorizations: (customerIds, callOptions) =>
      getPreauthorizations(context, customerIds, callOptions),
    probePaymentRequests: (callOptions) =>
      probePaymentRequests({ ...context, transport: probeTransport }, randomUUID, callOptions),
    // Like the permission probes: sent once, and its expected refusal is no error for the log.
    probeAlternativeMethod: (input, callOptions) =>
      probeAlternativeMethod({ ...context, transport: probeTransport }, input, callOptions),
    clearConfigurationCache: () => {
      cached = undefined;
      inFlight = undefined;
    },
    probeOperationPermissions: (probeOptions) =>
      probeOperationPermissions(
        {
          transport: probeTransport,
          enterpriseId: options.enterpriseId,
          readConfiguration: (callOptions) => getConfiguration({ ...callOptions, refresh: true }),
          now,
          logger,
        },
        probeOptions,
      ),
    connectionKey: [
      options.platformUrl.replace(/\/+$/, ''),
      rateLimitKeyOf(options.accessToken),
      options.enterpriseId ?? '',
    ].join('|'),
  };
}
