import { randomUUID } from 'node:crypto';
import { guestCardPaymentSchema } from '@/lib/payments/guest/schemas';
import { SEED, type TestSandbox } from './sandbox';

/** What Secure Fields hands the guest's page for a typed card: the `card` of a guest card payment. */
export interface SecureFieldsCard {
  transactionId: string;
  maskedCard: string;
  brand: string;
}

/** Tokenizes `cardNumber` at the sandbox's Secure Fields, for the gross hotel unless told otherwise. */
export async function tokenizeTestCard(
  sandbox: TestSandbox,
  cardNumber: string,
  merchantId: string = SEED.enterprises.gross.publicKey,
): Promise<SecureFieldsCard> {
  const tokenized = await sandbox.control.tokenize({ cardNumber, merchantId });
  return {
    transactionId: tokenized.transactionId,
    maskedCard: tokenized.maskedCard,
    brand: tokenized.cardInfo.brand,
  };
}

/**
 * The input of `payLinkWithCard` as the guest's page posts it, parsed by the route's schema: Alice
 * paying link `token` with `card`. Card fields may be missing where a caller's card is optional;
 * the schema then refuses them, as the route would.
 */
export function guestCardInput(
  token: string,
  card: Partial<SecureFieldsCard>,
  idempotencyKey: string = randomUUID(),
) {
  return guestCardPaymentSchema.parse({
    token,
    idempotencyKey,
    cardholderName: 'Alice Smith',
    expiry: '12/30',
    card: { transactionId: card.transactionId, maskedCard: card.maskedCard, brand: card.brand },
  });
}
