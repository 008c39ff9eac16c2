/**
 * The quick outcome check (lib/payments/reconciliation/outcome-check.ts), the reconciler's use of
 * the same matching when Mews drops or cuts `Notes`, and a manager's release after a fresh
 * read-back (lib/payments/staff/release-attempt.ts), against the sandbox.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import { listAudit } from '@/lib/db/staff-ledger';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard } from '@/lib/payments/guest/pay-link';
import { markUnknown, openAttempt } from '@/lib/payments/ledger/ledger';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import {
  checkAttemptOutcome,
  OUTCOME_CHECK_WINDOW_MS,
} from '@/lib/payments/reconciliation/outcome-check';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { releaseAttempt } from '@/lib/payments/staff/release-attempt';
import type { PaymentContext } from '@/lib/server/context';
import { openTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { createTestStaffActor } from '../../support/staff-actor';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import type { TestDatabase } from '../../support/test-database';

const { alice } = SEED.customers;
const GROSS = SEED.enterprises.gross;

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;
let manager: StaffActor;
let amountSeq = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({
    sandbox,
    client: { timeouts: { 'creditCards/charge': 1_000 } },
  }));
  manager = await createTestStaffActor(ctx, {
    email: 'outcome.manager@hotel.test',
    name: 'Manager',
    role: 'manager',
    password: 'outcome check manager password',
  });
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

beforeEach(async () => {
  await sandbox.control.clearFaults();
  await sandbox.control.updateSettings({ notesMode: 'keep' });
});

/** A distinct amount per test, so nothing of an earlier test can match. */
function nextAmount(): number {
  amountSeq += 1;
  return 4_000 + amountSeq * 13;
}

async function newLink(amountMinor: number) {
  return createPaymentLink(
    ctx,
    { customerId: alice.id, amountMinor, currency: 'GBP', description: 'Deposit' },
    { via: 'cli', actor: { type: 'system' } },
  );
}

async function payByCard(token: string) {
  const card = await tokenizeTestCard(sandbox, CARDS.visaCharged, GROSS.publicKey);
  return payLinkWithCard(ctx, guestCardInput(token, card), `198.51.100.${30 + amountSeq}`);
}

async function storedCardOfAlice(): Promise<string> {
  const tokenized = await sandbox.control.tokenize({
    cardNumber: CARDS.visaCharged,
    merchantId: GROSS.publicKey,
  });
  const { creditCardId } = await ctx.mews.addTokenizedCard({
    customerId: alice.id,
    transactionId: tokenized.transactionId,
    expiration: { year: 2030, month: 12 },
  });
  return creditCardId;
}

/**
 * A stored-card charge whose answer was lost, made by hand: the attempt is written, Mews charges
 * (with the attempt's marker, unless the sandbox drops it), and the ledger only learns "unknown".
 */
async function lostCharge(creditCardId: string, amountMinor: number) {
  const { attempt } = await openAttempt(
    ctx,
    {
      idempotencyKey: randomUUID(),
      paymentLinkId: null,
      method: 'stored_card',
      amountMinor,
      currency: 'GBP',
      mewsCustomerId: alice.id,
      mewsCreditCardId: creditCardId,
      clientAddress: null,
    },
    'processing',
  );
  const { paymentId } = await ctx.mews.chargeCreditCard({
    creditCardId,
    amount: { amountMinor, currency: 'GBP' },
    attemptId: attempt.id,
  });
  return { attempt: await markUnknown(ctx, attempt), paymentId };
}

describe('the quick outcome check for a guest', () => {
  it('releases the link after a 500 once the window is over, never before, and the guest may pay again', async () => {
    const amount = nextAmount();
    const { link, token } = await newLink(amount);
    await sandbox.control.addFault({ operation: 'creditCards/charge', kind: '500', count: 1 });
    const answer = await payByCard(token);
    expect(answer.state).toBe('unknown');
    const answeredAt = Date.now();
    // The countdown the guest sees: at most the window from now.
    const checkUntil = Date.parse(answer.checkUntil!);
    expect(checkUntil - answeredAt).toBeLessThanOrEqual(OUTCOME_CHECK_WINDOW_MS);
    expect(checkUntil - answeredAt).toBeGreaterThan(OUTCOME_CHECK_WINDOW_MS - 10_000);

    const at = (ms: number) => withClockOffset(ctx, answeredAt + ms - Date.now());
    const early = await getLinkPaymentStatus(at(OUTCOME_CHECK_WINDOW_MS - 10_000), token);
    expect(early?.linkState).toBe('processing');
    expect(early?.attempt?.checkUntil).toBe(answer.checkUntil);

    const late = await getLinkPaymentStatus(at(OUTCOME_CHECK_WINDOW_MS + 1_000), token);
    expect(late?.linkState).toBe('open');
    expect(late?.attempt).toMatchObject({
      state: 'failed',
      failureCode: 'not_received_by_mews',
      checkUntil: null,
    });

    const again = await payByCard(token);
    expect(again.state).toBe('succeeded');
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('paid');
  });

  it('shows the receipt at once when Mews charged and dropped both the answer and the Notes', async () => {
    const { token } = await newLink(nextAmount());
    await sandbox.control.updateSettings({ notesMode: 'drop' });
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'drop-after-processing',
      count: 1,
    });
    const answer = await payByCard(token);
    expect(answer.state).toBe('succeeded');
    expect(answer.mewsPaymentId).not.toBeNull();
    expect((await getLinkPaymentStatus(ctx, token))?.linkState).toBe('paid');
  });

  it('finds a charge whose marker Mews cut to 16 characters and never fails it', async () => {
    await sandbox.control.updateSettings({ notesMode: 'truncate' });
    const card = await storedCardOfAlice();
    const { attempt, paymentId } = await lostCharge(card, nextAmount());
    const check = await checkAttemptOutcome(
      withClockOffset(ctx, OUTCOME_CHECK_WINDOW_MS * 5),
      attempt,
    );
    expect(check).toMatchObject({ outcome: 'found', paymentId, how: 'matched-by-amount' });
    expect(check.attempt.state).toBe('succeeded');
  });
});

describe('two lost charges Mews cannot tell apart (Notes dropped)', () => {
  it('keeps both attempts open, reports them as ambiguous, and refuses a manager’s release', async () => {
    await sandbox.control.updateSettings({ notesMode: 'drop' });
    const card = await storedCardOfAlice();
    const amount = nextAmount();
    const first = await lostCharge(card, amount);
    const second = await lostCharge(card, amount);

    const result = await reconcilePayments(withClockOffset(ctx, 11 * 60_000), {
      trigger: 'test',
    });
    for (const { attempt } of [first, second]) {
      expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('unknown');
      expect(result.ambiguous).toContainEqual({
        attemptId: attempt.id,
        candidatePaymentIds: expect.arrayContaining([first.paymentId, second.paymentId]),
      });
    }

    await expect(
      releaseAttempt(withClockOffset(ctx, 11 * 60_000), { attemptId: first.attempt.id }, manager),
    ).rejects.toThrow(/cannot be told apart/);
    expect((await findPaymentAttempt(ctx.db, first.attempt.id))?.state).toBe('unknown');
    const events = await listAudit(ctx.db, { subjectId: first.attempt.id });
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'payment.stored_card.release', outcome: 'denied' }),
    );
  });
});

describe('a manager’s release', () => {
  it('releases an attempt Mews has nothing for at once, audited', async () => {
    const amount = nextAmount();
    const { link, token } = await newLink(amount);
    await sandbox.control.addFault({
      operation: 'creditCards/charge',
      kind: 'timeout-before-processing',
      timeoutMs: 1_500,
      count: 1,
    });
    const answer = await payByCard(token);
    expect(answer.state).toBe('unknown');

    const released = await releaseAttempt(ctx, { attemptId: answer.attemptId }, manager);
    expect(released).toEqual({ outcome: 'released', state: 'failed' });
    expect((await findPaymentLink(ctx.db, link.id))?.state).toBe('open');
    const events = await listAudit(ctx.db, { subjectId: answer.attemptId });
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'payment.card.release',
        outcome: 'success',
        actorLabel: manager.email,
      }),
    );
  });

  it('applies the payment instead when the read-back finds it', async () => {
    await sandbox.control.updateSettings({ notesMode: 'drop' });
    const card = await storedCardOfAlice();
    const { attempt, paymentId } = await lostCharge(card, nextAmount());

    const result = await releaseAttempt(ctx, { attemptId: attempt.id }, manager);
    expect(result).toEqual({ outcome: 'found', state: 'succeeded', mewsPaymentId: paymentId });
    expect((await findPaymentAttempt(ctx.db, attempt.id))?.state).toBe('succeeded');
  });

  it('refuses an attempt that is already settled', async () => {
    const { token } = await newLink(nextAmount());
    const answer = await payByCard(token);
    expect(answer.state).toBe('succeeded');
    await expect(releaseAttempt(ctx, { attemptId: answer.attemptId }, manager)).rejects.toThrow(
      /already settled/,
    );
  });
});
