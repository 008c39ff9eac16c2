import 'server-only';
import { getConfig } from '@/lib/config';
import { getDb, type Database } from '@/lib/db';
import type { Locale } from '@/lib/i18n/locales';
import { logger } from '@/lib/log';
import { bindMewsLanguage, getMewsClient, type MewsClient, type MewsLanguage } from '@/lib/mews';

/**
 * Everything a payment flow talks to. Production code uses `getPaymentContext()` (staff, webhooks,
 * the reconciler) or `getGuestPaymentContext()` (a guest's own request); integration tests build
 * one with an in-memory database and a sandbox-backed Mews client.
 */
export interface PaymentContext {
  db: Database;
  mews: MewsClient;
  appUrl: string;
  now: () => Date;
  log: Pick<typeof logger, 'info' | 'warn' | 'error'>;
}

export async function getPaymentContext(): Promise<PaymentContext> {
  return {
    db: await getDb(),
    mews: getMewsClient(),
    appUrl: getConfig().appUrl,
    now: () => new Date(),
    log: logger,
  };
}

/**
 * The Mews `LanguageCode`/`CultureCode` for each language of the guest pages. Mews names
 * languages with a region (`en-US`, `en-GB`, `nl-NL`...), so each of ours needs one: the country
 * where it is the main language, in Europe, where Mews' hotels and this app's currencies are.
 * English is `en-GB` rather than Mews' own default `en-US`: day-month dates and the 24-hour clock
 * match the English the guest pages show. The culture is the same tag, so the amounts and dates in
 * Mews' words read the way the rest of the page does.
 */
export const MEWS_LANGUAGE_OF_LOCALE: Readonly<Record<Locale, MewsLanguage>> = {
  en: { languageCode: 'en-GB', cultureCode: 'en-GB' },
  nl: { languageCode: 'nl-NL', cultureCode: 'nl-NL' },
  de: { languageCode: 'de-DE', cultureCode: 'de-DE' },
  fr: { languageCode: 'fr-FR', cultureCode: 'fr-FR' },
  cs: { languageCode: 'cs-CZ', cultureCode: 'cs-CZ' },
};

/**
 * The same context with a Mews client that asks Mews to answer in the guest's language, so a
 * business refusal (a declined card, a currency the hotel does not take) reaches the guest in
 * their words. Staff flows keep the enterprise's default language.
 */
export function withGuestLanguage(ctx: PaymentContext, locale: Locale): PaymentContext {
  return { ...ctx, mews: bindMewsLanguage(ctx.mews, MEWS_LANGUAGE_OF_LOCALE[locale]) };
}

/**
 * `ctx` in the language of the current request's guest (their explicit choice, else the
 * browser's), for the guest pay page and its server actions.
 */
export async function withRequestGuestLanguage(ctx: PaymentContext): Promise<PaymentContext> {
  // Loaded here, not at the top: the request helpers need Next's request scope, which the
  // command-line tools that use getPaymentContext() do not have.
  const { resolveRequestLocale } = await import('@/lib/i18n/request');
  return withGuestLanguage(ctx, await resolveRequestLocale());
}

/** A payment context for a guest's request, in the language the guest pages speak to them. */
export async function getGuestPaymentContext(locale?: Locale): Promise<PaymentContext> {
  const ctx = await getPaymentContext();
  return locale ? withGuestLanguage(ctx, locale) : withRequestGuestLanguage(ctx);
}
