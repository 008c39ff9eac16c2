import { z } from 'zod';
import { ATTEMPT_STATES } from '@/lib/payments/ledger/state-machine';
import {
  CARD_DATA_REFUSED,
  containsCardData,
  freeText,
  optionalFreeText,
} from '@/lib/validation/text';

/** The back office's list filters, shared by the pages' forms, their route handlers and the CSV export. Client-safe. */

export const customerSearchSchema = z.object({
  query: z
    .string()
    .trim()
    .min(2, 'Type at least 2 characters of a reservation number, a name or an e-mail')
    .max(200)
    .refine((value) => !containsCardData(value), CARD_DATA_REFUSED),
});

/** The payments list filters by any ledger state. */
export const PAYMENT_STATES = ATTEMPT_STATES;
export const PAYMENT_METHODS = [
  'card',
  'stored_card',
  'ideal',
  'external',
  'terminal_card',
  'mews_checkout',
  'refund',
] as const;

/**
 * The methods in English for server-made text (CSV); the staff pages use
 * lib/i18n/staff-vocabulary.ts, whose English words a unit test holds these equal to.
 */
export const METHOD_LABEL: Record<(typeof PAYMENT_METHODS)[number], string> = {
  card: 'New card',
  stored_card: 'Stored card',
  ideal: 'iDEAL',
  external: 'External payment',
  terminal_card: 'Card terminal',
  mews_checkout: 'Mews Payments Checkout',
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
  .refine(
    (value) => value >= '1900-01-01' && value <= '2999-12-31',
    'Dates are between 1900 and 2999',
  )
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
  reservationId: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Guest name or e-mail, reservation number, link description, staff member, or an id. */
  q: optionalFreeText(200, 'The search').optional(),
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
