import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { CARD_DATA_REFUSED, containsCardData, hasControlCharacters } from '@/lib/validation/text';

/**
 * What the e-mail actions and `createPaymentLink`'s `sendTo` take. Client-safe: the forms use the
 * same schemas. An address ends up in an SMTP envelope and a mail header, so besides being an
 * address it must hold no control characters (no header injection) and, like every field, no card
 * number.
 */

export const EMAIL_ADDRESS_MESSAGE = 'Enter an e-mail address, such as guest@example.com';

export const emailAddressSchema = z
  .string({ error: EMAIL_ADDRESS_MESSAGE })
  .max(320, 'At most 254 characters')
  .refine(
    (value) => !hasControlCharacters(value),
    'The e-mail address contains a control character',
  )
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, EMAIL_ADDRESS_MESSAGE)
      .max(254, 'At most 254 characters')
      .pipe(z.email(EMAIL_ADDRESS_MESSAGE))
      .refine((value) => !containsCardData(value), CARD_DATA_REFUSED),
  );

export const emailLocaleSchema = z.enum(LOCALES, { error: 'Choose a language' });

/** `createPaymentLink`'s "e-mail the link to": the address, and the language (else the hotel's). */
export const sendToSchema = z
  .object({ email: emailAddressSchema, locale: emailLocaleSchema.optional() })
  .strict();
export type SendTo = z.input<typeof sendToSchema>;

/** Staff: "Send to guest" from the links list. */
export const sendLinkToGuestSchema = z
  .object({
    linkId: z.uuid('linkId must be a payment link id'),
    email: emailAddressSchema,
    locale: emailLocaleSchema.optional(),
  })
  .strict();

/** Staff: "Send again", to the same address or another. */
export const resendEmailSchema = z
  .object({
    emailId: z.uuid('emailId must be an e-mail id'),
    recipient: emailAddressSchema.optional(),
  })
  .strict();

/** Guest: "E-mail me a receipt" on the receipt page; the link token is their only authority. */
export const receiptRequestSchema = z
  .object({ token: z.string().min(1).max(100), email: emailAddressSchema })
  .strict();
