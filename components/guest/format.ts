import 'server-only';

/**
 * Dates for the guest pages, formatted on the server so the browser shows exactly what the server
 * rendered (no hydration differences between ICU versions). Amounts: `formatMoney` in lib/money.ts.
 */

/** A calendar date as the hotel sees it (a stay starts on the hotel's date, not the guest's). */
export function formatHotelDate(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** Date and time in the hotel's time zone; shared with the browser-side verification notice. */
export { dateLocaleOf, formatHotelDateTime } from './hotel-date-time';
