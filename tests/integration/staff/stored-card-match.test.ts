/**
 * A new card typed at the desk that Mews already stores for the customer (same last four digits
 * and expiry, chargeable) is offered instead of being tokenized again: Mews charges the hotel a fee
 * for every `creditCards/addTokenized`. Against the offline sandbox, checked in its request log.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import type { PaymentContext } from '@/lib/server/context';
import { staffChargeNewCard, staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import { newCardChargeSchema, storedCardChargeSchema } from '@/lib/payments/staff/schemas';
import { findStoredCardMatch, storedCardMatchSchema } from '@/lib/payments/staff/stored-card-match';
import { createTestStaffActor } from '../../support/staff-actor';
import { tokenizeTestCard } from '../../support/card-input';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const { alice, bob, chloe } = SEED.customers;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

const addTokenizedCalls = async () =>
  (await sandbox.control.requests('creditCards/addTokenized')).filter((r) => r.status === 200)
    .length;

describe.each(testDatabaseTargets)(
  'stored card offered instead of a new one on $label',
  ({ open }) => {
    let database: TestDatabase;
    let ctx: PaymentContext;
    let clerk: StaffActor;

    beforeAll(async () => {
      database = await open();
      ctx = createTestPaymentContext(database, { sandbox });
      clerk = await createTestStaffActor(ctx, {
        email: 'fay@hotel.test',
        name: 'Fay',
        role: 'frontdesk',
        password: 'front desk password',
      });
    });
    afterAll(async () => {
      await database?.close();
    });

    /** What Secure Fields hands the form: a fresh, unused transaction id for the card typed. */
    const typed = (card: string) => tokenizeTestCard(sandbox, card);
    const chargeNew = async (
      card: Awaited<ReturnType<typeof typed>>,
      expiry: string,
      amount: string,
    ) =>
      staffChargeNewCard(
        ctx,
        newCardChargeSchema.parse({
          idempotencyKey: randomUUID(),
          customerId: alice.id,
          amount,
          currency: 'GBP',
          confirmed: true,
          expiry,
          card,
        }),
        clerk,
        '198.51.100.7',
      );
    const match = (customerId: string, maskedCard: string, expiry: string) =>
      findStoredCardMatch(ctx, storedCardMatchSchema.parse({ customerId, maskedCard, expiry }));

    it('offers the stored card, and charging it sends no second creditCards/addTokenized', async () => {
      await sandbox.control.reset();
      const first = await chargeNew(await typed(CARDS.visaCharged), '12/30', '40');
      expect(first.state).toBe('succeeded');
      expect(await addTokenizedCalls()).toBe(1);
      const [stored] = await ctx.mews.listCreditCards(alice.id);

      // The same card typed again, for the same customer.
      const again = await typed(CARDS.visaCharged);
      const offer = await match(alice.id, again.maskedCard, '12/30');
      expect(offer).toEqual({
        creditCardId: stored?.id,
        label: expect.stringMatching(/•••• 4242, expires 12\/30$/),
      });

      // The clerk takes the stored card.
      const charged = await staffChargeStoredCard(
        ctx,
        storedCardChargeSchema.parse({
          idempotencyKey: randomUUID(),
          customerId: alice.id,
          creditCardId: offer?.creditCardId,
          amount: '25',
          currency: 'GBP',
          confirmed: true,
        }),
        clerk,
        '198.51.100.7',
      );
      expect(charged.state).toBe('succeeded');
      expect(await addTokenizedCalls()).toBe(1);
      expect(await ctx.mews.listCreditCards(alice.id)).toHaveLength(1);

      // The clerk may still insist: the unused transaction id stores the card again.
      const insisted = await chargeNew(again, '12/30', '10');
      expect(insisted.state).toBe('succeeded');
      expect(await addTokenizedCalls()).toBe(2);
    });

    it('offers nothing for another expiry, other digits, another customer or a card Mews cannot charge', async () => {
      await sandbox.control.reset();
      await chargeNew(await typed(CARDS.visaCharged), '12/30', '40');
      const visa = (await typed(CARDS.visaCharged)).maskedCard;
      expect(await match(alice.id, visa, '11/30')).toBeNull();
      expect(
        await match(alice.id, (await typed(CARDS.mastercardCharged)).maskedCard, '12/30'),
      ).toBeNull();
      expect(await match(bob.id, visa, '12/30')).toBeNull();
      // Chloe's terminal card ends 1111 and expires 12/30, but only gateway cards can be charged.
      expect(SEED.terminalCard.customerId).toBe(chloe.id);
      expect(await match(chloe.id, '411111xxxxxx1111', '12/30')).toBeNull();
    });
  },
);
