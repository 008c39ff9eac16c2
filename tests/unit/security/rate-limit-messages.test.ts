import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';

/** The "too many requests, try again in N seconds" wording exists, and formats, in every language. */
describe.each(LOCALES)('rate-limit messages in %s', (locale) => {
  it('says how many seconds to wait', async () => {
    const messages = (await import(`@/lib/i18n/messages/${locale}.json`)).default;
    const t = createTranslator({ locale, messages });
    for (const key of ['status.rateLimitedBody', 'errors.rate_limited'] as const) {
      expect(t(key, { seconds: 1 })).toMatch(/\b1\b/);
      expect(t(key, { seconds: 42 })).toMatch(/\b42\b/);
    }
    expect(t('status.rateLimitedTitle')).not.toBe('status.rateLimitedTitle');
    expect(t('meta.rateLimited')).not.toBe('meta.rateLimited');
  });
});
