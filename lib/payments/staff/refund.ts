import 'server-only';
import type { z } from 'zod';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { listRefundsOf } from '@/lib/db/staff-ledger';
import type { PaymentAttempt } from '@/lib/db/schema';
import { isUniqueViolation } from '@/lib/db/errors';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { assertPaymentCapability } from '@/lib/payments/installation/operation-permissions';
import { PaymentError } from '@/lib/server/errors';
import {
  cancelUnsent,
  markProcessing,
  openAttempt,
  refreshAttemptIfPossible,
} from '@/lib/payments/ledger/ledger';
import { sendRecordedWrite, staffPaymentResult, type StaffPaymentResult } from './common';
import { isFinalAttemptState } from '@/lib/payments/ledger/state-machine';
import { formatAmount, parseAmount } from '@/lib/money';
import type { refundSchema } from './schemas';

/**
 * Refunds (managers only), full or partial, with `payments/refund`. Mews refunds only card and
 * alternative (iDEAL) payments; the refund is a payment of its own, and Mews answers it `Pending`
 * first: it can still fail at the card gateway (reference §2.9: refund `State` added 2024-12-19,
 * "Refunds can still fail while Pending"). So it gets its own ledger row (method `refund`), stays
 * `pending` until Mews settles it (read back by its `RefundId` here, on the payment pages and by
 * the reconciler), and counts against what is left to refund until it succeeds or fails.
 */

type Refund = z.output<typeof refundSchema>;

/** Payments Mews took itself (a card, iDEAL, or Mews Payments Checkout): `payments/refund` takes them. */
const REFUNDABLE_METHODS: readonly PaymentAttempt['method'][] = [
  'card',
  'stored_card',
  'ideal',
  'mews_checkout',
];

/**
 * What is left to refund: the payment minus refunds that succeeded or may still succeed (pending
 * ones included, so nothing can be refunded twice while one is at the gateway). Pending refunds
 * are read back from Mews first, so one that failed meanwhile gives its amount back at once.
 */
export async function refundableAmount(
  ctx: PaymentContext,
  original: PaymentAttempt,
): Promise<number> {
  await readBackUnsettledRefunds(ctx, original);
  return Math.max(0, await unrefundedAmount(ctx, original));
}

/** Refunds of this payment that Mews may still settle either way. */
export function isUnsettledRefund(refund: Pick<PaymentAttempt, 'state'>): boolean {
  return !isFinalAttemptState(refund.state);
}

/** Best effort: when Mews does not answer, the ledger's (cautious) view stands. */
async function readBackUnsettledRefunds(
  ctx: PaymentContext,
  original: PaymentAttempt,
): Promise<void> {
  const unsettled = (await listRefundsOf(ctx.db, original.id)).filter(
    (refund) => refund.mewsPaymentId && isUnsettledRefund(refund),
  );
  for (const refund of unsettled) await refreshAttemptIfPossible(ctx, refund);
}

/** The payment minus every refund that succeeded or may still succeed; negative if over-refunded. */
async function unrefundedAmount(ctx: PaymentContext, original: PaymentAttempt): Promise<number> {
  const refunds = await listRefundsOf(ctx.db, original.id);
  const committed = refunds
    .filter((refund) => refund.state !== 'failed' && refund.state !== 'canceled')
    .reduce((sum, refund) => sum + refund.amountMinor, 0);
  return original.amountMinor - committed;
}

export function isRefundable(attempt: PaymentAttempt): boolean {
  return (
    attempt.state === 'succeeded' &&
    Boolean(attempt.mewsPaymentId) &&
    REFUNDABLE_METHODS.includes(attempt.method)
  );
}

export async function refundPayment(
  ctx: PaymentContext,
  input: Refund,
  actor: AuditActor,
  clientAddress: string | null,
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'refund');
  const original = await findPaymentAttempt(ctx.db, input.attemptId);
  if (!original) throw new PaymentError('not_found', 'No such payment');
  const currency = original.currency.trim();
  if (!isRefundable(original) || !original.mewsPaymentId) {
    throw new PaymentError(
      'conflict',
      'Only succeeded card, iDEAL and Mews Payments Checkout payments can be refunded through Mews (external and terminal payments are refunded outside it).',
    );
  }
  const remaining = await refundableAmount(ctx, original);
  let amountMinor = remaining;
  if (input.amount) {
    const parsed = parseAmount(input.amount, currency);
    if (parsed === undefined) {
      throw new PaymentError('invalid_input', 'Enter a positive amount', {
        fieldErrors: { amount: ['Enter a positive amount'] },
      });
    }
    amountMinor = parsed;
  }
  if (remaining === 0 || amountMinor > remaining) {
    const message =
      remaining === 0
        ? 'This payment has been refunded in full already'
        : `At most ${formatAmount(remaining, currency)} can still be refunded`;
    throw new PaymentError('invalid_input', message, { fieldErrors: { amount: [message] } });
  }
  const full = amountMinor === original.amountMinor;

  const { attempt, created } = await openRefundAttempt(ctx, {
    idempotencyKey: input.idempotencyKey,
    paymentLinkId: null,
    method: 'refund',
    amountMinor,
    currency,
    mewsCustomerId: original.mewsCustomerId,
    mewsReservationId: original.mewsReservationId,
    refundOfAttemptId: original.id,
    initiatedByStaffId: actor.type === 'staff' ? actor.staffId : null,
    clientAddress,
    notes: input.reason,
  });
  if (!created) return staffPaymentResult(await refreshAttemptIfPossible(ctx, attempt), true);
  // This refund now holds the payment's only refund slot: every earlier refund is settled, so
  // the sum is exact. A refund that raced past the first check stops here, before Mews.
  if ((await unrefundedAmount(ctx, original)) < 0) {
    await cancelUnsent(ctx, attempt, 'exceeds_refundable');
    const message = `At most ${formatAmount(await refundableAmount(ctx, original), currency)} can still be refunded`;
    throw new PaymentError('invalid_input', message, { fieldErrors: { amount: [message] } });
  }

  const processing = await markProcessing(ctx, attempt);
  const paymentId = original.mewsPaymentId;
  const settled = await sendRecordedWrite(ctx, processing, actor, async () => {
    const result = await ctx.mews.refundPayment({
      paymentId,
      accountId: original.mewsCustomerId,
      reason: input.reason,
      attemptId: attempt.id,
      // The whole payment: let Mews take its own figure rather than one we computed.
      amount: full ? undefined : { amountMinor, currency },
    });
    return { paymentId: result.refundId, mewsIds: { refundedPaymentId: result.paymentId } };
  });
  return staffPaymentResult(settled);
}

async function openRefundAttempt(ctx: PaymentContext, row: Parameters<typeof openAttempt>[1]) {
  try {
    return await openAttempt(ctx, row);
  } catch (error) {
    if (isUniqueViolation(error, 'payment_attempts_one_active_refund_key')) {
      throw new PaymentError(
        'payment_in_progress',
        'Another refund of this payment is still pending at the card gateway (it can still fail); refund the rest once it is settled',
      );
    }
    throw error;
  }
}
