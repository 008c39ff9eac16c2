import type { ReactNode } from 'react';
import type { PaymentRow } from '@/lib/payments/back-office/payments';
import { money } from './format';
import styles from './staff.module.css';

/**
 * Where refunds stand, in words staff can act on. Mews answers every refund `Pending` and it can
 * still fail at the card gateway, so a pending refund is not shown as money returned, and a failed
 * one says plainly that the guest got nothing back.
 */

const UNSETTLED = new Set(['created', 'processing', 'pending', 'verifying', 'unknown']);

export const REFUND_PENDING_TEXT = 'Refund pending at the card gateway; it can still fail.';
export const REFUND_FAILED_TEXT = 'Refund failed — the guest was not refunded.';

type RefundLike = Pick<PaymentRow, 'id' | 'state' | 'amountMinor' | 'currency'>;

/** On a refund's own page: its state. On a payment's page: its pending and failed refunds. */
export function RefundStatus({
  payment,
  refunds,
}: {
  payment: Pick<PaymentRow, 'method' | 'state' | 'amountMinor' | 'currency'>;
  refunds: readonly RefundLike[];
}) {
  if (payment.method === 'refund') {
    if (UNSETTLED.has(payment.state)) {
      return (
        <RefundLine state="pending">
          {REFUND_PENDING_TEXT} The guest has not got the money yet; this page reads Mews back every
          few seconds.
        </RefundLine>
      );
    }
    if (payment.state === 'failed') {
      return (
        <RefundLine state="failed">
          {REFUND_FAILED_TEXT} {money(payment.amountMinor, payment.currency)} can be refunded again
          from the original payment.
        </RefundLine>
      );
    }
    return null;
  }
  const pending = refunds.filter((refund) => UNSETTLED.has(refund.state));
  const failed = refunds.filter((refund) => refund.state === 'failed');
  if (pending.length === 0 && failed.length === 0) return null;
  return (
    <>
      {pending.map((refund) => (
        <RefundLine key={refund.id} state="pending">
          {money(refund.amountMinor, refund.currency)}: {REFUND_PENDING_TEXT} It already counts
          against what can still be refunded.
        </RefundLine>
      ))}
      {failed.map((refund) => (
        <RefundLine key={refund.id} state="failed">
          {money(refund.amountMinor, refund.currency)}: {REFUND_FAILED_TEXT} The amount can be
          refunded again.
        </RefundLine>
      ))}
    </>
  );
}

/** A pending refund is news (a status); a failed one needs acting on (an alert). */
function RefundLine({ state, children }: { state: 'pending' | 'failed'; children: ReactNode }) {
  const failed = state === 'failed';
  return (
    <p
      className={failed ? styles.alert : styles.notice}
      role={failed ? 'alert' : 'status'}
      data-testid="refund-status"
      data-state={state}
    >
      {children}
    </p>
  );
}
