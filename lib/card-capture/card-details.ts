import * as z from 'zod/mini';
import { cardholderNameProblem, expiryProblem } from './card-details-rules';

export {
  cardholderNameProblem,
  expiryProblem,
  isExpired,
  parseExpiry,
  toMewsExpiration,
} from './card-details-rules';

/**
 * What the guest types outside the Secure Fields iframes: the cardholder's name and the expiry.
 * The server's schema, built from the rule functions of ./card-details-rules, which the pay page's
 * form uses as they are (no zod in the browser). Error messages are translation keys
 * (`cardDetails.errors.*`) so each page shows them in the guest's language. Written with
 * `zod/mini`; mini schemas are the same zod core schemas, so the server's classic schemas embed
 * them as they are (lib/payments/guest/schemas.ts). The staff forms check with this schema.
 */

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
