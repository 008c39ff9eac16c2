import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultRegistry, parseFaultList } from '@/sandbox/faults';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * `latency-after-processing`: the request is processed at once and only the answer is held back,
 * so a test can kill a client (or cut its database) after Mews' change and before its ledger update.
 */

describe('latency-after-processing fault', () => {
  it('is read from SANDBOX_FAULTS with its delay, and combines with an outcome fault', () => {
    expect(parseFaultList('creditCards/charge=latency-after-processing@2500x1')).toEqual([
      {
        operation: 'creditCards/charge',
        kind: 'latency-after-processing',
        count: 1,
        latencyMs: 2500,
      },
    ]);
    const faults = new FaultRegistry();
    faults.add({
      operation: 'creditCards/charge',
      kind: 'latency-after-processing',
      latencyMs: 30,
      count: 1,
    });
    faults.add({ operation: '*', kind: 'latency', latencyMs: 5 });
    faults.add({ operation: 'creditCards/charge', kind: 'drop-after-processing', count: 1 });
    expect(faults.take('creditCards/charge')).toMatchObject({
      latencyMs: 5,
      latencyAfterProcessingMs: 30,
      outcome: { kind: 'drop-after-processing' },
    });
    expect(faults.take('creditCards/charge')).toMatchObject({
      latencyMs: 5,
      latencyAfterProcessingMs: 0,
      outcome: null,
    });
  });

  describe('in the sandbox', () => {
    let sandbox: TestSandbox;
    beforeAll(async () => {
      sandbox = await startTestSandbox();
    });
    afterAll(async () => {
      await sandbox?.stop();
    });

    it('charges first and answers later: the payment is visible while the client still waits', async () => {
      const alice = SEED.customers.alice;
      const token = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
      const stored = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
        CustomerId: alice.id,
        CreditCardData: { StorageData: token.transactionId, Expiration: '2030-12' },
      });
      expect(stored.status).toBe(200);
      await sandbox.control.addFault({
        operation: 'creditCards/charge',
        kind: 'latency-after-processing',
        latencyMs: 600,
        count: 1,
      });

      const startedAt = Date.now();
      const charging = sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
        CreditCardId: stored.body.CreditCardId,
        Amount: { Currency: 'GBP', GrossValue: 12.34 },
        Notes: 'latency-after-processing test',
      });
      let seenWhileWaiting = false;
      let answered = false;
      void charging.then(() => {
        answered = true;
      });
      while (!answered && Date.now() - startedAt < 550) {
        const found = sandbox.runtime.store.state.payments.some(
          (record) => record.payment.Notes === 'latency-after-processing test',
        );
        if (found) {
          seenWhileWaiting = true;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const answer = await charging;
      expect(seenWhileWaiting).toBe(true);
      expect(answer.status).toBe(200);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(550);
      const [logged] = await sandbox.control.requests('creditCards/charge');
      expect(logged?.status).toBe(200);

      // The fault was used up: the next charge answers at once.
      const token2 = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
      const stored2 = await sandbox.connector<{ CreditCardId: string }>(
        'creditCards/addTokenized',
        {
          CustomerId: alice.id,
          CreditCardData: { StorageData: token2.transactionId, Expiration: '2030-12' },
        },
      );
      const quickStart = Date.now();
      const quick = await sandbox.connector('creditCards/charge', {
        CreditCardId: stored2.body.CreditCardId,
        Amount: { Currency: 'GBP', GrossValue: 1 },
      });
      expect(quick.status).toBe(200);
      expect(Date.now() - quickStart).toBeLessThan(500);
    });
  });
});
