import { SEED } from './seed';

/**
 * The demo payment links the app creates at start in sandbox mode, built from the seed so they
 * point at customers and reservations that exist here. The app reads them over HTTP from
 * `GET /_sandbox/demo-links` (production code never imports the sandbox). The keys are fixed on
 * both sides: the app derives each link's token from its installation secret and the key, so the
 * same links come back after a restart.
 */
export interface DemoLinkDefinition {
  key: 'alice-gbp-deposit' | 'bob-eur-deposit' | 'dan-gbp-prepayment';
  customerId: string;
  reservationId: string | null;
  /** Minor units of `currency` (15000 = GBP 150.00). */
  amountMinor: number;
  currency: string;
  description: string;
}

const { alice, bob, dan } = SEED.customers;
const { aliceLondon, bobLondonEur } = SEED.reservations;

/** The deposit posted on a reservation's bill, in minor units (GBP and EUR have two decimals). */
function depositMinor(reservation: { depositDue: { value: number } }): number {
  return Math.round(reservation.depositDue.value * 100);
}

export const DEMO_LINKS: readonly DemoLinkDefinition[] = [
  {
    key: 'alice-gbp-deposit',
    customerId: alice.id,
    reservationId: aliceLondon.id,
    amountMinor: depositMinor(aliceLondon),
    currency: aliceLondon.depositDue.currency,
    description: `Deposit for reservation ${aliceLondon.number} (3 nights)`,
  },
  {
    key: 'bob-eur-deposit',
    customerId: bob.id,
    reservationId: bobLondonEur.id,
    amountMinor: depositMinor(bobLondonEur),
    currency: bobLondonEur.depositDue.currency,
    description: `Deposit for reservation ${bobLondonEur.number} (card)`,
  },
  {
    key: 'dan-gbp-prepayment',
    customerId: dan.id,
    reservationId: null,
    amountMinor: 4_999,
    currency: 'GBP',
    description: 'Prepayment for a late check-out',
  },
];
