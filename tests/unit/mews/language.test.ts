import { describe, expect, it } from 'vitest';
import { MewsApiError } from '@/lib/mews/errors';
import { bindMewsLanguage, mewsLanguage, withMewsLanguage } from '@/lib/mews/language';
import {
  MEWS_LANGUAGE_OF_LOCALE,
  withGuestLanguage,
  type PaymentContext,
} from '@/lib/server/context';
import { LOCALES } from '@/lib/i18n/locales';
import { errorResponse, jsonResponse, testClient, type RecordedRequest } from './support';
import { IDS, wireCard, wireConfiguration } from './fixtures';

/**
 * `LanguageCode`/`CultureCode` in the envelope: Mews localizes business errors with them and
 * ignores either one alone (reference §1.3), so they go out as a pair, only where a language is
 * known.
 */

const cards = () => jsonResponse({ CreditCards: [wireCard()], Cursor: null });
const languageOf = (request: RecordedRequest | undefined) => ({
  LanguageCode: request?.body.LanguageCode,
  CultureCode: request?.body.CultureCode,
});
const NONE = { LanguageCode: undefined, CultureCode: undefined };

describe('LanguageCode/CultureCode', () => {
  it('sends neither when no language is known (staff, reconciler, webhooks)', async () => {
    const { client, scripted } = testClient([cards()]);
    await client.listCreditCards(IDS.customer);
    expect(languageOf(scripted.requests[0])).toEqual(NONE);
  });

  it('sends both with a client-wide language, and a call can override or drop it', async () => {
    const { client, scripted } = testClient([cards(), cards(), cards()], {
      language: mewsLanguage('cs-CZ'),
    });
    await client.listCreditCards(IDS.customer);
    await client.listCreditCards(IDS.customer, { language: mewsLanguage('de-DE', 'de-AT') });
    await client.listCreditCards(IDS.customer, { language: null });
    expect(scripted.requests.map(languageOf)).toEqual([
      { LanguageCode: 'cs-CZ', CultureCode: 'cs-CZ' },
      { LanguageCode: 'de-DE', CultureCode: 'de-AT' },
      NONE,
    ]);
  });

  it('a client bound to a language sends it on every call; the unbound client is unchanged', async () => {
    const { client, scripted } = testClient([cards(), cards()]);
    const dutch = bindMewsLanguage(client, mewsLanguage('nl-NL'));
    await dutch.listCreditCards(IDS.customer);
    await client.listCreditCards(IDS.customer);
    expect(scripted.requests.map(languageOf)).toEqual([
      { LanguageCode: 'nl-NL', CultureCode: 'nl-NL' },
      NONE,
    ]);
  });

  it('keeps configuration/get (cached and shared by every guest) out of a guest language', async () => {
    const { client, scripted } = testClient({
      'configuration/get': [jsonResponse(wireConfiguration())],
    });
    await withMewsLanguage(mewsLanguage('fr-FR'), () => client.getConfiguration());
    expect(languageOf(scripted.requests[0])).toEqual(NONE);
  });

  it("hands Mews' localized business refusal to the caller as Mews worded it", async () => {
    const { client, scripted } = testClient({
      'configuration/get': [jsonResponse(wireConfiguration())],
      'creditCards/charge': [
        (request) =>
          request.body.LanguageCode === 'nl-NL'
            ? errorResponse(403, 'De kaart is geweigerd.')
            : errorResponse(403, 'The card was declined.'),
      ],
    });
    const dutch = bindMewsLanguage(client, mewsLanguage('nl-NL'));
    const error = await dutch
      .chargeCreditCard({
        creditCardId: IDS.card,
        amount: { amountMinor: 1000, currency: 'GBP' },
        attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      })
      .catch((e: unknown) => e);
    expect(scripted.count('creditCards/charge')).toBe(1);
    expect(error).toBeInstanceOf(MewsApiError);
    expect((error as MewsApiError).mewsMessage).toBe('De kaart is geweigerd.');
  });

  it('refuses a malformed language tag rather than sending it', () => {
    expect(() => mewsLanguage('nl')).toThrow(/Not a Mews language code/);
    expect(() => mewsLanguage('en-GB', 'english')).toThrow(/english/);
  });
});

describe('guest locales → Mews languages', () => {
  it('maps each of the five guest languages to a Mews language with a region', () => {
    expect(Object.keys(MEWS_LANGUAGE_OF_LOCALE).sort()).toEqual([...LOCALES].sort());
    for (const language of Object.values(MEWS_LANGUAGE_OF_LOCALE)) {
      expect(mewsLanguage(language.languageCode, language.cultureCode)).toEqual(language);
    }
    expect(MEWS_LANGUAGE_OF_LOCALE.en).toEqual({ languageCode: 'en-GB', cultureCode: 'en-GB' });
    expect(MEWS_LANGUAGE_OF_LOCALE.cs).toEqual({ languageCode: 'cs-CZ', cultureCode: 'cs-CZ' });
  });

  it("withGuestLanguage gives the guest flows a client that speaks the guest's language", async () => {
    const { client, scripted } = testClient([cards()]);
    const ctx = { mews: client } as unknown as PaymentContext;
    await withGuestLanguage(ctx, 'de').mews.listCreditCards(IDS.customer);
    expect(languageOf(scripted.requests[0])).toEqual({
      LanguageCode: 'de-DE',
      CultureCode: 'de-DE',
    });
  });
});
