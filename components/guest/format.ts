import 'server-only';
import { currencyExponent } from '@/lib/mews';

/**
 * Amounts and dates for the guest pages, formatted on the server so the browser shows exactly what
 * the server rendered (no hydration differences between ICU versions). Money arrives in integer
 * minor units; the currency's exponent decides where the decimal point goes (JPY 0, EUR 2, KWD 3).
 */

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent);
}

/** A calendar date as the hotel sees it (a stay starts on the hotel's date, not the guest's). */
export function formatHotelDate(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** Date and time in the hotel's time zone, with the zone named so a traveller is not misled. */
export function formatHotelDateTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    // dateStyle/timeStyle cannot be combined with timeZoneName, hence the separate parts.
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
