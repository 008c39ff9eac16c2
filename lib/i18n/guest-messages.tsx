'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTranslator, type MessageTree, type Translator } from './format-message';

/**
 * Translations for the guest pages' client components. The server (app/pay/layout.tsx) hands over
 * only the namespaces they use, in the request's language; the strings are formatted by the small
 * formatter in ./format-message instead of next-intl's client, which would bring a whole ICU
 * MessageFormat engine to every guest page.
 */
const GuestMessagesContext = createContext<{ locale: string; messages: MessageTree } | null>(null);

export function GuestMessagesProvider({
  locale,
  messages,
  children,
}: {
  locale: string;
  messages: MessageTree;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <GuestMessagesContext.Provider value={value}>{children}</GuestMessagesContext.Provider>;
}

export function useGuestTranslations(namespace?: string): Translator {
  const context = useContext(GuestMessagesContext);
  if (!context)
    throw new Error('useGuestTranslations needs a GuestMessagesProvider (app/pay/layout.tsx)');
  const { locale, messages } = context;
  return useMemo(
    () => createTranslator(locale, messages, namespace),
    [locale, messages, namespace],
  );
}
