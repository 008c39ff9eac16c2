import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguagePicker } from './language-picker';
import styles from './guest.module.css';

/** The frame around every guest page: who is asking for money is shown by each page itself. */
export async function GuestShell({ children }: { children: ReactNode }) {
  const t = await getTranslations('shell');
  return (
    <div className={styles.shell}>
      <a className={styles.skipLink} href="#main">
        {t('skipToContent')}
      </a>
      <header className={styles.topBar}>
        <p className={styles.secure}>
          <LockIcon />
          {t('securePayment')}
        </p>
        <LanguagePicker />
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
      <footer className={styles.footer}>
        <p>{t('footer')}</p>
      </footer>
    </div>
  );
}

export function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      className={styles.icon}
    >
      <path
        fill="currentColor"
        d="M12 1a5 5 0 0 0-5 5v4H6a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2h-1V6a5 5 0 0 0-5-5Zm-3 9V6a3 3 0 1 1 6 0v4H9Z"
      />
    </svg>
  );
}
