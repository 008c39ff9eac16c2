import { getLocale, getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { GuestShell } from '@/components/guest/guest-shell';
import { GuestMessagesProvider } from '@/lib/i18n/guest-messages';
import type { MessageTree } from '@/lib/i18n/format-message';

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
] as const;

/**
 * Every guest page: translations for the client components and the shared frame (secure-payment
 * bar, language picker, footer). Deliberately no next-intl client provider and no TanStack Query:
 * the guest pages' JavaScript budget (npm run bench, "Page weight") has no room for either.
 */
export default async function GuestLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  const all = messages as MessageTree;
  const clientMessages: MessageTree = Object.fromEntries(
    CLIENT_NAMESPACES.flatMap((namespace) =>
      all[namespace] === undefined ? [] : [[namespace, all[namespace]]],
    ),
  );
  return (
    <GuestMessagesProvider locale={locale} messages={clientMessages}>
      <GuestShell>{children}</GuestShell>
    </GuestMessagesProvider>
  );
}
