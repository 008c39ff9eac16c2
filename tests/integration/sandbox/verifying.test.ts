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
 * SCA by e-mail (Mews help, "PSD2 compliance and 3DS FAQ"): a charge whose issuer demands strong
 * authentication goes `Verifying`, Mews e-mails the guest a link, verified → `Charged`, declined →
 * `Failed`, unverified for 24 hours → `Canceled`.
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

async function chargeVerifying(amount = 120): Promise<string> {
  const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaVerifying });
  const card = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
    CustomerId: alice.id,
    CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
  });
  expect(card.status).toBe(200);
  const charge = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
    CreditCardId: card.body.CreditCardId,
    Amount: { Currency: 'GBP', GrossValue: amount },
  });
  expect(charge.status).toBe(200);
  expect(getSpecValidator().validateResponse('creditCards/charge', charge.body).issues).toEqual([]);
  return charge.body.PaymentId;
}

async function payment(id: string): Promise<Record<string, any>> {
  const r = await sandbox.connector<{ Payments: Array<Record<string, any>> }>('payments/getAll', {
    PaymentIds: [id],
    Limitation: { Count: 1 },
  });
  return r.body.Payments[0] as Record<string, any>;
}

async function linkOf(paymentId: string): Promise<string> {
  const all = await sandbox.control.listVerifications();
  const found = all.find((v) => v.paymentId === paymentId);
  if (!found) throw new Error(`no verification for ${paymentId}`);
  return found.url;
}

/** What a browser does with the page: find the form with the chosen button and POST it. */
async function submitChoice(url: string, label: 'Verify payment' | 'Decline') {
  const page = await (await fetch(url)).text();
  const forms = [...page.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => f[2]?.includes(label));
  if (!form) throw new Error(`no form with "${label}"`);
  const button = new RegExp(`<button name="([^"]+)" value="([^"]+)"[^>]*>${label}</button>`).exec(
    form[2] as string,
  );
  if (!button) throw new Error(`no button "${label}"`);
  return fetch(new URL(form[1] as string, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ [button[1] as string]: button[2] as string }).toString(),
  });
}

describe('the Verifying test card', () => {
  it('charges to Verifying (AccountingState Inactive) and "e-mails" the customer a link valid 24 hours', async () => {
    const id = await chargeVerifying();
    expect(await payment(id)).toMatchObject({
      State: 'Verifying',
      AccountingState: 'Inactive',
      ChargedUtc: null,
      Type: 'CreditCardPayment',
    });
    const list = await sandbox.control.listVerifications();
    expect(list).toHaveLength(1);
    const v = list[0]!;
    expect(v).toMatchObject({
      paymentId: id,
      customerId: alice.id,
      email: alice.email,
      state: 'Verifying',
    });
    expect(v.url.startsWith(`${sandbox.url}/sca/verify/`)).toBe(true);
    expect(Date.parse(v.expiresUtc) - Date.parse(v.createdUtc)).toBe(24 * 3600 * 1000);
    expect(await sandbox.control.listVerifications({ email: alice.email })).toHaveLength(1);
    expect(
      await sandbox.control.listVerifications({ customerId: SEED.customers.dan.id }),
    ).toHaveLength(0);
  });

  it('the page shows the amount with a "Verify payment" and a "Decline" button, both plain form POSTs', async () => {
    const id = await chargeVerifying(120);
    const url = await linkOf(id);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('£120.00');
    expect(html).toMatch(/<form method="post" action="\/sca\/verify\/[^"]+">/);
    expect(html).toMatch(/<button name="outcome" value="approve"[^>]*>Verify payment<\/button>/);
    expect(html).toMatch(/<button name="outcome" value="fail"[^>]*>Decline<\/button>/);
    // No script needed: the page works without JavaScript.
    expect(html).not.toContain('<script');
  });

  it('"Verify payment" makes it Charged; a later answer changes nothing', async () => {
    const id = await chargeVerifying();
    const url = await linkOf(id);
    const answer = await submitChoice(url, 'Verify payment');
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Payment verified');
    const p = await payment(id);
    expect(p).toMatchObject({ State: 'Charged', AccountingState: 'Open' });
    expect(p.ChargedUtc).toEqual(expect.any(String));
    expect((await sandbox.control.listVerifications())[0]?.state).toBe('Charged');

    // The link now only tells the state; a late answer changes nothing.
    const after = await (await fetch(url)).text();
    expect(after).not.toContain('Verify payment');
    expect(after).toContain('Charged');
    expect(await sandbox.control.completeVerification(id, 'fail')).toEqual({
      changed: false,
      state: 'Charged',
    });
  });

  it('"Decline" makes it Failed (AccountingState Canceled)', async () => {
    const id = await chargeVerifying();
    const answer = await submitChoice(await linkOf(id), 'Decline');
    expect(await answer.text()).toContain('Payment declined');
    expect(await payment(id)).toMatchObject({ State: 'Failed', AccountingState: 'Canceled' });
  });

  it('unverified for 24 hours of sandbox time it becomes Canceled and the link says it expired', async () => {
    const id = await chargeVerifying();
    const url = await linkOf(id);
    await sandbox.control.advanceClock(24 * 3600 - 60);
    expect((await payment(id)).State).toBe('Verifying');
    const moved = await sandbox.control.advanceClock(61);
    expect(moved.changedPaymentIds).toEqual([id]);
    expect(await payment(id)).toMatchObject({ State: 'Canceled', AccountingState: 'Canceled' });
    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('expired');
    const late = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approve',
    });
    expect(late.status).toBe(410);
    expect((await payment(id)).State).toBe('Canceled');
    expect(await sandbox.control.completeVerification(id, 'approve')).toEqual({
      changed: false,
      state: 'Canceled',
    });
  });

  it('verificationHours shortens the link life', async () => {
    await sandbox.control.updateSettings({ verificationHours: 1 });
    const id = await chargeVerifying();
    const [v] = await sandbox.control.listVerifications();
    expect(Date.parse(v!.expiresUtc) - Date.parse(v!.createdUtc)).toBe(3600 * 1000);
    await sandbox.control.advanceClock(3601);
    expect((await payment(id)).State).toBe('Canceled');
  });

  it('the control API answers the link without a browser and refuses nonsense', async () => {
    const a = await chargeVerifying();
    const b = await chargeVerifying();
    expect(await sandbox.control.completeVerification(a, 'approve')).toEqual({
      changed: true,
      state: 'Charged',
    });
    expect(await sandbox.control.completeVerification(b, 'fail')).toEqual({
      changed: true,
      state: 'Failed',
    });
    const bad = await fetch(`${sandbox.url}/_sandbox/verifications/${a}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'cancel' }),
    });
    expect(bad.status).toBe(400);
    const unknown = await fetch(
      `${sandbox.url}/_sandbox/verifications/00000000-0000-4000-8000-000000000000`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ outcome: 'approve' }),
      },
    );
    expect(unknown.status).toBe(404);
    expect((await fetch(`${sandbox.url}/sca/verify/not-a-token`)).status).toBe(404);
  });

  it('sends a PaymentUpdated webhook when the payment is created and when it is verified', async () => {
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 20 });
    const id = await chargeVerifying();
    await sandbox.control.waitForWebhooks();
    expect(webhookIds).toEqual([id]);
    await sandbox.control.completeVerification(id, 'approve');
    await sandbox.control.waitForWebhooks();
    expect(webhookIds).toEqual([id, id]);
  });

  it('sends a PaymentUpdated webhook when the link expires', async () => {
    const id = await chargeVerifying();
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 20 });
    await sandbox.control.advanceClock(24 * 3600 + 1);
    await sandbox.control.waitForWebhooks();
    expect(webhookIds).toEqual([id]);
  });
});
