import { isLocale, type Locale } from '@/lib/i18n/locales';
import { cs } from './cs';
import { de } from './de';
import { en, type EmailMessages } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { EmailMessages } from './en';

/** The e-mail texts of every language the guest pages speak. */
export const EMAIL_MESSAGES: Readonly<Record<Locale, EmailMessages>> = { en, nl, de, fr, cs };

/** `{name}` placeholders filled in; an unknown one stays as it is, so a typo shows in tests. */
export function fillMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] as string) : whole,
  );
}

/**
 * The language we write to a guest in, from Mews' language code for the customer (`nl-NL`,
 * `de-AT`, `fr-CA`, `cs`…): its language part if we write that language, else `fallback` (the
 * hotel's default). Region and script are ignored: a Belgian Dutch speaker reads our Dutch.
 */
export function guestLocaleFor(languageCode: string | null | undefined, fallback: Locale): Locale {
  const base = languageCode?.trim().toLowerCase().split(/[-_]/)[0];
  return base && isLocale(base) ? base : fallback;
}
