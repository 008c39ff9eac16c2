import { isLocale } from '@/lib/i18n/locales';
import { intlLocaleOf } from '@/lib/payments/email/templates/format';

/**
 * Date and time in the hotel's time zone, with the zone named so a traveller is not misled.
 * Pure, so both the server (the receipt, via `format.ts`) and the browser (the verification
 * deadline, formatted only after hydration) use the same parts.
 */
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

/**
 * The regional format for dates the guest reads: the guest's language, written the way the hotel's
 * country writes it when the hotel speaks that language (English at a London hotel → en-GB,
 * "3 December 2026, 14:05"; at a New York hotel → en-US), else that language's usual region, the
 * same one the e-mails and Mews calls use (en-GB, nl-NL, de-DE, fr-FR, cs-CZ). A bare "en" would
 * make Intl write American dates to every English reader.
 *
 * `hotelLanguageCode` is Mews' `Enterprise.DefaultLanguageCode` ("en-GB"), when known.
 */
export function dateLocaleOf(locale: string, hotelLanguageCode: string | null | undefined): string {
  const language = locale.split('-')[0]?.toLowerCase() ?? '';
  const hotel = canonical(hotelLanguageCode);
  if (hotel && hotel.split('-')[0]?.toLowerCase() === language && hotel.includes('-')) return hotel;
  if (isLocale(language)) return intlLocaleOf(language);
  return canonical(locale) ?? 'en-GB';
}

function canonical(tag: string | null | undefined): string | null {
  if (!tag?.trim()) return null;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}
