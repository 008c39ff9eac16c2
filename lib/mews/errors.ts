import type { MewsOperationName } from './operation-catalog';

/**
 * Every way a call to Mews can fail, as one small set of typed errors. Callers branch on the class
 * and on `kind`, never on Mews' `Message` text (it is localized and undocumented).
 *
 * - `MewsApiError`: Mews answered with an error, could not be reached, or answered something we
 *   could not read. For writes, it means the request was certainly **not** processed (or was
 *   rejected).
 * - `MewsOutcomeUnknownError`: a write that Mews may or may not have processed (timeout, dropped
 *   connection, 5xx, unreadable success). The Connector API has no idempotency key, so the caller
 *   must reconcile (read the payments back) before trying again.
 * - `MewsRequestError`: we refused to send the request because it breaks a rule we know about
 *   (a full card number, a disabled external payment type, an empty filter...). Nothing was sent.
 */

export type MewsApiErrorKind =
  /** 400: malformed request, unknown id or an entity in the wrong state. A bug on our side. */
  | 'bad-request'
  /** 401: wrong or expired tokens, disabled integration, or no permission for the operation. */
  | 'unauthorized'
  /** 403: a business rule refused the request; Mews' message is written for the user. */
  | 'business-rule'
  /** 404: wrong path. A bug on our side. */
  | 'not-found'
  /** 408: Mews gave up on a request it found too heavy. */
  | 'request-timeout'
  /** 409: the data changed meanwhile. */
  | 'conflict'
  /** 413: the body was too large. */
  | 'payload-too-large'
  /** 429: rate limited, and still so after the retries we allow ourselves. */
  | 'rate-limited'
  /** 5xx: a fault on Mews' side. */
  | 'server-error'
  /** Any other HTTP status. */
  | 'unexpected-status'
  /** No answer: connection refused, timeout or dropped connection (reads only; see the outcome-unknown error for writes). */
  | 'network'
  /** A success status whose body is not what the spec promises for the fields we rely on. */
  | 'invalid-response';

const GENERIC_MESSAGE =
  'Something went wrong while talking to the hotel system. Please try again later, or contact the hotel.';

/** What a guest or staff member is told, by kind. 403 shows Mews' own message instead. */
export const USER_MESSAGES: Record<MewsApiErrorKind, string> = {
  'bad-request': GENERIC_MESSAGE,
  unauthorized: 'The payment service is not configured correctly. Please contact the hotel.',
  'business-rule': GENERIC_MESSAGE,
  'not-found': GENERIC_MESSAGE,
  'request-timeout': 'The hotel system took too long to answer. Please try again in a moment.',
  conflict: 'The data changed while we were working on it. Please reload the page and try again.',
  'payload-too-large': GENERIC_MESSAGE,
  'rate-limited': 'The payment service is busy. Please try again in a moment.',
  'server-error': 'The hotel system is having trouble right now. Please try again in a moment.',
  'unexpected-status': GENERIC_MESSAGE,
  network: 'We could not reach the hotel system. Please try again in a moment.',
  'invalid-response': GENERIC_MESSAGE,
};

export const OUTCOME_UNKNOWN_PAYMENT_MESSAGE =
  'We are confirming your payment with the hotel. Please do not pay again; this can take a few minutes.';
export const OUTCOME_UNKNOWN_OTHER_MESSAGE =
  'We are confirming the result with the hotel. Please wait a moment before trying again.';

export function apiErrorKindOfStatus(status: number): MewsApiErrorKind {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'business-rule';
    case 404:
      return 'not-found';
    case 408:
      return 'request-timeout';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 429:
      return 'rate-limited';
    default:
      return status >= 500 && status <= 599 ? 'server-error' : 'unexpected-status';
  }
}

/** Common ground of the Mews errors, so a caller can `instanceof MewsError` once. */
export abstract class MewsError extends Error {
  abstract readonly operation: MewsOperationName | undefined;
  /** Safe to show to an end user as is. */
  abstract readonly userMessage: string;
}

export interface MewsApiErrorInit {
  kind: MewsApiErrorKind;
  operation: MewsOperationName;
  /** HTTP status, or `null` when no answer came back. */
  status: number | null;
  mewsMessage?: string | null;
  requestId?: string | null;
  /** Whether trying the same call again later may succeed (the transport already retried what it safely could). */
  retryable: boolean;
  /** Attempts made, retries included. */
  attempts?: number;
  cause?: unknown;
}

export class MewsApiError extends MewsError {
  override name = 'MewsApiError';
  readonly kind: MewsApiErrorKind;
  readonly operation: MewsOperationName;
  readonly status: number | null;
  /** Mews' `Message`, verbatim. Shown to users only when `userVisible`. */
  readonly mewsMessage: string | null;
  /** The `Request-Id` header (or the body's `RequestId`): quote it to Mews support. */
  readonly requestId: string | null;
  readonly retryable: boolean;
  readonly attempts: number;
  /** True when `userMessage` is Mews' own message (403 business errors). */
  readonly userVisible: boolean;
  readonly userMessage: string;

  constructor(init: MewsApiErrorInit) {
    const statusText = init.status === null ? 'no response' : `HTTP ${init.status}`;
    super(
      `Mews ${init.operation} failed (${init.kind}, ${statusText})${init.mewsMessage ? `: ${init.mewsMessage}` : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.mewsMessage = init.mewsMessage ?? null;
    this.requestId = init.requestId ?? null;
    this.retryable = init.retryable;
    this.attempts = init.attempts ?? 1;
    this.userVisible = init.kind === 'business-rule' && Boolean(this.mewsMessage?.trim());
    this.userMessage = this.userVisible
      ? (this.mewsMessage as string).trim()
      : USER_MESSAGES[init.kind];
  }
}

/** Why a write may or may not have been processed. */
export type OutcomeUnknownReason =
  /** Our timeout fired after the request was sent. */
  | 'timeout'
  /** The connection dropped after the request may have reached Mews. */
  | 'connection-lost'
  /** The caller aborted the call while it was in flight. */
  | 'aborted'
  /** Mews answered 5xx or 408: it may have done part or all of the work. */
  | 'server-error'
  /** Mews answered with success but the body could not be read, so we do not know the new id. */
  | 'unreadable-response';

const PAYMENT_OPERATIONS: ReadonlySet<MewsOperationName> = new Set<MewsOperationName>([
  'creditCards/charge',
  'payments/addCreditCard',
  'payments/addExternal',
  'payments/addAlternative',
  'payments/refund',
]);

export class MewsOutcomeUnknownError extends MewsError {
  override name = 'MewsOutcomeUnknownError';
  readonly kind = 'outcome-unknown' as const;
  readonly operation: MewsOperationName;
  readonly reason: OutcomeUnknownReason;
  readonly status: number | null;
  readonly requestId: string | null;
  readonly mewsMessage: string | null;
  /** Never retry blindly: reconcile first. */
  readonly retryable = false;
  readonly userVisible = false;
  readonly userMessage: string;

  constructor(init: {
    operation: MewsOperationName;
    reason: OutcomeUnknownReason;
    status?: number | null;
    requestId?: string | null;
    mewsMessage?: string | null;
    cause?: unknown;
  }) {
    super(
      `Mews ${init.operation}: outcome unknown (${init.reason}${init.status ? `, HTTP ${init.status}` : ''}); reconcile before retrying`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.operation = init.operation;
    this.reason = init.reason;
    this.status = init.status ?? null;
    this.requestId = init.requestId ?? null;
    this.mewsMessage = init.mewsMessage ?? null;
    this.userMessage = PAYMENT_OPERATIONS.has(init.operation)
      ? OUTCOME_UNKNOWN_PAYMENT_MESSAGE
      : OUTCOME_UNKNOWN_OTHER_MESSAGE;
  }
}

export type MewsRequestErrorCode =
  | 'full-card-number'
  | 'external-payment-type-not-enabled'
  | 'currency-not-enabled'
  | 'unknown-currency'
  | 'invalid-amount'
  | 'invalid-filter'
  | 'invalid-input'
  | 'card-storage-not-available';

/** A request we refused to send; nothing reached Mews. `message` is for developers and logs. */
export class MewsRequestError extends MewsError {
  override name = 'MewsRequestError';
  readonly code: MewsRequestErrorCode;
  readonly operation: MewsOperationName | undefined;
  readonly userMessage: string;

  constructor(code: MewsRequestErrorCode, message: string, operation?: MewsOperationName) {
    super(message);
    this.code = code;
    this.operation = operation;
    this.userMessage =
      code === 'external-payment-type-not-enabled'
        ? 'This payment type is not enabled for the hotel.'
        : code === 'currency-not-enabled'
          ? 'The hotel does not accept this currency.'
          : code === 'card-storage-not-available'
            ? 'The hotel cannot store cards at the moment.'
            : GENERIC_MESSAGE;
  }
}

export function isMewsError(error: unknown): error is MewsError {
  return error instanceof MewsError;
}
