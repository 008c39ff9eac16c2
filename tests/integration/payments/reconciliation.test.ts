import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { openAttempt } from '@/lib/payments/ledger/ledger';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { buildDriftReport } from '@/lib/payments/reconciliation/drift-report';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { reconcileExclusively } from '@/lib/payments/reconciliation/schedule';
import {
  processDueWebhookEvents,
  receiveMewsWebhook,
} from '@/lib/payments/reconciliation/webhooks';
import { openTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { enableIdealForTests } from '../../support/alternative-methods';
import type { TestDatabase } from '../../support/test-database';

const alice = SEED.customers.alice;
const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef';
const ELEVEN_MINUTES = 11 * 60_000;

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;

function contextAt(offsetMs: number): PaymentContext {
  return withClockOffset(ctx, offsetMs);
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({
    sandbox,
    client: {
      clientName: 'Mews Checkout tests',
      timeouts: { 'creditCards/charge': 1_000, 'payments/addAlternative': 1_000 },
    },
  }));
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

beforeEach(async () => {
  await sandbox.control.clearFaults();
});

async function newLink(currency = 'GBP') {
  return createPaymentLink(
    ctx,
    { customerId: alice.id, amountMinor: 9_900, currency, description: 'Deposit' },
    { via: 'cli', actor: { type: 'system' } },
  );
}

async function payByCard(token: string, cardNumber = '4242424242424242') {
  const card = await tokenizeTestCard(sandbox, cardNumber);
  return payLinkWithCard(ctx, guestCardInput(token, card), '198.51.100.20');
}

async function chargesMarkedWith(attemptId: string) {
  const payments = await ctx.mews.getPayments({
    accountIds: [alice.id],
    createdBetween: {
      start: new Date(Date.now() - 3_600_000),
      end: new Date(Date.now() + 3_600_000),
    },
  });
  return payments.filter((payment) => payment.attemptId === attemptId);
}

describe('reconciliation', () => {
  it('finds a charge whose answer was lost by the attempt marker and settles it, without charging again', async () => {
    const { link, token } = await newLink();
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'drop-after-processing',
      count: 1,
    });
    // The charge's immediate read-back fails too, so the reconciler is what settles it.
    await sandbox.control.addFault({ operation: 'payments/getAll', kind: '500', count: 4 });
    const status = await payByCard(token);
    await sandbox.control.clearFaults();
    expect(status.state).toBe('unknown');
    const before = await findPaymentAttempt(ctx.db, status.attemptId);
    expect(before?.mewsPaymentId).toBeNull();

    const result = await reconcilePayments(ctx, { trigger: 'test' });
    const after = await findPaymentAttempt(ctx.db, status.attemptId);
    expect(after?.state).toBe('succeeded');
    expect(result.outcomes).toContainEqual(
      expect.objectContaining({
        attemptId: status.attemptId,
        how: 'attempt-marker',
        to: 'succeeded',
      }),
    );
    expect(await chargesMarkedWith(status.attemptId)).toHaveLength(1);
    expect(
      (await sandbox.control.requests('creditCards/charge')).filter((r) =>
        JSON.stringify(r.request).includes(status.attemptId),
      ),
    ).toHaveLength(1);
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('paid');
  });

  it('fails a charge Mews never processed only after the horizon, and opens the link again', async () => {
    const { link, token } = await newLink();
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'timeout-before-processing',
      timeoutMs: 1_500,
      count: 1,
    });
    const status = await payByCard(token);
    expect(status.state).toBe('unknown');

    await reconcilePayments(ctx, { trigger: 'test' });
    expect((await findPaymentAttempt(ctx.db, status.attemptId))?.state).toBe('unknown');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('processing');

    await reconcilePayments(contextAt(ELEVEN_MINUTES), { trigger: 'test' });
    const settled = await findPaymentAttempt(ctx.db, status.attemptId);
    expect(settled?.state).toBe('failed');
    expect(settled?.failureCode).toBe('not_received_by_mews');
    expect(await chargesMarkedWith(status.attemptId)).toHaveLength(0);
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('open');
  });

  it('matches a lost iDEAL start by account, amount and time, then settles it once the bank answers', async () => {
    // iDEAL is paid at the Dutch hotel (London refuses it with 403): an installation of its own.
    const dutch = await openTestPaymentContext({
      sandbox,
      client: {
        accessToken: SANDBOX_TOKENS.dutch,
        clientName: 'Mews Checkout tests',
        timeouts: { 'payments/addAlternative': 1_000 },
      },
    });
    try {
      await enableIdealForTests(dutch.ctx);
      const { token } = await createPaymentLink(
        dutch.ctx,
        {
          customerId: SEED.customers.bram.id,
          reservationId: SEED.reservations.bramAmsterdam.id,
          amountMinor: 18_000,
          currency: 'EUR',
          description: 'Deposit',
        },
        { via: 'cli', actor: { type: 'system' } },
      );
      await sandbox.control.addFault({
        operation: 'payments/addAlternative',
        kind: 'drop-after-processing',
        count: 1,
      });
      const started = await payLinkWithIdeal(
        dutch.ctx,
        { token, idempotencyKey: randomUUID() },
        '198.51.100.21',
      );
      const attemptId = started.attemptId;
      expect((await findPaymentAttempt(dutch.ctx.db, attemptId))?.state).toBe('unknown');

      const first = await reconcilePayments(dutch.ctx, { trigger: 'test' });
      const matched = await findPaymentAttempt(dutch.ctx.db, attemptId);
      expect(matched?.state).toBe('pending');
      expect(first.outcomes).toContainEqual(
        expect.objectContaining({ attemptId, how: 'matched-by-amount' }),
      );

      await sandbox.control.completeIdeal(matched?.mewsPaymentId as string, 'approve');
      await reconcilePayments(dutch.ctx, { trigger: 'test' });
      expect((await findPaymentAttempt(dutch.ctx.db, attemptId))?.state).toBe('succeeded');
    } finally {
      await dutch.close();
    }
  });

  it('leaves a young `created` attempt alone and cancels it once its request is long gone', async () => {
    const { link } = await newLink();
    const { attempt } = await openAttempt(ctx, {
      idempotencyKey: randomUUID(),
      paymentLinkId: link.id,
      method: 'card',
      amountMinor: link.amountMinor,
      currency: link.currency,
      mewsCustomerId: link.mewsCustomerId,
      clientAddress: null,
    });
    await reconcilePayments(ctx, { trigger: 'test' });
    expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('created');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('processing');

    const result = await reconcilePayments(contextAt(6 * 60_000), { trigger: 'test' });
    expect(result.outcomes).toContainEqual(
      expect.objectContaining({ attemptId: attempt.id, how: 'abandoned', to: 'canceled' }),
    );
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('open');
  });

  it('lets only one of two simultaneous passes run', async () => {
    const [a, b] = await Promise.all([
      reconcileExclusively(ctx, { trigger: 'test' }),
      reconcileExclusively(ctx, { trigger: 'test' }),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
  });
});

describe('drift report', () => {
  it('lists a second Mews payment for one attempt and a ledger state Mews disagrees with', async () => {
    const { token } = await newLink();
    const status = await payByCard(token);
    expect(status.state).toBe('succeeded');
    const attempt = await findPaymentAttempt(ctx.db, status.attemptId);
    // Someone charges the same stored card again with our marker, outside the checkout.
    const duplicate = await ctx.mews.chargeCreditCard({
      creditCardId: attempt!.mewsCreditCardId!,
      amount: { amountMinor: 9_900, currency: 'GBP' },
      attemptId: attempt!.id,
    });
    const report = await buildDriftReport(ctx, { days: 1 });
    expect(report.entries).toContainEqual(
      expect.objectContaining({
        kind: 'missing_from_ledger',
        mewsPaymentId: duplicate.paymentId,
        attemptId: attempt!.id,
      }),
    );
    expect(
      report.entries.filter((entry) => entry.mewsPaymentId === attempt!.mewsPaymentId),
    ).toEqual([]);
    expect(report.mewsPaymentsChecked).toBeGreaterThan(0);
  });
});

describe('webhooks', () => {
  const receive = (body: unknown, secret: string | null = WEBHOOK_SECRET) =>
    receiveMewsWebhook(async () => ctx, {
      configuredSecret: WEBHOOK_SECRET,
      providedSecret: secret,
      contentType: 'application/json',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const message = (...paymentIds: string[]) => ({
    EnterpriseId: SEED.enterprises.gross.id,
    IntegrationId: randomUUID(),
    Events: paymentIds.map((id) => ({ Discriminator: 'PaymentUpdated', Value: { Id: id } })),
  });

  it('refuses a wrong secret, bad JSON and a body that is not a Mews message, storing nothing', async () => {
    expect((await receive(message(randomUUID()), 'wrong')).status).toBe(401);
    expect((await receive(message(randomUUID()), null)).status).toBe(401);
    expect((await receive('{not json')).status).toBe(400);
    expect((await receive({ Events: [{ Discriminator: 'PaymentUpdated' }] })).status).toBe(400);
    expect((await receive({ Events: 'x' })).status).toBe(400);
  });

  it('settles a lost charge from the webhook, and duplicates and reordered events change nothing', async () => {
    const { link, token } = await newLink();
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'drop-after-processing',
      count: 1,
    });
    // The charge's immediate read-back fails too, so only the webhook can settle the attempt.
    await sandbox.control.addFault({ operation: 'payments/getAll', kind: '500', count: 4 });
    const status = await payByCard(token);
    await sandbox.control.clearFaults();
    expect(status.state).toBe('unknown');
    const [payment] = await chargesMarkedWith(status.attemptId);
    expect(payment).toBeDefined();

    const receipts = await Promise.all([
      receive(message(payment!.id, payment!.id)),
      receive(message(payment!.id)),
    ]);
    expect(receipts.map((r) => r.status)).toEqual([202, 202]);
    const processed = await Promise.all(
      receipts.map((r) => processDueWebhookEvents(ctx, r.storedEventIds)),
    );
    expect(processed.reduce((sum, r) => sum + r.processed, 0)).toBe(1);
    expect((await findPaymentAttempt(ctx.db, status.attemptId))?.state).toBe('succeeded');

    // A late duplicate after settlement re-reads Mews and stays succeeded.
    const late = await receive(message(payment!.id));
    await processDueWebhookEvents(ctx, late.storedEventIds);
    expect((await findPaymentAttempt(ctx.db, status.attemptId))?.state).toBe('succeeded');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('paid');
  });

  it('parks an event for a payment that is not ours as unmatched', async () => {
    const receipt = await receive(message(randomUUID()));
    expect(receipt.status).toBe(202);
    const result = await processDueWebhookEvents(ctx, receipt.storedEventIds);
    expect(result.processed).toBe(0);
    expect(result.deferred + result.unmatched).toBe(1);
  });
});
