'use client';

import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { useEffect } from 'react';
import type { AttemptStatus } from '@/lib/payments/guest/types';
import { useLinkStatus, type LinkStatus } from './use-link-status';
import styles from './guest.module.css';

/**
 * "We are confirming your payment — do not pay again": shown while an attempt has no final
 * answer yet. Polls the status endpoint and hands the final state to the page.
 */
export function PaymentProgress(props: {
  token: string;
  hotelName: string;
  attempt: AttemptStatus | null;
  scope: string;
  onSettled: (status: LinkStatus) => void;
}) {
  const t = useGuestTranslations('progress');
  const { status, settled, gaveUp, checkAgain } = useLinkStatus(props.token, {
    enabled: true,
    scope: props.scope,
  });
  const { onSettled } = props;

  useEffect(() => {
    if (settled && status) onSettled(status);
  }, [settled, status, onSettled]);

  const attempt = status?.attempt ?? props.attempt;
  const atBank = attempt?.method === 'ideal' && attempt.state === 'pending' && attempt.redirectUrl;

  return (
    <section
      className={`${styles.notice} ${styles.noticeInfo}`}
      aria-labelledby="progress-heading"
      data-testid="payment-in-progress"
    >
      <h2 id="progress-heading" className={styles.noticeTitle}>
        {!gaveUp ? <span className={styles.spinner} aria-hidden="true" /> : null}
        {atBank ? t('atBankTitle') : t('title')}
      </h2>
      <p role="status" aria-live="polite">
        {gaveUp ? t('gaveUp', { hotel: props.hotelName }) : atBank ? t('atBankBody') : t('body')}
      </p>
      <p className={styles.strong}>{t('doNotPayAgain')}</p>
      <div className={styles.actions}>
        {atBank && attempt?.redirectUrl ? (
          <a className={styles.secondaryButton} href={attempt.redirectUrl}>
            {t('continueAtBank')}
          </a>
        ) : null}
        {gaveUp ? (
          <button type="button" className={styles.secondaryButton} onClick={checkAgain}>
            {t('checkAgain')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
