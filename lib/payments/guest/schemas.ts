import { z } from 'zod';
import { cardDetailsSchema, tokenizedCardSchema } from '@/lib/card-capture/card-details';

const linkTokenField = z.string().min(1).max(100);
const idempotencyKeyField = z.uuid('idempotencyKey must be a UUID created with the form');

/** The card payment request from the pay page: one schema for the client form and the server. */
export const guestCardPaymentSchema = z
  .object({
    token: linkTokenField,
    idempotencyKey: idempotencyKeyField,
    card: tokenizedCardSchema,
  })
  .extend(cardDetailsSchema().shape)
  .strict();

export const guestIdealPaymentSchema = z
  .object({ token: linkTokenField, idempotencyKey: idempotencyKeyField })
  .strict();
