/**
 * The drift report against the sandbox: it reads every Mews payment of its window page by page
 * within its share of the rate budget and says what that took; it computes windows the way Mews
 * counts three months (the sandbox refuses longer ones like Mews); and it shows the attempts the
 * reconciler left to a person. Also the customer page's three-month window, on the same clock.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishReconciliationRun, startReconciliationRun } from '@/lib/db/reconciliation-runs';
import { SlidingWindowRateLimiter } from '@/lib/mews';
import { customerDetail } from '@/lib/payments/back-office/customers';
import { markProcessing, markUnknown, openAttempt } from '@/lib/payments/ledger/ledger';
import { buildDriftReport } from '@/lib/payments/reconciliation/drift-report';
import type { PaymentContext } from '@/lib/server/context';
import { createTestPaymentContext, openTestPaymentContext } from '../../support/payment-context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import type { TestDatabase } from '../../support/test-database';

const { alice, dan } = SEED.customers;

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({ sandbox }));
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

async function cashPayment(amount: number) {
  const response = await sandbox.connector('payments/addExternal', {
    AccountId: dan.id,
    Amount: { Currency: 'GBP', GrossValue: amount },
    Type: 'Cash',
  });
  expect(response.status).toBe(200);
}

/** A limiter on a fake clock: counts requests and the waits it imposes, without waiting. */
function recordingPacer(limit: number) {
  let now = 0;
  const waits: number[] = [];
  let acquired = 0;
  const limiter = new SlidingWindowRateLimiter({
    limit,
    windowMs: 30_000,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return {
    waits,
    acquired: () => acquired,
    pacer: {
      acquire: async (key: string, signal?: AbortSignal) => {
        acquired += 1;
        await limiter.acquire(key, signal);
      },
    },
  };
}

describe('drift report: reading Mews', () => {
  it('pages through every payment of the window, paced, and says how many pages and how long', async () => {
    for (const amount of [1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07]) await cashPayment(amount);
    const unpaged = await buildDriftReport(ctx, { days: 1 });
    expect(unpaged.mewsRead.pages).toBe(1);
    const total = unpaged.mewsRead.payments;
    expect(total).toBeGreaterThanOrEqual(7);

    const { pacer, waits, acquired } = recordingPacer(2);
    const report = await buildDriftReport(ctx, { days: 1, pageSize: 2, pacer });
    expect(report.mewsRead).toMatchObject({ windows: 1, payments: total });
    expect(report.mewsPaymentsChecked).toBe(total);
    expect(report.mewsRead.pages).toBeGreaterThanOrEqual(Math.ceil(total / 2));
    expect(report.mewsRead.durationMs).toBeGreaterThanOrEqual(0);
    // One budget slot per request, and the report waited for its share once it ran out.
    expect(acquired()).toBe(report.mewsRead.pages);
    expect(waits.length).toBeGreaterThanOrEqual(Math.ceil(report.mewsRead.pages / 2) - 1);
    expect(waits.length).toBeGreaterThan(0);
    const requests = await sandbox.control.requests('payments/getAll');
    expect(requests.every((entry) => entry.status === 200)).toBe(true);
  });

  it('keeps within the three-month limit as Mews counts it: an 89-day report on 15 May 2025', async () => {
    // 89 days plus the clock-skew margins is more than three months from 2 to 29 May of a common year.
    const may = createTestPaymentContext(database, {
      sandbox,
      now: new Date('2025-05-15T12:00:00Z'),
    });
    const report = await buildDriftReport(may, { days: 89 });
    expect(report.mewsRead.windows).toBe(2);
    const refused = (await sandbox.control.requests('payments/getAll')).filter(
      (entry) => entry.status !== 200,
    );
    expect(refused).toEqual([]);
  });
});

describe('customer page', () => {
  it('reads the last three months of Mews payments on 15 May 2025 (90 days would be refused)', async () => {
    const may = createTestPaymentContext(database, {
      sandbox,
      now: new Date('2025-05-15T12:00:00Z'),
    });
    const detail = await customerDetail(may, alice.id);
    expect(detail.mewsPaymentsError).toBeNull();
  });
});

describe('drift report: attempts the reconciler leaves to a person', () => {
  async function unknownAttempt(amountMinor: number) {
    const { attempt } = await openAttempt(ctx, {
      idempotencyKey: randomUUID(),
      paymentLinkId: null,
      method: 'stored_card',
      amountMinor,
      currency: 'GBP',
      mewsCustomerId: alice.id,
      clientAddress: null,
    });
    return markUnknown(ctx, await markProcessing(ctx, attempt));
  }

  async function runWithAmbiguous(ambiguous: unknown[]) {
    const run = await startReconciliationRun(ctx.db, 'test', null);
    await finishReconciliationRun(ctx.db, run.id, {
      checked: 1,
      settled: 0,
      errors: 0,
      webhookEventsProcessed: 0,
      details: { outcomes: [], duplicates: [], ambiguous },
    });
  }

  it('shows the latest pass’s ambiguous attempts as "needs a person", with their candidates', async () => {
    const earlier = await unknownAttempt(4_201);
    const current = await unknownAttempt(4_202);
    const candidates = [randomUUID(), randomUUID()];
    await runWithAmbiguous([{ attemptId: earlier.id, candidatePaymentIds: [randomUUID()] }]);
    await runWithAmbiguous([{ attemptId: current.id, candidatePaymentIds: candidates }]);

    const report = await buildDriftReport(ctx, { days: 1 });
    const needsPerson = report.entries.filter((entry) => entry.kind === 'needs_person');
    expect(needsPerson).toEqual([
      expect.objectContaining({
        attemptId: current.id,
        amountMinor: 4_202,
        currency: 'GBP',
        ledgerState: 'unknown',
        candidatePaymentIds: candidates,
        explanation: expect.stringMatching(/^Needs a person/),
      }),
    ]);
  });
});
