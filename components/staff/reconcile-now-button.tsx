'use client';

import { useTranslations } from 'next-intl';
import { reconcileNowAction } from '@/lib/payments/reconciliation/actions';
import styles from './staff.module.css';
import { useActionMessage } from './use-action-message';

/** Asks Mews for the truth about every unsettled payment now, instead of at the next scheduled pass. */
export function ReconcileNowButton() {
  const t = useTranslations('staffDashboard');
  const { pending, message, run } = useActionMessage(
    () => reconcileNowAction({}),
    ({ ran, checked, settled, errors }) =>
      !ran
        ? t('reconcileBusy')
        : errors > 0
          ? t('reconcileDoneWithErrors', { checked, settled, errors })
          : t('reconcileDone', { checked, settled }),
  );
  return (
    <div>
      <button type="button" className={styles.secondary} disabled={pending} onClick={run}>
        {pending ? t('reconciling') : t('reconcile')}
      </button>
      <p role="status" aria-live="polite" data-testid="reconcile-result">
        {message}
      </p>
    </div>
  );
}
