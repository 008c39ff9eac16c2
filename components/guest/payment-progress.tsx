'use client';

import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { useEffect } from 'react';
import type { AttemptStatus } from '@/lib/payments/guest/types';
import { useLinkStatus, type LinkStatus } from './use-link-status';
import { VerificationNotice } from './verification-notice';
import { OutcomeCheck } from './outcome-check';
import styles from './guest.module.css';
import { WaitingNotice } from './waiting-notice';

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
  if (attempt?.state === 'verifying')
    return <VerificationNotice hotelName={props.hotelName} verification={attempt.verification} />;
  if (attempt?.state === 'unknown' && attempt.checkUntil && !gaveUp)
    return <OutcomeCheck checkUntil={attempt.checkUntil} onCountdownEnd={checkAgain} />;
  const atBank = attempt?.method === 'ideal' && attempt.state === 'pending' && attempt.redirectUrl;

  return (
    <WaitingNotice
      headingId="progress-heading"
      testId="payment-in-progress"
      title={atBank ? t('atBankTitle') : t('title')}
      spinner={!gaveUp}
    >
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
    </WaitingNotice>
  );
}
