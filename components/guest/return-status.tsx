'use client';

import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { failureMessageKey } from './messages';
import { isInProgress, useLinkStatus, type LinkStatus } from './use-link-status';
import styles from './guest.module.css';

/**
 * The iDEAL return page's status, from the server's read-back of Mews: processing (do not pay
 * again, keep polling), paid (link to the receipt), failed or canceled (try again), or a link that
 * can no longer be paid.
 */
export function ReturnStatus(props: {
  token: string;
  initial: LinkStatus;
  hotelName: string | null;
  amountLabel: string | null;
}) {
  const t = useGuestTranslations();
  const waiting = props.initial.linkState === 'processing' || isInProgress(props.initial.attempt);
  const {
    status = props.initial,
    gaveUp,
    checkAgain,
  } = useLinkStatus(props.token, {
    enabled: waiting,
    initial: props.initial,
    scope: 'return',
  });
  const payUrl = `/pay/${encodeURIComponent(props.token)}`;
  const attempt = status.attempt;
  const hotel = props.hotelName ?? t('return.theHotel');

  let tone: 'info' | 'success' | 'warning' | 'error';
  let title: string;
  let body: string;
  let action: { href: string; label: string } | null = null;
  let testId: string;

  if (status.linkState === 'paid' || attempt?.state === 'succeeded') {
    tone = 'success';
    title = t('return.paidTitle');
    body = t('return.paidBody', { hotel });
    action = { href: payUrl, label: t('return.viewReceipt') };
    testId = 'return-paid';
  } else if (status.linkState === 'processing' || isInProgress(attempt)) {
    tone = 'info';
    title = t('return.processingTitle');
    body = gaveUp ? t('progress.gaveUp', { hotel }) : t('return.processingBody');
    testId = 'return-processing';
  } else if (status.linkState === 'expired' || status.linkState === 'canceled') {
    tone = 'warning';
    title = t('return.closedTitle');
    body = t(status.linkState === 'expired' ? 'status.expiredBody' : 'status.canceledBody', {
      hotel,
    });
    testId = 'return-closed';
  } else if (attempt && (attempt.state === 'failed' || attempt.state === 'canceled')) {
    tone = 'error';
    title = attempt.state === 'canceled' ? t('return.canceledTitle') : t('return.failedTitle');
    body = t(failureMessageKey(attempt));
    action = { href: payUrl, label: t('return.tryAgain') };
    testId = 'return-failed';
  } else {
    tone = 'info';
    title = t('return.noPaymentTitle');
    body = t('return.noPaymentBody');
    action = { href: payUrl, label: t('return.toPayment') };
    testId = 'return-no-payment';
  }

  const icon = { info: '', warning: '!', error: '!', success: '✓' }[tone];
  return (
    <section className={styles.statusCard} aria-labelledby="status-heading" data-testid={testId}>
      {tone === 'info' && !gaveUp ? (
        <span className={`${styles.spinner} ${styles.spinnerLarge}`} aria-hidden="true" />
      ) : (
        <span
          className={`${styles.statusIcon} ${styles[`tone_${tone === 'info' ? 'info' : tone}`]}`}
          aria-hidden="true"
        >
          {icon || 'i'}
        </span>
      )}
      {props.hotelName ? <p className={styles.eyebrow}>{props.hotelName}</p> : null}
      <h1 id="status-heading" className={styles.statusTitle}>
        {title}
      </h1>
      {props.amountLabel ? <p className={styles.amountSmall}>{props.amountLabel}</p> : null}
      <div className={styles.statusBody}>
        <p role="status" aria-live="polite">
          {body}
        </p>
        {testId === 'return-processing' ? (
          <p className={styles.strong}>{t('progress.doNotPayAgain')}</p>
        ) : null}
        {testId === 'return-processing' && gaveUp ? (
          <button type="button" className={styles.secondaryButton} onClick={checkAgain}>
            {t('progress.checkAgain')}
          </button>
        ) : null}
        {action ? (
          <a
            className={tone === 'success' ? styles.primaryLink : styles.secondaryButton}
            href={action.href}
          >
            {action.label}
          </a>
        ) : null}
      </div>
    </section>
  );
}
