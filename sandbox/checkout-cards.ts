import { TEST_CARDS, detectBrand, type BrandCode } from './test-cards';

/**
 * Test cards of the Mews Payments Checkout stand-in (the sandbox's own: Mews publishes no test
 * cards for the checkout). The README table is copied from here and tests iterate over it.
 * The PCI Proxy test cards of `test-cards.ts` work too, frictionless, with their charge outcome.
 */

export type CheckoutCardResult = 'charged' | 'declined' | 'insufficient-funds' | 'expired';

export interface CheckoutCard {
  pan: string;
  brand: BrandCode;
  /** A 3-D Secure challenge is shown before the charge. */
  challenge: boolean;
  /** The charge's result (after a passed challenge, for challenge cards). */
  result: CheckoutCardResult;
  description: string;
}

export const CHECKOUT_TEST_CARDS: readonly CheckoutCard[] = [
  {
    pan: '4242424242424242',
    brand: 'VIS',
    challenge: false,
    result: 'charged',
    description: 'Frictionless: Charged',
  },
  {
    pan: '4000000000003220',
    brand: 'VIS',
    challenge: true,
    result: 'charged',
    description: '3-D Secure challenge: Authenticate → Charged, Fail authentication → Failed',
  },
  {
    pan: '4000000000000002',
    brand: 'VIS',
    challenge: false,
    result: 'declined',
    description: 'Declined → Failed',
  },
  {
    pan: '4000000000009995',
    brand: 'VIS',
    challenge: false,
    result: 'insufficient-funds',
    description: 'Insufficient funds → Failed',
  },
];

export const CHECKOUT_CARDS = {
  frictionless: '4242424242424242',
  challenge: '4000000000003220',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

/**
 * What the checkout does with a card number: its own test cards first, then the PCI Proxy test
 * cards (frictionless; pending outcomes settle at once, the `verifying` card gets the challenge).
 * Any other number is refused as invalid, like a productive card in a sandbox.
 */
export function checkoutCard(pan: string): CheckoutCard | null {
  const own = CHECKOUT_TEST_CARDS.find((c) => c.pan === pan);
  if (own) return own;
  const pci = TEST_CARDS.find((c) => c.pan === pan);
  if (!pci) return null;
  const brand = detectBrand(pan) ?? pci.brand;
  switch (pci.outcome) {
    case 'charged':
    case 'pending-then-charged':
      return { pan, brand, challenge: false, result: 'charged', description: 'Charged' };
    case 'verifying':
      return { pan, brand, challenge: true, result: 'charged', description: 'Challenge' };
    case 'declined':
    case 'pending-then-failed':
      return { pan, brand, challenge: false, result: 'declined', description: 'Declined' };
    case 'insufficient-funds':
      return { pan, brand, challenge: false, result: 'insufficient-funds', description: 'Funds' };
    case 'expired':
      return { pan, brand, challenge: false, result: 'expired', description: 'Expired card' };
  }
}
