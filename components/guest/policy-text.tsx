import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALE_NAMES } from '@/lib/i18n/locales';
import type { GuestPolicyView } from '@/lib/payments/guest/types';
import styles from './guest.module.css';

/** Where the policy text is, for the checkbox that accepts it (components/guest/payment-panel). */
export const POLICY_TEXT_ID = 'deposit-policy';

/**
 * The hotel's deposit / cancellation policy on the pay page, rendered on the server (no
 * JavaScript). Open when the guest must accept it, folded otherwise; a long text scrolls inside its
 * box. A text the hotel did not write in the guest's language is marked with its own language, so a
 * screen reader reads it in the right voice, and the guest is told why it is in another language.
 */
export async function PolicyText({ policy }: { policy: GuestPolicyView }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('policy')]);
  const foreign = policy.textLocale !== locale;
  return (
    <details className={styles.policy} open={policy.required} data-testid="policy">
      <summary className={styles.policySummary}>{t('title')}</summary>
      {foreign ? (
        <p className={styles.policyNote}>
          {t('otherLanguage', { language: LOCALE_NAMES[policy.textLocale] })}
        </p>
      ) : null}
      <div
        id={POLICY_TEXT_ID}
        className={styles.policyText}
        lang={foreign ? policy.textLocale : undefined}
        // Focusable so a keyboard user can scroll a long text (axe: scrollable-region-focusable).
        tabIndex={0}
        role="region"
        aria-label={t('title')}
        data-testid="policy-text"
      >
        {policy.text}
      </div>
    </details>
  );
}
