import type { Locale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';

/**
 * Amounts and dates as the guest reads them in their language. Regions as the guest pages and
 * Mews calls use them (lib/server/context.ts MEWS_LANGUAGE_OF_LOCALE): English is en-GB, so a
 * date reads day-month with a 24-hour clock like everything else the guest sees.
 */
const INTL_LOCALE: Record<Locale, string> = {
  en: 'en-GB',
  nl: 'nl-NL',
  de: 'de-DE',
  fr: 'fr-FR',
  cs: 'cs-CZ',
};

export function intlLocaleOf(locale: Locale): string {
  return INTL_LOCALE[locale];
}

export function formatEmailAmount(amountMinor: number, currency: string, locale: Locale): string {
  return formatMoney(amountMinor, currency, INTL_LOCALE[locale]);
}

/**
 * A moment in the hotel's time zone, with the zone's name, so "until 14 March, 18:00" means the
 * same to a guest reading it abroad as to the hotel.
 */
export function formatEmailDateTime(moment: Date, locale: Locale, timeZone: string): string {
  return (
    new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(moment) + ` (${zoneLabel(moment, locale, timeZone)})`
  );
}

function zoneLabel(moment: Date, locale: Locale, timeZone: string): string {
  const part = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, timeZoneName: 'short' })
    .formatToParts(moment)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * What a receipt may say about the card: the brand and the last four digits, nothing more, and
 * only what is known. `masked` is Secure Fields' `424242xxxxxx4242`; its first six digits (the
 * issuer's BIN) stay out of the e-mail.
 */
export function cardLabel(brand: string | null, masked: string | null): string | null {
  const last4 = masked ? /(\d{4})$/.exec(masked.trim())?.[1] : undefined;
  const name = brand?.trim()
    ? brand
        .trim()
        .replace(/[^\p{L}\p{N} ._-]/gu, '')
        .slice(0, 30)
    : '';
  if (!last4) return name || null;
  return `${name ? `${name} ` : ''}•••• ${last4}`;
}
