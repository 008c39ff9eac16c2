import 'server-only';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';
import { getGuestPaymentContext } from '@/lib/server/context';
import { getGuestCheckoutView, getReturnPageView } from '@/lib/payments/guest/checkout-view';
import { consumeGuestPageRateLimit } from '@/lib/payments/guest/rate-limit';

/**
 * This request's turn under the guest page limit, counted once per request however many parts of
 * the page (metadata, page) ask, and asked before anything reads the database or Mews.
 */
export const checkPageRateLimit = cache(async () => consumeGuestPageRateLimit());

/** The page's language, for the texts the view carries (the hotel's deposit policy). */
async function pageLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** One read per request, shared by the page and its metadata. */
export const loadCheckoutView = cache(async (token: string) =>
  getGuestCheckoutView(
    await getGuestPaymentContext(),
    token,
    getConfig().secureFieldsScriptUrl,
    await pageLocale(),
  ),
);

/** The iDEAL return page's status and view, from one read of the link and of its payment in Mews. */
export const loadReturnPageView = cache(async (token: string) =>
  getReturnPageView(
    await getGuestPaymentContext(),
    token,
    getConfig().secureFieldsScriptUrl,
    await pageLocale(),
  ),
);
