'use client';

import { useRouter } from 'next/navigation';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { startTransition } from 'react';
import styles from '@/components/guest/guest.module.css';

/**
 * The hotel system (Mews) could not be reached while the page was built. Nothing was charged by
 * looking at a page, so trying again is always safe.
 */
export default function PaymentPageError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useGuestTranslations('status');
  const router = useRouter();
  // The failure happened on the server: fetch the page again, then clear the error boundary.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <section
      className={styles.statusCard}
      aria-labelledby="status-heading"
      data-testid="page-error"
    >
      <span className={`${styles.statusIcon} ${styles.tone_warning}`} aria-hidden="true">
        !
      </span>
      <h1 id="status-heading" className={styles.statusTitle}>
        {t('errorTitle')}
      </h1>
      <div className={styles.statusBody}>
        <p>{t('errorBody')}</p>
        <button type="button" className={styles.secondaryButton} onClick={retry}>
          {t('tryAgain')}
        </button>
      </div>
    </section>
  );
}
