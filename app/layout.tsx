import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PAGE_TITLE_TEMPLATE, PRODUCT_NAME } from '@/lib/i18n/page-title';
import { ZodJitless } from '@/lib/security/zod-jitless';
import './globals.css';

export const metadata: Metadata = {
  title: { default: PRODUCT_NAME, template: PAGE_TITLE_TEMPLATE },
  description: 'Deposit payments and front-desk payments for hotels on Mews',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: proxy.ts sends a fresh CSP nonce with each one, which Next.js
  // puts on its scripts. A page prerendered at build time would carry no nonce, and its scripts
  // would be refused by the browser.
  await connection();
  // The guest's language (cookie, else Accept-Language), so screen readers use the right voice.
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* First, so its module runs before any form's schema is built (see lib/security/zod-jitless). */}
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
