'use client';

import { reconcileNowAction } from '@/lib/payments/reconciliation/actions';
import styles from './staff.module.css';
import { useActionMessage } from './use-action-message';

/** Asks Mews for the truth about every unsettled payment now, instead of at the next scheduled pass. */
export function ReconcileNowButton() {
  const { pending, message, run } = useActionMessage(
    () => reconcileNowAction({}),
    ({ ran, checked, settled, errors }) =>
      ran
        ? `Checked ${checked} unsettled payment${checked === 1 ? '' : 's'} with Mews; ${settled} updated${errors > 0 ? `, ${errors} could not be read (tried again automatically)` : ''}.`
        : 'A reconciliation is running right now; its results appear in a moment.',
  );
  return (
    <div>
      <button type="button" className={styles.secondary} disabled={pending} onClick={run}>
        {pending ? 'Checking with Mews…' : 'Reconcile with Mews now'}
      </button>
      <p role="status" aria-live="polite" data-testid="reconcile-result">
        {message}
      </p>
    </div>
  );
}
