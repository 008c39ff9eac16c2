/**
 * Scrubs secrets and card data from anything about to be logged. Key names catch the fields we
 * know are sensitive; the digit scan is the safety net for a card number that ends up somewhere
 * unexpected (an error message, a Mews `Details` field).
 */

const SENSITIVE_KEY =
  /(token|secret|password|passwd|authorization|cookie|cvv|cvc|securitycode|cardnumber|^pan$|storagedata|transactionid|apikey|api_key)/i;

const CARD_LIKE_DIGITS = /\d(?:[ -]?\d){12,}/g;

export const REDACTED = '[redacted]';

function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function containsCardNumber(digits: string): boolean {
  for (let length = 13; length <= Math.min(19, digits.length); length++) {
    for (let start = 0; start + length <= digits.length; start++) {
      if (luhnValid(digits.slice(start, start + length))) return true;
    }
  }
  return false;
}

/**
 * Masks every run of digits (spaces and dashes allowed between them) that holds a Luhn-valid
 * 13 to 19 digit number. It errs on the side of masking: a log line losing an id is cheaper than
 * a log holding a card number.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(CARD_LIKE_DIGITS, (match) => {
    const digits = match.replace(/[ -]/g, '');
    if (!containsCardNumber(digits)) return match;
    return `[card ${digits.slice(0, 6)}…${digits.slice(-4)}]`;
  });
}

/** Returns a deep copy with sensitive keys replaced and card-like numbers masked. */
export function redactSensitive(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (typeof value === 'string') return maskCardNumbers(value);
  if (typeof value === 'number' && Number.isInteger(value) && String(value).length >= 13) {
    return maskCardNumbers(String(value));
  }
  if (Array.isArray(value)) return value.map((item) => redactSensitive(item, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskCardNumbers(value.message),
      stack: value.stack ? maskCardNumbers(value.stack) : undefined,
      ...(redactSensitive({ ...value }, depth + 1) as object),
    };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) && inner != null ? REDACTED : redactSensitive(inner, depth + 1);
    }
    return out;
  }
  return value;
}
