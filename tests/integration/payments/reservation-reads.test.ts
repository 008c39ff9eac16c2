/**
 * A deposit link for a reservation is checked and shown without `bills/getAll` `Extent.Items`
 * (discontinued by Mews on 2025-01-10; the sandbox answers it 400 like Mews would): the app reads
 * the reservation with `reservations/getAll/2023-06-06` only, on link creation and on the guest
 * page of a link made before guest details were kept with links.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentLinks } from '@/lib/db/schema';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import { openTestPaymentContext } from '../../support/payment-context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import type { TestDatabase } from '../../support/test-database';

const { alice, bob } = SEED.customers;

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({ sandbox }));
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

async function operationsSent() {
  return (await sandbox.control.requests()).map((entry) => `${entry.operation} ${entry.status}`);
}

describe('reading what a deposit link needs', () => {
  it('makes a link for a reservation and shows its stay, reading no bill items', async () => {
    await sandbox.control.clearRequests();
    const { link, token } = await createPaymentLink(
      ctx,
      {
        customerId: bob.id,
        reservationId: SEED.reservations.bobLondonEur.id,
        amountMinor: 24_050,
        currency: 'EUR',
        description: 'Deposit SBX-1002',
      },
      { via: 'cli', actor: { type: 'system' } },
    );
    // A link made before guest details were kept with links reads them on each view.
    await database.db
      .update(paymentLinks)
      .set({ guestName: null, guestDetailsCapturedAt: null })
      .where(eq(paymentLinks.id, link.id));
    const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
    expect(view.kind === 'payable' && view.summary.reservation).toMatchObject({
      number: SEED.reservations.bobLondonEur.number,
    });

    const sent = await operationsSent();
    expect(sent.filter((entry) => entry.startsWith('reservations/getAll/2023-06-06'))).toEqual([
      'reservations/getAll/2023-06-06 200',
      'reservations/getAll/2023-06-06 200',
    ]);
    expect(sent.filter((entry) => entry.startsWith('bills/'))).toEqual([]);
    // (Other 4xx here are the permission probes, which Mews refuses by design.)
    expect(
      sent.filter((entry) => /^(reservations|customers)\//.test(entry) && !entry.endsWith(' 200')),
    ).toEqual([]);
  });

  it('still refuses a reservation of another customer', async () => {
    await expect(
      createPaymentLink(
        ctx,
        {
          customerId: alice.id,
          reservationId: SEED.reservations.bobLondonEur.id,
          amountMinor: 1_000,
          currency: 'GBP',
          description: 'Deposit',
        },
        { via: 'cli', actor: { type: 'system' } },
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
