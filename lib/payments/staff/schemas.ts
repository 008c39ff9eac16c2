import { z } from 'zod';
import { currencyExponent, isKnownCurrency, minorToDecimalString } from '@/lib/mews/money';

/**
 * The staff back office's input schemas, shared by the forms (zodResolver) and the server actions,
 * so the browser and the server refuse the same things with the same words. No server imports:
 * client components use this file.
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

const optionalFreeText = (max: number, label: string) =>
  freeText(max, label)
    .optional()
    .transform((value) => (value ? value : undefined));

/** Reads "125.50" / "125,5" / "1 250" in the currency's minor units, exactly; undefined if not a positive amount. */
export function parseAmount(text: string, currency: string): number | undefined {
  if (!isKnownCurrency(currency)) return undefined;
  const exponent = currencyExponent(currency);
  const normalized = text
    .trim()
    .replace(/[\s_']/g, '')
    .replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(normalized);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) return undefined;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : undefined;
}

export function formatAmount(amountMinor: number, currency: string): string {
  const code = currency.trim();
  return `${minorToDecimalString({ amountMinor, currency: code })} ${code}`;
}

/** For charts only (floating point is fine for drawing bars, never for money that moves). */
export function minorToMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** (isKnownCurrency(currency) ? currencyExponent(currency) : 2);
}

const uuid = (what: string) => z.uuid(`${what} must be a Mews id`);
const optionalUuid = (what: string) =>
  z
    .union([z.literal(''), uuid(what)])
    .optional()
    .transform((value) => (value ? value : undefined));

/** An amount typed as decimal text plus its currency; the server turns it into minor units. */
const moneyFields = {
  amount: z.string().trim().min(1, 'Enter an amount'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => isKnownCurrency(code), 'Choose a currency'),
};

function withValidAmount<
  S extends z.ZodObject<{ amount: z.ZodString; currency: z.ZodType<string, string> }>,
>(schema: S): S {
  return schema.superRefine((value, issue) => {
    if (parseAmount(value.amount, value.currency) === undefined) {
      issue.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `Enter a positive amount with at most ${isKnownCurrency(value.currency) ? currencyExponent(value.currency) : 2} decimals`,
      });
    }
  }) as S;
}

/** A fresh key per form: a double click or a resubmitted form finds the first attempt. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Reload the form and try again');

const chargeBase = z.object({
  idempotencyKey,
  customerId: uuid('Customer'),
  reservationId: optionalUuid('Reservation'),
  ...moneyFields,
  notes: optionalFreeText(500, 'Notes'),
  /** The staff member confirmed amount and currency in the dialog. */
  confirmed: z.literal(true, { error: 'Confirm the amount before charging' }),
});

export const storedCardChargeSchema = withValidAmount(
  chargeBase.extend({ creditCardId: uuid('Card') }),
);
export type StoredCardChargeInput = z.input<typeof storedCardChargeSchema>;

export const newCardChargeSchema = withValidAmount(
  chargeBase.extend({
    card: z.object({
      transactionId: z.string().regex(/^\d{10,24}$/, 'The card could not be read; enter it again'),
      maskedCard: z
        .string()
        .regex(/^\d{0,6}[x*X•]+\d{0,4}$/)
        .max(19)
        .optional(),
      brand: freeText(40, 'Card brand').optional(),
    }),
    expiry: z
      .string()
      .trim()
      .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/, 'Enter the expiry as MM/YY'),
  }),
);
export type NewCardChargeInput = z.input<typeof newCardChargeSchema>;

export const externalPaymentSchema = withValidAmount(
  z.object({
    idempotencyKey,
    customerId: uuid('Customer'),
    reservationId: optionalUuid('Reservation'),
    ...moneyFields,
    type: z.string().trim().min(1, 'Choose a payment type').max(50),
    externalIdentifier: freeText(100, 'External identifier').pipe(
      z.string().min(1, 'Enter the external identifier (receipt, transfer reference…)'),
    ),
    notes: optionalFreeText(500, 'Notes'),
  }),
);
export type ExternalPaymentInput = z.input<typeof externalPaymentSchema>;

export const CARD_BRANDS = [
  'Visa',
  'MasterCard',
  'Amex',
  'Discover',
  'DinersClub',
  'Jcb',
  'EnRoute',
  'Maestro',
  'UnionPay',
] as const;

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

export const terminalCardPaymentSchema = withValidAmount(
  z.object({
    idempotencyKey,
    customerId: uuid('Customer'),
    reservationId: optionalUuid('Reservation'),
    ...moneyFields,
    brand: z.enum(CARD_BRANDS, { error: 'Choose the card type' }),
    obfuscatedNumber: z
      .string()
      .max(40, OBFUSCATED_NUMBER_MESSAGE)
      .refine((value) => !looksLikeCardNumber(value), CARD_NUMBER_REFUSED)
      .refine(isObfuscatedCardNumber, OBFUSCATED_NUMBER_MESSAGE)
      .transform((value) => value.replace(/[\s-]/g, '').replace(/[xX•]/g, '*')),
    expiry: z
      .string()
      .trim()
      .regex(/^(0[1-9]|1[0-2])\/(20\d{2})$/, 'Enter the expiry as MM/YYYY'),
    holderName: freeText(100, 'Cardholder name').pipe(
      z.string().min(2, 'Enter the cardholder name'),
    ),
    receiptIdentifier: freeText(100, 'Receipt identifier').pipe(
      z.string().min(1, 'Enter the receipt identifier from the terminal'),
    ),
    notes: optionalFreeText(500, 'Notes'),
  }),
);
export type TerminalCardPaymentInput = z.input<typeof terminalCardPaymentSchema>;

export const refundSchema = z.object({
  idempotencyKey,
  attemptId: z.uuid('Choose the payment to refund'),
  /** Empty for the full (remaining) amount. */
  amount: z.string().trim().max(30, 'Enter the amount to refund, e.g. 25.00').optional(),
  reason: freeText(200, 'Reason').pipe(z.string().min(3, 'Give a reason for the refund')),
});
export type RefundInput = z.input<typeof refundSchema>;

export const staffPaymentLinkSchema = withValidAmount(
  z.object({
    customerId: uuid('Customer'),
    reservationId: optionalUuid('Reservation'),
    ...moneyFields,
    description: freeText(200, 'Description').pipe(
      z.string().min(1, 'Enter a description the guest will see'),
    ),
    expiresInHours: z.coerce
      .number()
      .int()
      .min(1, 'At least 1 hour')
      .max(90 * 24, 'At most 90 days'),
  }),
);
export type StaffPaymentLinkInput = z.input<typeof staffPaymentLinkSchema>;

export const cancelLinkSchema = z.object({ linkId: z.uuid() });

export const customerSearchSchema = z.object({
  query: z
    .string()
    .trim()
    .min(2, 'Type at least 2 characters of a last name or an email')
    .max(200)
    .refine((value) => !looksLikeCardNumber(value), CARD_NUMBER_REFUSED),
});

export const PAYMENT_STATES = [
  'created',
  'processing',
  'unknown',
  'pending',
  'succeeded',
  'failed',
  'canceled',
] as const;
export const PAYMENT_METHODS = [
  'card',
  'stored_card',
  'ideal',
  'external',
  'terminal_card',
  'refund',
] as const;

export const METHOD_LABEL: Record<(typeof PAYMENT_METHODS)[number], string> = {
  card: 'New card',
  stored_card: 'Stored card',
  ideal: 'iDEAL',
  external: 'External',
  terminal_card: 'Terminal card',
  refund: 'Refund',
};

/** A real calendar day as yyyy-mm-dd (2024-02-30 is not one). */
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are yyyy-mm-dd')
  .refine(isCalendarDay, 'Dates are yyyy-mm-dd')
  // The filter is turned into timestamps; year 0 or the day after 9999-12-31 are not ones.
  .refine((value) => value >= '1900-01-01' && value <= '2999-12-31', 'Dates are between 1900 and 2999')
  .optional()
  .or(z.literal('').transform(() => undefined));

export const paymentsFilterSchema = z.object({
  state: z
    .enum(PAYMENT_STATES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  method: z
    .enum(PAYMENT_METHODS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Inclusive local dates (yyyy-mm-dd, UTC). */
  from: dateOnly,
  to: dateOnly,
  staffId: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  customerId: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type PaymentsFilter = z.output<typeof paymentsFilterSchema>;

export const auditFilterSchema = z.object({
  staffId: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  action: freeText(60, 'Action').optional(),
  from: dateOnly,
  to: dateOnly,
});
export type AuditFilterInput = z.output<typeof auditFilterSchema>;
