import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import { listAudit } from '@/lib/db/staff-ledger';
import type { PaymentContext } from '@/lib/server/context';
import { staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import { storedCardChargeSchema } from '@/lib/payments/staff/schemas';
import { listPayments, paymentDetail } from '@/lib/payments/back-office/payments';
import { getGuestCheckoutView, getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard } from '@/lib/payments/guest/pay-link';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import {
  processDueWebhookEvents,
  receiveMewsWebhook,
} from '@/lib/payments/reconciliation/webhooks';
import { openTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { createTestStaffActor } from '../../support/staff-actor';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import type { TestDatabase } from '../../support/test-database';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

/**
 * SCA by e-mail (Mews help centre, "PSD2 compliance" and "3DS FAQ"): a card charge whose issuer
 * demands strong customer authentication goes `Verifying`, Mews e-mails the guest a link, and the
 * payment turns Charged (verified), Failed (declined) or, unanswered for 24 hours, Canceled. The
 * ledger keeps such an attempt `verifying` with its link closed, tells the guest where the next step
 * is, and follows Mews to the end by every path that reads it back.
 */

const alice = SEED.customers.alice;
const WEBHOOK_SECRET = 'verifying-webhook-secret-0123456789abcdef';
const DAY_MS = 24 * 60 * 60_000;
const SCRIPT_URL = 'http://sandbox/sf.js';

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;
let receiver: WebhookReceiver | undefined;
let receiverUrl: string;
/** The PaymentUpdated messages the sandbox delivered, as Mews would POST them to our route. */
const delivered: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver('/api/webhooks/mews', (raw) => delivered.push(raw), 202);
  receiverUrl = receiver.url;
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({
    sandbox,
    client: { clientName: 'Mews Checkout tests', timeouts: { 'creditCards/charge': 2_000 } },
  }));
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
  await receiver?.close();
});

beforeEach(async () => {
  await sandbox.control.clearFaults();
  await sandbox.control.setWebhook({ url: null });
  delivered.length = 0;
});

async function newLink() {
  return createPaymentLink(
    ctx,
    { customerId: alice.id, amountMinor: 18_000, currency: 'GBP', description: 'Deposit' },
    { via: 'cli', actor: { type: 'system' } },
  );
}

async function payByCard(token: string, cardNumber: string = CARDS.visaVerifying) {
  const card = await tokenizeTestCard(sandbox, cardNumber);
  return payLinkWithCard(ctx, guestCardInput(token, card), '203.0.113.21');
}

async function chargesFor(attemptId: string) {
  return (await sandbox.control.requests('creditCards/charge')).filter((entry) =>
    JSON.stringify(entry.request).includes(attemptId),
  );
}

/** A guest pays with the card whose issuer asks for verification; the attempt waits for them. */
async function verifyingPayment() {
  const { link, token } = await newLink();
  const status = await payByCard(token);
  expect(status.state).toBe('verifying');
  const attempt = (await findPaymentAttempt(ctx.db, status.attemptId))!;
  return { link, token, status, attempt, paymentId: attempt.mewsPaymentId! };
}

describe('a card payment Mews holds in Verifying', () => {
  it('waits as verifying with the link closed, since the charge was made, and tells the guest', async () => {
    const { link, token, status, attempt, paymentId } = await verifyingPayment();
    expect(attempt.state).toBe('verifying');
    expect(attempt.finalizedAt).toBeNull();
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('processing');

    const [mews] = await ctx.mews.getPayments({ paymentIds: [paymentId] });
    expect(mews?.state).toBe('verifying');
    // Mews counts the guest's 24 hours from the charge: so does the ledger.
    expect(attempt.verifyingSince?.toISOString()).toBe(mews?.createdAt.toISOString());
    const [verification] = (await sandbox.control.listVerifications()).filter(
      (v) => v.paymentId === paymentId,
    );
    expect(verification?.state).toBe('Verifying');
    const until = new Date(attempt.verifyingSince!.getTime() + DAY_MS).toISOString();
    expect(until).toBe(new Date(verification!.expiresUtc).toISOString());

    // The pay action's own answer, the pay page and its status poll all say "verifying".
    expect(status.verification?.until).toBe(until);
    const configuration = await ctx.mews.getConfiguration();
    const polled = await getLinkPaymentStatus(ctx, token);
    expect(polled).toMatchObject({
      linkState: 'processing',
      attempt: {
        state: 'verifying',
        verification: { until, hotelTimeZone: configuration.enterprise.timeZone },
      },
    });
    const view = await getGuestCheckoutView(ctx, token, SCRIPT_URL);
    expect(view.kind).toBe('payable');
    if (view.kind === 'payable') {
      expect(view.summary.linkState).toBe('processing');
      expect(view.summary.activeAttempt).toMatchObject({
        state: 'verifying',
        verification: { until, hotelTimeZone: configuration.enterprise.timeZone },
      });
    }

    // Staff read "awaiting guest verification" with since when, and nothing to chase yet.
    const detail = await paymentDetail(ctx, attempt.id);
    expect(detail.payment).toMatchObject({
      state: 'verifying',
      verifyingSince: attempt.verifyingSince!.toISOString(),
      needsAttention: false,
    });
    expect(detail.mews?.state).toBe('verifying');
    const [row] = (await listPayments(ctx, { state: 'verifying', customerId: alice.id })).filter(
      (r) => r.id === attempt.id,
    );
    expect(row?.verifyingSince).toBe(attempt.verifyingSince!.toISOString());
  });

  it('refuses a second payment on the link meanwhile, so the guest cannot be charged twice', async () => {
    const { link, token, status } = await verifyingPayment();
    await sandbox.control.clearRequests();
    await expect(payByCard(token, CARDS.visaCharged)).rejects.toMatchObject({
      code: 'payment_in_progress',
    });
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(0);
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('processing');
    expect((await findPaymentAttempt(ctx.db, status.attemptId))?.state).toBe('verifying');
  });

  it('is watched by the reconciler for its whole life, never given up after the outcome horizon', async () => {
    const { link, attempt } = await verifyingPayment();
    for (const offset of [11 * 60_000, 6 * 60 * 60_000, DAY_MS - 60_000]) {
      const result = await reconcilePayments(withClockOffset(ctx, offset), { trigger: 'test' });
      expect(result.outcomes.find((o) => o.attemptId === attempt.id)).toBeUndefined();
      expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('verifying');
      expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('processing');
    }
    expect(await chargesFor(attempt.id)).toHaveLength(1);
  });

  it('turns succeeded with the link paid once the guest verifies (reconciler)', async () => {
    const { link, token, attempt, paymentId } = await verifyingPayment();
    await sandbox.control.completeVerification(paymentId, 'approve');
    const result = await reconcilePayments(ctx, { trigger: 'test' });
    expect(result.outcomes).toContainEqual(
      expect.objectContaining({ attemptId: attempt.id, from: 'verifying', to: 'succeeded' }),
    );
    expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('succeeded');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('paid');
    const view = await getGuestCheckoutView(ctx, token, SCRIPT_URL);
    expect(view.kind === 'paid' && view.receipt.mewsPaymentId).toBe(paymentId);
  });

  it('turns succeeded from the PaymentUpdated webhook Mews sends when the guest verifies', async () => {
    const { link, attempt, paymentId } = await verifyingPayment();
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 20 });
    await sandbox.control.completeVerification(paymentId, 'approve');
    await sandbox.control.waitForWebhooks();
    expect(delivered.length).toBeGreaterThan(0);
    for (const body of delivered) {
      const receipt = await receiveMewsWebhook(async () => ctx, {
        configuredSecret: WEBHOOK_SECRET,
        providedSecret: WEBHOOK_SECRET,
        contentType: 'application/json',
        body,
      });
      expect(receipt.status).toBe(202);
      await processDueWebhookEvents(ctx, receipt.storedEventIds);
    }
    expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('succeeded');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('paid');
  });

  it('fails with the link open again when the guest declines, and the guest may pay again', async () => {
    const { link, token, attempt, paymentId } = await verifyingPayment();
    await sandbox.control.completeVerification(paymentId, 'fail');
    // The guest's page reads Mews back as it polls.
    const polled = await getLinkPaymentStatus(ctx, token);
    expect(polled).toMatchObject({ linkState: 'open', attempt: { state: 'failed' } });
    expect(polled?.attempt?.verification ?? null).toBeNull();
    expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('failed');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('open');

    const again = await payByCard(token, CARDS.visaCharged);
    expect(again.state).toBe('succeeded');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('paid');
  });

  it('is canceled with the link open again when nobody verifies within 24 hours', async () => {
    const { link, attempt, paymentId } = await verifyingPayment();
    await sandbox.control.advanceClock(24 * 60 * 60 + 1);
    const [mews] = await ctx.mews.getPayments({ paymentIds: [paymentId] });
    expect(mews?.state).toBe('canceled');
    await reconcilePayments(ctx, { trigger: 'test' });
    const ended = await findPaymentAttempt(ctx.db, attempt.id);
    expect(ended).toMatchObject({ state: 'canceled', failureCode: 'payment_canceled' });
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('open');
    const detail = await paymentDetail(ctx, attempt.id);
    expect(detail.payment.state).toBe('canceled');
  });
});

describe('a staff charge of a stored card the issuer wants verified', () => {
  it('says awaiting guest verification to staff, audits it, and settles when the guest verifies', async () => {
    const manager = await createTestStaffActor(ctx, {
      email: 'verifying.manager@hotel.test',
      name: 'Verifying Manager',
      role: 'manager',
      password: 'verifying manager password',
    });
    const tokenized = await sandbox.control.tokenize({
      cardNumber: CARDS.visaVerifying,
      merchantId: SEED.enterprises.gross.publicKey,
    });
    const { creditCardId } = await ctx.mews.addTokenizedCard({
      customerId: alice.id,
      transactionId: tokenized.transactionId,
      expiration: { year: 2030, month: 12 },
    });
    const result = await staffChargeStoredCard(
      ctx,
      storedCardChargeSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: alice.id,
        creditCardId,
        amount: '64.00',
        currency: 'GBP',
        confirmed: true,
      }),
      manager,
      null,
      1_000_000,
    );
    expect(result.state).toBe('verifying');
    const detail = await paymentDetail(ctx, result.attemptId);
    expect(detail.payment).toMatchObject({ state: 'verifying', needsAttention: false });
    expect(detail.payment.verifyingSince).toBeTruthy();
    const events = await listAudit(ctx.db, { subjectId: result.attemptId });
    expect(events.map((e) => [e.action, e.outcome])).toContainEqual([
      'payment.stored_card.verifying',
      'pending',
    ]);

    await sandbox.control.completeVerification(result.mewsPaymentId!, 'approve');
    await reconcilePayments(ctx, { trigger: 'test' });
    expect((await findPaymentAttempt(ctx.db, result.attemptId))?.state).toBe('succeeded');
  });
});
