/**
 * A front-desk charge above the limit, approved on the clerk's screen by a manager typing their
 * e-mail and password. Against the offline sandbox and a real database: without an approval the
 * charge is refused before anything is written; with a manager's right password it is charged once
 * in Mews, the attempt names the approver and the audit trail both people; a wrong password is
 * refused and counts as a failed sign-in of that manager (five from the desk lock them out there);
 * a front-desk or disabled account, or the clerk themselves, cannot approve. Through the server
 * action, the session rules of every staff action hold: no session, no charge, whatever approval
 * is sent.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import { MAX_ACCOUNT_ADDRESS_FAILURES } from '@/lib/auth/sign-in';
import { updateStaffAccount } from '@/lib/auth/staff-accounts';
import { listAuditEvents } from '@/lib/db/audit-log';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { staffChargeNewCard, staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import { APPROVAL_MESSAGES } from '@/lib/payments/staff/manager-approval';
import {
  APPROVAL_FIELDS,
  needsManagerApproval,
  newCardChargeSchema,
  storedCardChargeSchema,
  type ManagerApprovalInput,
} from '@/lib/payments/staff/schemas';
import { createTestStaffActor } from '../../support/staff-actor';
import { tokenizeTestCard } from '../../support/card-input';
import { requestScope } from '../../support/request-scope';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const scope = vi.hoisted(() => ({ ctx: undefined as unknown }));
vi.mock(
  'next/headers',
  async () => (await import('../../support/request-scope')).nextHeadersModule,
);
vi.mock('@/lib/auth/index', async () => ({
  auth: (await import('../../support/request-scope')).scopedAuth,
}));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => scope.ctx }));

const { alice } = SEED.customers;
const THRESHOLD = 100_000; // GBP 1,000.00
const DESK = '198.51.100.20';
const MANAGER_PASSWORD = 'manager password 123';
const noWait = async () => undefined;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

const succeededCharges = async () =>
  (await sandbox.control.requests('creditCards/charge')).filter((r) => r.status === 200).length;

describe.each(testDatabaseTargets)('manager approval on the spot on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let clerk: StaffActor;
  let manager: StaffActor;
  let otherClerk: StaffActor;
  let retired: StaffActor;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
    scope.ctx = ctx;
    clerk = await createTestStaffActor(ctx, {
      email: 'frank@hotel.test',
      name: 'Frank Desk',
      role: 'frontdesk',
      password: 'front desk password',
    });
    manager = await createTestStaffActor(ctx, {
      email: 'mia@hotel.test',
      name: 'Mia Manager',
      role: 'manager',
      password: MANAGER_PASSWORD,
    });
    otherClerk = await createTestStaffActor(ctx, {
      email: 'fern@hotel.test',
      name: 'Fern Desk',
      role: 'frontdesk',
      password: 'another desk password',
    });
    retired = await createTestStaffActor(ctx, {
      email: 'old.manager@hotel.test',
      name: 'Old Manager',
      role: 'manager',
      password: 'retired manager password',
    });
    await updateStaffAccount(ctx, { staffId: retired.staffId, disabled: true }, manager);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => {
    requestScope.staffId = undefined;
  });

  const newCardInput = async (amount: string, approval?: ManagerApprovalInput) =>
    newCardChargeSchema.parse({
      idempotencyKey: randomUUID(),
      customerId: alice.id,
      amount,
      currency: 'GBP',
      confirmed: true,
      expiry: '12/30',
      card: await tokenizeTestCard(sandbox, CARDS.visaCharged),
      ...(approval ? { approval } : {}),
    });

  const chargeNew = async (
    amount: string,
    approval?: ManagerApprovalInput,
    address: string = DESK,
  ) =>
    staffChargeNewCard(ctx, await newCardInput(amount, approval), clerk, address, THRESHOLD, {
      sleep: noWait,
    });

  const refusal = async (promise: Promise<unknown>): Promise<PaymentError> => {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PaymentError);
    return error as PaymentError;
  };

  const attemptCount = async () => {
    const result = await database.db.execute(sql`select count(*)::int as n from payment_attempts`);
    return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
  };

  const events = async (action: string) =>
    (await listAuditEvents(database.db, { limit: 200 })).filter((e) => e.action === action);

  it('refuses an over-limit charge without approval, with one error on the amount, before any write', async () => {
    const before = await attemptCount();
    const charges = await succeededCharges();
    const error = await refusal(chargeNew('1500'));
    expect(error.code).toBe('forbidden');
    expect(error.options.fieldErrors).toEqual({ amount: [error.message] });
    expect(error.message).toContain('Charges above 1000.00 GBP need a manager');
    expect(error.message).toContain('A manager can approve this charge here');
    expect(needsManagerApproval({ code: error.code, fieldErrors: error.options.fieldErrors })).toBe(
      true,
    );
    expect(await attemptCount()).toBe(before);
    expect(await succeededCharges()).toBe(charges);
    expect((await events('payment.charge.denied')).at(0)).toMatchObject({
      actorStaffId: clerk.staffId,
      outcome: 'denied',
      amountMinor: 150_000,
    });
  });

  it('charges once in Mews with a manager’s e-mail and password, naming both people', async () => {
    const charges = await succeededCharges();
    const result = await chargeNew('1500', {
      email: ' Mia@Hotel.test ',
      password: MANAGER_PASSWORD,
    });
    expect(result.state).toBe('succeeded');
    expect(await succeededCharges()).toBe(charges + 1);
    const [mewsPayment] = await ctx.mews.getPayments({ paymentIds: [result.mewsPaymentId!] });
    expect(mewsPayment?.amount).toEqual({ amountMinor: 150_000, currency: 'GBP' });

    const attempt = await findPaymentAttempt(database.db, result.attemptId);
    expect(attempt?.initiatedByStaffId).toBe(clerk.staffId);
    expect(attempt?.approvedByStaffId).toBe(manager.staffId);

    const approved = (await events('payment.charge.approved')).find(
      (event) => event.subjectId === result.attemptId,
    );
    expect(approved).toMatchObject({
      actorStaffId: clerk.staffId,
      outcome: 'success',
      subjectType: 'payment_attempt',
      amountMinor: 150_000,
      details: {
        initiator: 'Frank Desk',
        approver: 'Mia Manager',
        approverStaffId: manager.staffId,
      },
    });
    // The password is nowhere in the trail.
    const trail = JSON.stringify(await listAuditEvents(database.db, { limit: 500 }));
    expect(trail).not.toContain(MANAGER_PASSWORD);
  });

  it('approves a stored-card charge the same way', async () => {
    const [card] = (await ctx.mews.listCreditCards(alice.id)).filter((c) => c.chargeable);
    expect(card).toBeDefined();
    const input = (approval?: ManagerApprovalInput) =>
      storedCardChargeSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: alice.id,
        creditCardId: card!.id,
        amount: '1200',
        currency: 'GBP',
        confirmed: true,
        ...(approval ? { approval } : {}),
      });
    const refused = await refusal(
      staffChargeStoredCard(ctx, input(), clerk, DESK, THRESHOLD, { sleep: noWait }),
    );
    expect(refused.options.fieldErrors).toEqual({ amount: [refused.message] });
    const charges = await succeededCharges();
    const result = await staffChargeStoredCard(
      ctx,
      input({ email: 'mia@hotel.test', password: MANAGER_PASSWORD }),
      clerk,
      DESK,
      THRESHOLD,
      { sleep: noWait },
    );
    expect(result.state).toBe('succeeded');
    expect(await succeededCharges()).toBe(charges + 1);
    expect((await findPaymentAttempt(database.db, result.attemptId))?.approvedByStaffId).toBe(
      manager.staffId,
    );
  });

  it('refuses a wrong password, counts it as a failed sign-in, and locks the manager out at this desk after five', async () => {
    const address = '198.51.100.21';
    const before = await attemptCount();
    const charges = await succeededCharges();
    for (let i = 0; i < MAX_ACCOUNT_ADDRESS_FAILURES; i++) {
      const error = await refusal(
        chargeNew('1500', { email: 'mia@hotel.test', password: `guess ${i}` }, address),
      );
      expect(error.code).toBe('forbidden');
      expect(error.options.fieldErrors).toEqual({
        [APPROVAL_FIELDS.password]: [APPROVAL_MESSAGES.invalid],
      });
      expect(error.message).not.toContain(`guess ${i}`);
    }
    const failedSignIns = (await events('staff.sign_in')).filter(
      (e) =>
        e.subjectId === manager.staffId &&
        e.outcome === 'failure' &&
        e.clientAddress === address &&
        (e.details as { method?: string }).method === 'manager_approval',
    );
    expect(failedSignIns).toHaveLength(MAX_ACCOUNT_ADDRESS_FAILURES);
    // Now even the right password is refused from this desk, as a sign-in would be.
    const locked = await refusal(
      chargeNew('1500', { email: 'mia@hotel.test', password: MANAGER_PASSWORD }, address),
    );
    expect(locked.options.fieldErrors).toEqual({
      [APPROVAL_FIELDS.password]: [APPROVAL_MESSAGES.throttled],
    });
    expect(await attemptCount()).toBe(before);
    expect(await succeededCharges()).toBe(charges);
    const denied = (await events('payment.charge.approval')).filter(
      (e) => e.clientAddress === address,
    );
    expect(denied.map((e) => (e.details as { reason: string }).reason).sort()).toEqual([
      ...Array(MAX_ACCOUNT_ADDRESS_FAILURES).fill('invalid_credentials'),
      'throttled',
    ]);
    expect(denied[0]).toMatchObject({
      actorStaffId: clerk.staffId,
      outcome: 'denied',
      details: { initiator: 'Frank Desk', approverEmail: 'mia@hotel.test' },
    });
  });

  it('refuses a front-desk approver, a disabled manager and the clerk themselves', async () => {
    const address = '198.51.100.22';
    const before = await attemptCount();
    const charges = await succeededCharges();

    const frontDesk = await refusal(
      chargeNew('1500', { email: 'fern@hotel.test', password: 'another desk password' }, address),
    );
    expect(frontDesk.options.fieldErrors).toEqual({
      [APPROVAL_FIELDS.email]: [APPROVAL_MESSAGES.notManager],
    });

    const disabled = await refusal(
      chargeNew(
        '1500',
        { email: 'old.manager@hotel.test', password: 'retired manager password' },
        address,
      ),
    );
    expect(disabled.options.fieldErrors).toEqual({
      [APPROVAL_FIELDS.password]: [APPROVAL_MESSAGES.invalid],
    });

    const self = await refusal(
      chargeNew('1500', { email: 'FRANK@hotel.test', password: 'front desk password' }, address),
    );
    expect(self.options.fieldErrors).toEqual({
      [APPROVAL_FIELDS.email]: [APPROVAL_MESSAGES.samePerson],
    });

    expect(await attemptCount()).toBe(before);
    expect(await succeededCharges()).toBe(charges);
    const reasons = (await events('payment.charge.approval'))
      .filter((e) => e.clientAddress === address)
      .map((e) => [
        (e.details as { reason: string }).reason,
        (e.details as { approver?: string }).approver,
      ]);
    expect(reasons.sort()).toEqual(
      [
        ['invalid_credentials', undefined],
        ['not_manager', otherClerk.name],
        ['same_person', undefined],
      ].sort(),
    );
  });

  it('has no effect on a charge under the limit or one a manager takes', async () => {
    const small = await chargeNew('50', { email: 'fern@hotel.test', password: 'wrong' });
    expect(small.state).toBe('succeeded');
    expect((await findPaymentAttempt(database.db, small.attemptId))?.approvedByStaffId).toBeNull();
    const byManager = await staffChargeNewCard(
      ctx,
      await newCardInput('1500'),
      manager,
      DESK,
      THRESHOLD,
    );
    expect(byManager.state).toBe('succeeded');
    expect(
      (await findPaymentAttempt(database.db, byManager.attemptId))?.approvedByStaffId,
    ).toBeNull();
  });

  describe('through the server action', () => {
    const approval = { email: 'mia@hotel.test', password: MANAGER_PASSWORD };

    it('refuses a caller without a session whatever approval is sent, writing nothing', async () => {
      const { chargeNewCardAction } = await import('@/lib/payments/staff/actions');
      const before = await attemptCount();
      const result = await chargeNewCardAction({
        ...(await newCardInput('1500', approval)),
        expiry: '12/30',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(JSON.stringify(result)).not.toContain(MANAGER_PASSWORD);
      expect(await attemptCount()).toBe(before);
    });

    it('takes the approval in the same schema as the form and never echoes the password', async () => {
      const { chargeNewCardAction } = await import('@/lib/payments/staff/actions');
      requestScope.staffId = clerk.staffId;
      const incomplete = await chargeNewCardAction({
        ...(await newCardInput('1500')),
        expiry: '12/30',
        approval: { email: 'mia@hotel.test', password: '' },
      });
      expect(incomplete).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: 'Enter the manager’s password' },
      });

      const wrong = await chargeNewCardAction({
        ...(await newCardInput('1500')),
        expiry: '12/30',
        approval: { email: 'mia@hotel.test', password: 'not her password at all' },
      });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(JSON.stringify(wrong)).not.toContain('not her password at all');
    });
  });
});
