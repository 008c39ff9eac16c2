import type { Metadata } from 'next';
import { getLocale, getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { GuestShell } from '@/components/guest/guest-shell';
import { GuestMessagesProvider } from '@/lib/i18n/guest-messages';
import type { MessageTree } from '@/lib/i18n/format-message';
import { loadGuestIdentity } from './load-identity';

/** What the guest pages' client components say; everything else is rendered on the server. */
const CLIENT_NAMESPACES = [
  'pay',
  'card',
  'cardDetails',
  'ideal',
  'progress',
  'failure',
  'errors',
  'status',
  'return',
  'verifying',
  'outcomeCheck',
  'policy',
  'receiptEmail',
  'checkout',
] as const;

/** The hotel's logo as the guest pages' favicon, when it has one (a PNG made from it on upload). */
export async function generateMetadata(): Promise<Metadata> {
  const identity = await loadGuestIdentity();
  if (!identity.logo) return {};
  return {
    icons: { icon: [{ url: identity.logo.faviconUrl, type: 'image/png' }] },
  };
}

/**
 * Every guest page: translations for the client components and the shared frame (the hotel's
 * band, secure-payment bar, language picker, the hotel's contact, footer). Deliberately no
 * next-intl client provider and no TanStack Query: the guest pages' JavaScript budget (npm run
 * bench, "Page weight") has no room for either.
 */
export default async function GuestLayout({ children }: { children: ReactNode }) {
  const [locale, messages, identity] = await Promise.all([
    getLocale(),
    getMessages(),
    loadGuestIdentity(),
  ]);
  const all = messages as MessageTree;
  const clientMessages: MessageTree = Object.fromEntries(
    CLIENT_NAMESPACES.flatMap((namespace) =>
      all[namespace] === undefined ? [] : [[namespace, all[namespace]]],
    ),
  );
  return (
    <GuestMessagesProvider locale={locale} messages={clientMessages}>
      <GuestShell identity={identity}>{children}</GuestShell>
    </GuestMessagesProvider>
  );
}
