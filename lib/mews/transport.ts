import 'server-only';
import type { z } from 'zod';
import {
  apiErrorKindOfStatus,
  MewsApiError,
  MewsOutcomeUnknownError,
  type MewsApiErrorKind,
  type OutcomeUnknownReason,
} from './errors';
import {
  MEWS_OPERATIONS,
  operationPath,
  type MewsOperationKind,
  type MewsOperationName,
} from './operation-catalog';
import { nodeHttpSend, type MewsHttpSend } from './http-client';
import { abortableSleep, rateLimitKeyOf, type RateLimiter } from './rate-limiter';
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isTransient,
  parseRetryAfter,
  type AttemptFailure,
  type RetryDecision,
  type RetryPolicyConfig,
} from './retry-policy';
import { scopedMewsLanguage, type MewsLanguage } from './language';
import { errorBodySchema } from './schemas';
import type { WirePayload } from './wire-types';

/**
 * The single way this app talks to the Connector API: POST JSON to
 * `{platform}/api/connector/v1/{operation}` with the token envelope in the body, one timeout per
 * attempt, the shared rate limiter, the retry policy, and every failure mapped to a typed error.
 */

/** The logging surface the transport needs (a pino logger fits). */
export interface MewsLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export const silentLogger: MewsLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface MewsTransportOptions {
  /** e.g. `https://api.mews-demo.com`; a trailing slash is ignored. */
  platformUrl: string;
  clientToken: string;
  accessToken: string;
  /** The `Client` envelope field: application name and version, e.g. `Mews Checkout 0.1.0`. */
  client: string;
  /** The HTTP client; `fetch` fits. Default: node:http with kept-alive connections. */
  fetch?: MewsHttpSend;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  limiter: RateLimiter;
  logger?: MewsLogger;
  retryPolicy?: Partial<RetryPolicyConfig>;
  /** Per-operation timeout overrides, in milliseconds. */
  timeouts?: Partial<Record<MewsOperationName, number>>;
  /** Sent as `LanguageCode`/`CultureCode` unless a call or a `withMewsLanguage` scope says otherwise. */
  language?: MewsLanguage | null;
}

export interface MewsCallOptions {
  /** Overrides the operation's timeout for this call (per attempt). */
  timeoutMs?: number;
  /** Cancels the call; a write cancelled in flight ends as outcome unknown. */
  signal?: AbortSignal;
  /** The language Mews answers this call in (`null`: none); wins over the scope and the client's. */
  language?: MewsLanguage | null;
}

/**
 * Operations whose answer is cached and shared by every caller: a guest's language must not pick
 * the words another guest reads, so they go out in the enterprise's default language unless the
 * call itself asks for one.
 */
const SHARED_ANSWER_OPERATIONS: ReadonlySet<MewsOperationName> = new Set(['configuration/get']);

/** Both codes or neither: Mews ignores one sent alone. */
function languageEnvelope(
  language: MewsLanguage | null | undefined,
): { LanguageCode: string; CultureCode: string } | Record<string, never> {
  return language ? { LanguageCode: language.languageCode, CultureCode: language.cultureCode } : {};
}

export interface MewsCallResult<T> {
  data: T;
  /** The `Request-Id` header of the successful answer. */
  requestId: string | null;
  attempts: number;
}

type AttemptResult =
  | { ok: true; status: number; requestId: string | null; text: string }
  | {
      ok: false;
      failure: AttemptFailure;
      requestId: string | null;
      mewsMessage: string | null;
      /** The caller's signal aborted the attempt. */
      aborted: boolean;
      cause?: unknown;
    };

/** Error codes meaning the TCP/TLS connection was never made, so no request bytes left. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, name, cause } = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    // AggregateError from happy-eyeballs connection attempts.
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const item of inner) codes.push(...errorCodes(item));
    current = cause;
  }
  return codes;
}

/** Classifies a fetch rejection that was not our own timeout nor the caller's abort. */
export function classifyNetworkError(error: unknown): AttemptFailure {
  const codes = errorCodes(error);
  if (codes.some((code) => code === 'TimeoutError' || TIMEOUT_CODES.has(code)))
    return { type: 'timeout' };
  if (codes.length > 0 && codes.some((code) => NOT_CONNECTED_CODES.has(code))) {
    return { type: 'connection-refused' };
  }
  return { type: 'connection-lost' };
}

const MAX_LOGGED_MESSAGE = 500;

function truncate(text: string | null | undefined): string | null {
  if (!text) return null;
  return text.length > MAX_LOGGED_MESSAGE ? `${text.slice(0, MAX_LOGGED_MESSAGE)}…` : text;
}

/** Drops `undefined` members so optional fields are left out rather than sent. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = withoutUndefined(inner);
    }
    return out;
  }
  return value;
}

export class MewsTransport {
  private readonly baseUrl: string;
  private readonly envelope: { ClientToken: string; AccessToken: string; Client: string };
  private readonly fetchImpl: MewsHttpSend;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly limiter: RateLimiter;
  private readonly limiterKey: string;
  private readonly logger: MewsLogger;
  private readonly retryPolicy: RetryPolicyConfig;
  private readonly timeouts: Partial<Record<MewsOperationName, number>>;
  private readonly language: MewsLanguage | null;

  constructor(options: MewsTransportOptions) {
    this.baseUrl = options.platformUrl.replace(/\/+$/, '');
    this.envelope = {
      ClientToken: options.clientToken,
      AccessToken: options.accessToken,
      Client: options.client,
    };
    this.fetchImpl = options.fetch ?? nodeHttpSend;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.limiter = options.limiter;
    this.limiterKey = rateLimitKeyOf(options.accessToken);
    this.logger = options.logger ?? silentLogger;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.timeouts = options.timeouts ?? {};
    this.language = options.language ?? null;
  }

  private languageFor(operation: MewsOperationName, options: MewsCallOptions): MewsLanguage | null {
    if (options.language !== undefined) return options.language;
    if (SHARED_ANSWER_OPERATIONS.has(operation)) return this.language;
    const scoped = scopedMewsLanguage();
    return scoped !== undefined ? scoped : this.language;
  }

  /**
   * Sends one operation and returns its validated response. Throws `MewsApiError`,
   * `MewsOutcomeUnknownError` (writes only), or the caller's abort reason (reads only).
   */
  async call<Op extends MewsOperationName, T>(
    operation: Op,
    payload: WirePayload<Op>,
    responseSchema: z.ZodType<T>,
    options: MewsCallOptions = {},
  ): Promise<MewsCallResult<T>> {
    const { kind } = MEWS_OPERATIONS[operation];
    const timeoutMs =
      options.timeoutMs ?? this.timeouts[operation] ?? MEWS_OPERATIONS[operation].timeoutMs;
    const url = `${this.baseUrl}${operationPath(operation)}`;
    const body = JSON.stringify(
      withoutUndefined({
        ...this.envelope,
        ...languageEnvelope(this.languageFor(operation, options)),
        ...payload,
      }),
    );

    let retries = 0;
    let waitedMs = 0;
    for (;;) {
      await this.limiter.acquire(this.limiterKey, options.signal);
      const result = await this.attempt(url, body, timeoutMs, options.signal);
      if (result.ok) return this.readSuccess(operation, kind, result, responseSchema, retries + 1);

      if (result.aborted) {
        if (kind === 'write') {
          throw this.outcomeUnknown(operation, 'aborted', result, options.signal?.reason);
        }
        throw options.signal?.reason ?? result.cause;
      }

      const decision = decideRetry(
        { kind, failure: result.failure, retriesSoFar: retries, waitedMs, random: this.random },
        this.retryPolicy,
      );
      if (decision.retry) {
        this.logger.warn(
          {
            operation,
            failure: describeFailure(result.failure),
            requestId: result.requestId,
            attempt: retries + 1,
            retryInMs: decision.delayMs,
          },
          'Mews request failed; retrying',
        );
        await this.sleep(decision.delayMs, options.signal);
        waitedMs += decision.delayMs;
        retries++;
        continue;
      }
      throw this.failureToError(operation, kind, result, decision, retries + 1);
    }
  }

  private async attempt(
    url: string,
    body: string,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(
        new DOMException(`Mews did not answer within ${timeoutMs} ms`, 'TimeoutError'),
      );
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    let status: number | null = null;
    let requestId: string | null = null;
    try {
      const response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
        signal: controller.signal,
      });
      status = response.status;
      requestId = response.headers.get('Request-Id');
      const text = await response.text();
      if (status >= 200 && status < 300) return { ok: true, status, requestId, text };

      const errorBody = parseErrorBody(text);
      return {
        ok: false,
        failure: {
          type: 'http',
          status,
          retryAfterMs:
            status === 429
              ? parseRetryAfter(response.headers.get('Retry-After'), this.now())
              : null,
        },
        requestId: requestId ?? errorBody.RequestId ?? null,
        mewsMessage: errorBody.Message ?? null,
        aborted: false,
      };
    } catch (error) {
      const aborted = !timedOut && Boolean(callerSignal?.aborted);
      let failure: AttemptFailure = timedOut ? { type: 'timeout' } : classifyNetworkError(error);
      // An error status whose body broke off is still that status.
      if (status !== null && (status < 200 || status >= 300))
        failure = { type: 'http', status, retryAfterMs: null };
      return { ok: false, failure, requestId, mewsMessage: null, aborted, cause: error };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private readSuccess<T>(
    operation: MewsOperationName,
    kind: MewsOperationKind,
    result: Extract<AttemptResult, { ok: true }>,
    schema: z.ZodType<T>,
    attempts: number,
  ): MewsCallResult<T> {
    let json: unknown;
    try {
      // 204 (`Prefer: return=minimal`) and empty bodies carry no JSON.
      json = result.text.trim() === '' ? {} : JSON.parse(result.text);
    } catch (error) {
      return this.invalidResponse(operation, kind, result, ['body is not JSON'], attempts, error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 10)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      return this.invalidResponse(operation, kind, result, problems, attempts, parsed.error);
    }
    if (attempts > 1)
      this.logger.info(
        { operation, attempts, requestId: result.requestId },
        'Mews request succeeded after retrying',
      );
    return { data: parsed.data, requestId: result.requestId, attempts };
  }

  private invalidResponse(
    operation: MewsOperationName,
    kind: MewsOperationKind,
    result: Extract<AttemptResult, { ok: true }>,
    problems: string[],
    attempts: number,
    cause: unknown,
  ): never {
    // Only paths and messages are logged: response values may hold personal data.
    this.logger.error(
      { operation, status: result.status, requestId: result.requestId, problems },
      'Mews response does not match the fields we rely on',
    );
    if (kind === 'write') {
      throw new MewsOutcomeUnknownError({
        operation,
        reason: 'unreadable-response',
        status: result.status,
        requestId: result.requestId,
        cause,
      });
    }
    throw new MewsApiError({
      kind: 'invalid-response',
      operation,
      status: result.status,
      requestId: result.requestId,
      retryable: false,
      attempts,
      cause,
    });
  }

  private outcomeUnknown(
    operation: MewsOperationName,
    reason: OutcomeUnknownReason,
    result: Extract<AttemptResult, { ok: false }>,
    cause: unknown,
  ): MewsOutcomeUnknownError {
    const status = result.failure.type === 'http' ? result.failure.status : null;
    this.logger.error(
      {
        operation,
        reason,
        status,
        requestId: result.requestId,
        mewsMessage: truncate(result.mewsMessage),
      },
      'Mews write may or may not have been processed; it must be reconciled',
    );
    return new MewsOutcomeUnknownError({
      operation,
      reason,
      status,
      requestId: result.requestId,
      mewsMessage: result.mewsMessage,
      cause,
    });
  }

  private failureToError(
    operation: MewsOperationName,
    kind: MewsOperationKind,
    result: Extract<AttemptResult, { ok: false }>,
    decision: Extract<RetryDecision, { retry: false }>,
    attempts: number,
  ): Error {
    const { failure } = result;
    if (kind === 'write' && decision.reason === 'outcome-unknown') {
      const reason: OutcomeUnknownReason =
        failure.type === 'timeout'
          ? 'timeout'
          : failure.type === 'http'
            ? 'server-error'
            : 'connection-lost';
      return this.outcomeUnknown(operation, reason, result, result.cause);
    }

    const apiKind: MewsApiErrorKind =
      failure.type === 'http' ? apiErrorKindOfStatus(failure.status) : 'network';
    const error = new MewsApiError({
      kind: apiKind,
      operation,
      status: failure.type === 'http' ? failure.status : null,
      mewsMessage: truncate(result.mewsMessage),
      requestId: result.requestId,
      retryable: isTransient(failure),
      attempts,
      cause: result.cause,
    });
    const logFields = {
      operation,
      kind: apiKind,
      status: error.status,
      requestId: error.requestId,
      mewsMessage: error.mewsMessage,
      attempts,
      failure: describeFailure(failure),
    };
    if (apiKind === 'business-rule')
      this.logger.info(logFields, 'Mews refused the request (business rule)');
    else if (isTransient(failure)) this.logger.warn(logFields, 'Mews request failed (transient)');
    else this.logger.error(logFields, 'Mews request failed');
    return error;
  }
}

function parseErrorBody(text: string): { Message?: string | null; RequestId?: string | null } {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function describeFailure(failure: AttemptFailure): string {
  return failure.type === 'http' ? `HTTP ${failure.status}` : failure.type;
}
