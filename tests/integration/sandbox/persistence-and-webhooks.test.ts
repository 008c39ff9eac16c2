/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

const alice = SEED.customers.alice;

describe('state', () => {
  it('survives a restart on the same data folder, and reset restores the seed', async () => {
    const first = await startTestSandbox();
    const added = await first.connector<{ ExternalPaymentId: string }>('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 12 },
    });
    const customer = await first.connector<{ Id: string }>('customers/add', {
      LastName: 'Restart',
      Email: 'restart@example.com',
      OverwriteExisting: false,
    });
    await first.stop({ keepData: true });

    const second = await startTestSandbox({ dataDir: first.dataDir });
    try {
      const payments = await second.connector<{ Payments: Array<{ Id: string }> }>(
        'payments/getAll',
        { PaymentIds: [added.body.ExternalPaymentId], Limitation: { Count: 1 } },
      );
      expect(payments.body.Payments.map((p) => p.Id)).toEqual([added.body.ExternalPaymentId]);
      const customers = await second.connector<{ Customers: Array<{ Id: string }> }>(
        'customers/getAll',
        {
          Extent: { Customers: true },
          CustomerIds: [customer.body.Id],
          Limitation: { Count: 1 },
        },
      );
      expect(customers.body.Customers).toHaveLength(1);

      await second.control.reset();
      const afterReset = await second.connector<{ Payments: unknown[] }>('payments/getAll', {
        AccountIds: [alice.id],
        Limitation: { Count: 10 },
      });
      expect(afterReset.body.Payments).toEqual([]);
      const seeded = await second.connector<{ Customers: unknown[] }>('customers/getAll', {
        Extent: { Customers: true },
        Emails: [alice.email],
        Limitation: { Count: 1 },
      });
      expect(seeded.body.Customers).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('keeps no card number on disk', async () => {
    const sandbox = await startTestSandbox();
    try {
      const { readFileSync } = await import('node:fs');
      const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
      await sandbox.connector('creditCards/addTokenized', {
        CustomerId: alice.id,
        CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
      });
      // The state is written shortly after a change, not during the request.
      await vi.waitFor(() =>
        expect(readFileSync(`${sandbox.dataDir}/state.json`, 'utf8')).toContain(
          token.transactionId,
        ),
      );
      const file = readFileSync(`${sandbox.dataDir}/state.json`, 'utf8');
      expect(file).not.toContain(CARDS.visaCharged);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('PaymentUpdated webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ body: any; status: number }> = [];
  let failuresLeft = 0;
  let sandbox: TestSandbox;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const status = failuresLeft > 0 ? 500 : 200;
        if (failuresLeft > 0) failuresLeft -= 1;
        received.push({ body: JSON.parse(raw), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/mews?secret=abc`;
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });
  afterEach(async () => {
    received.length = 0;
    failuresLeft = 0;
    await sandbox.control.reset();
  });

  it('sends ids only, a little after the change, batched per enterprise', async () => {
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 150 });
    const a = await sandbox.connector<{ ExternalPaymentId: string }>('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 1 },
    });
    const b = await sandbox.connector<{ ExternalPaymentId: string }>('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 2 },
    });
    expect(received).toHaveLength(0);
    await sandbox.control.waitForWebhooks();
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toEqual({
      EnterpriseId: SEED.enterprises.gross.id,
      IntegrationId: SEED.enterprises.gross.integrationId,
      Events: [
        { Discriminator: 'PaymentUpdated', Value: { Id: a.body.ExternalPaymentId } },
        { Discriminator: 'PaymentUpdated', Value: { Id: b.body.ExternalPaymentId } },
      ],
    });
  });

  it('reports state changes (pending card settling) too', async () => {
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 20 });
    const token = await sandbox.control.tokenize({ cardNumber: CARDS.mastercardPending });
    const card = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
      CustomerId: alice.id,
      CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
    });
    const charge = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
      CreditCardId: card.body.CreditCardId,
      Amount: { Currency: 'GBP', GrossValue: 9 },
    });
    await sandbox.control.waitForWebhooks();
    await sandbox.control.settlePayments();
    await sandbox.control.waitForWebhooks();
    expect(received.map((r) => r.body.Events[0].Value.Id)).toEqual([
      charge.body.PaymentId,
      charge.body.PaymentId,
    ]);
  });

  it('retries when the receiver fails, a bounded number of times', async () => {
    await sandbox.control.setWebhook({
      url: receiverUrl,
      delayMs: 10,
      retryDelayMs: 30,
      maxAttempts: 3,
    });
    failuresLeft = 1;
    await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 1 },
    });
    const deliveries = await sandbox.control.waitForWebhooks();
    expect(deliveries.map((d) => [d.attempt, d.status, d.delivered])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);

    failuresLeft = 10;
    await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 1 },
    });
    const all = await sandbox.control.waitForWebhooks();
    expect(all.slice(2).map((d) => d.attempt)).toEqual([1, 2, 3]);
  });

  it('sends nothing when no webhook URL is configured', async () => {
    await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 1 },
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(received).toEqual([]);
  });
});
