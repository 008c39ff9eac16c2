import { z } from 'zod';

/**
 * A card expiry as staff type it from a card or a terminal receipt: `MM/YY`, `MM/YYYY` or `M/YY`
 * (receipts print either; the guest form and the new-card form take `MM/YY`). Client-safe: the
 * forms and the server parse it with the same rules.
 */

const EXPIRY = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/;

export const EXPIRY_MESSAGE = 'Enter the expiry as MM/YY or MM/YYYY';

export function parseStaffExpiry(value: string): { month: number; year: number } | undefined {
  const match = EXPIRY.exec(value.trim());
  if (!match) return undefined;
  const month = Number(match[1]);
  const digits = match[2] ?? '';
  const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
  if (month < 1 || month > 12 || year < 2000 || year > 2099) return undefined;
  return { month, year };
}

/** The expiry field of a staff form; its output is always `MM/YYYY` or `MM/YY` as `output` says. */
export function staffExpiryField(output: 'MM/YYYY' | 'MM/YY') {
  return z
    .string()
    .trim()
    .transform((value, issue) => {
      const expiry = parseStaffExpiry(value);
      if (!expiry) {
        issue.addIssue({ code: 'custom', message: EXPIRY_MESSAGE });
        return z.NEVER;
      }
      const month = String(expiry.month).padStart(2, '0');
      return output === 'MM/YYYY'
        ? `${month}/${expiry.year}`
        : `${month}/${String(expiry.year).slice(-2)}`;
    });
}
