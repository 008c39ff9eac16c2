import * as z from 'zod/mini';

/**
 * What the guest types outside the Secure Fields iframes: the cardholder's name and the expiry.
 * One schema for the form (zodResolver) and the server action. Error messages are translation keys
 * (`cardDetails.errors.*`) so each page shows them in the guest's language.
 *
 * Written with `zod/mini` because the pay page ships this schema to the browser: classic zod would
 * add about 30 kB (gzip) to the page, mini a few. Mini schemas are the same zod core schemas, so the
 * server's classic schemas embed them as they are (lib/payments/guest-checkout.ts).
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

/**
 * The rules for what the guest types, as plain functions: the zod schema below (the server's
 * check, and the one source of the rules) is built from them, and the pay page's form checks with
 * them directly (./card-details-check), so the browser gets the same rules without zod (23 kB gzip
 * that every paying guest downloaded on the first keystroke). Each answers a translation key when
 * the (trimmed) value breaks it.
 */
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

export function cardDetailsSchema(now: () => Date = () => new Date()) {
  return z.object({
    cardholderName: z.string().check(
      z.trim(),
      z.superRefine((name: string, ctx) => {
        const problem = cardholderNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: name });
      }),
    ),
    expiry: z.string().check(
      z.trim(),
      z.superRefine((value: string, ctx) => {
        const problem = expiryProblem(value, now());
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      }),
    ),
  });
}

export type CardDetails = z.infer<ReturnType<typeof cardDetailsSchema>>;

/** What the browser sends after Secure Fields tokenized the card: never the number itself. */
export const tokenizedCardSchema = z.object({
  transactionId: z.string().check(z.regex(/^\d{10,24}$/, 'cardDetails.errors.tokenInvalid')),
  maskedCard: z.optional(
    z
      .string()
      .check(
        z.regex(/^\d{0,6}[x*X•]+\d{0,4}$/, 'cardDetails.errors.tokenInvalid'),
        z.maxLength(19),
      ),
  ),
  brand: z.optional(z.string().check(z.maxLength(40))),
});

export type TokenizedCard = z.infer<typeof tokenizedCardSchema>;
