import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { findPaymentLink } from '@/lib/db/payment-links';
import { paymentLinks, propertyProfile } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { getGuestCheckoutView, getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { guestCardPaymentSchema } from '@/lib/payments/guest/schemas';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { type AttemptStatus } from '@/lib/payments/guest/types';
import { cancelPaymentLink, createPaymentLink } from '@/lib/payments/links/payment-links';
import { forgetPropertyIdentity } from '@/lib/payments/property/identity';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { enableIdealForTests } from '../../support/alternative-methods';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

const APP_URL = 'http://localhost:3999';
const alice = SEED.customers.alice;
const bob = SEED.customers.bob;

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;

function contextFor(accessToken: string): PaymentContext {
  return createTestPaymentContext(database, {
    sandbox,
    client: {
      accessToken,
      clientName: 'Mews Checkout tests',
      timeouts: { 'creditCards/charge': 2_000, 'payments/addAlternative': 2_000 },
    },
    appUrl: APP_URL,
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  database = await openTestPglite();
  ctx = contextFor(SANDBOX_TOKENS.gross);
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

beforeEach(async () => {
  await sandbox.control.clearFaults();
});

async function newLink(
  overrides: Partial<Parameters<typeof createPaymentLink>[1]> = {},
  context = ctx,
) {
  return createPaymentLink(
    context,
    {
      customerId: alice.id,
      amountMinor: 12_550,
      currency: 'GBP',
      description: 'Deposit',
      ...overrides,
    },
    { via: 'cli', actor: { type: 'system' } },
  );
}

async function cardPayment(
  token: string,
  cardNumber: string,
  idempotencyKey = randomUUID(),
  context = ctx,
) {
  const card = await tokenizeTestCard(sandbox, cardNumber);
  return payLinkWithCard(context, guestCardInput(token, card, idempotencyKey), '203.0.113.7');
}

async function chargesFor(attempt: AttemptStatus) {
  const charges = await sandbox.control.requests('creditCards/charge');
  return charges.filter((entry) => JSON.stringify(entry.request).includes(attempt.attemptId));
}

describe('guest card payments', () => {
  it('charges the link amount once, reads Charged back and marks the link paid', async () => {
    const { link, token } = await newLink();
    const status = await cardPayment(token, '4242424242424242');
    expect(status.state).toBe('succeeded');
    expect(status.mewsPaymentId).toBeTruthy();
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('paid');

    const [payment] = await ctx.mews.getPayments({ paymentIds: [status.mewsPaymentId!] });
    expect(payment).toMatchObject({
      state: 'charged',
      amount: { amountMinor: 12_550, currency: 'GBP' },
    });
    expect(await chargesFor(status)).toHaveLength(1);

    const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
    expect(view.kind).toBe('paid');
    if (view.kind === 'paid') {
      expect(view.receipt).toMatchObject({
        amountMinor: 12_550,
        currency: 'GBP',
        mewsPaymentId: status.mewsPaymentId,
      });
      expect(view.receipt.cardMasked).toMatch(/^424242x+4242$/);
    }
  });

  it('answers a replayed request with the first result and never charges again', async () => {
    const { token } = await newLink();
    const key = randomUUID();
    const first = await cardPayment(token, '4242424242424242', key);
    const replay = await cardPayment(token, '4242424242424242', key);
    expect(replay.attemptId).toBe(first.attemptId);
    expect(replay.state).toBe('succeeded');
    expect(await chargesFor(first)).toHaveLength(1);
    await expect(cardPayment(token, '4242424242424242')).rejects.toMatchObject({
      code: 'link_paid',
    });
  });

  it('keeps a declined link open for another card', async () => {
    const { link, token } = await newLink();
    const declined = await cardPayment(token, '4900000000000086');
    expect(declined.state).toBe('failed');
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');
    const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
    expect(view.kind === 'payable' && view.summary.lastFailure?.state).toBe('failed');

    const paid = await cardPayment(token, '5404000000000001');
    expect(paid.state).toBe('succeeded');
  });

  it('reports insufficient funds as a failure, and an expired card as refused by Mews', async () => {
    const { token } = await newLink();
    expect((await cardPayment(token, '4900000000000003')).state).toBe('failed');
    const expired = await cardPayment(token, '5200000000000080');
    expect(expired).toMatchObject({ state: 'failed', failureCode: 'card_rejected' });
    expect(expired.failureMessage).toBeTruthy();
  });

  it('shows a pending card as pending until Mews settles it', async () => {
    const { link, token } = await newLink();
    const pending = await cardPayment(token, '5200000000000007');
    expect(pending.state).toBe('pending');
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('processing');
    await expect(cardPayment(token, '4242424242424242')).rejects.toMatchObject({
      code: 'payment_in_progress',
    });

    await sandbox.control.settlePayments({ paymentIds: [pending.mewsPaymentId!] });
    const settled = await getLinkPaymentStatus(ctx, token);
    expect(settled).toMatchObject({ linkState: 'paid', attempt: { state: 'succeeded' } });
  });

  it('lets only one of many simultaneous payments on a link charge', async () => {
    const { token } = await newLink();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => cardPayment(token, '4242424242424242')),
    );
    const succeeded = results.filter(
      (r) => r.status === 'fulfilled' && r.value.state === 'succeeded',
    );
    expect(succeeded).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(PaymentError);
        expect(['payment_in_progress', 'link_paid', 'conflict']).toContain(
          (r.reason as PaymentError).code,
        );
      }
    }
    const winner = (succeeded[0] as PromiseFulfilledResult<AttemptStatus>).value;
    const allCharges = await sandbox.control.requests('creditCards/charge');
    const forThisLink = allCharges.filter((entry) =>
      JSON.stringify(entry.request).includes(winner.attemptId),
    );
    expect(forThisLink).toHaveLength(1);
  });

  it('marks a charge whose answer was lost as unknown, without sending it twice', async () => {
    const { link, token } = await newLink();
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'drop-after-processing',
      count: 1,
    });
    // Mews cannot be read back either (its immediate read-back would otherwise find the charge).
    await sandbox.control.addFault({ operation: 'payments/getAll', kind: '500', count: 4 });
    const status = await cardPayment(token, '4242424242424242');
    await sandbox.control.clearFaults();
    expect(status.state).toBe('unknown');
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('processing');
    expect(await chargesFor(status)).toHaveLength(1);
    // Mews has the charge, findable by our attempt id.
    const payments = await ctx.mews.getPayments({
      accountIds: [alice.id],
      createdBetween: { start: new Date(Date.now() - 600_000), end: new Date(Date.now() + 60_000) },
    });
    expect(payments.filter((p) => p.attemptId === status.attemptId)).toHaveLength(1);
  });

  it('refuses tampered input: the amount is never taken from the request', () => {
    const base = {
      token: 'x'.repeat(43),
      idempotencyKey: randomUUID(),
      cardholderName: 'Alice Smith',
      expiry: '12/30',
      card: { transactionId: '123456789012345678' },
    };
    expect(guestCardPaymentSchema.safeParse(base).success).toBe(true);
    expect(guestCardPaymentSchema.safeParse({ ...base, amountMinor: 1 }).success).toBe(false);
    expect(
      guestCardPaymentSchema.safeParse({ ...base, cardholderName: '4242 4242 4242 4242' }).success,
    ).toBe(false);
    expect(guestCardPaymentSchema.safeParse({ ...base, expiry: '01/20' }).success).toBe(false);
  });

  it('stops card attempts on a link after repeated failures', async () => {
    const { token } = await newLink();
    for (let i = 0; i < 5; i++)
      expect((await cardPayment(token, '4900000000000086')).state).toBe('failed');
    await expect(cardPayment(token, '4242424242424242')).rejects.toMatchObject({
      code: 'too_many_attempts',
    });
  });

  it('refuses expired and unknown links without calling Mews to charge', async () => {
    const { token } = await newLink({ expiresInHours: 1 });
    const later = withClockOffset(ctx, 2 * 3_600_000);
    await expect(cardPayment(token, '4242424242424242', randomUUID(), later)).rejects.toMatchObject(
      { code: 'link_expired' },
    );
    expect((await getGuestCheckoutView(later, token, 'x')).kind).toBe('expired');
    expect((await getGuestCheckoutView(ctx, 'A'.repeat(43), 'x')).kind).toBe('not_found');
  });

  it('offers no card payment where the enterprise has no card storage', async () => {
    const noStorage = contextFor(SANDBOX_TOKENS.noCardStorage);
    // The hostel has iDEAL in its Mews subscription; the installation has it turned on.
    await enableIdealForTests(database);
    const { token } = await newLink(
      { customerId: SEED.customers.greta.id, currency: 'EUR', amountMinor: 12_000 },
      noStorage,
    );
    const view = await getGuestCheckoutView(noStorage, token, 'x');
    expect(view.kind === 'payable' && view.summary.card).toEqual({ available: false });
    expect(view.kind === 'payable' && view.summary.ideal.available).toBe(true);
  });
});

describe('the pay page', () => {
  it("shows the guest's name and stay as they were when the link was made, without a Mews request per view", async () => {
    const { token } = await newLink({
      customerId: bob.id,
      reservationId: SEED.reservations.bobLondonEur.id,
      currency: 'EUR',
      amountMinor: 24_050,
    });
    const guestReads = async () =>
      (await sandbox.control.requests()).filter((entry) =>
        /^(customers|reservations)\//.test(entry.operation),
      ).length;
    const readsBefore = await guestReads();
    // Making the link read both, to check them and keep what the page shows.
    expect(readsBefore).toBeGreaterThanOrEqual(2);
    const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
    expect(view.kind === 'payable' && view.summary).toMatchObject({
      guestName: 'Bob Jansen',
      reservation: {
        number: 'SBX-1002',
        start: '2027-04-02T14:00:00.000Z',
        end: '2027-04-05T10:00:00.000Z',
      },
    });
    expect(await guestReads()).toBe(readsBefore);
  });

  it('still reads the guest from Mews for a link made before names were kept with links', async () => {
    const { link, token } = await newLink();
    await database.db
      .update(paymentLinks)
      .set({ guestName: null, guestDetailsCapturedAt: null })
      .where(eq(paymentLinks.id, link.id));
    const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
    expect(view.kind === 'payable' && view.summary.guestName).toBe(
      `${alice.firstName} ${alice.lastName}`,
    );
  });

  it("names the hotel by its display name from the Property settings, Mews' enterprise name otherwise", async () => {
    const open = await newLink();
    const paid = await newLink();
    expect((await cardPayment(paid.token, '4242424242424242')).state).toBe('succeeded');
    const canceled = await newLink();
    await cancelPaymentLink(ctx, canceled.link.id, { type: 'system' });
    const names = async () => {
      const [payable, receipt, closed] = await Promise.all(
        [open.token, paid.token, canceled.token].map((token) =>
          getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js'),
        ),
      );
      return [
        payable?.kind === 'payable' && payable.summary.hotelName,
        receipt?.kind === 'paid' && receipt.receipt.hotelName,
        closed?.kind === 'canceled' && closed.hotelName,
      ];
    };

    forgetPropertyIdentity();
    const mewsName = SEED.enterprises.gross.name;
    expect(await names()).toEqual([mewsName, mewsName, mewsName]);

    await database.db.insert(propertyProfile).values({ id: 1, displayName: 'The Aurora London' });
    forgetPropertyIdentity();
    try {
      expect(await names()).toEqual([
        'The Aurora London',
        'The Aurora London',
        'The Aurora London',
      ]);
    } finally {
      await database.db.delete(propertyProfile);
      forgetPropertyIdentity();
    }
  });
});

describe('guest iDEAL payments', () => {
  // iDEAL on the Dutch hotel (London refuses it with 403), turned on for the installation.
  let ctx: PaymentContext;
  beforeAll(async () => {
    ctx = contextFor(SANDBOX_TOKENS.dutch);
    await enableIdealForTests(database);
  });

  async function idealLink() {
    return newLink(
      {
        customerId: SEED.customers.bram.id,
        reservationId: SEED.reservations.bramAmsterdam.id,
        currency: 'EUR',
        amountMinor: 18_000,
        // Every test pays its own deposit link for SBX-4001: each a deliberate second one, kept open.
        allowDuplicate: true,
        keepOpenWhenSiblingPaid: true,
      },
      ctx,
    );
  }

  it('stores the payment before the redirect and settles from Mews after approval', async () => {
    const { link, token } = await idealLink();
    const started = await payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null);
    expect(started.state).toBe('pending');
    expect(started.redirectUrl).toMatch(/^http/);
    expect(started.mewsPaymentId).toBeTruthy();
    const addAlternative = (await sandbox.control.requests('payments/addAlternative')).at(-1);
    expect(JSON.stringify(addAlternative?.request)).toContain(`${APP_URL}/pay/${token}/return`);

    expect(await getLinkPaymentStatus(ctx, token)).toMatchObject({
      linkState: 'processing',
      attempt: { state: 'pending' },
    });
    await sandbox.control.completeIdeal(started.mewsPaymentId!, 'approve');
    expect(await getLinkPaymentStatus(ctx, token)).toMatchObject({
      linkState: 'paid',
      attempt: { state: 'succeeded' },
    });
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('paid');
  });

  it('sends a double click to the same bank page', async () => {
    const { token } = await idealLink();
    const key = randomUUID();
    const first = await payLinkWithIdeal(ctx, { token, idempotencyKey: key }, null);
    const second = await payLinkWithIdeal(ctx, { token, idempotencyKey: key }, null);
    expect(second.attemptId).toBe(first.attemptId);
    expect(second.redirectUrl).toBe(first.redirectUrl);
    const calls = (await sandbox.control.requests('payments/addAlternative')).filter((entry) =>
      JSON.stringify(entry.request).includes(token),
    );
    expect(calls).toHaveLength(1);
  });

  it.each(['cancel', 'fail'] as const)(
    'reopens the link after the payer chooses %s at the bank',
    async (outcome) => {
      const { token } = await idealLink();
      const started = await payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null);
      await sandbox.control.completeIdeal(started.mewsPaymentId!, outcome);
      const status = await getLinkPaymentStatus(ctx, token);
      expect(status?.linkState).toBe('open');
      expect(status?.attempt?.state).toBe(outcome === 'cancel' ? 'canceled' : 'failed');
    },
  );

  it('settles an abandoned payment as canceled once the bank expires it', async () => {
    const { token } = await idealLink();
    const started = await payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null);
    expect((await getLinkPaymentStatus(ctx, token))?.attempt?.state).toBe('pending');
    await sandbox.control.advanceClock(16 * 60);
    expect(await getLinkPaymentStatus(ctx, token)).toMatchObject({
      linkState: 'open',
      attempt: { attemptId: started.attemptId, state: 'canceled' },
    });
  });

  it('refuses iDEAL for a link that is not in euros', async () => {
    const { token } = await newLink(); // London, GBP
    await expect(
      payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null),
    ).rejects.toMatchObject({
      code: 'method_unavailable',
    });
  });
});
