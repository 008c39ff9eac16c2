import { z } from 'zod';

/**
 * Guards for text people type (notes, references, descriptions, search queries), shared by the
 * forms and the server so both refuse the same things with the same words. Client-safe.
 */

/** 13+ digits in a row (spaces and dashes allowed): a card number typed into the wrong field. */
const CARD_NUMBER_LIKE = /(?:\d[\s-]?){12,}\d/;
export const CARD_NUMBER_REFUSED =
  'This looks like a full card number. Never type card numbers here; enter at most the first 6 and last 4 digits.';

export function looksLikeCardNumber(text: string): boolean {
  return CARD_NUMBER_LIKE.test(text);
}

/** Control characters other than tab and line breaks: invisible, and PostgreSQL cannot store NUL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** Free text staff type (notes, references): never a card number, never control characters. */
export function freeText(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .refine((value) => !looksLikeCardNumber(value), CARD_NUMBER_REFUSED)
    .refine((value) => !hasControlCharacters(value), `${label} contains invisible control characters; type it again`);
}

export const optionalFreeText = (max: number, label: string) =>
  freeText(max, label)
    .optional()
    .transform((value) => (value ? value : undefined));

/**
 * At most the first 6 and last 4 digits, the rest masked with `*` (or x, •), 12–19 characters.
 * Anything with more digits may be a real card number and is refused without being echoed.
 */
const OBFUSCATED_NUMBER = /^(\d{0,6})[*xX•]+(\d{0,4})$/;

export const OBFUSCATED_NUMBER_MESSAGE =
  'Enter the number as printed on the terminal receipt: at most the first 6 and last 4 digits, the rest as * (e.g. 411111******1111). Never the full card number.';

export function isObfuscatedCardNumber(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '');
  return compact.length >= 12 && compact.length <= 19 && OBFUSCATED_NUMBER.test(compact);
}
