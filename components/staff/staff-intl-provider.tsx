import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/**
 * The back office's client components speak the staff member's language: their choice (the
 * language select, a cookie shared with the guest pages) or else the browser's. Only the staff
 * namespaces travel to the browser; the guest pages' messages stay on the server.
 */
export const STAFF_CLIENT_NAMESPACES = [
  'staffVocabulary',
  'staffDashboard',
  'staffShell',
  'staffPaymentsTable',
] as const;

export async function StaffIntlProvider({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  const all = messages as Record<string, unknown>;
  const clientMessages = Object.fromEntries(
    STAFF_CLIENT_NAMESPACES.flatMap((namespace) =>
      all[namespace] === undefined ? [] : [[namespace, all[namespace]]],
    ),
  );
  return (
    <NextIntlClientProvider locale={locale} messages={clientMessages as never}>
      {children}
    </NextIntlClientProvider>
  );
}
