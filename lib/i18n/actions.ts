'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from './locales';

/**
 * The language picker of the guest pages (components/guest/language-picker.tsx). The choice is
 * remembered in the cookie next-intl's request config reads (./request.ts); setting a cookie in a
 * server action re-renders the current page, so the guest stays where they were. Works without
 * JavaScript (a plain form post).
 */
export async function chooseGuestLocaleAction(formData: FormData): Promise<void> {
  // A server action is a public endpoint: anything may arrive, not only the picker's form.
  if (!(formData instanceof FormData)) return;
  const locale = formData.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: false,
  });
}
