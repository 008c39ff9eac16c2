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
import { staffExpiryField } from './expiry';

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

/**
 * A manager approving, on the clerk's screen, a charge above the front-desk limit: their e-mail and
 * password, checked like a sign-in (same throttling; a wrong password counts as a failed sign-in).
 * Never logged, stored or sent back.
 */
export const managerApprovalSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter the manager’s e-mail')
    .max(254, 'Enter the manager’s e-mail')
    .pipe(z.email('Enter a valid e-mail address')),
  password: z.string().min(1, 'Enter the manager’s password').max(512, 'Password is too long'),
});
export type ManagerApprovalInput = z.input<typeof managerApprovalSchema>;

/** Where the server puts its answer about an approval, for the approval fields to show. */
export const APPROVAL_FIELDS = { email: 'approval.email', password: 'approval.password' } as const;

/**
 * A refused card charge the clerk can have approved on the spot: above the front-desk limit (the
 * amount's field error) or an approval that was refused (the approval fields' errors).
 */
export function needsManagerApproval(error: {
  code: string;
  fieldErrors?: Record<string, string[] | undefined>;
}): boolean {
  if (error.code !== 'forbidden' || !error.fieldErrors) return false;
  return Boolean(
    error.fieldErrors.amount ??
    error.fieldErrors[APPROVAL_FIELDS.email] ??
    error.fieldErrors[APPROVAL_FIELDS.password],
  );
}

const chargeBase = z.object({
  idempotencyKey,
  customerId: uuid('Customer'),
  reservationId: optionalUuid('Reservation'),
  ...moneyFields,
  notes: optionalFreeText(500, 'Notes'),
  /** The staff member confirmed amount and currency in the dialog. */
  confirmed: z.literal(true, { error: 'Confirm the amount before charging' }),
  /** Only for a charge above the front-desk limit taken by front-desk staff. */
  approval: managerApprovalSchema.optional(),
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
    expiry: staffExpiryField('MM/YY'),
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
    expiry: staffExpiryField('MM/YYYY'),
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
