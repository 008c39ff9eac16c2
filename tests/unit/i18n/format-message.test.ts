import { createTranslator as createNextIntlTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { createTranslator, formatMessage, type MessageTree } from '@/lib/i18n/format-message';
import { LOCALES } from '@/lib/i18n/locales';

/**
 * The guest pages format their client-side messages with lib/i18n/format-message instead of
 * next-intl's client: every message of every language must come out exactly as next-intl (the
 * server side of the same pages) formats it.
 */

function leaves(tree: MessageTree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

/** Sample values for a message's arguments: several counts for plurals, a word for the rest. */
function samples(message: string): Array<Record<string, string | number>> {
  const names = [...message.matchAll(/\{\s*(\w+)\s*(,\s*(\w+))?/g)];
  const plural = names.filter((m) => m[3] === 'plural').map((m) => m[1] as string);
  const plain = names.filter((m) => !m[3]).map((m) => m[1] as string);
  const base = Object.fromEntries(plain.map((name) => [name, `«${name}»`]));
  if (plural.length === 0) return [base];
  return [0, 1, 2, 3, 5, 21, 1000].map((count) => ({
    ...base,
    ...Object.fromEntries(plural.map((name) => [name, count])),
  }));
}

describe.each(LOCALES)('guest messages in %s', (locale) => {
  it('format exactly as next-intl formats them', async () => {
    const messages = (await import(`@/lib/i18n/messages/${locale}.json`)).default as MessageTree;
    const theirs = createNextIntlTranslator({ locale, messages });
    const ours = createTranslator(locale, messages);
    let checked = 0;
    for (const [key, message] of leaves(messages)) {
      for (const values of samples(message)) {
        expect(ours(key, values), `${key} ${JSON.stringify(values)}`).toBe(
          theirs(key as never, values as never),
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('formatMessage', () => {
  it('picks exact plural cases before the language rules and formats # in the language', () => {
    const message = 'Try again in {n, plural, =0 {no time} one {# second} other {# seconds}}.';
    expect(formatMessage(message, { n: 0 }, 'en')).toBe('Try again in no time.');
    expect(formatMessage(message, { n: 1 }, 'en')).toBe('Try again in 1 second.');
    expect(formatMessage(message, { n: 1500 }, 'de')).toBe('Try again in 1.500 seconds.');
  });

  it('selects by value and nests arguments inside cases', () => {
    const message = '{who, select, hotel {{name} confirms} other {we confirm}} by email';
    expect(formatMessage(message, { who: 'hotel', name: 'Sandbox Hotel' }, 'en')).toBe(
      'Sandbox Hotel confirms by email',
    );
    expect(formatMessage(message, { who: 'bank', name: 'x' }, 'en')).toBe('we confirm by email');
  });

  it('shows the key instead of breaking the page on a missing key or value', () => {
    const t = createTranslator('en', { card: { pay: 'Pay {amount}' } }, 'card');
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(t('pay', { amount: '€1.00' })).toBe('Pay €1.00');
      expect(t.has('pay')).toBe(true);
      expect(t.has('nope')).toBe(false);
      expect(t('nope')).toBe('card.nope');
      expect(t('pay')).toBe('card.pay');
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(2);
  });
});
