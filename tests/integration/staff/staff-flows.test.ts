/**
 * The staff back office's payment flows end to end against the offline Mews sandbox and a real
 * database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set): sign-in throttling, roles,
 * charges through the exactly-once ledger, external and terminal records, refunds, and the audit
 * trail, each checked on the Mews side with payments/getAll.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActorFor, type StaffActor } from '@/lib/auth/require-staff';
import {
  MAX_ACCOUNT_ADDRESS_FAILURES,
  MAX_ADDRESS_FAILURES,
  verifyStaffCredentials,
} from '@/lib/auth/sign-in';
import { createStaffAccount, updateStaffAccount } from '@/lib/auth/staff-accounts';
import { listAudit } from '@/lib/db/staff-ledger';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { recordExternalPayment } from '@/lib/payments/staff/external-payment';
import { customerDetail } from '@/lib/payments/back-office/customers';
import { dashboard } from '@/lib/payments/back-office/dashboard';
import { listPayments, paymentDetail } from '@/lib/payments/back-office/payments';
import { paymentsCsv } from '@/lib/payments/back-office/csv';
import { refundPayment } from '@/lib/payments/staff/refund';
import { staffChargeNewCard, staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import { createStaffPaymentLink, cancelStaffPaymentLink } from '@/lib/payments/links/staff-links';
import {
  externalPaymentSchema,
  newCardChargeSchema,
  refundSchema,
  storedCardChargeSchema,
  terminalCardPaymentSchema,
} from '@/lib/payments/staff/schemas';
import { staffPaymentLinkSchema } from '@/lib/payments/links/schemas';
import { recordTerminalCardPayment } from '@/lib/payments/staff/terminal-card-payment';
import { tokenizeTestCard } from '../../support/card-input';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const { alice, bob, dan } = SEED.customers;
const FULL_PAN = '4111111111111111';
const THRESHOLD = 100_000;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

async function mewsPayment(paymentId: string) {
  const response = await sandbox.connector<{ Payments: Array<Record<string, unknown>> }>(
    'payments/getAll',
    {
      PaymentIds: [paymentId],
      Limitation: { Count: 10 },
    },
  );
  return response.body.Payments[0];
}

describe.each(testDatabaseTargets)('staff back office on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let manager: StaffActor;
  let frontDesk: StaffActor;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, {
      sandbox,
      client: {
        clientName: 'Mews Checkout staff tests',
        timeouts: { 'creditCards/charge': 3_000, 'payments/refund': 3_000 },
      },
    });
    const m = await createStaffAccount(
      ctx,
      {
        email: 'Mia.Manager@hotel.test',
        name: 'Mia',
        role: 'manager',
        password: 'correct horse battery',
      },
      { type: 'system' },
    );
    const f = await createStaffAccount(
      ctx,
      {
        email: 'frank@hotel.test',
        name: 'Frank',
        role: 'frontdesk',
        password: 'front desk password',
      },
      { type: 'system' },
    );
    manager = await staffActorFor(ctx, m.id, 'manager');
    frontDesk = await staffActorFor(ctx, f.id, 'frontdesk');
  });

  afterAll(async () => {
    await database?.close();
  });

  async function auditActions(subjectId?: string) {
    return (await listAudit(ctx.db, { subjectId })).map(
      (event) => `${event.actorLabel} ${event.action} ${event.outcome}`,
    );
  }

  async function newCardCharge(
    actor: StaffActor,
    amount: string,
    card: string = CARDS.visaCharged,
    customerId: string = alice.id,
  ) {
    const typed = await tokenizeTestCard(sandbox, card);
    const input = newCardChargeSchema.parse({
      idempotencyKey: randomUUID(),
      customerId,
      amount,
      currency: 'GBP',
      notes: 'Deposit at the desk',
      confirmed: true,
      expiry: '12/30',
      card: typed,
    });
    return {
      input,
      result: await staffChargeNewCard(ctx, input, actor, '198.51.100.4', THRESHOLD),
    };
  }

  describe('sign-in', () => {
    it('accepts the right password (any email case) and refuses a wrong one, recording both', async () => {
      const ok = await verifyStaffCredentials(
        ctx,
        { email: 'mia.manager@HOTEL.test', password: 'correct horse battery' },
        '192.0.2.1',
      );
      expect(ok.ok).toBe(true);
      const wrong = await verifyStaffCredentials(
        ctx,
        { email: 'mia.manager@hotel.test', password: 'nope' },
        '192.0.2.1',
      );
      expect(wrong).toEqual({ ok: false, reason: 'invalid' });
      const unknown = await verifyStaffCredentials(
        ctx,
        { email: 'nobody@hotel.test', password: 'whatever' },
        '192.0.2.1',
      );
      expect(unknown).toEqual({ ok: false, reason: 'invalid' });
      const events = await listAudit(ctx.db, { actionPrefix: 'staff.sign_in' });
      expect(events.map((e) => e.outcome)).toEqual(expect.arrayContaining(['success', 'failure']));
      expect(JSON.stringify(events)).not.toContain('correct horse');
    });

    // More on throttling (many addresses, the account ceiling, unknown emails): sign-in-throttling.test.ts.
    it('locks an account out of an address after too many failures from it, even for the right password, until the window passes', async () => {
      await createStaffAccount(
        ctx,
        {
          email: 'lock@hotel.test',
          name: 'Lock',
          role: 'frontdesk',
          password: 'the right password',
        },
        { type: 'system' },
      );
      for (let i = 0; i < MAX_ACCOUNT_ADDRESS_FAILURES; i++) {
        expect(
          (
            await verifyStaffCredentials(
              ctx,
              { email: 'lock@hotel.test', password: `guess-${i}` },
              '192.0.2.10',
            )
          ).ok,
        ).toBe(false);
      }
      expect(
        await verifyStaffCredentials(
          ctx,
          { email: 'lock@hotel.test', password: 'the right password' },
          '192.0.2.10',
        ),
      ).toEqual({ ok: false, reason: 'throttled' });
      const later = withClockOffset(ctx, 16 * 60_000);
      expect(
        (
          await verifyStaffCredentials(
            later,
            { email: 'lock@hotel.test', password: 'the right password' },
            '192.0.2.10',
          )
        ).ok,
      ).toBe(true);
    });

    it('throttles one address trying many accounts', async () => {
      for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) {
        await verifyStaffCredentials(
          ctx,
          { email: `spray-${i}@hotel.test`, password: 'x' },
          '203.0.113.66',
        );
      }
      expect(
        await verifyStaffCredentials(
          ctx,
          { email: 'frank@hotel.test', password: 'front desk password' },
          '203.0.113.66',
        ),
      ).toEqual({ ok: false, reason: 'throttled' });
      expect(
        (
          await verifyStaffCredentials(
            ctx,
            { email: 'frank@hotel.test', password: 'front desk password' },
            '203.0.113.67',
          )
        ).ok,
      ).toBe(true);
    });
  });

  describe('roles', () => {
    it('refuses no session, a disabled user and a front-desk user asking for a manager action', async () => {
      await expect(staffActorFor(ctx, undefined)).rejects.toMatchObject({
        code: 'unauthenticated',
      });
      await expect(staffActorFor(ctx, randomUUID())).rejects.toMatchObject({
        code: 'unauthenticated',
      });
      await expect(
        staffActorFor(ctx, frontDesk.staffId, 'manager', 'refund payments'),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect(await auditActions(frontDesk.staffId)).toContain(
        'frank@hotel.test staff.access_denied denied',
      );

      const temp = await createStaffAccount(
        ctx,
        { email: 'temp@hotel.test', name: 'Temp', role: 'manager', password: 'temporary password' },
        { type: 'system' },
      );
      expect((await staffActorFor(ctx, temp.id, 'manager')).role).toBe('manager');
      await updateStaffAccount(ctx, { staffId: temp.id, disabled: true }, manager);
      await expect(staffActorFor(ctx, temp.id)).rejects.toMatchObject({ code: 'unauthenticated' });
      expect(
        (
          await verifyStaffCredentials(
            ctx,
            { email: 'temp@hotel.test', password: 'temporary password' },
            null,
          )
        ).ok,
      ).toBe(false);
    });
  });

  describe('taking payments', () => {
    it('charges a new card through the ledger exactly once, visible in Mews, our list and the audit log', async () => {
      const { input, result } = await newCardCharge(frontDesk, '125.50');
      expect(result).toMatchObject({
        state: 'succeeded',
        amountMinor: 12_550,
        currency: 'GBP',
        method: 'card',
        replayed: false,
      });
      const onMews = await mewsPayment(result.mewsPaymentId!);
      expect(onMews).toMatchObject({ State: 'Charged', AccountId: alice.id });

      const replay = await staffChargeNewCard(ctx, input, frontDesk, null, THRESHOLD);
      expect(replay).toMatchObject({ attemptId: result.attemptId, replayed: true });
      const charges = await sandbox.control.requests('creditCards/charge');
      expect(charges.filter((r) => JSON.stringify(r).includes(result.attemptId))).toHaveLength(1);

      const list = await listPayments(ctx, { staffId: frontDesk.staffId, method: 'card' });
      expect(list.map((row) => row.id)).toContain(result.attemptId);
      expect(await auditActions(result.attemptId)).toContain(
        'frank@hotel.test payment.card.succeeded success',
      );
    });

    it('charges a stored Gateway card, and refuses a card that is not the customer’s', async () => {
      await newCardCharge(frontDesk, '10.00', CARDS.mastercardCharged, bob.id);
      const cards = await ctx.mews.listCreditCards(bob.id);
      const card = cards.find((c) => c.chargeable);
      expect(card).toBeDefined();
      const input = storedCardChargeSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: bob.id,
        creditCardId: card!.id,
        amount: '42',
        currency: 'EUR',
        confirmed: true,
      });
      const result = await staffChargeStoredCard(ctx, input, frontDesk, null, THRESHOLD);
      expect(result).toMatchObject({
        state: 'succeeded',
        method: 'stored_card',
        amountMinor: 4_200,
      });
      expect(await mewsPayment(result.mewsPaymentId!)).toMatchObject({ State: 'Charged' });

      const wrongCustomer = storedCardChargeSchema.parse({
        ...input,
        idempotencyKey: randomUUID(),
        customerId: alice.id,
      });
      await expect(
        staffChargeStoredCard(ctx, wrongCustomer, frontDesk, null, THRESHOLD),
      ).rejects.toMatchObject({ code: 'not_found' });
    });

    it('needs a manager above the threshold', async () => {
      await expect(newCardCharge(frontDesk, '1000.01')).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(await auditActions()).toContain('frank@hotel.test payment.charge.denied denied');
      const { result } = await newCardCharge(manager, '1000.01');
      expect(result.state).toBe('succeeded');
    });

    it('records a declined card as failed with Mews’ reason', async () => {
      const { result } = await newCardCharge(frontDesk, '20.00', CARDS.visaDeclined);
      expect(result.state).toBe('failed');
      expect(await auditActions(result.attemptId)).toContain(
        'frank@hotel.test payment.card.failed failure',
      );
    });
  });

  describe('recording payments taken elsewhere', () => {
    it('records an external payment with the staff reference as ExternalIdentifier and our attempt in Notes', async () => {
      const input = externalPaymentSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: alice.id,
        amount: '80',
        currency: 'GBP',
        type: 'Cash',
        externalIdentifier: 'TILL-2041',
        notes: 'Paid at check-in',
      });
      const result = await recordExternalPayment(ctx, input, frontDesk, null);
      expect(result).toMatchObject({ state: 'succeeded', method: 'external', amountMinor: 8_000 });
      const onMews = await mewsPayment(result.mewsPaymentId!);
      expect(onMews).toMatchObject({
        Data: { External: { ExternalIdentifier: 'TILL-2041', Type: 'Cash' } },
      });
      expect(String(onMews?.Notes)).toContain(result.attemptId);
      expect(await auditActions(result.attemptId)).toContain(
        'frank@hotel.test payment.external.succeeded success',
      );
    });

    it('refuses an external type the enterprise has not enabled, before writing anything', async () => {
      const input = externalPaymentSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: alice.id,
        amount: '1',
        currency: 'GBP',
        type: 'DirectDebit',
        externalIdentifier: 'X',
      });
      await expect(recordExternalPayment(ctx, input, frontDesk, null)).rejects.toMatchObject({
        code: 'method_unavailable',
      });
    });

    it('records a terminal card payment with an obfuscated number', async () => {
      const input = terminalCardPaymentSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: alice.id,
        amount: '55.20',
        currency: 'GBP',
        brand: 'Visa',
        obfuscatedNumber: '411111 ****** 1111',
        expiry: '09/2029',
        holderName: 'Alice Smith',
        receiptIdentifier: 'RCPT-77',
      });
      expect(input.obfuscatedNumber).toBe('411111******1111');
      const result = await recordTerminalCardPayment(ctx, input, frontDesk, null);
      expect(result).toMatchObject({ method: 'terminal_card', amountMinor: 5_520 });
      expect(['succeeded', 'pending']).toContain(result.state);
      expect(result.mewsPaymentId).toBeTruthy();
      expect(await mewsPayment(result.mewsPaymentId!)).toMatchObject({ AccountId: alice.id });
    });

    it('refuses a full card number in the terminal form without echoing it, and it reaches nothing', async () => {
      const before = (await sandbox.control.requests('payments/addCreditCard')).length;
      for (const number of [
        FULL_PAN,
        '4111 1111 1111 1111',
        '4111-1111-1111-1111',
        '41111111111111111111',
      ]) {
        const parsed = terminalCardPaymentSchema.safeParse({
          idempotencyKey: randomUUID(),
          customerId: alice.id,
          amount: '10',
          currency: 'GBP',
          brand: 'Visa',
          obfuscatedNumber: number,
          expiry: '09/2029',
          holderName: 'Alice',
          receiptIdentifier: 'R1',
        });
        expect(parsed.success).toBe(false);
        const message = JSON.stringify(parsed.error?.issues);
        expect(message).toMatch(/full card number/i);
        expect(message).not.toContain('1111111111');
      }
      // Card-like numbers are refused in every free-text field too.
      expect(
        externalPaymentSchema.safeParse({
          idempotencyKey: randomUUID(),
          customerId: alice.id,
          amount: '1',
          currency: 'GBP',
          type: 'Cash',
          externalIdentifier: FULL_PAN,
        }).success,
      ).toBe(false);
      expect((await sandbox.control.requests('payments/addCreditCard')).length).toBe(before);
      const dump = await ctx.db.execute(
        sql`select (select coalesce(json_agg(p), '[]') from payment_attempts p)::text || (select coalesce(json_agg(a), '[]') from audit_events a)::text as all_rows`,
      );
      const text = JSON.stringify(dump);
      expect(text).not.toContain(FULL_PAN);
    });
  });

  describe('links and refunds', () => {
    it('creates a link with a URL and QR code, then cancels it', async () => {
      const input = staffPaymentLinkSchema.parse({
        customerId: alice.id,
        amount: '99.90',
        currency: 'GBP',
        description: 'Deposit SBX-1001',
        expiresInHours: 24,
      });
      const created = await createStaffPaymentLink(ctx, input, frontDesk);
      expect(created.url).toMatch(/^http:\/\/localhost:3999\/pay\//);
      expect(created.qrSvg).toContain('<svg');
      expect(created.link).toMatchObject({ state: 'open', amountMinor: 9_990 });
      const canceled = await cancelStaffPaymentLink(ctx, created.link.id, frontDesk);
      expect(canceled.state).toBe('canceled');
      expect(await auditActions(created.link.id)).toEqual(
        expect.arrayContaining([
          'frank@hotel.test payment_link.created success',
          'frank@hotel.test payment_link.canceled success',
        ]),
      );
    });

    it('refunds in part then in full (manager): each refund pending first and counted, refuses more than is left', async () => {
      const { result: charge } = await newCardCharge(manager, '100.00');
      const partial = await refundPayment(
        ctx,
        refundSchema.parse({
          idempotencyKey: randomUUID(),
          attemptId: charge.attemptId,
          amount: '30',
          reason: 'Late check-out waived',
        }),
        manager,
        null,
      );
      // Mews answers every refund Pending; it can still fail at the card gateway.
      expect(partial).toMatchObject({ method: 'refund', amountMinor: 3_000, state: 'pending' });
      expect(partial.mewsPaymentId).toBeTruthy();
      expect(await mewsPayment(partial.mewsPaymentId!)).toMatchObject({ State: 'Pending' });
      expect((await paymentDetail(ctx, charge.attemptId)).refundable).toEqual({
        amountMinor: 7_000,
        currency: 'GBP',
      });

      await expect(
        refundPayment(
          ctx,
          refundSchema.parse({
            idempotencyKey: randomUUID(),
            attemptId: charge.attemptId,
            amount: '80',
            reason: 'Too much',
          }),
          manager,
          null,
        ),
      ).rejects.toMatchObject({ code: 'invalid_input' });

      const restInput = refundSchema.parse({
        idempotencyKey: randomUUID(),
        attemptId: charge.attemptId,
        reason: 'Stay canceled',
      });
      // One refund at the gateway at a time: the rest waits until the first one is settled.
      await expect(refundPayment(ctx, restInput, manager, null)).rejects.toMatchObject({
        code: 'payment_in_progress',
      });
      await sandbox.control.settlePayments({ paymentIds: [partial.mewsPaymentId!] });
      const rest = await refundPayment(
        ctx,
        { ...restInput, idempotencyKey: randomUUID() },
        manager,
        null,
      );
      expect(rest).toMatchObject({ amountMinor: 7_000, state: 'pending' });
      await sandbox.control.settlePayments({ paymentIds: [rest.mewsPaymentId!] });
      const detail = await paymentDetail(ctx, charge.attemptId);
      expect(detail.refunds.map((refund) => refund.state)).toEqual(['succeeded', 'succeeded']);
      expect(detail.refundable).toBeNull();
      expect(detail.mews?.state).toBe('charged');
      expect(await auditActions(partial.attemptId)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^mia\.manager@hotel\.test payment\.refund\./i),
        ]),
      );
    });

    it('shows on the customer page every payment Mews has for the customer, marking those taken here', async () => {
      const { result: ours } = await newCardCharge(manager, '12.34', CARDS.visaCharged, dan.id);
      const outside = await sandbox.connector<{ ExternalPaymentId: string }>(
        'payments/addExternal',
        {
          AccountId: dan.id,
          Amount: { Currency: 'GBP', GrossValue: 7 },
          Type: 'Cash',
        },
      );
      expect(outside.status).toBe(200);
      const detail = await customerDetail(ctx, dan.id);
      const byId = new Map(detail.mewsPayments.map((payment) => [payment.id, payment]));
      expect(byId.get(ours.mewsPaymentId!)).toMatchObject({
        amountMinor: 1_234,
        currency: 'GBP',
        viaCheckout: true,
      });
      expect(byId.get(outside.body.ExternalPaymentId)).toMatchObject({
        amountMinor: 700,
        viaCheckout: false,
      });
      expect(detail.mewsPaymentsError).toBeNull();
    });

    it('lets only one of several simultaneous refunds of a payment through to Mews', async () => {
      const { result: charge } = await newCardCharge(manager, '40.00');
      const before = (await sandbox.control.requests('payments/refund')).length;
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          refundPayment(
            ctx,
            refundSchema.parse({
              idempotencyKey: randomUUID(),
              attemptId: charge.attemptId,
              reason: 'Canceled stay',
            }),
            manager,
            null,
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected')
          expect(['payment_in_progress', 'invalid_input']).toContain(r.reason.code);
      }
      expect((await sandbox.control.requests('payments/refund')).length - before).toBe(1);
      const detail = await paymentDetail(ctx, charge.attemptId);
      expect(detail.refundable).toBeNull();
    });

    it('refuses to refund an external payment', async () => {
      const input = externalPaymentSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: alice.id,
        amount: '5',
        currency: 'GBP',
        type: 'Cash',
        externalIdentifier: 'TILL-1',
      });
      const external = await recordExternalPayment(ctx, input, frontDesk, null);
      await expect(
        refundPayment(
          ctx,
          refundSchema.parse({
            idempotencyKey: randomUUID(),
            attemptId: external.attemptId,
            reason: 'Not refundable',
          }),
          manager,
          null,
        ),
      ).rejects.toBeInstanceOf(PaymentError);
    });
  });

  describe('overview', () => {
    it('sums today’s takings and exports CSV without card numbers', async () => {
      const board = await dashboard(ctx);
      expect(board.takings.length).toBeGreaterThan(0);
      expect(board.days).toHaveLength(14);
      const csv = paymentsCsv(await listPayments(ctx, {}));
      expect(csv.split('\r\n')[0]).toContain('attempt_id');
      expect(csv).not.toContain(FULL_PAN);
    });
  });
});
