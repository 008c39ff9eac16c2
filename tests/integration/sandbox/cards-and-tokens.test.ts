/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CARDS,
  SANDBOX_PUBLIC_KEYS,
  SEED,
  TEST_CARDS,
  startTestSandbox,
  type TestSandbox,
} from '@/tests/support/sandbox';

/** Charging follows the card, and tokenization ids behave like PCI Proxy's: 30 minutes, one use, one merchant. */

const alice = SEED.customers.alice;
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
});

async function storeCard(cardNumber: string) {
  const token = await sandbox.control.tokenize({ cardNumber, expm: '12', expy: '30' });
  return sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
    CustomerId: alice.id,
    CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
  });
}

async function charge(creditCardId: string, extra: Record<string, unknown> = {}) {
  const r = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
    CreditCardId: creditCardId,
    Amount: { Currency: 'GBP', GrossValue: 99.95 },
    ...extra,
  });
  expect(r.status).toBe(200);
  return r.body.PaymentId;
}

async function payment(id: string) {
  const r = await sandbox.connector<{ Payments: Array<Record<string, any>> }>('payments/getAll', {
    PaymentIds: [id],
    Limitation: { Count: 1 },
  });
  return r.body.Payments[0];
}

describe('charging follows the test card', () => {
  const expected: Record<string, string> = {
    charged: 'Charged',
    declined: 'Failed',
    'insufficient-funds': 'Failed',
    'pending-then-charged': 'Pending',
    'pending-then-failed': 'Pending',
    verifying: 'Verifying',
  };
  for (const card of TEST_CARDS.filter((c) => c.outcome !== 'expired')) {
    it(`${card.pan} (${card.brand}, ${card.outcome}) → ${expected[card.outcome]}`, async () => {
      const stored = await storeCard(card.pan);
      expect(stored.status).toBe(200);
      const id = await charge(stored.body.CreditCardId);
      const p = await payment(id);
      expect(p?.State).toBe(expected[card.outcome]);
      expect(p?.Type).toBe('CreditCardPayment');
      expect(p?.Data.Discriminator).toBe('CreditCard');
      expect(p?.Data.CreditCard.CreditCardId).toBe(stored.body.CreditCardId);
    });
  }

  it('failed charges stay visible in payments/getAll with State Failed and do not count on the bill', async () => {
    const stored = await storeCard(CARDS.visaDeclined);
    const id = await charge(stored.body.CreditCardId);
    const failed = await sandbox.connector<{ Payments: Array<Record<string, any>> }>(
      'payments/getAll',
      {
        AccountIds: [alice.id],
        States: ['Failed'],
        Limitation: { Count: 10 },
      },
    );
    expect(failed.body.Payments.map((p) => p.Id)).toEqual([id]);
    expect(failed.body.Payments[0]?.AccountingState).toBe('Canceled');
  });

  it('the expired test card is refused with 403 when Mews stores it', async () => {
    const stored = await storeCard(CARDS.mastercardExpired);
    expect(stored.status).toBe(403);
    expect((stored.body as unknown as { Message: string }).Message).toContain('expired');
  });

  it('a past Expiration is refused with 403, a malformed one with 400', async () => {
    const a = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    const past = await sandbox.connector('creditCards/addTokenized', {
      CustomerId: alice.id,
      CreditCardData: { StorageData: a.transactionId, Expiration: '2020-01' },
    });
    expect(past.status).toBe(403);
    const b = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    const bad = await sandbox.connector('creditCards/addTokenized', {
      CustomerId: alice.id,
      CreditCardData: { StorageData: b.transactionId, Expiration: '12/2030' },
    });
    expect(bad.status).toBe(400);
  });

  it('a pending payment settles to Charged after the sandbox clock moves on', async () => {
    const stored = await storeCard(CARDS.mastercardPending);
    const id = await charge(stored.body.CreditCardId);
    expect((await payment(id))?.State).toBe('Pending');
    await sandbox.control.advanceClock(30);
    expect((await payment(id))?.State).toBe('Pending');
    const moved = await sandbox.control.advanceClock(31);
    expect(moved.changedPaymentIds).toEqual([id]);
    const p = await payment(id);
    expect(p).toMatchObject({ State: 'Charged', AccountingState: 'Open' });
    expect(p?.ChargedUtc).toEqual(expect.any(String));
  });

  it('a pending payment can be settled through the control API, to another outcome if asked', async () => {
    const stored = await storeCard(CARDS.amexPendingThenFailed);
    const id = await charge(stored.body.CreditCardId);
    expect(await sandbox.control.settlePayments({ paymentIds: [id] })).toEqual([id]);
    expect((await payment(id))?.State).toBe('Failed');
    const second = await charge(stored.body.CreditCardId);
    await sandbox.control.settlePayments({ state: 'Charged' });
    expect((await payment(second))?.State).toBe('Charged');
  });

  it('stores and returns ReceiptIdentifier and Notes so a charge with a lost answer can be found', async () => {
    const stored = await storeCard(CARDS.visaCharged);
    const id = await charge(stored.body.CreditCardId, {
      Notes: 'checkout order 8f3a',
      ReceiptIdentifier: 'order-8f3a',
      ReservationId: SEED.reservations.aliceLondon.id,
    });
    const p = await payment(id);
    expect(p).toMatchObject({
      Notes: 'checkout order 8f3a',
      Identifier: 'order-8f3a',
      ReservationId: SEED.reservations.aliceLondon.id,
      BillId: SEED.reservations.aliceLondon.billId,
      Amount: { Currency: 'GBP', GrossValue: -99.95 },
    });
  });

  it('creditCards/getAll shows the stored card as a Gateway card with the masked number and brand', async () => {
    const stored = await storeCard(CARDS.amexCharged);
    const r = await sandbox.connector<{ CreditCards: Array<Record<string, unknown>> }>(
      'creditCards/getAll',
      {
        CreditCardIds: [stored.body.CreditCardId],
        Limitation: { Count: 1 },
      },
    );
    expect(r.body.CreditCards[0]).toMatchObject({
      Kind: 'Gateway',
      Type: 'Amex',
      ObfuscatedNumber: '***********1115',
      Expiration: '2030-12',
      State: 'Enabled',
    });
  });
});

describe('tokenization ids', () => {
  it('are 18-digit strings bound to the merchant, with the masked card and brand', async () => {
    const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    expect(token.transactionId).toMatch(/^\d{18}$/);
    expect(token).toMatchObject({
      maskedCard: '424242xxxxxx4242',
      paymentMethod: 'VIS',
      cardInfo: { issuer: 'DATATRANS' },
    });
    const otherMerchant = await sandbox.connector(
      'creditCards/addTokenized',
      {
        CustomerId: SEED.customers.emma.id,
        CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
      },
      { enterprise: 'net' },
    );
    expect(otherMerchant.status).toBe(400);
  });

  it('can be used once', async () => {
    const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    const body = {
      CustomerId: alice.id,
      CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
    };
    expect((await sandbox.connector('creditCards/addTokenized', body)).status).toBe(200);
    const again = await sandbox.connector<{ Message: string }>('creditCards/addTokenized', body);
    expect(again.status).toBe(403);
    expect(again.body.Message).toContain('already been used');
  });

  it('expire after 30 minutes', async () => {
    const fresh = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    const stale = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    await sandbox.control.advanceClock(29 * 60);
    expect(
      (
        await sandbox.connector('creditCards/addTokenized', {
          CustomerId: alice.id,
          CreditCardData: { StorageData: fresh.transactionId, Expiration: '2030-12' },
        })
      ).status,
    ).toBe(200);
    await sandbox.control.advanceClock(2 * 60);
    const expired = await sandbox.connector<{ Message: string }>('creditCards/addTokenized', {
      CustomerId: alice.id,
      CreditCardData: { StorageData: stale.transactionId, Expiration: '2030-12' },
    });
    expect(expired.status).toBe(403);
    expect(expired.body.Message).toContain('expired');
  });

  it('are refused for productive (non-test) cards, bad CVVs and unknown merchants', async () => {
    await expect(sandbox.control.tokenize({ cardNumber: CARDS.productiveVisa })).rejects.toThrow(
      /400/,
    );
    await expect(
      sandbox.control.tokenize({ cardNumber: CARDS.amexCharged, cvv: '123' }),
    ).rejects.toThrow(/400/);
    await expect(
      sandbox.control.tokenize({ cardNumber: CARDS.visaCharged, merchantId: '999' }),
    ).rejects.toThrow(/403/);
    const net = await sandbox.control.tokenize({
      cardNumber: CARDS.unionPayNoCvv,
      cvv: '',
      merchantId: SANDBOX_PUBLIC_KEYS.net,
    });
    expect(net.paymentMethod).toBe('CUP');
  });

  it('the vault never keeps the card number', async () => {
    await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    expect(JSON.stringify(sandbox.runtime.store.state)).not.toContain(CARDS.visaCharged);
  });
});
