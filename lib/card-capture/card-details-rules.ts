/**
 * The rules for what the guest types outside the Secure Fields iframes, as plain functions and
 * without zod: the server's zod schema (./card-details) is built from them, and the pay page's
 * form checks with them directly, so the browser gets the same rules without zod (23 kB gzip
 * that every paying guest downloaded on the first keystroke). Each `…Problem` answers a
 * translation key (`cardDetails.errors.*`) when the trimmed value breaks a rule.
 */

const EXPIRY = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/;
// A run of 12+ digits in a name field is a card number typed in the wrong box; never accept it.
const LOOKS_LIKE_CARD_NUMBER = /(?:\d[\s-]?){12,}/;

export function parseExpiry(value: string): { month: number; year: number } | undefined {
  const match = EXPIRY.exec(value.trim());
  if (!match) return undefined;
  return { month: Number(match[1]), year: 2000 + Number(match[2]) };
}

/** A card is valid through the last day of its expiry month. */
export function isExpired(expiry: { month: number; year: number }, now: Date): boolean {
  const currentYear = now.getUTCFullYear();
  const currentMonth = now.getUTCMonth() + 1;
  return expiry.year < currentYear || (expiry.year === currentYear && expiry.month < currentMonth);
}

/** Mews `creditCards/addTokenized` wants `yyyy-MM`. */
export function toMewsExpiration(expiry: { month: number; year: number }): string {
  return `${expiry.year}-${String(expiry.month).padStart(2, '0')}`;
}

export function cardholderNameProblem(name: string): string | undefined {
  if (name.length < 2) return 'cardDetails.errors.nameRequired';
  if (name.length > 100) return 'cardDetails.errors.nameTooLong';
  if (LOOKS_LIKE_CARD_NUMBER.test(name)) return 'cardDetails.errors.nameLooksLikeCardNumber';
  return undefined;
}

export function expiryProblem(value: string, now: Date): string | undefined {
  const parsed = parseExpiry(value);
  if (!parsed) return 'cardDetails.errors.expiryFormat';
  if (isExpired(parsed, now)) return 'cardDetails.errors.expiryPast';
  if (parsed.year > now.getUTCFullYear() + 20) return 'cardDetails.errors.expiryFormat';
  return undefined;
}
