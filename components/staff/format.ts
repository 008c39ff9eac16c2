import { formatAmount } from '@/lib/money';
import { ATTEMPT_STATE_LABEL, LINK_STATE_LABEL } from '@/lib/payments/ledger/state-machine';

/** Display helpers for the staff pages (English, the desk's own locale for dates). */

export function money(
  amountMinor: number | null | undefined,
  currency: string | null | undefined,
): string {
  if (amountMinor === null || amountMinor === undefined || !currency) return '–';
  try {
    return formatAmount(amountMinor, currency);
  } catch {
    return `${amountMinor} ${currency}`;
  }
}

/**
 * `locale`: the staff member's language (useStaffVocabulary().locale); English dates are written
 * day first (en-GB), as a hotel outside the US writes them.
 */
export function dateTime(iso: string | null | undefined, locale = 'en'): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/**
 * Attempt and link states in English (the state machine keeps them with the states). The staff
 * pages say them in the staff member's language: useStaffVocabulary() in lib/i18n/staff-vocabulary.
 */
export const STATE_LABEL: Record<string, string> = { ...LINK_STATE_LABEL, ...ATTEMPT_STATE_LABEL };

export function newKey(): string {
  return crypto.randomUUID();
}
