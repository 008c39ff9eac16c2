import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { resetConfigForTests } from '@/lib/config';
import { findLatestRequestForLink, patchRequestRow } from '@/lib/db/payment-requests';
import { paymentAttempts } from '@/lib/db/schema';
import { holdsOverview, HOLD_ESTIMATED_LIFETIME_MS } from '@/lib/payments/back-office/holds';
import { guestRouteOverview, recheckCheckout } from '@/lib/payments/back-office/guest-route';
import { listLinks } from '@/lib/payments/back-office/links';
import { listAudit } from '@/lib/db/staff-ledger';
import { openCheckoutRequest, settleCheckoutRequest } from '@/lib/payments/checkout/requests';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { isRefundable, refundPayment } from '@/lib/payments/staff/refund';
import { refundSchema } from '@/lib/payments/staff/schemas';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { createTestStaffActor } from '../../support/staff-actor';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * The staff holds page's read model against the sandbox: a hold placed through a hold link's Mews
 * payment request is found among the customer's preauthorizations, its state written back, its
 * expiry estimated 7 days after placing, and flagged as the (sandbox) clock runs on.
 */

const alice = SEED.customers.alice;
const DAY_MS = 86_400_000;

describe.each(testDatabaseTargets)('Staff holds ($label)', ({ open: openDatabase }) => {
  let sandbox: TestSandbox;
  let database: TestDatabase;
  let ctx: PaymentContext;

  async function control<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function newLink(collect: 'payment' | 'hold') {
    return createPaymentLink(
      ctx,
      {
        customerId: alice.id,
        amountMinor: 12_345,
        currency: 'GBP',
        description: collect === 'hold' ? 'Hold for incidentals' : 'Deposit for your stay',
        collect,
      },
      { via: 'cli', actor: { type: 'system' } },
    );
  }

  beforeAll(async () => {
    vi.stubEnv('GUEST_PAYMENT_ROUTES', 'mews-checkout,secure-fields');
    vi.stubEnv('GUEST_HOLDS', 'on');
    resetConfigForTests();
    sandbox = await startTestSandbox();
    database = await openDatabase();
    ctx = createTestPaymentContext(database, {
      sandbox,
      client: { accessToken: SANDBOX_TOKENS.gross, clientName: 'Staff holds tests' },
      appUrl: 'http://localhost:3999',
    });
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    resetConfigForTests();
    await sandbox?.stop();
    await database?.close();
  });

  it('shows no holds before any was asked for', async () => {
    const overview = await holdsOverview(ctx);
    expect(overview.holds).toEqual([]);
    expect(overview.mewsError).toBeNull();
  });

  it('reads a placed hold live from Mews, writes its state back, and flags it as it nears its estimated expiry', async () => {
    const { link } = await newLink('hold');
    expect(link.collect).toBe('hold');
    const row = await openCheckoutRequest(ctx, link, {
      type: 'preauthorization',
      mewsEmailsGuest: false,
      clientAddress: null,
      policy: null,
      actor: { type: 'guest' },
    });
    expect(row.state).toBe('pending');

    // Asked for, not placed yet.
    let [hold] = (await holdsOverview(ctx)).holds;
    expect(hold).toMatchObject({ id: row.id, state: 'asked', placedAt: null, expiry: null });

    // The guest places the hold on Mews' page; reading the request back marks it placed.
    await control(`/_sandbox/payment-requests/${row.mewsRequestId}/hold`);
    const settled = await settleCheckoutRequest(ctx, row);
    expect(settled.state).toBe('completed');
    const placedAt = settled.holdPlacedAt!;
    expect(placedAt).toBeInstanceOf(Date);
    // Forget what the settle read, so the page's own read of Mews is what is tested.
    await patchRequestRow(database.db, row.id, {
      preauthorizationId: null,
      preauthorizationState: null,
      lastReadAt: null,
    });

    const overview = await holdsOverview(ctx);
    [hold] = overview.holds;
    expect(overview.mewsError).toBeNull();
    expect(hold).toMatchObject({
      state: 'placed',
      preauthorizationState: 'chargeable',
      live: true,
      placedAt: placedAt.toISOString(),
      estimatedExpiry: new Date(placedAt.getTime() + HOLD_ESTIMATED_LIFETIME_MS).toISOString(),
      expiry: null,
      guestName: link.guestName,
      amountMinor: 12_345,
      currency: 'GBP',
    });
    expect(hold?.estimatedExpiry).toBe(new Date(placedAt.getTime() + 7 * DAY_MS).toISOString());
    // Written back for the reconciler.
    const written = await findLatestRequestForLink(database.db, link.id);
    expect(written).toMatchObject({ preauthorizationState: 'chargeable' });
    expect(written?.preauthorizationId).toBe(hold?.preauthorizationId);

    // The links list says the hold is placed.
    const [listed] = await listLinks(ctx, { linkId: link.id });
    expect(listed).toMatchObject({ collect: 'hold', state: 'open' });
    expect(listed?.holdPlacedAt).toBe(placedAt.toISOString());

    // Five and a half days on: still held in Mews, under 48 hours left by the estimate.
    const soon = 5.5 * DAY_MS;
    await sandbox.control.advanceClock(soon / 1000);
    [hold] = (await holdsOverview(withClockOffset(ctx, soon))).holds;
    expect(hold).toMatchObject({ preauthorizationState: 'chargeable', expiry: 'expires-soon' });

    // Past seven days: Mews expires the hold, and the page says so.
    await sandbox.control.advanceClock((2 * DAY_MS) / 1000);
    [hold] = (await holdsOverview(withClockOffset(ctx, soon + 2 * DAY_MS))).holds;
    expect(hold).toMatchObject({ preauthorizationState: 'expired', expiry: 'expired', live: true });
    expect((await findLatestRequestForLink(database.db, link.id))?.preauthorizationState).toBe(
      'expired',
    );

    // Mews unreachable: the last known state, with when it was read.
    const offline: PaymentContext = {
      ...ctx,
      mews: {
        ...ctx.mews,
        getPreauthorizations: async () => {
          throw new Error('connection refused');
        },
      },
    };
    const away = await holdsOverview(offline);
    expect(away.mewsError).toBeTruthy();
    expect(away.holds[0]).toMatchObject({ preauthorizationState: 'expired', live: false });
    expect(away.holds[0]?.stateReadAt).toBeTruthy();
  });

  it('refuses a hold link while holds are off, with a clear reason', async () => {
    vi.stubEnv('GUEST_HOLDS', 'off');
    resetConfigForTests();
    try {
      const refused = await newLink('hold').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PaymentError);
      expect((refused as PaymentError).code).toBe('invalid_input');
      expect((refused as PaymentError).message).toMatch(/Holds are not turned on/);
      // A payment link is still made, and says what it collects.
      const { link } = await newLink('payment');
      expect(link.collect).toBe('payment');
    } finally {
      vi.stubEnv('GUEST_HOLDS', 'on');
      resetConfigForTests();
    }
  });

  it('refunds a Mews Payments Checkout payment like a card payment', async () => {
    // The sandbox's clock back to now (the test above ran it a week on).
    await sandbox.control.reset();
    const { link } = await newLink('payment');
    const row = await openCheckoutRequest(ctx, link, {
      type: 'payment',
      mewsEmailsGuest: false,
      clientAddress: null,
      policy: null,
      actor: { type: 'guest' },
    });
    await control(`/_sandbox/payment-requests/${row.mewsRequestId}/payments`, {
      state: 'Charged',
      method: 'GooglePay',
    });
    await settleCheckoutRequest(ctx, row);
    const [attempt] = await database.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.paymentLinkId, link.id));
    expect(attempt).toMatchObject({
      method: 'mews_checkout',
      state: 'succeeded',
      checkoutMethod: 'google-pay',
    });
    expect(isRefundable(attempt!)).toBe(true);
    const manager = await createTestStaffActor(ctx, {
      email: `manager-${randomUUID().slice(0, 8)}@hotel.test`,
      name: 'Manager',
      role: 'manager',
      password: 'a long enough password',
    });
    const result = await refundPayment(
      ctx,
      refundSchema.parse({
        idempotencyKey: randomUUID(),
        attemptId: attempt!.id,
        amount: '20.00',
        reason: 'Stay shortened',
      }),
      manager,
      null,
    );
    expect(['pending', 'succeeded']).toContain(result.state);
  });

  it('shows the guest payment route, and asks Mews again when a manager wants (audited)', async () => {
    const overview = await guestRouteOverview(ctx);
    expect(overview).toMatchObject({
      routes: ['mews-checkout', 'secure-fields'],
      holds: true,
      current: 'mews-checkout',
      checkout: { verdict: 'available' },
    });
    const after = await recheckCheckout(ctx, { type: 'system' });
    expect(after.checkout.verdict).toBe('available');
    const events = await listAudit(database.db, { actionPrefix: 'settings.checkout_checked' });
    expect(events.map((event) => event.outcome)).toEqual(['success']);
  });
});
