import 'server-only';
import type { PaymentAttempt } from '@/lib/db/schema';
import type { MewsConfiguration } from '@/lib/mews';
import { parseAmount, type Money } from '@/lib/money';
import {
  markUnknown,
  recordMewsPaymentId,
  refreshAttemptFromMews,
  settledLater,
} from '@/lib/payments/ledger/ledger';
import { sendOnce } from '@/lib/payments/ledger/send-once';
import { isFinalAttemptState } from '@/lib/payments/ledger/state-machine';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import type { StaffPaymentResult } from './payment-result';

/** Shared steps of the staff payment flows (external, terminal, refund). */

export async function enterpriseConfiguration(ctx: PaymentContext): Promise<MewsConfiguration> {
  try {
    return await ctx.mews.getConfiguration();
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not be reached to check the enterprise settings');
  }
}

/** The typed amount in minor units, in a currency the enterprise accepts. */
export async function staffMoney(
  ctx: PaymentContext,
  amount: string,
  currency: string,
): Promise<Money> {
  const amountMinor = parseAmount(amount, currency);
  if (amountMinor === undefined) {
    throw new PaymentError('invalid_input', 'Enter a positive amount', {
      fieldErrors: { amount: ['Enter a positive amount'] },
    });
  }
  const configuration = await enterpriseConfiguration(ctx);
  if (!configuration.currencies.enabled.includes(currency)) {
    const message = `${currency} is not enabled for ${configuration.enterprise.name}; enabled: ${configuration.currencies.enabled.join(', ')}`;
    throw new PaymentError('currency_not_enabled', message, {
      fieldErrors: { currency: [message] },
    });
  }
  return { amountMinor, currency };
}

/** Refuses a customer Mews does not know before anything is written. */
export async function assertCustomerExists(ctx: PaymentContext, customerId: string): Promise<void> {
  let found;
  try {
    found = await ctx.mews.getCustomer(customerId);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not confirm the customer');
  }
  if (!found) throw new PaymentError('customer_not_found', 'Mews has no customer with that id');
}

/**
 * Sends one Mews write for an attempt already in `processing`, never more than once: a lost
 * answer leaves the attempt `unknown` (shown as "needs attention", settled by reading Mews back),
 * a refusal fails it, a success records the Mews payment id and reads its state back.
 */
export async function sendRecordedWrite(
  ctx: PaymentContext,
  attempt: PaymentAttempt,
  actor: AuditActor,
  write: () => Promise<{ paymentId: string | null; mewsIds?: Record<string, string> }>,
): Promise<PaymentAttempt> {
  const sent = await sendOnce(ctx, attempt, actor, write, { label: 'Staff payment' });
  if (sent.kind === 'refused') return sent.attempt;
  if (sent.kind === 'unknown') {
    await auditOutcome(ctx, actor, sent.attempt);
    return sent.attempt;
  }
  const result = sent.value;
  const { paymentId } = result;
  let settled: PaymentAttempt;
  try {
    if (!paymentId) {
      // Mews processed it but gave no payment id: reconciliation finds it by our attempt marker.
      const unknown = await markUnknown(ctx, attempt);
      await auditOutcome(ctx, actor, unknown, result.mewsIds);
      return unknown;
    }
    const recorded = (await recordMewsPaymentId(ctx, attempt, paymentId)) ?? attempt;
    settled = await refreshAttemptFromMews(ctx, { ...recorded, mewsPaymentId: paymentId }, actor);
  } catch (error) {
    ctx.log.warn(
      { err: error, attemptId: attempt.id },
      'Staff payment taken by Mews; recording or reading its state failed',
    );
    settled = await settledLater(ctx, attempt, paymentId);
  }
  // Final states were audited by applyMewsPayment; say where the others stand.
  if (!isFinalAttemptState(settled.state)) await auditOutcome(ctx, actor, settled, result.mewsIds);
  return settled;
}

/** Audits an attempt that is not final yet (pending, unknown, processing). */
export async function auditOutcome(
  ctx: PaymentContext,
  actor: AuditActor,
  attempt: PaymentAttempt,
  mewsIds: Record<string, string> = {},
): Promise<void> {
  await audit(ctx, actor, {
    action: `payment.${attempt.method}.${attempt.state}`,
    outcome: attempt.state === 'unknown' ? 'unknown' : 'pending',
    subjectType: 'payment_attempt',
    subjectId: attempt.id,
    amountMinor: attempt.amountMinor,
    currency: attempt.currency,
    mewsIds: {
      customerId: attempt.mewsCustomerId,
      ...(attempt.mewsPaymentId ? { paymentId: attempt.mewsPaymentId } : {}),
      ...mewsIds,
    },
  });
}

export type { StaffPaymentResult } from './payment-result';

export function staffPaymentResult(attempt: PaymentAttempt, replayed = false): StaffPaymentResult {
  return {
    attemptId: attempt.id,
    state: attempt.state,
    method: attempt.method,
    amountMinor: attempt.amountMinor,
    currency: attempt.currency.trim(),
    mewsPaymentId: attempt.mewsPaymentId,
    failureMessage: attempt.failureMessage,
    replayed,
  };
}
