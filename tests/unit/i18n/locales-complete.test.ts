import { describe, expect, it } from 'vitest';
import type { MessageTree } from '@/lib/i18n/format-message';
import { LOCALES } from '@/lib/i18n/locales';
import en from '@/lib/i18n/messages/en.json';

/**
 * Every guest language says everything the English pages say, with the same placeholders: a key
 * missing in one language shows the guest a raw key instead of a sentence, and a placeholder
 * missing drops the hotel's name or a deadline from it.
 */

function leaves(tree: MessageTree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) found.set(k, v);
  }
  return found;
}

/** The arguments a message takes (`{name}`, `{name, plural, …}`), not the words of its cases. */
function placeholders(message: string): string[] {
  return [
    ...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1] as string)),
  ].sort();
}

const english = leaves(en as MessageTree);

describe.each(LOCALES.filter((locale) => locale !== 'en'))('guest messages in %s', (locale) => {
  it('have every key of the English messages and no other, with the same placeholders', async () => {
    const messages = leaves(
      (await import(`@/lib/i18n/messages/${locale}.json`)).default as MessageTree,
    );
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, message] of english) {
      expect(placeholders(messages.get(key) ?? ''), `${locale} ${key}`).toEqual(
        placeholders(message),
      );
    }
  });
});

describe('the card verification notice (Mews Verifying)', () => {
  it.each(LOCALES)(
    'tells the guest in %s to check the e-mail from the hotel, until when, and not to pay again',
    async (locale) => {
      const messages = (await import(`@/lib/i18n/messages/${locale}.json`)).default as MessageTree;
      const verifying = messages.verifying as Record<string, string>;
      expect(Object.keys(verifying).sort()).toEqual(
        [
          'body',
          'checkEmail',
          'doNotPayAgain',
          'title',
          'updates',
          'validFor',
          'validUntil',
        ].sort(),
      );
      expect(placeholders(verifying.checkEmail!)).toEqual(['hotel']);
      expect(placeholders(verifying.validUntil!)).toEqual(['until']);
      expect(verifying.validFor).toMatch(/24/);
      expect(verifying.validUntil).toMatch(/24/);
      // The last section of each file, where the shared rules put it.
      expect(Object.keys(messages).at(-1)).toBe('verifying');
    },
  );
});
