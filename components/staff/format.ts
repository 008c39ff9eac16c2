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

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Attempt and link states in the staff pages' words (the state machine keeps them with the states). */
export const STATE_LABEL: Record<string, string> = { ...LINK_STATE_LABEL, ...ATTEMPT_STATE_LABEL };

export function newKey(): string {
  return crypto.randomUUID();
}
