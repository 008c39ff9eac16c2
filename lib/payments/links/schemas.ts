import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { EMAIL_ADDRESS_MESSAGE, emailAddressSchema } from '@/lib/payments/email/schemas';
import { moneyFields, optionalUuid, uuid, withValidAmount } from '@/lib/payments/staff/schemas';
import { freeText } from '@/lib/validation/text';

/** The staff link form's schema, shared by the form and its server action. Client-safe. */

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
