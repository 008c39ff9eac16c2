import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OutcomeCheck } from '@/components/guest/outcome-check';
import { createTranslator, type MessageTree } from '@/lib/i18n/format-message';
import { GuestMessagesProvider } from '@/lib/i18n/guest-messages';
import { LOCALES } from '@/lib/i18n/locales';

function messagesOf(locale: string): MessageTree {
  return JSON.parse(
    readFileSync(path.join(process.cwd(), 'lib/i18n/messages', `${locale}.json`), 'utf8'),
  ) as MessageTree;
}

describe('OutcomeCheck: what a guest reads while the outcome of their payment is checked', () => {
  it.each(LOCALES)(
    'says in %s how long the check takes, not to pay again, and what comes after',
    (locale) => {
      const messages = messagesOf(locale);
      const t = createTranslator(locale, messages, 'outcomeCheck');
      for (const key of ['title', 'body', 'lastCheck', 'doNotPayAgain', 'after'])
        expect(t(key)).not.toBe(`outcomeCheck.${key}`);
      for (const seconds of [1, 2, 5, 42, 60])
        expect(t('countdown', { seconds })).toMatch(new RegExp(`\\b${seconds}\\b`));

      const rendered = renderToStaticMarkup(
        <GuestMessagesProvider locale={locale} messages={messages}>
          <OutcomeCheck
            checkUntil={new Date(Date.now() + 60_000).toISOString()}
            onCountdownEnd={() => undefined}
          />
        </GuestMessagesProvider>,
      );
      const html = rendered.replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
      expect(html).toContain(t('title'));
      expect(html).toContain(t('doNotPayAgain'));
      expect(html).toContain(t('after'));
    },
  );

  it('sits right before the shell section in every language file', () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(messagesOf(locale));
      expect(keys.indexOf('outcomeCheck'), locale).toBe(keys.indexOf('shell') - 1);
    }
  });
});
