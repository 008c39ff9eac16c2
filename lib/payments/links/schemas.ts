import { z } from 'zod';
import { moneyFields, optionalUuid, uuid, withValidAmount } from '@/lib/payments/staff/schemas';
import { freeText } from '@/lib/validation/text';

/** The staff link form's schema, shared by the form and its server action. Client-safe. */

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
