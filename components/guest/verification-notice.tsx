'use client';

import { useSyncExternalStore } from 'react';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import type { AttemptStatus } from '@/lib/payments/guest/types';
import styles from './guest.module.css';
import { formatHotelDateTime } from './hotel-date-time';
import { WaitingNotice } from './waiting-notice';

/**
 * What a guest reads while their card issuer wants them to authenticate the payment (Mews state
 * `Verifying`): the next step is in their inbox, not on this page. Mews e-mails them a verification
 * link on the hotel's behalf, valid for 24 hours, after which Mews cancels the payment. Paying
 * again meanwhile would only start a second charge, so the page says not to and keeps polling
 * (the parent's status hook) until Mews settles it.
 */
export function VerificationNotice(props: {
  hotelName: string;
  verification: AttemptStatus['verification'];
}) {
  const t = useGuestTranslations('verifying');
  const until = useHotelTime(props.verification);

  return (
    <WaitingNotice headingId="verifying-heading" testId="payment-verifying" title={t('title')}>
      <p role="status" aria-live="polite">
        {t('body')}
      </p>
      <p className={styles.strong}>{t('checkEmail', { hotel: props.hotelName })}</p>
      <p data-testid="verification-valid-until">
        {until ? t('validUntil', { until }) : t('validFor')}
      </p>
      <p className={styles.strong}>{t('doNotPayAgain')}</p>
      <p className={styles.muted}>{t('updates')}</p>
    </WaitingNotice>
  );
}

const noChanges = () => () => undefined;

/**
 * The link's deadline in the hotel's time zone and the page's language. Formatted only in the
 * browser, after the server's render (where it is absent), so the two renders never disagree over
 * the ICU data each has; without the hotel's time zone the notice says "24 hours" alone.
 */
function useHotelTime(verification: AttemptStatus['verification']): string | null {
  const locale = useSyncExternalStore(
    noChanges,
    () => document.documentElement.lang || 'en',
    () => null,
  );
  if (!locale || !verification?.hotelTimeZone) return null;
  try {
    return formatHotelDateTime(verification.until, locale, verification.hotelTimeZone);
  } catch {
    // A time zone this browser does not know: the 24 hours are still true.
    return null;
  }
}
