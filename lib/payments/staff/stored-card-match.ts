import 'server-only';
import { z } from 'zod';
import { parseExpiry } from '@/lib/card-capture/card-details';
import type { PaymentContext } from '@/lib/server/context';
import { uuid } from './schemas';

/**
 * Before a new card typed at the desk is stored: is it a card Mews already stores, chargeable, for
 * this customer? Mews charges the hotel a fee for every tokenization (`creditCards/addTokenized`),
 * so the clerk is offered the stored card; they may still store the new one (another card with
 * the same last four digits and expiry is possible, if rare). Asked after Secure Fields tokenized
 * the card and before anything is sent to Mews: the transaction id stays unused either way.
 */

export const storedCardMatchSchema = z.object({
  customerId: uuid('Customer'),
  /** As Secure Fields masks it, e.g. `424242xxxxxx4242`; only the last four digits are compared. */
  maskedCard: z
    .string()
    .regex(/^\d{0,6}[x*X•]+\d{4}$/, 'The card could not be read; enter it again')
    .max(19),
  expiry: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/, 'Enter the expiry as MM/YY'),
});

export interface StoredCardMatch {
  creditCardId: string;
  /** e.g. `Visa •••• 4242, expires 12/30`, for the offer. */
  label: string;
}

const lastFour = (masked: string | null) => masked?.replace(/\D/g, '').slice(-4) ?? '';

/**
 * The customer's stored chargeable card with the same last four digits and expiry, or `null`.
 * When Mews cannot list the cards, `null` too: saving a fee never blocks a payment.
 */
export async function findStoredCardMatch(
  ctx: PaymentContext,
  input: z.output<typeof storedCardMatchSchema>,
): Promise<StoredCardMatch | null> {
  const expiry = parseExpiry(input.expiry);
  const digits = lastFour(input.maskedCard);
  if (!expiry || digits.length !== 4) return null;
  let cards;
  try {
    cards = await ctx.mews.listCreditCards(input.customerId);
  } catch (error) {
    ctx.log.warn(
      { err: error, customerId: input.customerId },
      'Could not list stored cards to offer one instead of a new tokenization',
    );
    return null;
  }
  const match = cards.find(
    (card) =>
      card.chargeable &&
      lastFour(card.obfuscatedNumber) === digits &&
      card.expiration?.year === expiry.year &&
      card.expiration.month === expiry.month,
  );
  if (!match) return null;
  const month = String(expiry.month).padStart(2, '0');
  return {
    creditCardId: match.id,
    label: `${match.brand ?? 'Card'} •••• ${digits}, expires ${month}/${String(expiry.year).slice(-2)}`,
  };
}
