import type { PaymentRow } from '@/lib/payments/back-office/payments';
import { verificationDeadline } from '@/lib/payments/ledger/state-machine';
import { dateTime } from './format';
import styles from './staff.module.css';

/**
 * A card payment Mews holds in `Verifying`: the card issuer wants the guest to authenticate it
 * through a link Mews e-mailed them; unverified for 24 hours, Mews cancels it (Mews help centre,
 * "PSD2 compliance"). Staff see since when and until when, so nobody takes the payment again
 * while the guest may still confirm it.
 */

function windowOf(verifyingSince: string): { since: string; until: string } {
  return {
    since: dateTime(verifyingSince),
    until: dateTime(verificationDeadline(new Date(verifyingSince)).toISOString()),
  };
}

/** The payment page's explanation. */
export function AwaitingVerification({ payment }: { payment: PaymentRow }) {
  if (payment.state !== 'verifying') return null;
  const span = payment.verifyingSince ? windowOf(payment.verifyingSince) : null;
  return (
    <p className={styles.notice} role="status" data-testid="awaiting-verification">
      <strong>Awaiting guest verification</strong>
      {span ? (
        <>
          {' '}
          since {span.since}, until {span.until}
        </>
      ) : null}
      . The card issuer asked for strong customer authentication: Mews has e-mailed the guest a link
      to confirm this payment. Verified, it is charged; declined, it fails; unanswered for 24 hours,
      Mews cancels it. Do not take it again meanwhile: the payment link stays closed, and Mews will
      not close the bill while this payment is verifying.
    </p>
  );
}

/** The payments list's note under the state badge. */
export function VerificationWindow({ row }: { row: PaymentRow }) {
  if (row.state !== 'verifying' || !row.verifyingSince) return null;
  const span = windowOf(row.verifyingSince);
  return (
    <span className="muted" data-testid="verification-window">
      {' '}
      since {span.since}, until {span.until}
    </span>
  );
}
