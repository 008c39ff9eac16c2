import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/** Each fault kind really behaves the way the app will meet it. */

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

async function gatewayCard() {
  const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
  const r = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
    CustomerId: alice.id,
    CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
  });
  return r.body.CreditCardId;
}

async function paymentsOfAlice() {
  const r = await sandbox.connector<{
    Payments: Array<{ Id: string; State: string; Notes: string | null }>;
  }>('payments/getAll', {
    AccountIds: [alice.id],
    Limitation: { Count: 100 },
  });
  return r.body.Payments;
}

function chargeBody(creditCardId: string) {
  return {
    ClientToken: 'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D',
    AccessToken: 'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D',
    Client: 'Fault test',
    CreditCardId: creditCardId,
    Amount: { Currency: 'GBP', GrossValue: 50 },
    Notes: 'order-77',
  };
}

describe('fault injection', () => {
  it('latency delays the answer', async () => {
    await sandbox.control.addFault({
      operation: 'configuration/get',
      kind: 'latency',
      latencyMs: 300,
      count: 1,
    });
    const started = Date.now();
    expect((await sandbox.connector('configuration/get')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const quick = Date.now();
    await sandbox.connector('configuration/get');
    expect(Date.now() - quick).toBeLessThan(250);
  });

  it('429 with Retry-After, then normal answers once the count is used up', async () => {
    await sandbox.control.addFault({
      operation: 'payments/getAll',
      kind: '429',
      retryAfterSeconds: 7,
      count: 2,
    });
    for (let i = 0; i < 2; i++) {
      const r = await sandbox.connector('payments/getAll', {
        AccountIds: [alice.id],
        Limitation: { Count: 1 },
      });
      expect(r.status).toBe(429);
      expect(r.headers.get('Retry-After')).toBe('7');
    }
    expect(
      (
        await sandbox.connector('payments/getAll', {
          AccountIds: [alice.id],
          Limitation: { Count: 1 },
        })
      ).status,
    ).toBe(200);
    expect(await sandbox.control.faults()).toEqual([]);
  });

  it('500 and 408 answer without processing', async () => {
    const card = await gatewayCard();
    await sandbox.control.addFaults([
      { operation: 'creditCards/charge', kind: '500', count: 1 },
      { operation: 'creditCards/charge', kind: '408', count: 1 },
    ]);
    const first = await sandbox.connector<{ Message: string; RequestId: string }>(
      'creditCards/charge',
      chargeBody(card),
    );
    expect(first.status).toBe(500);
    expect(first.body.RequestId).toBe(first.headers.get('Request-Id'));
    expect((await sandbox.connector('creditCards/charge', chargeBody(card))).status).toBe(408);
    expect(await paymentsOfAlice()).toEqual([]);
    expect((await sandbox.connector('creditCards/charge', chargeBody(card))).status).toBe(200);
    expect(await paymentsOfAlice()).toHaveLength(1);
  });

  it('timeout-before-processing: no answer and nothing charged', async () => {
    const card = await gatewayCard();
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'timeout-before-processing',
      timeoutMs: 5000,
      count: 1,
    });
    await expect(
      fetch(`${sandbox.url}/api/connector/v1/creditCards/charge`, {
        method: 'POST',
        body: JSON.stringify(chargeBody(card)),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(await paymentsOfAlice()).toEqual([]);
  });

  it('timeout-before-processing closes the connection once its time is up', async () => {
    await sandbox.control.addFault({
      operation: 'configuration/get',
      kind: 'timeout-before-processing',
      timeoutMs: 200,
      count: 1,
    });
    await expect(sandbox.connector('configuration/get')).rejects.toThrow();
  });

  it('drop-after-processing: the HTTP call fails but the charge happened and is found by its Notes', async () => {
    const card = await gatewayCard();
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'drop-after-processing',
      count: 1,
    });
    await expect(sandbox.connector('creditCards/charge', chargeBody(card))).rejects.toThrow();
    const payments = await paymentsOfAlice();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ State: 'Charged', Notes: 'order-77' });
    const log = await sandbox.control.requests('creditCards/charge');
    expect(log.map((e) => e.fault)).toEqual(['drop-after-processing']);
  });

  it('"*" applies to every operation, and faults can be listed and cleared', async () => {
    await sandbox.control.addFault({ operation: '*', kind: '500' });
    expect((await sandbox.connector('configuration/get')).status).toBe(500);
    expect((await sandbox.connector('bills/getAll', { Limitation: { Count: 1 } })).status).toBe(
      500,
    );
    expect(await sandbox.control.faults()).toHaveLength(1);
    await sandbox.control.clearFaults();
    expect((await sandbox.connector('configuration/get')).status).toBe(200);
  });

  it('rejects unknown fault kinds and operations', async () => {
    await expect(
      sandbox.control.addFault({ operation: 'creditCards/charge', kind: 'explode' as never }),
    ).rejects.toThrow(/400/);
    await expect(
      sandbox.control.addFault({ operation: 'payments/chargeCreditCard', kind: '500' }),
    ).rejects.toThrow(/400/);
  });

  it('faults from the start-up options apply from the first request and come back after reset', async () => {
    const other = await startTestSandbox({
      faults: [{ operation: 'configuration/get', kind: '500', count: 1 }],
    });
    try {
      expect((await other.connector('configuration/get')).status).toBe(500);
      expect((await other.connector('configuration/get')).status).toBe(200);
      await other.control.reset();
      expect((await other.connector('configuration/get')).status).toBe(500);
    } finally {
      await other.stop();
    }
  });
});
