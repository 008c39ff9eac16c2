import 'server-only';
import type { Database } from '@/lib/db';
import {
  readPolicyTexts,
  readPropertyLogoSize,
  readPropertyProfile,
} from '@/lib/db/property-profile';
import type { PropertyProfile } from '@/lib/db/schema';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';
import type { PaymentContext } from '@/lib/server/context';
import { buttonTextOn } from './colors';

// The colour helpers live in ./colors (no server-only: the settings form checks contrast as the
// manager types); re-exported here, where guest pages and e-mails already find them.
export {
  AA_CONTRAST,
  BUTTON_TEXT_COLORS,
  buttonTextOn,
  contrastRatio,
  relativeLuminance,
} from './colors';

/**
 * The hotel's identity as guest pages and e-mails show it: the Property settings (one row) with
 * the Mews enterprise name as the fallback display name. Read on every guest page, so it is kept
 * for a few seconds per process; an edit made on another instance shows within that time.
 */

export interface PropertyContact {
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
}

export interface PropertyIdentity {
  /** The display name, or Mews' enterprise name when none is set. */
  name: string;
  /** `#rrggbb`, or null for the default look. */
  brandColor: string | null;
  /** The text colour that goes on `brandColor` (the pay button's text): `#ffffff` or `#1a1a1a`. */
  brandTextColor: string | null;
  contact: PropertyContact;
  /** Whether any contact detail is set (pages otherwise say "contact the hotel" without how). */
  hasContact: boolean;
  /** Same-origin URLs with the logo's content hash in them (cached for a year), or null. */
  logo: { url: string; faviconUrl: string; width: number; height: number } | null;
  defaultLocale: Locale;
  /** The current policy, or null when the hotel has none. */
  policy: { version: number; texts: Partial<Record<Locale, string>>; required: boolean } | null;
  reminderDaysBefore: number[];
  receiptCopyEmail: string | null;
}

/** Where a stored logo is served; `version` is its content hash, so the URL never changes meaning. */
export function logoUrl(version: string): string {
  return `/api/property/logo/${version}`;
}
export function faviconUrl(version: string): string {
  return `/api/property/favicon/${version}`;
}

/** The policy text for `locale`, else the hotel's default language's, else any. */
export function policyTextFor(
  policy: NonNullable<PropertyIdentity['policy']>,
  locale: Locale,
  defaultLocale: Locale,
): { text: string; locale: Locale } | null {
  const own = policy.texts[locale];
  if (own) return { text: own, locale };
  const fallback = policy.texts[defaultLocale];
  if (fallback) return { text: fallback, locale: defaultLocale };
  const any = Object.entries(policy.texts).find(([, text]) => text);
  return any && isLocale(any[0]) ? { text: any[1] as string, locale: any[0] } : null;
}

const CACHE_MS = 5_000;
const globalForIdentity = globalThis as unknown as {
  mewsCheckoutPropertyIdentity?: { value: StoredIdentity; expiresAt: number; db: Database };
};

interface StoredIdentity {
  profile: PropertyProfile | undefined;
  policyTexts: Record<string, string> | undefined;
  logo: { width: number; height: number } | undefined;
}

async function readStored(db: Database): Promise<StoredIdentity> {
  const cached = globalForIdentity.mewsCheckoutPropertyIdentity;
  if (cached && cached.db === db && cached.expiresAt > Date.now()) return cached.value;
  const profile = await readPropertyProfile(db);
  const [policyTexts, logo] = await Promise.all([
    profile?.policyVersion != null ? readPolicyTexts(db, profile.policyVersion) : undefined,
    profile?.logoVersion ? readPropertyLogoSize(db, profile.logoVersion) : undefined,
  ]);
  const value = { profile, policyTexts, logo };
  globalForIdentity.mewsCheckoutPropertyIdentity = { value, expiresAt: Date.now() + CACHE_MS, db };
  return value;
}

/** Forgets the cached identity in this process (after a manager saved the settings here). */
export function forgetPropertyIdentity(): void {
  globalForIdentity.mewsCheckoutPropertyIdentity = undefined;
}

/**
 * The hotel's identity. `mewsName` is the enterprise name from Mews' configuration; without it
 * (Mews unreachable) the configuration is read here, and a failure falls back to "the hotel"'s
 * stored display name or an empty name the pages render as "Hotel".
 */
export async function getPropertyIdentity(
  ctx: Pick<PaymentContext, 'db' | 'mews'>,
  mewsName?: string,
): Promise<PropertyIdentity> {
  const { profile, policyTexts, logo } = await readStored(ctx.db);
  let name = profile?.displayName?.trim() || mewsName;
  if (!name) {
    name = await ctx.mews.getConfiguration().then(
      (configuration) => configuration.enterprise.name,
      () => '',
    );
  }
  const contact: PropertyContact = {
    phone: profile?.phone ?? null,
    email: profile?.email ?? null,
    website: profile?.website ?? null,
    address: profile?.address ?? null,
  };
  const texts: Partial<Record<Locale, string>> = {};
  for (const [locale, text] of Object.entries(policyTexts ?? {})) {
    if (isLocale(locale) && text.trim()) texts[locale] = text;
  }
  return {
    name,
    brandColor: profile?.brandColor ?? null,
    brandTextColor: profile?.brandColor ? buttonTextOn(profile.brandColor).color : null,
    contact,
    hasContact: Object.values(contact).some(Boolean),
    logo:
      profile?.logoVersion && logo
        ? {
            url: logoUrl(profile.logoVersion),
            faviconUrl: faviconUrl(profile.logoVersion),
            width: logo.width,
            height: logo.height,
          }
        : null,
    defaultLocale:
      profile && isLocale(profile.defaultLocale) ? profile.defaultLocale : DEFAULT_LOCALE,
    policy:
      profile?.policyVersion != null && Object.keys(texts).length > 0
        ? { version: profile.policyVersion, texts, required: profile.policyRequired }
        : null,
    reminderDaysBefore: profile?.reminderDaysBefore ?? [3, 1],
    receiptCopyEmail: profile?.receiptCopyEmail ?? null,
  };
}
