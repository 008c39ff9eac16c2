import { MewsApiError, MewsOutcomeUnknownError, MewsRequestError } from '@/lib/mews';

/**
 * What can go wrong in a payment flow, in words the UI can act on. `code` is stable (the guest
 * pages translate it); `message` is English for staff, API callers and logs; `userVisible` says
 * whether `message` may be shown as it is (Mews' business refusals may, internal faults may not).
 */
export type PaymentErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'link_not_found'
  | 'link_expired'
  | 'link_canceled'
  | 'link_paid'
  | 'payment_in_progress'
  | 'card_payment_unavailable'
  | 'method_unavailable'
  | 'card_rejected'
  | 'too_many_attempts'
  | 'currency_not_enabled'
  | 'customer_not_found'
  | 'mews_refused'
  | 'mews_unavailable'
  | 'conflict'
  | 'internal';

const HTTP_STATUS: Record<PaymentErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  link_not_found: 404,
  link_expired: 410,
  link_canceled: 410,
  link_paid: 409,
  payment_in_progress: 409,
  card_payment_unavailable: 409,
  method_unavailable: 409,
  card_rejected: 422,
  too_many_attempts: 429,
  currency_not_enabled: 422,
  customer_not_found: 422,
  mews_refused: 422,
  mews_unavailable: 503,
  conflict: 409,
  internal: 500,
};

export class PaymentError extends Error {
  override name = 'PaymentError';
  readonly status: number;
  constructor(
    readonly code: PaymentErrorCode,
    message: string,
    readonly options: {
      userVisible?: boolean;
      fieldErrors?: Record<string, string[]>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = HTTP_STATUS[code];
  }
  get userVisible(): boolean {
    return this.options.userVisible ?? this.code !== 'internal';
  }
}

/** Turns a Mews client error into the payment error a caller should see. */
export function paymentErrorFromMews(
  error: unknown,
  fallback = 'Mews could not process the request',
): PaymentError {
  if (error instanceof PaymentError) return error;
  if (error instanceof MewsApiError) {
    if (error.userVisible) {
      return new PaymentError('mews_refused', error.userMessage, {
        userVisible: true,
        cause: error,
      });
    }
    if (['rate-limited', 'server-error', 'network', 'request-timeout'].includes(error.kind)) {
      return new PaymentError('mews_unavailable', error.userMessage, { cause: error });
    }
    return new PaymentError('internal', error.userMessage || fallback, { cause: error });
  }
  if (error instanceof MewsRequestError) {
    return new PaymentError('invalid_input', error.message, { userVisible: true, cause: error });
  }
  if (error instanceof MewsOutcomeUnknownError) {
    return new PaymentError('mews_unavailable', error.message, { cause: error });
  }
  return new PaymentError('internal', fallback, { userVisible: false, cause: error });
}
