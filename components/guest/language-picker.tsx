import { getLocale, getTranslations } from 'next-intl/server';
import { chooseGuestLocaleAction } from '@/lib/i18n/actions';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import styles from './guest.module.css';

/**
 * One button per language, each in its own language, posting to a server action that stores the
 * choice. Buttons (not a select that acts on change) so choosing never happens by accident while
 * a keyboard user moves through the options.
 */
export async function LanguagePicker() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('shell')]);
  return (
    <form action={chooseGuestLocaleAction} className={styles.languages} aria-label={t('language')}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="submit"
          name="locale"
          value={code}
          lang={code}
          className={styles.languageButton}
          aria-current={code === locale ? 'true' : undefined}
          title={LOCALE_NAMES[code]}
        >
          {code.toUpperCase()}
          <span className={styles.visuallyHidden}> {LOCALE_NAMES[code]}</span>
        </button>
      ))}
    </form>
  );
}
