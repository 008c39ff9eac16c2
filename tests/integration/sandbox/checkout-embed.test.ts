/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECKOUT_CARDS, CHECKOUT_TEST_CARDS, checkoutCard } from '@/sandbox/checkout-cards';
import { SEED, TEST_CARDS, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/**
 * The Mews Payments Checkout stand-in without a browser: the script and frame are served as the
 * contract says, and the frame's same-origin API pays requests the way the frame does (card,
 * 3-D Secure challenge, wallets, iDEAL, preauthorization switches, the hosted page). The browser
 * side is in sandbox/e2e/checkout-embed.spec.ts.
 */

const alice = SEED.customers.alice;
const bram = SEED.customers.bram;
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

async function createRequest(
  overrides: Record<string, unknown> = {},
  enterprise: 'gross' | 'dutch' = 'gross',
): Promise<string> {
  const clock = await sandbox.control.clock();
  const r = await sandbox.connector<any>(
    'paymentRequests/add',
    {
      PaymentRequests: [
        {
          AccountId: enterprise === 'gross' ? alice.id : bram.id,
          Amount: { Currency: 'EUR', Value: 240.5 },
          Type: 'Payment',
          Reason: 'Deposit',
          ExpirationUtc: new Date(Date.parse(clock.nowUtc) + 86_400_000).toISOString(),
          Description: 'Deposit',
          ...overrides,
        },
      ],
      SendPaymentRequestEmails: false,
    },
    { enterprise },
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.PaymentRequests[0].Id as string;
}

async function frameApi(path: string, body: unknown, origin?: string): Promise<any> {
  const r = await fetch(`${sandbox.url}/payments/checkout/api/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin ?? sandbox.url },
    body: JSON.stringify(body),
  });
  return { http: r.status, ...((await r.json()) as object) };
}

const card = (number: string) => ({ number, expiry: '12/30', cvc: '123', name: 'Alice Smith' });

async function payment(id: string, enterprise: 'gross' | 'dutch' = 'gross') {
  const r = await sandbox.connector<any>(
    'payments/getAll',
    { PaymentIds: [id], Limitation: { Count: 1 } },
    { enterprise },
  );
  return r.body.Payments[0];
}

async function requestState(id: string, enterprise: 'gross' | 'dutch' = 'gross') {
  const r = await sandbox.connector<any>(
    'paymentRequests/getAll',
    { PaymentRequestIds: [id], Limitation: { Count: 1 } },
    { enterprise },
  );
  return r.body.PaymentRequests[0].State as string;
}

async function settings(body: Record<string, unknown>) {
  const r = await fetch(`${sandbox.url}/_sandbox/checkout/settings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(200);
}

describe('script and frame', () => {
  it('serves checkout-embed.js as JavaScript defining load and destroy', async () => {
    const r = await fetch(`${sandbox.url}/payments/checkout-embed.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await r.text();
    expect(source).toContain('window.Mews.PaymentCheckout = { load: load, destroy: destroy }');
    expect(source).toContain('document.currentScript');
  });

  it('frames only for the parent origin given, with a strict CSP', async () => {
    const requestId = await createRequest();
    const r = await fetch(
      `${sandbox.url}/payments/checkout/frame?parentOrigin=${encodeURIComponent('http://localhost:3000')}&requestId=${requestId}`,
    );
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors http://localhost:3000');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline'; script");
    const html = await r.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(html).toContain('"value":240.5');
    const bad = await fetch(`${sandbox.url}/payments/checkout/frame?parentOrigin=javascript:1`);
    expect(bad.status).toBe(400);
  });

  it('the frame API refuses calls from another origin', async () => {
    const requestId = await createRequest();
    const r = await frameApi(
      'card',
      { requestId, card: card(CHECKOUT_CARDS.frictionless) },
      'http://localhost:3000',
    );
    expect(r.http).toBe(403);
    expect(await requestState(requestId)).toBe('Pending');
  });

  it('exports its test cards, and PCI Proxy test cards keep their outcome', () => {
    expect(CHECKOUT_TEST_CARDS.map((c) => c.pan)).toEqual(Object.values(CHECKOUT_CARDS));
    for (const pci of TEST_CARDS) expect(checkoutCard(pci.pan)).not.toBeNull();
    expect(checkoutCard('4111111111111111')).toBeNull();
  });
});

describe('card payments', () => {
  it('frictionless: Charged, stored card, request Completed', async () => {
    const requestId = await createRequest();
    const r = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.frictionless) });
    expect(r).toMatchObject({ http: 200, status: 'charged' });
    expect(r.paymentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.paymentMethodId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await payment(r.paymentId)).toMatchObject({
      State: 'Charged',
      PaymentRequestId: requestId,
      Type: 'CreditCardPayment',
      Amount: { Currency: 'EUR', GrossValue: -240.5 },
      Data: { CreditCard: { CreditCardId: r.paymentMethodId } },
    });
    expect(await requestState(requestId)).toBe('Completed');
    const again = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.frictionless) });
    expect(again).toMatchObject({ http: 200, status: 'failed' });
    expect(again.error).toMatch(/Completed/);
  });

  it('declined and insufficient funds: Failed payment, request stays Pending, varying error', async () => {
    const requestId = await createRequest();
    const a = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.declined) });
    const b = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.insufficientFunds) });
    expect(a.error).toBeTruthy();
    expect(b.error).toBeTruthy();
    expect(a.error).not.toBe(b.error);
    expect((await payment(a.paymentId)).State).toBe('Failed');
    expect(await requestState(requestId)).toBe('Pending');
  });

  it('3-D Secure: pass → Charged; fail → Failed, then a retry works; abandon → Canceled', async () => {
    const requestId = await createRequest();
    const fail = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.challenge) });
    expect(fail.challengeId).toBeTruthy();
    const failed = await frameApi('challenge', { challengeId: fail.challengeId, answer: 'fail' });
    expect(failed.error).toMatch(/authentication/);
    expect((await payment(failed.paymentId)).State).toBe('Failed');
    const abandon = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.challenge) });
    const abandoned = await frameApi('challenge', {
      challengeId: abandon.challengeId,
      answer: 'abandon',
    });
    expect((await payment(abandoned.paymentId)).State).toBe('Canceled');
    expect(await requestState(requestId)).toBe('Pending');
    const pass = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.challenge) });
    const passed = await frameApi('challenge', { challengeId: pass.challengeId, answer: 'pass' });
    expect((await payment(passed.paymentId)).State).toBe('Charged');
    expect(await requestState(requestId)).toBe('Completed');
  });

  it('a challenge answered after challengeTimeoutSeconds is abandoned; threeDsByDefault challenges every card', async () => {
    await settings({ threeDsByDefault: true, challengeTimeoutSeconds: 60 });
    const requestId = await createRequest();
    const r = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.frictionless) });
    expect(r.challengeId).toBeTruthy();
    await sandbox.control.advanceClock(61);
    const late = await frameApi('challenge', { challengeId: r.challengeId, answer: 'pass' });
    expect((await payment(late.paymentId)).State).toBe('Canceled');
  });

  it('invalid input is reported per field, without a payment', async () => {
    const requestId = await createRequest();
    expect(await frameApi('card', { requestId, card: card('4111111111111111') })).toMatchObject({
      field: 'cardNumber',
    });
    expect(
      await frameApi('card', {
        requestId,
        card: { ...card(CHECKOUT_CARDS.frictionless), expiry: '01/20' },
      }),
    ).toMatchObject({ field: 'expiry' });
    expect(
      await frameApi('card', {
        requestId,
        card: { ...card(CHECKOUT_CARDS.frictionless), cvc: '1' },
      }),
    ).toMatchObject({ field: 'cvc' });
    const payments = await sandbox.connector<any>('payments/getAll', {
      AccountIds: [alice.id],
      Limitation: { Count: 10 },
    });
    expect(payments.body.Payments).toEqual([]);
  });
});

describe('wallets, iDEAL and preauthorizations', () => {
  it('a simulated Google Pay payment is an AlternativePayment', async () => {
    const requestId = await createRequest();
    const r = await frameApi('wallet', { requestId, wallet: 'GooglePay' });
    expect(await payment(r.paymentId)).toMatchObject({
      State: 'Charged',
      Type: 'AlternativePayment',
      Data: { Discriminator: 'Alternative', Alternative: { Type: 'GooglePay' } },
    });
  });

  it('iDEAL: a Pending payment, the bank page returns to the page with paymentId, same origin only', async () => {
    const requestId = await createRequest({ Amount: { Currency: 'EUR', Value: 180 } }, 'dutch');
    const foreign = await frameApi('ideal', {
      requestId,
      returnUrl: 'https://evil.example/return',
      parentOrigin: 'http://localhost:3000',
    });
    expect(foreign.error).toMatch(/same origin/);
    const r = await frameApi('ideal', {
      requestId,
      returnUrl: 'http://localhost:3000/pay/abc?lang=nl&paymentId=old',
      parentOrigin: 'http://localhost:3000',
    });
    expect(r.url).toMatch(new RegExp(`^${sandbox.url}/ideal-bank/authenticate/`));
    expect(await payment(r.paymentId, 'dutch')).toMatchObject({
      State: 'Pending',
      PaymentRequestId: requestId,
      Data: { Alternative: { Type: 'Ideal' } },
    });
    const bank = await fetch(r.url, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'approve' }),
      redirect: 'manual',
    });
    expect(bank.status).toBe(303);
    expect(bank.headers.get('location')).toBe(
      `http://localhost:3000/pay/abc?lang=nl&paymentId=${r.paymentId}`,
    );
    expect(await requestState(requestId, 'dutch')).toBe('Completed');
    // London has no iDEAL.
    const london = await createRequest();
    const refused = await frameApi('ideal', {
      requestId: london,
      returnUrl: 'http://localhost:3000/',
      parentOrigin: 'http://localhost:3000',
    });
    expect(refused.error).toBeTruthy();
  });

  it('preauthorization requests: silent by default, error, completes; wallets refused; hosted page places the hold', async () => {
    const requestId = await createRequest({ Type: 'Preauthorization' });
    const silent = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.frictionless) });
    expect(silent).toEqual({ http: 200, status: 'silent' });
    expect(await requestState(requestId)).toBe('Pending');
    const wallet = await frameApi('wallet', { requestId, wallet: 'GooglePay' });
    expect(wallet.error).toMatch(/Only PaymentCard is supported for preauthorizations/);
    await settings({ preauthorizationCheckout: 'error' });
    const error = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.frictionless) });
    expect(error.error).toBeTruthy();
    await settings({ preauthorizationCheckout: 'completes' });
    const hold = await frameApi('card', { requestId, card: card(CHECKOUT_CARDS.frictionless) });
    expect(hold.preauthorizationId).toBeTruthy();
    expect(await requestState(requestId)).toBe('Completed');

    await settings({ preauthorizationCheckout: 'silent' });
    const viaHosted = await createRequest({ Type: 'Preauthorization' });
    const page = await fetch(
      `${sandbox.url}/navigator/payment-requests/detail/${viaHosted}?returnUrl=${Buffer.from('http://localhost:3000/done').toString('base64')}`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('http://localhost:3000/done');
    const hosted = await frameApi('card', {
      requestId: viaHosted,
      hosted: true,
      card: card(CHECKOUT_CARDS.frictionless),
    });
    expect(hosted.preauthorizationId).toBeTruthy();
    const holds = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id],
    });
    expect(holds.body.Preauthorizations).toHaveLength(2);
  });
});
