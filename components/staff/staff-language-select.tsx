'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useRef } from 'react';
import { chooseGuestLocaleAction } from '@/lib/i18n/actions';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import styles from './staff-language-select.module.css';

/**
 * The back office's language, for the staff nav: stored in the same cookie as the guest pages'
 * choice (lib/i18n/actions.ts), so one browser at the desk keeps one language until changed.
 * Choosing submits at once with JavaScript; the button does it without.
 */
export function StaffLanguageSelect() {
  const t = useTranslations('staffShell');
  const locale = useLocale();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={chooseGuestLocaleAction} className={styles.form}>
      <label htmlFor={id}>{t('language')}</label>
      <select
        id={id}
        name="locale"
        defaultValue={locale}
        className={styles.select}
        data-testid="staff-language"
        onChange={() => form.current?.requestSubmit()}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className={styles.button}>
          {t('changeLanguage')}
        </button>
      </noscript>
    </form>
  );
}
