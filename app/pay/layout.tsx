import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/query-provider';
import { GuestShell } from '@/components/guest/guest-shell';

/**
 * Every guest page: translations for the client components, TanStack Query for status polling,
 * and the shared frame (secure-payment bar, language picker, footer).
 */
export default function GuestLayout({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider>
      <QueryProvider>
        <GuestShell>{children}</GuestShell>
      </QueryProvider>
    </NextIntlClientProvider>
  );
}
