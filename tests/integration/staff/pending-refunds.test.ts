/**
 * Refunds are Pending first (Mews: refund response `State`, added 2024-12-19; "Refunds can still
 * fail while Pending", reference §2.9). Against the sandbox, which answers every refund Pending,
 * settles it after `refundSettleSeconds` (or at once through its control API), and fails refunds
 * of `CARDS.visaRefundRefused`: staff see the refund pending, the remainder counts it, the
 * reconciler settles it by its RefundId, and a failed refund is audited and gives the amount back.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import { listAudit } from '@/lib/db/staff-ledger';
import { paymentDetail } from '@/lib/payments/back-office/payments';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { staffChargeNewCard } from '@/lib/payments/staff/card-charges';
import { refundPayment } from '@/lib/payments/staff/refund';
import { newCardChargeSchema, refundSchema } from '@/lib/payments/staff/schemas';
import type { PaymentContext } from '@/lib/server/context';
import { createTestStaffActor } from '../../support/staff-actor';
import { tokenizeTestCard } from '../../support/card-input';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import {
  openTestPaymentContext,
  type OpenedTestPaymentContext,
} from '../../support/payment-context';

const { alice } = SEED.customers;

let sandbox: TestSandbox;
let opened: OpenedTestPaymentContext;
let ctx: PaymentContext;
let manager: StaffActor;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  opened = await openTestPaymentContext({ sandbox });
  ctx = opened.ctx;
  manager = await createTestStaffActor(ctx, {
    email: 'rita.refunds@hotel.test',
    name: 'Rita',
    role: 'manager',
    password: 'refunds take a while',
  });
});

afterAll(async () => {
  await opened?.close();
  await sandbox?.stop();
});

async function charge(amount: string, card: string = CARDS.visaCharged) {
  const typed = await tokenizeTestCard(sandbox, card);
  const result = await staffChargeNewCard(
    ctx,
    newCardChargeSchema.parse({
      idempotencyKey: randomUUID(),
      customerId: alice.id,
      amount,
      currency: 'GBP',
      notes: 'Deposit at the desk',
      confirmed: true,
      expiry: '12/30',
      card: typed,
    }),
    manager,
    '198.51.100.7',
    1_000_000,
  );
  expect(result.state).toBe('succeeded');
  return result;
}

function refund(attemptId: string, amount?: string) {
  return refundPayment(
    ctx,
    refundSchema.parse({
      idempotencyKey: randomUUID(),
      attemptId,
      amount: amount ?? '',
      reason: 'Stay shortened',
    }),
    manager,
    null,
  );
}

async function auditOf(subjectId: string) {
  return (await listAudit(ctx.db, { subjectId })).map(
    (event) => `${event.action} ${event.outcome}`,
  );
}

describe('pending refunds', () => {
  it('shows a refund pending, counts it in the remainder, and the reconciler settles it by its RefundId', async () => {
    const original = await charge('60.00');
    const pending = await refund(original.attemptId, '25');
    expect(pending).toMatchObject({ state: 'pending', amountMinor: 2_500 });

    const refundPage = await paymentDetail(ctx, pending.attemptId);
    expect(refundPage.payment.state).toBe('pending');
    expect(refundPage.mews?.state).toBe('pending');
    const originalPage = await paymentDetail(ctx, original.attemptId);
    expect(originalPage.refunds.map((row) => row.state)).toEqual(['pending']);
    // The pending 25.00 already counts: no over-refund while it is at the gateway.
    expect(originalPage.refundable).toEqual({ amountMinor: 3_500, currency: 'GBP' });
    await expect(refund(original.attemptId, '40')).rejects.toMatchObject({
      code: 'invalid_input',
    });

    // The sandbox settles pending refunds after refundSettleSeconds (default 30) on its clock.
    await sandbox.control.advanceClock(31);
    const run = await reconcilePayments(ctx, { trigger: 'test' });
    expect(run.outcomes).toContainEqual(
      expect.objectContaining({
        attemptId: pending.attemptId,
        from: 'pending',
        to: 'succeeded',
        how: 'payment-id',
        mewsPaymentId: pending.mewsPaymentId,
      }),
    );
    expect(await auditOf(pending.attemptId)).toContain('payment.refund.succeeded success');
    expect((await paymentDetail(ctx, original.attemptId)).refundable).toEqual({
      amountMinor: 3_500,
      currency: 'GBP',
    });
  });

  it('flags a refund the gateway refuses: audited as failed, and the amount is refundable again', async () => {
    const original = await charge('80.00', CARDS.visaRefundRefused);
    const pending = await refund(original.attemptId);
    expect(pending).toMatchObject({ state: 'pending', amountMinor: 8_000 });
    expect((await paymentDetail(ctx, original.attemptId)).refundable).toBeNull();

    await sandbox.control.settlePayments({ paymentIds: [pending.mewsPaymentId!] });
    const run = await reconcilePayments(ctx, { trigger: 'test' });
    expect(run.outcomes).toContainEqual(
      expect.objectContaining({ attemptId: pending.attemptId, to: 'failed' }),
    );
    expect(await auditOf(pending.attemptId)).toContain('payment.refund.failed failure');

    const refundPage = await paymentDetail(ctx, pending.attemptId);
    expect(refundPage.payment.state).toBe('failed');
    expect(refundPage.mews?.state).toBe('failed');
    const originalPage = await paymentDetail(ctx, original.attemptId);
    expect(originalPage.refunds.map((row) => row.state)).toEqual(['failed']);
    expect(originalPage.refundable).toEqual({ amountMinor: 8_000, currency: 'GBP' });
    // And it can be tried again (it fails again on this card, but nothing blocks staff).
    expect(await refund(original.attemptId)).toMatchObject({
      state: 'pending',
      amountMinor: 8_000,
    });
  });

  it('gives the amount back as soon as a failed refund is read, without waiting for the reconciler', async () => {
    const original = await charge('20.00', CARDS.visaRefundRefused);
    const pending = await refund(original.attemptId);
    await sandbox.control.settlePayments({ paymentIds: [pending.mewsPaymentId!] });
    const originalPage = await paymentDetail(ctx, original.attemptId);
    expect(originalPage.refunds.map((row) => row.state)).toEqual(['failed']);
    expect(originalPage.refundable).toEqual({ amountMinor: 2_000, currency: 'GBP' });
  });
});
