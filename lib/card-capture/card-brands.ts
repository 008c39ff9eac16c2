import type { CardBrandCode } from './secure-fields-api';

/**
 * The card brands the card forms take, by Secure Fields' brand code (secure-fields.md §1.4), with
 * the name a guest knows them by (a brand name, the same in every language).
 *
 * Which brands: those Secure Fields recognises *and* Mews stores as a card type (Connector API
 * `CreditCardType`: Visa, MasterCard, Amex, DinersClub, Discover, Jcb, UnionPay). Mews' hotel
 * configuration does not say which brands a property accepts, so this list is what the code can
 * take; it is also given to Secure Fields as `paymentMethods`, so a card of any other brand (ELO,
 * Hipercard) is marked invalid in the field instead of failing later in Mews, and the icons shown
 * before typing are exactly what the field accepts.
 */
export const CARD_BRANDS = {
  VIS: 'Visa',
  ECA: 'Mastercard',
  AMX: 'American Express',
  DIN: 'Diners Club',
  DIS: 'Discover',
  JCB: 'JCB',
  CUP: 'UnionPay',
} as const satisfies Partial<Record<CardBrandCode, string>>;

export type AcceptedCardBrand = keyof typeof CARD_BRANDS;

export const ACCEPTED_CARD_BRANDS = Object.keys(CARD_BRANDS) as AcceptedCardBrand[];

export function isAcceptedCardBrand(code: string | null | undefined): code is AcceptedCardBrand {
  return typeof code === 'string' && Object.hasOwn(CARD_BRANDS, code);
}

/** "VIS" → "Visa"; a brand we do not list keeps Secure Fields' code rather than a wrong name. */
export function cardBrandName(code: string): string {
  return isAcceptedCardBrand(code) ? CARD_BRANDS[code] : code;
}
