/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CARDS,
  SEED,
  startTestSandbox,
  type NotesMode,
  type TestSandbox,
} from '@/tests/support/sandbox';

/**
 * The `notesMode` switch. Mews documents neither that it keeps `Notes` of gateway charges
 * unchanged nor a length limit, so the app must find a lost charge without them; the sandbox can
 * drop them or keep only the first 16 characters, for charge `Notes`, `addExternal` and
 * `addCreditCard` `Notes`, and a refund's `Reason` (the refund payment's `Notes`).
 */

const alice = SEED.customers.alice;
const NOTE = 'mews-checkout attempt 3f2c9a1e-5b7d-4c21-9a0e-6d8f1b2c3d4e';
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

async function payment(id: string): Promise<Record<string, any>> {
  const r = await sandbox.connector<{ Payments: Array<Record<string, any>> }>('payments/getAll', {
    PaymentIds: [id],
    Limitation: { Count: 1 },
  });
  return r.body.Payments[0] as Record<string, any>;
}

/** Stores a card that charges at once for Alice; its CreditCardId. */
async function storeAlicesCard(): Promise<string> {
  const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
  const card = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
    CustomerId: alice.id,
    CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
  });
  return card.body.CreditCardId;
}

/** Runs the four operations that carry Notes/Reason and returns the Notes Mews reads back. */
async function storedNotes(): Promise<Record<string, string | null>> {
  const creditCardId = await storeAlicesCard();
  const charge = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
    CreditCardId: creditCardId,
    Amount: { Currency: 'GBP', GrossValue: 50 },
    Notes: NOTE,
  });
  expect(charge.status).toBe(200);
  const refund = await sandbox.connector<{ RefundId: string }>('payments/refund', {
    PaymentId: charge.body.PaymentId,
    AccountId: alice.id,
    Reason: NOTE,
  });
  expect(refund.status).toBe(200);
  const external = await sandbox.connector<{ ExternalPaymentId: string }>('payments/addExternal', {
    AccountId: alice.id,
    Amount: { Currency: 'GBP', GrossValue: 5 },
    Type: 'Cash',
    Notes: NOTE,
  });
  expect(external.status).toBe(200);
  const recorded = await sandbox.connector<{ CreditCardId: string }>('payments/addCreditCard', {
    CustomerId: alice.id,
    Amount: { Currency: 'GBP', GrossValue: 10 },
    CreditCard: {
      Type: 'Visa',
      Number: '411111******1111',
      Expiration: '12/2030',
      Name: 'Alice Smith',
    },
    Notes: NOTE,
  });
  expect(recorded.status).toBe(200);
  const all = await sandbox.connector<{ Payments: Array<Record<string, any>> }>('payments/getAll', {
    AccountIds: [alice.id],
    Limitation: { Count: 100 },
  });
  const terminal = all.body.Payments.find(
    (p) => p.Data?.CreditCard?.CreditCardId === recorded.body.CreditCardId,
  );
  return {
    charge: (await payment(charge.body.PaymentId)).Notes,
    refund: (await payment(refund.body.RefundId)).Notes,
    external: (await payment(external.body.ExternalPaymentId)).Notes,
    addCreditCard: terminal ? terminal.Notes : 'missing',
  };
}

const everywhere = (value: string | null) => ({
  charge: value,
  refund: value,
  external: value,
  addCreditCard: value,
});

describe('notesMode', () => {
  it('keep (default) stores Notes and Reason unchanged', async () => {
    expect(await storedNotes()).toEqual(everywhere(NOTE));
  });

  it('drop stores Notes: null', async () => {
    await sandbox.control.updateSettings({ notesMode: 'drop' });
    expect(await storedNotes()).toEqual(everywhere(null));
  });

  it('truncate keeps the first 16 characters', async () => {
    await sandbox.control.updateSettings({ notesMode: 'truncate' });
    expect(await storedNotes()).toEqual(everywhere('mews-checkout at'));
  });

  it('truncate leaves short notes alone', async () => {
    await sandbox.control.updateSettings({ notesMode: 'truncate' });
    const external = await sandbox.connector<{ ExternalPaymentId: string }>(
      'payments/addExternal',
      { AccountId: alice.id, Amount: { Currency: 'GBP', GrossValue: 5 }, Notes: 'short' },
    );
    expect((await payment(external.body.ExternalPaymentId)).Notes).toBe('short');
  });

  it('does not touch what the other matching keys rely on (ReceiptIdentifier, amount, card)', async () => {
    await sandbox.control.updateSettings({ notesMode: 'drop' });
    const creditCardId = await storeAlicesCard();
    const charge = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
      CreditCardId: creditCardId,
      Amount: { Currency: 'GBP', GrossValue: 12.34 },
      Notes: NOTE,
      ReceiptIdentifier: 'R-1',
    });
    expect(await payment(charge.body.PaymentId)).toMatchObject({
      Notes: null,
      Identifier: 'R-1',
      Amount: { Currency: 'GBP', GrossValue: -12.34 },
      Data: { CreditCard: { CreditCardId: creditCardId } },
    });
  });
});

describe('settings', () => {
  async function settings(): Promise<Record<string, unknown>> {
    const r = await fetch(`${sandbox.url}/_sandbox/settings`);
    return ((await r.json()) as { settings: Record<string, unknown> }).settings;
  }

  it('GET shows the defaults; PUT changes them; reset restores them', async () => {
    expect(await settings()).toMatchObject({
      notesMode: 'keep',
      refundSettleSeconds: 30,
      verificationHours: 24,
    });
    await sandbox.control.updateSettings({
      notesMode: 'truncate',
      refundSettleSeconds: 5,
      verificationHours: 2,
    });
    expect(await settings()).toMatchObject({
      notesMode: 'truncate',
      refundSettleSeconds: 5,
      verificationHours: 2,
    });
    await sandbox.control.reset();
    expect(await settings()).toMatchObject({
      notesMode: 'keep',
      refundSettleSeconds: 30,
      verificationHours: 24,
    });
  });

  it('refuses an unknown notesMode with 400 and changes nothing', async () => {
    const r = await fetch(`${sandbox.url}/_sandbox/settings`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ notesMode: 'shorten', refundSettleSeconds: 1 }),
    });
    expect(r.status).toBe(400);
    expect(await settings()).toMatchObject({ notesMode: 'keep', refundSettleSeconds: 30 });
  });

  it('a start-up notesMode survives reset', async () => {
    const other = await startTestSandbox({ settings: { notesMode: 'drop' as NotesMode } });
    try {
      await other.control.reset();
      const external = await other.connector<{ ExternalPaymentId: string }>(
        'payments/addExternal',
        { AccountId: alice.id, Amount: { Currency: 'GBP', GrossValue: 5 }, Notes: NOTE },
      );
      const read = await other.connector<{ Payments: Array<Record<string, any>> }>(
        'payments/getAll',
        { PaymentIds: [external.body.ExternalPaymentId], Limitation: { Count: 1 } },
      );
      expect(read.body.Payments[0]?.Notes).toBeNull();
    } finally {
      await other.stop();
    }
  });
});
