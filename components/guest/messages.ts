import type { AttemptStatus } from '@/lib/payments/guest/types';
import type { PaymentErrorCode } from '@/lib/server/errors';

/**
 * Which translated sentence explains an ended attempt or a refused request. Shared by the pay page
 * and the return page so a guest reads the same words for the same outcome.
 */
export function failureMessageKey(attempt: AttemptStatus): string {
  // Mews' own form (card, wallet or iDEAL inside it): Mews names no reason the guest may read.
  if (attempt.method === 'mews_checkout')
    return attempt.state === 'canceled' ? 'failure.canceled' : 'failure.generic';
  if (attempt.method === 'ideal')
    return attempt.state === 'canceled' ? 'failure.idealCanceled' : 'failure.idealFailed';
  if (attempt.failureCode === 'too_many_attempts') return 'errors.too_many_attempts';
  if (attempt.failureCode === 'payment_failed' || attempt.failureCode === 'card_rejected')
    return 'failure.cardDeclined';
  if (attempt.state === 'canceled') return 'failure.canceled';
  return 'failure.generic';
}

const ERROR_KEYS: Partial<Record<PaymentErrorCode, string>> = {
  too_many_attempts: 'errors.too_many_attempts',
  card_payment_unavailable: 'errors.card_payment_unavailable',
  method_unavailable: 'errors.method_unavailable',
  mews_unavailable: 'errors.mews_unavailable',
  invalid_input: 'errors.invalid_input',
  link_expired: 'errors.link_expired',
  link_canceled: 'errors.link_canceled',
  link_paid: 'errors.link_paid',
  payment_in_progress: 'errors.payment_in_progress',
};

export function errorMessageKey(code: PaymentErrorCode): string {
  return ERROR_KEYS[code] ?? 'errors.generic';
}

/**
 * How many seconds the guest must wait when a refusal is the per-address request limit
 * (lib/payments/guest-rate-limit sends them as `fieldErrors.retryAfterSeconds`), else null: the
 * same `too_many_attempts` code without it is the hourly declined-card limit.
 */
export function retryAfterSecondsOf(error: {
  code: PaymentErrorCode;
  fieldErrors?: Record<string, string[]>;
}): number | null {
  if (error.code !== 'too_many_attempts') return null;
  const seconds = Number(error.fieldErrors?.retryAfterSeconds?.[0]);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}
