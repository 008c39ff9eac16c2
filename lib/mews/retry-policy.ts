import type { MewsOperationKind } from './operation-catalog';

/**
 * When may a failed Connector API call be sent again? A pure function, so the rules can be read
 * and tested in one place.
 *
 * The Connector API has no idempotency key (reference §1.8): a write that reached Mews and was
 * processed, but whose answer we lost, would be processed a second time if we sent it again. So:
 * - reads retry on everything transient: 408, 429, 5xx, timeouts and network failures;
 * - writes retry only when Mews certainly did not process them: 429 (rejected before processing)
 *   and a connection that was never established. After a timeout, a dropped connection, a 408 or
 *   a 5xx the outcome is unknown and the caller must reconcile instead.
 */

/** How one attempt failed, as the transport saw it. */
export type AttemptFailure =
  | { type: 'http'; status: number; retryAfterMs: number | null }
  /** Our per-attempt timeout fired after the request was handed to the network. */
  | { type: 'timeout' }
  /** The connection could not be established (refused, unknown host): nothing was sent. */
  | { type: 'connection-refused' }
  /** The connection broke after the request may have been sent (reset, closed, unknown error). */
  | { type: 'connection-lost' };

export interface RetryPolicyConfig {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step when Mews gives no `Retry-After`. */
  baseDelayMs: number;
  /** Largest single backoff step. */
  maxDelayMs: number;
  /** Total time we are willing to sleep between attempts of one call. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyConfig = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalWaitMs: 30_000,
};

export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false;
      reason: 'permanent' | 'outcome-unknown' | 'retries-exhausted' | 'wait-budget-exhausted';
    };

export interface RetryInput {
  kind: MewsOperationKind;
  failure: AttemptFailure;
  /** Retries already made for this call (0 after the first attempt failed). */
  retriesSoFar: number;
  /** Milliseconds already slept between attempts of this call. */
  waitedMs: number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/** True when the failure is transient, i.e. the same request could succeed later. */
export function isTransient(failure: AttemptFailure): boolean {
  if (failure.type !== 'http') return true;
  return (
    failure.status === 408 ||
    failure.status === 429 ||
    (failure.status >= 500 && failure.status <= 599)
  );
}

/**
 * True when Mews may have processed the request. 4xx answers other than 408 are rejections before
 * any effect; 429 is a rejection by the rate limiter.
 */
export function mayHaveBeenProcessed(failure: AttemptFailure): boolean {
  switch (failure.type) {
    case 'connection-refused':
      return false;
    case 'timeout':
    case 'connection-lost':
      return true;
    case 'http':
      return failure.status === 408 || failure.status >= 500;
  }
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread out. */
export function backoffDelayMs(
  retriesSoFar: number,
  random: () => number,
  config = DEFAULT_RETRY_POLICY,
): number {
  const step = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** retriesSoFar);
  return Math.round(step / 2 + random() * (step / 2));
}

export function decideRetry(
  input: RetryInput,
  config: RetryPolicyConfig = DEFAULT_RETRY_POLICY,
): RetryDecision {
  const { kind, failure } = input;
  if (!isTransient(failure)) return { retry: false, reason: 'permanent' };
  if (kind === 'write') {
    if (mayHaveBeenProcessed(failure)) return { retry: false, reason: 'outcome-unknown' };
  }
  if (input.retriesSoFar >= config.maxRetries) return { retry: false, reason: 'retries-exhausted' };

  const delayMs =
    failure.type === 'http' && failure.status === 429 && failure.retryAfterMs !== null
      ? Math.max(0, failure.retryAfterMs)
      : backoffDelayMs(input.retriesSoFar, input.random, config);
  if (input.waitedMs + delayMs > config.maxTotalWaitMs)
    return { retry: false, reason: 'wait-budget-exhausted' };
  return { retry: true, delayMs };
}

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns milliseconds from `nowMs`, or `null` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP date always names a weekday or month; a bare number was handled above.
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
