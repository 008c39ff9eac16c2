'use client';

import { releaseAttemptAction } from '@/lib/payments/staff/actions';
import styles from './staff.module.css';
import { useActionMessage } from './use-action-message';

/**
 * For a manager, on a payment whose answer from Mews was lost: release it now instead of waiting
 * for the quick check. The server reads Mews back first; a payment it finds is applied instead,
 * and payments it cannot tell apart are refused with their ids.
 */
export function ReleaseAttemptButton({ attemptId }: { attemptId: string }) {
  const { pending, message, run } = useActionMessage(
    () => releaseAttemptAction({ attemptId }),
    (data) =>
      data.outcome === 'released'
        ? 'Mews has no such payment: released. Nothing was charged; the guest may pay again.'
        : `Mews has this payment (${data.mewsPaymentId}); it was recorded as ${data.state} instead of being released.`,
  );
  return (
    <section className="card" aria-labelledby="release-heading" data-testid="release-attempt">
      <h2 id="release-heading">Release this payment</h2>
      <p className="muted">
        Mews did not answer this payment. Releasing reads Mews back once more: if Mews has the
        payment, it is recorded instead; if Mews has nothing that could be it, the payment is marked
        failed and a payment link opens again, so the guest can pay.
      </p>
      <button type="button" className={styles.secondary} disabled={pending} onClick={run}>
        {pending ? 'Reading Mews back…' : 'Read Mews back and release'}
      </button>
      <p role="status" aria-live="polite" data-testid="release-attempt-result">
        {message}
      </p>
    </section>
  );
}
