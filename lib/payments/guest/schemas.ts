import { z } from 'zod';
import { cardDetailsSchema, tokenizedCardSchema } from '@/lib/card-capture/card-details';

const linkTokenField = z.string().min(1).max(100);
const idempotencyKeyField = z.uuid('idempotencyKey must be a UUID created with the form');

/**
 * The guest's answer to the hotel's deposit policy: ticked or not, and the version the page
 * showed (a newer one must be read first). Optional: only a required policy asks for it.
 */
const policyFields = {
  policyAccepted: z.boolean().optional(),
  policyVersion: z.number().int().positive().max(2_147_483_647).optional(),
};

/** The card payment request from the pay page: one schema for the client form and the server. */
export const guestCardPaymentSchema = z
  .object({
    token: linkTokenField,
    idempotencyKey: idempotencyKeyField,
    card: tokenizedCardSchema,
    ...policyFields,
  })
  .extend(cardDetailsSchema().shape)
  .strict();

export const guestIdealPaymentSchema = z
  .object({ token: linkTokenField, idempotencyKey: idempotencyKeyField, ...policyFields })
  .strict();

/** "Continue to payment" with Mews Payments Checkout; `mewsEmail`: Mews e-mails a hold link instead. */
export const guestCheckoutStartSchema = z
  .object({ token: linkTokenField, mewsEmail: z.boolean().optional(), ...policyFields })
  .strict();

/** The read-back after the checkout's callbacks or the iDEAL return; `paymentId` is only a hint. */
export const guestCheckoutStatusSchema = z
  .object({ token: linkTokenField, paymentId: z.uuid().optional() })
  .strict();
