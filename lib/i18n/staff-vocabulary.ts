import { createTranslator, useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';

/**
 * The back office's words for the codes the system keeps: payment and link states, payment
 * methods, card brands, Mews' external payment types, link purposes and audit actions, in the
 * staff member's language (the `staffVocabulary` namespace of ./messages/*.json). One word per
 * thing everywhere: a taken payment is "Paid" in the lists, the badges and the dashboard alike.
 *
 * A code without a word (a state Mews adds later, an action a newer release records) is shown
 * humanised ("SomeNewType" → "Some new type"), never raw. Client-safe: the hook works in client
 * components under the back office's NextIntlClientProvider and in server components through
 * next-intl's request config; `getStaffVocabulary(locale)` works anywhere (route handlers, CSV).
 */

export const STAFF_VOCABULARY_NAMESPACE = 'staffVocabulary';

/** The slice of a next-intl translator the vocabulary needs (useTranslations and createTranslator both fit). */
export interface VocabularyTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

export interface StaffVocabulary {
  locale: string;
  /** A payment attempt's state; a refund's `succeeded` reads "Refunded", not "Paid". */
  attemptState(state: string, method?: string | null): string;
  linkState(state: string): string;
  /** Any state the staff pages badge: an attempt's, a link's, or Mews' own (`charged`…). */
  state(state: string, method?: string | null): string;
  method(method: string): string;
  /** How Mews recorded a payment (`credit-card`, `alternative`, `cash`…). */
  mewsMethod(method: string): string;
  cardBrand(brand: string | null | undefined): string;
  externalType(type: string): string;
  linkPurpose(purpose: string): string;
  linkCanceledReason(reason: string): string;
  auditAction(action: string): string;
  auditOutcome(outcome: string): string;
}

/**
 * A code in words: `WireTransfer` → "Wire transfer", `payment_link.sent` → "Payment link sent".
 * Runs of capitals stay together (`BACS`), so an acronym is not spelled out letter by letter.
 */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s._\-/:]+/)
    .filter(Boolean)
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()));
  const text = words.join(' ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '–';
}

/** Message keys are nested on dots; a code may only be used as one key segment. */
function segment(code: string): string | null {
  return /^[A-Za-z0-9_-]+$/.test(code) ? code : null;
}

export function vocabularyFrom(t: VocabularyTranslator, locale: string): StaffVocabulary {
  const word = (group: string, code: string | null | undefined): string | null => {
    const key = code ? segment(code) : null;
    if (!key) return null;
    const path = `${group}.${key}`;
    return t.has(path) ? t(path) : null;
  };
  const lookup = (group: string, code: string) => word(group, code) ?? humanize(code);

  const attemptState = (state: string, method?: string | null) =>
    (method === 'refund' ? word('refundState', state) : null) ?? lookup('attemptState', state);

  const auditAction = (action: string): string => {
    const parts = action.split('.');
    const known = parts.every((part) => segment(part) !== null);
    if (known && t.has(`auditAction.${parts.join('.')}`)) return t(`auditAction.${action}`);
    // payment.<method>.<state>: the ledger writes one per method and state (ledger.ts, common.ts).
    const [kind, method, event] = parts;
    if (parts.length === 3 && kind === 'payment' && method && event) {
      if (method === 'refund') {
        const refund = word('auditRefund', event);
        if (refund) return refund;
      } else {
        const subject = word('auditPaymentSubject', method);
        const key = segment(event) ? `auditPayment.${event}` : null;
        if (subject && key && t.has(key)) return t(key, { subject });
      }
    }
    return humanize(action);
  };

  return {
    locale,
    attemptState,
    linkState: (state) => lookup('linkState', state),
    state: (state, method) =>
      (method === 'refund' ? word('refundState', state) : null) ??
      word('attemptState', state) ??
      word('linkState', state) ??
      lookup('mewsState', state),
    method: (method) => lookup('method', method),
    mewsMethod: (method) => lookup('mewsMethod', method),
    cardBrand: (brand) => (brand ? lookup('cardBrand', brand) : t('cardBrandUnknown')),
    externalType: (type) => lookup('externalType', type),
    linkPurpose: (purpose) => lookup('linkPurpose', purpose),
    linkCanceledReason: (reason) => lookup('linkCanceledReason', reason),
    auditAction,
    auditOutcome: (outcome) => lookup('auditOutcome', outcome),
  };
}

type MessageModule = { default: Record<string, unknown> };

const loaders: Record<Locale, () => Promise<MessageModule>> = {
  en: () => import('./messages/en.json'),
  fr: () => import('./messages/fr.json'),
  de: () => import('./messages/de.json'),
  nl: () => import('./messages/nl.json'),
  cs: () => import('./messages/cs.json'),
};

/** The vocabulary in `locale` (e.g. the request's, from next-intl's getLocale()); English when unknown. */
export async function getStaffVocabulary(locale: string): Promise<StaffVocabulary> {
  const chosen: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const messages = (await loaders[chosen]()).default;
  const t = createTranslator({
    locale: chosen,
    messages,
    namespace: STAFF_VOCABULARY_NAMESPACE,
  }) as unknown as VocabularyTranslator;
  return vocabularyFrom(t, chosen);
}

/** The vocabulary in the staff member's language, in a client or server component. */
export function useStaffVocabulary(): StaffVocabulary {
  const t = useTranslations(STAFF_VOCABULARY_NAMESPACE) as unknown as VocabularyTranslator;
  const locale = useLocale();
  return useMemo(() => vocabularyFrom(t, locale), [t, locale]);
}
