import { cardNumberRanges, CVV_PHRASE } from '@/lib/validation/text';

/**
 * Scrubs secrets and card data from anything about to be logged. Key names catch the fields we
 * know are sensitive; the text scan is the safety net for card data that ends up somewhere
 * unexpected (an error message, a Mews `Details` field, a note).
 */

const SENSITIVE_KEY =
  /(token|secret|password|passwd|authorization|cookie|cvv|cvc|securitycode|cardnumber|^pan$|storagedata|transactionid|apikey|api_key)/i;

export const REDACTED = '[redacted]';
/** What a card number becomes: no digit is kept, so nothing left can be read as (part of) one. */
export const CARD_NUMBER_MASK = '[card number]';
/** What a security code written after its name (`cvv 123`) becomes. */
export const CVV_MASK = '[cvv]';

/**
 * Masks card data in text: every digit run (in any notation: spaces, dots, underscores, slashes,
 * any 1–3 characters other than letters and digits between digits) holding a Luhn-valid 13 to 19
 * digit number at any window, and every security code written after its name. The patterns the
 * input guards refuse (lib/validation/text.ts), read more widely (every window; only UUIDs are
 * left alone): a log line losing a date or a reference is cheaper than a log holding a card number.
 */
export function maskCardData(text: string): string {
  let masked = text;
  const ranges = cardNumberRanges(text, 'log');
  for (let i = ranges.length - 1; i >= 0; i--) {
    const [start, end] = ranges[i]!;
    masked = `${masked.slice(0, start)}${CARD_NUMBER_MASK}${masked.slice(end)}`;
  }
  // Until nothing changes: masking `cvv000` in `cvv000cvv000` is what lets the second one be read
  // (a code right after a digit is not read as one). Each pass removes digits, so it ends.
  for (let previous = ''; previous !== masked;) {
    previous = masked;
    masked = masked.replace(CVV_PHRASE, CVV_MASK);
  }
  return masked;
}

/** Kept for existing callers (the logger's message hook, sign-in): masks all card data, security codes included. */
export const maskCardNumbers = maskCardData;

/** Returns a deep copy with sensitive keys replaced and card-like numbers masked. */
export function redactSensitive(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (typeof value === 'string') return maskCardData(value);
  if (typeof value === 'number' && Number.isInteger(value) && String(value).length >= 13) {
    const masked = maskCardData(String(value));
    return masked === String(value) ? value : masked;
  }
  if (Array.isArray(value)) return value.map((item) => redactSensitive(item, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskCardData(value.message),
      stack: value.stack ? maskCardData(value.stack) : undefined,
      ...(redactSensitive({ ...value }, depth + 1) as object),
    };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] =
        SENSITIVE_KEY.test(key) && inner != null ? REDACTED : redactSensitive(inner, depth + 1);
    }
    return out;
  }
  return value;
}
