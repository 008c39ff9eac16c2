import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { EMAIL_MESSAGES, fillMessage, guestLocaleFor } from '@/lib/payments/email/messages';
import { emailAddressSchema } from '@/lib/payments/email/schemas';

/** Every language says everything the English says, with the same blanks to fill. */

const en = EMAIL_MESSAGES.en;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('e-mail texts', () => {
  for (const locale of LOCALES) {
    it(`${locale} has every key of en, and no other, each with the same placeholders`, () => {
      const messages = EMAIL_MESSAGES[locale];
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [section, texts] of Object.entries(en)) {
        const own = messages[section as keyof typeof en] as Record<string, string>;
        expect(Object.keys(own).sort(), `${locale}.${section}`).toEqual(Object.keys(texts).sort());
        for (const [key, text] of Object.entries(texts as Record<string, string>)) {
          expect(own[key]?.trim(), `${locale}.${section}.${key}`).toBeTruthy();
          expect(placeholders(own[key] as string), `${locale}.${section}.${key}`).toEqual(
            placeholders(text),
          );
        }
      }
    });

    it(`${locale}: every subject line names the hotel`, () => {
      const m = EMAIL_MESSAGES[locale];
      for (const subject of [
        m.paymentLink.subject,
        m.reminder.subject,
        m.receipt.subject,
        m.receipt.hotelSubject,
        m.linkCanceled.subject,
        m.linkCanceled.siblingPaidSubject,
        m.verificationPending.subject,
      ]) {
        expect(subject).toContain('{hotel}');
      }
    });
  }

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillMessage('{hotel}: {amount} {nope}', { hotel: 'Zon', amount: '€ 1,00' })).toBe(
      'Zon: € 1,00 {nope}',
    );
  });
});

describe('guestLocaleFor', () => {
  it('takes the language of a Mews language code we write, else the fallback', () => {
    expect(guestLocaleFor('nl-NL', 'en')).toBe('nl');
    expect(guestLocaleFor('nl-BE', 'en')).toBe('nl');
    expect(guestLocaleFor('de-AT', 'en')).toBe('de');
    expect(guestLocaleFor('fr-CA', 'nl')).toBe('fr');
    expect(guestLocaleFor('cs', 'en')).toBe('cs');
    expect(guestLocaleFor('EN-us', 'nl')).toBe('en');
    expect(guestLocaleFor('en_GB', 'nl')).toBe('en');
    expect(guestLocaleFor('it-IT', 'nl')).toBe('nl');
    expect(guestLocaleFor('', 'de')).toBe('de');
    expect(guestLocaleFor(null, 'fr')).toBe('fr');
    expect(guestLocaleFor(undefined, 'cs')).toBe('cs');
  });
});

describe('the e-mail address field', () => {
  it('accepts an address, trimmed', () => {
    expect(emailAddressSchema.parse('  guest@example.com ')).toBe('guest@example.com');
  });

  it.each([
    ['', 'empty'],
    ['plain', 'no @'],
    ['a b@example.com', 'a space'],
    ['guest@example.com\r\nBcc: all@example.com', 'a header injection'],
    ['gu\u0007est@example.com', 'a control character'],
    [`${'a'.repeat(250)}@example.com`, 'longer than 254'],
    ['4111111111111111@example.com', 'a card number'],
  ])('refuses %j (%s)', (value) => {
    expect(emailAddressSchema.safeParse(value).success).toBe(false);
  });
});

describe('the Mews customer’s language', () => {
  const wire = { Id: '3c1e2a90-0001-4c5e-8a1b-000000000002', LastName: 'Jansen' };

  it('is LanguageCode, else PreferredLanguageCode, else unknown', async () => {
    const { mapCustomer } = await import('@/lib/mews/mappers');
    expect(
      mapCustomer({ ...wire, LanguageCode: 'nl-NL', PreferredLanguageCode: 'en-GB' }).languageCode,
    ).toBe('nl-NL');
    expect(
      mapCustomer({ ...wire, LanguageCode: null, PreferredLanguageCode: 'de-AT' }).languageCode,
    ).toBe('de-AT');
    expect(mapCustomer({ ...wire, LanguageCode: ' ' }).languageCode).toBeNull();
    expect(mapCustomer(wire).languageCode).toBeNull();
    expect(guestLocaleFor(mapCustomer({ ...wire, LanguageCode: 'nl-NL' }).languageCode, 'en')).toBe(
      'nl',
    );
  });
});
