/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSpecValidator } from '@/sandbox/spec-validator';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';
import {
  startWebhookReceiver,
  webhookPaymentIds,
  type WebhookReceiver,
} from '@/tests/support/webhook-receiver';

/**
 * Refunds are `Pending` first (Connector API `payments/refund`: the refund is itself a payment,
 * `State` in the answer since 2024-12-19, "refunds can still fail while Pending"): they settle
 * `Charged` after a while, or `Failed` for the refund-refusing test card.
 */

const alice = SEED.customers.alice;
let sandbox: TestSandbox;
let receiver: WebhookReceiver;
let receiverUrl: string;
const webhookIds: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver('/webhooks', (raw) =>
    webhookIds.push(...webhookPaymentIds(raw)),
  );
  receiverUrl = receiver.url;
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
  await receiver.close();
});
beforeEach(async () => {
  await sandbox.control.reset();
  webhookIds.length = 0;
});

async function chargeCard(cardNumber: string, amount = 100): Promise<string> {
  const token = await sandbox.control.tokenize({ cardNumber });
  const card = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
    CustomerId: alice.id,
    CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
  });
  const charge = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
    CreditCardId: card.body.CreditCardId,
    Amount: { Currency: 'GBP', GrossValue: amount },
  });
  expect(charge.status).toBe(200);
  return charge.body.PaymentId;
}

async function refund(paymentId: string, value?: number) {
  return sandbox.connector<Record<string, any>>('payments/refund', {
    PaymentId: paymentId,
    AccountId: alice.id,
    Reason: 'Guest canceled',
    ...(value === undefined ? {} : { ValueToRefund: value }),
  });
}

async function payment(id: string): Promise<Record<string, any>> {
  const r = await sandbox.connector<{ Payments: Array<Record<string, any>> }>('payments/getAll', {
    PaymentIds: [id],
    Limitation: { Count: 1 },
  });
  return r.body.Payments[0] as Record<string, any>;
}

describe('payments/refund is Pending first', () => {
  it('answers State Pending (valid against the spec); the refund payment reads back Pending, positive, Inactive', async () => {
    const id = await chargeCard(CARDS.visaCharged);
    const r = await refund(id, 40);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      PaymentId: id,
      Type: 'CreditCardPayment',
      Amount: { Currency: 'GBP', Value: 40 },
      State: 'Pending',
    });
    expect(getSpecValidator().validateResponse('payments/refund', r.body).issues).toEqual([]);
    expect(await payment(r.body.RefundId as string)).toMatchObject({
      Kind: 'Refund',
      State: 'Pending',
      AccountingState: 'Inactive',
      ChargedUtc: null,
      Amount: { GrossValue: 40 },
    });
  });

  it('settles Charged after refundSettleSeconds (30) of sandbox time, with a webhook', async () => {
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 20 });
    const id = await chargeCard(CARDS.visaCharged);
    const refundId = (await refund(id)).body.RefundId as string;
    await sandbox.control.waitForWebhooks();
    expect(webhookIds).toContain(refundId);
    webhookIds.length = 0;
    await sandbox.control.advanceClock(29);
    expect((await payment(refundId)).State).toBe('Pending');
    const moved = await sandbox.control.advanceClock(2);
    expect(moved.changedPaymentIds).toEqual([refundId]);
    const settled = await payment(refundId);
    expect(settled).toMatchObject({ State: 'Charged', AccountingState: 'Open' });
    expect(settled.ChargedUtc).toEqual(expect.any(String));
    await sandbox.control.waitForWebhooks();
    expect(webhookIds).toEqual([refundId]);
  });

  it('refundSettleSeconds is a setting', async () => {
    await sandbox.control.updateSettings({ refundSettleSeconds: 5 });
    const id = await chargeCard(CARDS.visaCharged);
    const refundId = (await refund(id)).body.RefundId as string;
    await sandbox.control.advanceClock(6);
    expect((await payment(refundId)).State).toBe('Charged');
  });

  it('a pending refund already counts against what can still be refunded', async () => {
    const id = await chargeCard(CARDS.visaCharged, 100);
    expect((await refund(id, 60)).body.State).toBe('Pending');
    const tooMuch = await refund(id, 41);
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body.Message).toContain('40');
    expect((await refund(id, 40)).status).toBe(200);
    expect((await refund(id, 0.01)).status).toBe(403);
  });

  it('POST /_sandbox/payments/settle settles pending refunds at once, to Charged or a forced Failed', async () => {
    const id = await chargeCard(CARDS.visaCharged, 100);
    const a = (await refund(id, 30)).body.RefundId as string;
    const b = (await refund(id, 70)).body.RefundId as string;
    expect(await sandbox.control.settlePayments({ paymentIds: [a] })).toEqual([a]);
    expect((await payment(a)).State).toBe('Charged');
    expect(await sandbox.control.settlePayments({ paymentIds: [b], state: 'Failed' })).toEqual([b]);
    expect(await payment(b)).toMatchObject({ State: 'Failed', AccountingState: 'Canceled' });
    // The failed 70 can be refunded again; the charged 30 cannot.
    expect((await refund(id, 71)).status).toBe(403);
    expect((await refund(id, 70)).status).toBe(200);
  });
});

describe('the refund-refusing test card', () => {
  it('charges normally, but its refund answers Pending and ends Failed, giving the amount back', async () => {
    const id = await chargeCard(CARDS.visaRefundRefused, 80);
    expect(await payment(id)).toMatchObject({ State: 'Charged', AccountingState: 'Open' });
    const r = await refund(id);
    expect(r.status).toBe(200);
    expect(r.body.State).toBe('Pending');
    const refundId = r.body.RefundId as string;
    expect((await refund(id, 1)).status).toBe(403);
    await sandbox.control.advanceClock(31);
    expect(await payment(refundId)).toMatchObject({
      Kind: 'Refund',
      State: 'Failed',
      AccountingState: 'Canceled',
    });
    // Nothing went back to the guest: the full amount can be refunded again (and fails again).
    const again = await refund(id);
    expect(again.status).toBe(200);
    expect(again.body.Amount).toEqual({ Currency: 'GBP', Value: 80 });
    await sandbox.control.settlePayments({ paymentIds: [again.body.RefundId as string] });
    expect((await payment(again.body.RefundId as string)).State).toBe('Failed');
  });
});

describe('iDEAL refunds', () => {
  it('are Pending first too, then Charged', async () => {
    const greta = SEED.customers.greta;
    const started = await sandbox.connector<{ PaymentId: string }>(
      'payments/addAlternative',
      {
        CustomerId: greta.id,
        Amount: { Currency: 'EUR', GrossValue: 30, TaxCodes: [] },
        Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: 'http://127.0.0.1:3000/return' } },
      },
      { enterprise: 'noCardStorage' },
    );
    expect(started.status).toBe(200);
    await sandbox.control.completeIdeal(started.body.PaymentId, 'approve');
    const r = await sandbox.connector<Record<string, any>>(
      'payments/refund',
      { PaymentId: started.body.PaymentId, AccountId: greta.id, Reason: 'Canceled stay' },
      { enterprise: 'noCardStorage' },
    );
    expect(r.body).toMatchObject({ Type: 'AlternativePayment', State: 'Pending' });
    await sandbox.control.settlePayments({ paymentIds: [r.body.RefundId as string] });
    const settled = await sandbox.connector<{ Payments: Array<Record<string, any>> }>(
      'payments/getAll',
      { PaymentIds: [r.body.RefundId], Limitation: { Count: 1 } },
      { enterprise: 'noCardStorage' },
    );
    expect(settled.body.Payments[0]).toMatchObject({ Kind: 'Refund', State: 'Charged' });
  });
});
