import { minorToDecimalString } from '@/lib/mews';

/** "125.50 EUR": for terminals and logs. Pages format with Intl in the reader's locale. */
export function describeMoney(amountMinor: number, currency: string): string {
  return `${minorToDecimalString({ amountMinor, currency: currency.trim() })} ${currency.trim()}`;
}
