import 'server-only';
import type { CSSProperties } from 'react';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales';
import { getPropertyIdentity, type PropertyIdentity } from '@/lib/payments/property/identity';
import type { PaymentContext } from '@/lib/server/context';

/**
 * The hotel's identity as the guest pages' frame reads it. The frame is around every guest page,
 * the error pages included, so reading the identity must never be what breaks a page: a database
 * or Mews that cannot be reached gives the plain look and an empty name (shown as "Hotel").
 */

/** The identity of a hotel nothing is known about: the product's own look, no contact. */
export const UNKNOWN_IDENTITY: PropertyIdentity = {
  name: '',
  brandColor: null,
  brandTextColor: null,
  contact: { phone: null, email: null, website: null, address: null },
  hasContact: false,
  logo: null,
  defaultLocale: DEFAULT_LOCALE,
  policy: null,
  reminderDaysBefore: [],
  receiptCopyEmail: null,
};

export async function readGuestIdentity(
  ctx: Pick<PaymentContext, 'db' | 'mews' | 'log'> | null,
  mewsName?: string,
): Promise<PropertyIdentity> {
  if (!ctx) return UNKNOWN_IDENTITY;
  try {
    return await getPropertyIdentity(ctx, mewsName);
  } catch (error) {
    ctx.log.warn({ err: error }, 'Hotel identity could not be read; guest page shown plain');
    return { ...UNKNOWN_IDENTITY, name: mewsName ?? '' };
  }
}

/**
 * The custom properties the guest pages' stylesheet colours the header band and the primary pay
 * button with (components/guest/guest.module.css). Nothing when the hotel chose no colour: the
 * stylesheet's defaults stay. The colour was checked (`#rrggbb`, AA contrast with its text colour)
 * when it was saved; it is checked for shape again here because it goes into a style attribute.
 */
export function brandStyleOf(identity: PropertyIdentity): CSSProperties | undefined {
  const { brandColor, brandTextColor } = identity;
  if (!brandColor || !brandTextColor) return undefined;
  if (!HEX_COLOR.test(brandColor) || !HEX_COLOR.test(brandTextColor)) return undefined;
  return { '--brand': brandColor, '--brand-text': brandTextColor } as CSSProperties;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** A website worth a link: http(s) only, never `javascript:` or another scheme. */
export function websiteHref(website: string | null): string | null {
  if (!website) return null;
  const candidate = /^[a-z][a-z\d+.-]*:/i.test(website) ? website : `https://${website}`;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A phone number as a `tel:` URI: digits and a leading plus, the spaces and dashes dropped. */
export function phoneHref(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace('+', '').length >= 3 ? `tel:${digits}` : null;
}

/** The name a page shows for the hotel: its display name, else the generic word (translated). */
export function hotelLabel(identity: PropertyIdentity, generic: string): string {
  return identity.name.trim() || generic;
}
