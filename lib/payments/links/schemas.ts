import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { EMAIL_ADDRESS_MESSAGE, emailAddressSchema } from '@/lib/payments/email/schemas';
import { moneyFields, optionalUuid, uuid, withValidAmount } from '@/lib/payments/staff/schemas';
import { freeText } from '@/lib/validation/text';

/** The staff link form's schema, shared by the form and its server action. Client-safe. */

/** What a link collects, in the clerk's words (client-safe copy of lib/payments/links LINK_PURPOSES). */
export const LINK_PURPOSE_VALUES = ['deposit', 'prepayment', 'balance', 'other'] as const;
export const LINK_PURPOSE_LABEL: Readonly<Record<(typeof LINK_PURPOSE_VALUES)[number], string>> = {
  deposit: 'Deposit',
  prepayment: 'Prepayment',
  balance: 'Balance',
  other: 'Other',
};

/** What the link asks the guest for: a payment, or a hold on their card (a Mews preauthorization). */
export const LINK_COLLECT_VALUES = ['payment', 'hold'] as const;
export type LinkCollect = (typeof LINK_COLLECT_VALUES)[number];
/** Why a hold cannot be asked for: GUEST_HOLDS is off (holds need Mews Payments Checkout). */
export const HOLDS_OFF =
  'Holds are not turned on for this hotel (GUEST_HOLDS=on, with the Mews Payments Checkout route)';

/** Why nothing can be e-mailed: no SMTP server is configured (outside sandbox mode). */
export const MAIL_NOT_SET_UP = 'E-mail is not set up (SMTP_URL)';

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
    /** What the link collects; a paid link closes the other open links of its reservation and purpose. */
    purpose: z
      .enum(LINK_PURPOSE_VALUES, { error: 'Choose what the link is for' })
      .default('deposit'),
    /** "Ask for a hold on the card instead of a payment" (only when holds are on). */
    collect: z
      .enum(LINK_COLLECT_VALUES, { error: 'Choose a payment or a hold' })
      .optional()
      .default('payment'),
    /** "Keep this link open even if another link for this reservation is paid". */
    keepOpenWhenSiblingPaid: z.boolean().optional().default(false),
    /**
     * "Create anyway": the reservation already has an open or paid link of this purpose, and the
     * clerk saw that warning. Without it the server refuses and reports the warning on this field.
     */
    createAnyway: z.boolean().optional().default(false),
    /** "E-mail the link to the guest": the link e-mail is queued with the link, in one transaction. */
    sendToGuest: z.boolean().optional().default(false),
    guestEmail: z.string().max(320, 'At most 254 characters').optional().default(''),
    guestLocale: z.enum(LOCALES, { error: 'Choose a language' }).optional(),
  }),
).superRefine((value, issue) => {
  // The address matters only when the link is to be e-mailed; an unchecked box ignores it.
  if (!value.sendToGuest) return;
  const address = emailAddressSchema.safeParse(value.guestEmail);
  if (!address.success) {
    issue.addIssue({
      code: 'custom',
      path: ['guestEmail'],
      message: address.error.issues[0]?.message ?? EMAIL_ADDRESS_MESSAGE,
    });
  }
});
export type StaffPaymentLinkInput = z.input<typeof staffPaymentLinkSchema>;

export const cancelLinkSchema = z.object({ linkId: z.uuid() });
export const undoCancelLinkSchema = z.object({ linkId: z.uuid() });
/** "Show QR / copy link": `rotate` confirms that a never e-mailed link gets a new URL. */
export const showLinkSchema = z.object({ linkId: z.uuid(), rotate: z.boolean().default(false) });

/** The links list's search and filter, as the links page sends them in its URL. */
export const LINK_STATUS_VALUES = ['open', 'processing', 'paid', 'expired', 'canceled'] as const;
const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);
export const linkListQuerySchema = z.object({
  customerId: z.preprocess(
    emptyAsMissing,
    z.uuid('customerId must be a Mews customer id').optional(),
  ),
  q: z.string().trim().max(100, 'Search for at most 100 characters').optional(),
  status: z.preprocess(
    emptyAsMissing,
    z.enum(LINK_STATUS_VALUES, { error: 'Unknown link status' }).optional(),
  ),
});
