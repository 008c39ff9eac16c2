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
