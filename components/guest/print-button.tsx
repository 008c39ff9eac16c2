'use client';

import { useTranslations } from 'next-intl';
import styles from './guest.module.css';

export function PrintButton() {
  const t = useTranslations('receipt');
  return (
    <button type="button" className={`${styles.secondaryButton} ${styles.noPrint}`} onClick={() => window.print()}>
      {t('print')}
    </button>
  );
}
