/**
 * Every client operation against the offline Mews sandbox (which validates each request and answer
 * against the official spec), plus the failure modes that matter for money: a charge whose answer
 * is lost, 5xx, 429 with Retry-After, timeouts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMewsClient, type MewsClient } from '@/lib/mews/client';
import { MewsApiError, MewsOutcomeUnknownError } from '@/lib/mews/errors';
import { SlidingWindowRateLimiter } from '@/lib/mews/rate-limiter';
import {
  CARDS,
  SANDBOX_TOKENS,
  SEED,
  startTestSandbox,
  type TestSandbox,
} from '@/tests/support/sandbox';

let sandbox: TestSandbox;
let sleeps: number[];

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

beforeEach(async () => {
  await sandbox.control.reset();
  sleeps = [];
});

function client(
  enterprise: 'gross' | 'net' | 'noCardStorage' | 'dutch' = 'gross',
  overrides: Partial<Parameters<typeof createMewsClient>[0]> = {},
): MewsClient {
  return createMewsClient({
    platformUrl: sandbox.url,
    clientToken: SANDBOX_TOKENS.clientToken,
    accessToken: SANDBOX_TOKENS[enterprise],
    clientName: 'Mews Checkout',
    version: 'integration',
    // Each test gets its own limiter so tests do not pace each other.
    limiter: new SlidingWindowRateLimiter(),
    // Backoff sleeps are recorded, not waited for.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
}

const { alice, bob, chloe, emma } = SEED.customers;
const { aliceLondon, bobLondonEur } = SEED.reservations;

async function storedCard(
  mews: MewsClient,
  customerId: string,
  cardNumber: string = CARDS.visaCharged,
): Promise<string> {
  // Cards are tokenized for the enterprise's own PCI Proxy merchant, as Secure Fields would.
  const merchantId = (await mews.getConfiguration()).cardStorage?.publicKey;
  const { transactionId } = await sandbox.control.tokenize({ cardNumber, merchantId });
  const { creditCardId } = await mews.addTokenizedCard({
    customerId,
    transactionId,
    expiration: { year: 2030, month: 12 },
  });
  return creditCardId;
}

describe('reads', () => {
  it('getConfiguration: gross enterprise with card storage', async () => {
    const configuration = await client().getConfiguration();
    expect(configuration).toMatchObject({
      enterprise: {
        id: SEED.enterprises.gross.id,
        name: SEED.enterprises.gross.name,
        timeZone: 'Europe/London',
      },
      pricing: 'gross',
      currencies: { enabled: ['GBP', 'EUR', 'USD'], default: 'GBP' },
      cardStorage: { publicKey: SEED.enterprises.gross.publicKey },
    });
    expect(configuration.enabledExternalPaymentTypes).toContain('Cash');
  });

  it('getConfiguration: net pricing, and an enterprise without card storage', async () => {
    expect((await client('net').getConfiguration()).pricing).toBe('net');
    expect((await client('noCardStorage').getConfiguration()).cardStorage).toBeNull();
  });

  it('findCustomers and getCustomer', async () => {
    const mews = client();
    const found = await mews.findCustomers({ email: alice.email });
    expect(found.map((c) => c.id)).toEqual([alice.id]);
    expect(
      await mews.findCustomers({ lastName: bob.lastName, firstName: bob.firstName }),
    ).toMatchObject([{ id: bob.id, email: bob.email }]);
    expect(await mews.getCustomer(alice.id)).toMatchObject({
      id: alice.id,
      firstName: 'Alice',
      lastName: 'Smith',
      number: alice.number,
    });
    expect(await mews.getCustomer('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('listCreditCards: a terminal card is listed but not chargeable', async () => {
    const cards = await client().listCreditCards(chloe.id);
    expect(cards).toEqual([
      expect.objectContaining({
        id: SEED.terminalCard.id,
        kind: 'terminal',
        chargeable: false,
        expiration: { year: 2030, month: 12 },
      }),
    ]);
  });

  it('getReservation: the reservation with its owner, read without the discontinued bill items', async () => {
    expect(await client().getReservation(aliceLondon.id)).toMatchObject({
      id: aliceLondon.id,
      number: aliceLondon.number,
      accountId: alice.id,
      state: 'confirmed',
    });
    expect(await client().getReservation('00000000-0000-4000-8000-000000000000')).toBeNull();
    const sent = (await sandbox.control.requests()).map((entry) => entry.operation);
    expect(sent).not.toContain('bills/getAll');
  });
});

describe('customers and cards', () => {
  it('addCustomer, then finds it; a duplicate email is a business error shown to the user', async () => {
    const mews = client();
    const created = await mews.addCustomer({
      lastName: 'Hopper',
      firstName: 'Grace',
      email: 'grace.hopper@example.com',
    });
    expect(created).toMatchObject({
      lastName: 'Hopper',
      firstName: 'Grace',
      email: 'grace.hopper@example.com',
      isActive: true,
    });
    expect(
      (await mews.findCustomers({ email: 'grace.hopper@example.com' })).map((c) => c.id),
    ).toEqual([created.id]);
    const duplicate = await mews
      .addCustomer({ lastName: 'Smith', email: alice.email })
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(MewsApiError);
    expect(duplicate).toMatchObject({ status: 403, kind: 'business-rule', userVisible: true });
  });

  it('addTokenizedCard stores a chargeable gateway card', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, alice.id);
    const cards = await mews.listCreditCards(alice.id);
    expect(cards).toEqual([
      expect.objectContaining({
        id: creditCardId,
        kind: 'gateway',
        chargeable: true,
        expiration: { year: 2030, month: 12 },
      }),
    ]);
  });

  it('addTokenizedCard is refused (403) for an expired card and without card storage', async () => {
    const { transactionId } = await sandbox.control.tokenize({
      cardNumber: CARDS.mastercardExpired,
    });
    await expect(
      client().addTokenizedCard({
        customerId: alice.id,
        transactionId,
        expiration: { year: 2030, month: 1 },
      }),
    ).rejects.toMatchObject({ kind: 'business-rule', userVisible: true });
    await expect(
      client('noCardStorage').addTokenizedCard({
        customerId: SEED.customers.greta.id,
        transactionId,
        expiration: { year: 2030, month: 1 },
      }),
    ).rejects.toMatchObject({ kind: 'business-rule' });
  });
});

describe('payments', () => {
  it('chargeCreditCard, then reads the charged payment back with the attempt id', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, bob.id);
    const { paymentId } = await mews.chargeCreditCard({
      creditCardId,
      amount: { amountMinor: 24050, currency: 'EUR' },
      attemptId: 'att_charge_1',
      reservationId: bobLondonEur.id,
    });
    const [payment] = await mews.getPayments({ paymentIds: [paymentId] });
    expect(payment).toMatchObject({
      id: paymentId,
      accountId: bob.id,
      reservationId: bobLondonEur.id,
      amount: { amountMinor: 24050, currency: 'EUR' },
      direction: 'incoming',
      state: 'charged',
      method: 'credit-card',
      creditCardId,
      attemptId: 'att_charge_1',
    });
    expect(
      (await mews.getPayments({ reservationIds: [bobLondonEur.id] })).map((p) => p.id),
    ).toContain(paymentId);
  });

  it('a declined card ends as a failed payment; a terminal card is refused with a user message', async () => {
    const mews = client();
    const declined = await storedCard(mews, alice.id, CARDS.visaDeclined);
    const { paymentId } = await mews.chargeCreditCard({
      creditCardId: declined,
      amount: { amountMinor: 1000, currency: 'GBP' },
      attemptId: 'att_d',
    });
    expect((await mews.getPayments({ paymentIds: [paymentId] }))[0]?.state).toBe('failed');

    const error = await mews
      .chargeCreditCard({
        creditCardId: SEED.terminalCard.id,
        amount: { amountMinor: 1000, currency: 'GBP' },
        attemptId: 'att_t',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'business-rule', userVisible: true });
    expect((error as MewsApiError).userMessage).toMatch(/gateway/i);
  });

  it('a pending card payment settles later', async () => {
    const mews = client();
    const pendingCard = await storedCard(mews, alice.id, CARDS.mastercardPending);
    const { paymentId } = await mews.chargeCreditCard({
      creditCardId: pendingCard,
      amount: { amountMinor: 500, currency: 'GBP' },
      attemptId: 'att_p',
    });
    expect((await mews.getPayments({ paymentIds: [paymentId] }))[0]?.state).toBe('pending');
    await sandbox.control.settlePayments({ paymentIds: [paymentId] });
    expect((await mews.getPayments({ paymentIds: [paymentId] }))[0]?.state).toBe('charged');
  });

  it('charges in net pricing with NetValue', async () => {
    const mews = client('net');
    const creditCardId = await storedCard(mews, emma.id);
    const { paymentId } = await mews.chargeCreditCard({
      creditCardId,
      amount: { amountMinor: 20000, currency: 'USD' },
      attemptId: 'att_net',
    });
    expect((await mews.getPayments({ paymentIds: [paymentId] }))[0]?.amount).toEqual({
      amountMinor: 20000,
      currency: 'USD',
    });
    const [request] = await sandbox.control.requests('creditCards/charge');
    expect(JSON.stringify(request)).toContain('NetValue');
  });

  it('recordCardPayment and recordExternalPayment are found by account and time window', async () => {
    const mews = client();
    const before = new Date(Date.parse((await sandbox.control.clock()).nowUtc) - 1000);
    await mews.recordCardPayment({
      customerId: alice.id,
      amount: { amountMinor: 15000, currency: 'GBP' },
      card: {
        brand: 'Visa',
        obfuscatedNumber: '424242******4242',
        holderName: 'Alice Smith',
        expiration: { year: 2030, month: 12 },
      },
      receiptIdentifier: 'T-1',
      attemptId: 'att_terminal',
    });
    const { paymentId } = await mews.recordExternalPayment({
      accountId: alice.id,
      amount: { amountMinor: 2500, currency: 'GBP' },
      type: 'Cash',
      externalIdentifier: 'att_cash',
      reservationId: aliceLondon.id,
    });
    const after = new Date(Date.parse((await sandbox.control.clock()).nowUtc) + 1000);
    const payments = await mews.getPayments({
      accountIds: [alice.id],
      createdBetween: { start: before, end: after },
    });
    expect(payments).toHaveLength(2);
    expect(payments.find((p) => p.id === paymentId)).toMatchObject({
      method: 'external',
      externalType: 'Cash',
      externalIdentifier: 'att_cash',
      amount: { amountMinor: 2500, currency: 'GBP' },
    });
    expect(payments.find((p) => p.id !== paymentId)).toMatchObject({
      attemptId: 'att_terminal',
      amount: { amountMinor: 15000, currency: 'GBP' },
    });
  });

  it('startIdealPayment returns the bank URL; the payment is charged after the bank approves', async () => {
    // iDEAL is in the Dutch hotel's subscription, not London's.
    const mews = client('dutch');
    const { paymentId, redirectUrl } = await mews.startIdealPayment({
      customerId: SEED.customers.bram.id,
      amount: { amountMinor: 18000, currency: 'EUR' },
      returnUrl: 'http://localhost:3000/pay/return?attempt=att_ideal',
      reservationId: SEED.reservations.bramAmsterdam.id,
    });
    expect(redirectUrl).toMatch(/^http/);
    expect((await mews.getPayments({ paymentIds: [paymentId] }))[0]).toMatchObject({
      state: 'pending',
      method: 'alternative',
      alternativeMethod: 'ideal',
    });
    await sandbox.control.completeIdeal(paymentId, 'approve');
    expect((await mews.getPayments({ paymentIds: [paymentId] }))[0]?.state).toBe('charged');
  });

  it("startIdealPayment where iDEAL is not in the subscription: 403 with Mews' message, nothing created", async () => {
    const mews = client('gross');
    const refused = mews.startIdealPayment({
      customerId: bob.id,
      amount: { amountMinor: 24050, currency: 'EUR' },
      returnUrl: 'http://localhost:3000/pay/return?attempt=att_ideal',
      reservationId: bobLondonEur.id,
    });
    await expect(refused).rejects.toBeInstanceOf(MewsApiError);
    await expect(refused).rejects.toMatchObject({
      status: 403,
      kind: 'business-rule',
      userVisible: true,
      mewsMessage: expect.stringMatching(/Ideal is not enabled for Sandbox Hotel London/),
    });
    expect(await mews.getPayments({ accountIds: [bob.id] })).toHaveLength(0);
  });

  it('probeAlternativeMethod: London refuses iDEAL (403), the Dutch hotel gets past the method check', async () => {
    await expect(
      client('gross').probeAlternativeMethod({
        method: 'ideal',
        redirectUrl: 'http://localhost:3000/staff/settings',
      }),
    ).resolves.toMatchObject({
      verdict: 'refused',
      status: 403,
      mewsMessage: expect.stringMatching(/Ideal is not enabled/),
    });
    await expect(
      client('dutch').probeAlternativeMethod({
        method: 'ideal',
        redirectUrl: 'http://localhost:3000/staff/settings',
      }),
    ).resolves.toMatchObject({ verdict: 'available', status: 400 });
  });

  it('refundPayment refunds part of a charge; the refund is a payment of its own', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, alice.id);
    const { paymentId } = await mews.chargeCreditCard({
      creditCardId,
      amount: { amountMinor: 10000, currency: 'GBP' },
      attemptId: 'att_r',
    });
    const refund = await mews.refundPayment({
      paymentId,
      accountId: alice.id,
      reason: 'Guest cancelled one night',
      amount: { amountMinor: 2550, currency: 'GBP' },
    });
    expect(refund).toMatchObject({
      paymentId,
      method: 'credit-card',
      amount: { amountMinor: 2550, currency: 'GBP' },
    });
    const [refundPayment] = await mews.getPayments({ paymentIds: [refund.refundId] });
    expect(refundPayment).toMatchObject({
      id: refund.refundId,
      amount: { amountMinor: 2550, currency: 'GBP' },
    });
  });
});

describe('failures', () => {
  it('a charge processed but whose answer is lost: outcome unknown, sent once, and found again by attempt id', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, alice.id);
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'drop-after-processing',
      count: 1,
    });
    const start = new Date(Date.parse((await sandbox.control.clock()).nowUtc) - 1000);
    const error = await mews
      .chargeCreditCard({
        creditCardId,
        amount: { amountMinor: 15000, currency: 'GBP' },
        attemptId: 'att_lost',
        reservationId: aliceLondon.id,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MewsOutcomeUnknownError);
    expect((error as MewsOutcomeUnknownError).reason).toBe('connection-lost');
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(1);

    const end = new Date(Date.parse((await sandbox.control.clock()).nowUtc) + 1000);
    const recent = await mews.getPayments({
      accountIds: [alice.id],
      createdBetween: { start, end },
    });
    expect(recent.filter((p) => p.attemptId === 'att_lost')).toHaveLength(1);
  });

  it('a 500 on a charge is outcome unknown and not retried', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, alice.id);
    await sandbox.control.addFault({ operation: 'creditCards/charge', kind: '500', count: 1 });
    await expect(
      mews.chargeCreditCard({
        creditCardId,
        amount: { amountMinor: 100, currency: 'GBP' },
        attemptId: 'att_500',
      }),
    ).rejects.toMatchObject({ reason: 'server-error', status: 500 });
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(1);
  });

  it('a charge that times out is outcome unknown and not retried', async () => {
    const mews = client('gross', { timeouts: { 'creditCards/charge': 300 } });
    const creditCardId = await storedCard(mews, alice.id);
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'timeout-before-processing',
      count: 1,
      timeoutMs: 1500,
    });
    await expect(
      mews.chargeCreditCard({
        creditCardId,
        amount: { amountMinor: 100, currency: 'GBP' },
        attemptId: 'att_to',
      }),
    ).rejects.toMatchObject({ reason: 'timeout' });
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(1);
  });

  it('a 429 on a charge is retried after Retry-After and charges once', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, alice.id);
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: '429',
      count: 1,
      retryAfterSeconds: 2,
    });
    const { paymentId } = await mews.chargeCreditCard({
      creditCardId,
      amount: { amountMinor: 100, currency: 'GBP' },
      attemptId: 'att_429',
    });
    expect(sleeps).toEqual([2000]);
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(2);
    expect(await mews.getPayments({ paymentIds: [paymentId] })).toHaveLength(1);
  });

  it('reads are retried on 500 and 408', async () => {
    const mews = client();
    await sandbox.control.addFaults([
      { operation: 'payments/getAll', kind: '500', count: 1 },
      { operation: 'payments/getAll', kind: '408', count: 1 },
    ]);
    await expect(mews.getPayments({ accountIds: [alice.id] })).resolves.toEqual([]);
    expect(await sandbox.control.requests('payments/getAll')).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('wrong tokens are a 401 with the "not configured correctly" message', async () => {
    const mews = client('gross', { accessToken: 'NOT-A-TOKEN' });
    const error = await mews.getConfiguration().catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 401,
      kind: 'unauthorized',
      userVisible: false,
      retryable: false,
    });
    expect((error as MewsApiError).userMessage).toMatch(/not configured correctly/);
    expect((error as MewsApiError).requestId).toBeTruthy();
  });

  it('the sandbox saw no request the spec rejects', async () => {
    const mews = client();
    const creditCardId = await storedCard(mews, alice.id);
    await mews.chargeCreditCard({
      creditCardId,
      amount: { amountMinor: 100, currency: 'GBP' },
      attemptId: 'att_ok',
    });
    await mews.getReservation(aliceLondon.id);
    const statuses = (await sandbox.control.requests()).map((entry) => entry.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
