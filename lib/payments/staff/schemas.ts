import { z } from 'zod';
import { currencyExponent, isKnownCurrency, parseAmount } from '@/lib/money';
import {
  CARD_DATA_REFUSED,
  containsCardData,
  freeText,
  isObfuscatedCardNumber,
  OBFUSCATED_NUMBER_MESSAGE,
  optionalFreeText,
} from '@/lib/validation/text';

/**
 * The staff payment forms' input schemas, shared by the forms (zodResolver) and the server actions,
 * so the browser and the server refuse the same things with the same words. No server imports:
 * client components use this file.
 */

export const uuid = (what: string) => z.uuid(`${what} must be a Mews id`);
export const optionalUuid = (what: string) =>
  z
    .union([z.literal(''), uuid(what)])
    .optional()
    .transform((value) => (value ? value : undefined));

/** An amount typed as decimal text plus its currency; the server turns it into minor units. */
export const moneyFields = {
  amount: z.string().trim().min(1, 'Enter an amount'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => isKnownCurrency(code), 'Choose a currency'),
};

export function withValidAmount<
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
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Reload the form and try again');

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
      .refine((value) => !containsCardData(value), CARD_DATA_REFUSED)
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
