import { describe, expect, it } from 'vitest';
import { dateLocaleOf, formatHotelDateTime } from '@/components/guest/hotel-date-time';

/** 14:05 in London in winter (GMT) and 15:05 in summer (BST, UTC+1). */
const WINTER = '2026-12-03T14:05:00Z';
const SUMMER = '2026-07-03T14:05:00Z';

describe('dates on the guest pages', () => {
  it('English at a London hotel is written the British way: day first, 24-hour clock', () => {
    const locale = dateLocaleOf('en', 'en-GB');
    expect(locale).toBe('en-GB');
    expect(formatHotelDateTime(WINTER, locale, 'Europe/London')).toBe(
      '3 December 2026 at 14:05 GMT',
    );
    // The hotel's time, summer time included, not the server's or the guest's.
    expect(formatHotelDateTime(SUMMER, locale, 'Europe/London')).toBe('3 July 2026 at 15:05 BST');
  });

  it('English at a New York hotel is written the American way, in New York time', () => {
    const locale = dateLocaleOf('en', 'en-US');
    expect(locale).toBe('en-US');
    expect(formatHotelDateTime(WINTER, locale, 'America/New_York')).toBe(
      'December 3, 2026 at 09:05 AM EST',
    );
  });

  it("another language than the hotel's is written as that language usually is", () => {
    expect(dateLocaleOf('nl', 'en-GB')).toBe('nl-NL');
    expect(dateLocaleOf('de', 'en-GB')).toBe('de-DE');
    expect(formatHotelDateTime(WINTER, dateLocaleOf('de', 'en-GB'), 'Europe/London')).toBe(
      '3. Dezember 2026 um 14:05 GMT+0',
    );
    // Dutch at a Dutch hotel: the hotel's own regional format.
    expect(dateLocaleOf('nl', 'nl-NL')).toBe('nl-NL');
  });

  it("without the hotel's language, English is still not American: en-GB as in the e-mails", () => {
    expect(dateLocaleOf('en', null)).toBe('en-GB');
    expect(dateLocaleOf('en', '')).toBe('en-GB');
    expect(dateLocaleOf('en', 'en')).toBe('en-GB');
    expect(dateLocaleOf('en', 'not a language tag!')).toBe('en-GB');
    expect(dateLocaleOf('cs', undefined)).toBe('cs-CZ');
  });
});
