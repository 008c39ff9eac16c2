import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { resetConfigForTests } from '@/lib/config';
import { findPaymentLink } from '@/lib/db/payment-links';
import { findActiveRequestForLink, findLatestRequestForLink } from '@/lib/db/payment-requests';
import { paymentAttempts } from '@/lib/db/schema';
import { readCheckoutStatus, startCheckout } from '@/lib/payments/checkout/guest-checkout';
import {
  openCheckoutRequest,
  reconcileCheckoutRequests,
  settleCheckoutPayment,
} from '@/lib/payments/checkout/requests';
import {
  checkoutAvailability,
  forgetCheckoutAvailability,
  guestRouteFor,
} from '@/lib/payments/checkout/route';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard } from '@/lib/payments/guest/pay-link';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { buildDriftReport } from '@/lib/payments/reconciliation/drift-report';
import { cancelPaymentLink, createPaymentLink } from '@/lib/payments/links/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * Mews Payments Checkout against the sandbox's stand-in: one Mews payment request per link
 * whatever the guest's tabs do, lost and refused answers of `paymentRequests/add`, and callbacks
 * that lie. What counts is what Mews and the guest would notice: how many requests and payments
 * Mews has, and what the ledger and the pay page say.
 */

const alice = SEED.customers.alice;

interface SandboxRequest {
  Id: string;
  AccountId: string;
  State: string;
  Type: string;
  Notes: string | null;
  sentEmail: boolean;
}

describe.each(testDatabaseTargets)(
  'Mews Payments Checkout ($label)',
  ({ open: openDatabase }) => {
    let sandbox: TestSandbox;
    let database: TestDatabase;
    let ctx: PaymentContext;

    function contextFor(accessToken: string): PaymentContext {
      return createTestPaymentContext(database, {
        sandbox,
        client: {
          accessToken,
          clientName: 'Mews Checkout tests',
          timeouts: { 'paymentRequests/add': 2_000 },
        },
        appUrl: 'http://localhost:3999',
      });
    }

    async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    }

    /** The requests Mews has that this app made for one link's row ids. */
    async function mewsRequestsFor(rowIds: string[]): Promise<SandboxRequest[]> {
      const { paymentRequests } = await control<{ paymentRequests: SandboxRequest[] }>(
        'GET',
        '/_sandbox/payment-requests',
      );
      return paymentRequests.filter((request) => rowIds.some((id) => request.Notes?.includes(id)));
    }

    async function newLink(collect: 'payment' | 'hold' = 'payment', context = ctx) {
      const created = await createPaymentLink(
        context,
        {
          customerId: alice.id,
          amountMinor: 15_000,
          currency: 'GBP',
          description: 'Deposit for your stay',
          ...(collect === 'hold' ? { collect } : {}),
        } as Parameters<typeof createPaymentLink>[1],
        { via: 'cli', actor: { type: 'system' } },
      );
      return created;
    }

    async function payInCheckout(
      mewsRequestId: string,
      state: 'Charged' | 'Failed',
      method = 'PaymentCard',
    ) {
      return control<{ paymentId: string }>(
        'POST',
        `/_sandbox/payment-requests/${mewsRequestId}/payments`,
        {
          state,
          method,
        },
      );
    }

    async function attemptsOf(linkId: string) {
      return database.db
        .select()
        .from(paymentAttempts)
        .where(eq(paymentAttempts.paymentLinkId, linkId));
    }

    const guest = { type: 'guest' } as const;
    const open = (link: Awaited<ReturnType<typeof newLink>>['link'], context = ctx) =>
      openCheckoutRequest(context, link, {
        type: link.collect === 'hold' ? 'preauthorization' : 'payment',
        mewsEmailsGuest: false,
        clientAddress: '203.0.113.9',
        policy: null,
        actor: guest,
      });

    beforeAll(async () => {
      vi.stubEnv('GUEST_PAYMENT_ROUTES', 'mews-checkout,secure-fields');
      vi.stubEnv('GUEST_HOLDS', 'on');
      resetConfigForTests();
      sandbox = await startTestSandbox();
      database = await openDatabase();
      ctx = contextFor(SANDBOX_TOKENS.gross);
    });

    afterAll(async () => {
      vi.unstubAllEnvs();
      resetConfigForTests();
      await sandbox?.stop();
      await database?.close();
    });

    beforeEach(async () => {
      await sandbox.control.clearFaults();
    });

    it('makes one Mews request for a link, whatever five tabs opened at once do, and asks Mews not to e-mail the guest', async () => {
      const { link } = await newLink();
      const rows = await Promise.all(Array.from({ length: 5 }, () => open(link)));
      const ids = new Set(rows.map((row) => row.id));
      expect(ids.size).toBe(1);
      expect(rows.every((row) => row.state === 'pending' && row.mewsRequestId)).toBe(true);
      const inMews = await mewsRequestsFor([...ids]);
      expect(inMews).toHaveLength(1);
      expect(inMews[0]).toMatchObject({ State: 'Pending', Type: 'Payment', sentEmail: false });
      // A reload later: the same request.
      expect((await open(link)).id).toBe(rows[0]!.id);
    });

    it('records a payment made in the checkout once, from any number of read-backs and webhooks', async () => {
      const { link, token } = await newLink();
      const row = await open(link);
      const { paymentId } = await payInCheckout(row.mewsRequestId!, 'Charged');
      const [first, second] = await Promise.all([
        readCheckoutStatus(ctx, { token, paymentId }),
        readCheckoutStatus(ctx, { token }),
      ]);
      const [payment] = await ctx.mews.getPayments({ paymentIds: [paymentId] });
      expect(await settleCheckoutPayment(ctx, payment!)).toBe(true);
      expect(first.linkState === 'paid' || second.linkState === 'paid').toBe(true);
      expect((await findPaymentLink(database.db, link.id))?.state).toBe('paid');
      const attempts = await attemptsOf(link.id);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({
        method: 'mews_checkout',
        state: 'succeeded',
        mewsPaymentId: paymentId,
        mewsPaymentRequestId: row.mewsRequestId,
        checkoutMethod: 'card',
        amountMinor: 15_000,
      });
      expect((await findLatestRequestForLink(database.db, link.id))?.state).toBe('completed');
      const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
      expect(view.kind).toBe('paid');
    });

    it('does not believe a success callback: a made-up or foreign payment id moves nothing', async () => {
      const { link, token } = await newLink();
      await open(link);
      const other = await newLink();
      const otherRow = await open(other.link);
      const { paymentId: foreign } = await payInCheckout(otherRow.mewsRequestId!, 'Charged');

      const madeUp = await readCheckoutStatus(ctx, { token, paymentId: randomUUID() });
      const lying = await readCheckoutStatus(ctx, { token, paymentId: foreign });
      for (const status of [madeUp, lying]) {
        expect(status.linkState).toBe('open');
        expect(status.attempt).toBeNull();
        expect(status.request?.state).toBe('pending');
      }
      expect(await attemptsOf(link.id)).toHaveLength(0);
      const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
      expect(view.kind).toBe('payable');
    });

    it('does not believe a failure callback either: a charged payment is paid', async () => {
      const { link, token } = await newLink();
      const row = await open(link);
      await payInCheckout(row.mewsRequestId!, 'Charged');
      // The page got onFailure (say, a network blip inside the frame) and reads back: Mews says charged.
      const status = await readCheckoutStatus(ctx, { token });
      expect(status.linkState).toBe('paid');
      expect(status.attempt?.state).toBe('succeeded');
    });

    it('keeps the request open after a declined card, and a retry in the same form pays once', async () => {
      const { link, token } = await newLink();
      const row = await open(link);
      await payInCheckout(row.mewsRequestId!, 'Failed');
      const failed = await readCheckoutStatus(ctx, { token });
      expect(failed.linkState).toBe('open');
      expect(failed.attempt?.state).toBe('failed');
      expect(failed.request?.state).toBe('pending');
      await payInCheckout(row.mewsRequestId!, 'Charged', 'GooglePay');
      const paid = await readCheckoutStatus(ctx, { token });
      expect(paid.linkState).toBe('paid');
      const attempts = await attemptsOf(link.id);
      expect(attempts.map((attempt) => attempt.state).sort()).toEqual(['failed', 'succeeded']);
      expect(attempts.find((attempt) => attempt.state === 'succeeded')?.checkoutMethod).toBe(
        'google-pay',
      );
    });

    it('finds a request whose answer was lost by its marker, and never makes a second one', async () => {
      const { link } = await newLink();
      await sandbox.control.addFault({
        operation: 'paymentRequests/add',
        kind: 'drop-after-processing',
        count: 1,
      });
      const row = await open(link);
      expect(row.state).toBe('pending');
      expect(row.mewsRequestId).toBeTruthy();
      expect(await mewsRequestsFor([row.id])).toHaveLength(1);
      expect((await open(link)).id).toBe(row.id);
    });

    it('after a 500 the request is looked for, given up a minute later when Mews has none, and made once again', async () => {
      const { link } = await newLink();
      await sandbox.control.addFault({ operation: 'paymentRequests/add', kind: '500', count: 1 });
      const lost = await open(link);
      expect(['unknown', 'failed']).toContain(lost.state);
      expect(lost.mewsRequestId).toBeNull();
      // A second tab within the minute gets the same row, still being looked for: no new request.
      if (lost.state === 'unknown') expect((await open(link)).id).toBe(lost.id);
      const later = withClockOffset(ctx, 61_000);
      const retried = await open(link, later);
      expect(retried.state).toBe('pending');
      const all = await mewsRequestsFor([lost.id, retried.id]);
      expect(all).toHaveLength(1);
    });

    it('waits out one 429 (the transport may resend what Mews did not process) and reports a lasting one without writing anything', async () => {
      const once = await newLink();
      await sandbox.control.addFault({
        operation: 'paymentRequests/add',
        kind: '429',
        count: 1,
        retryAfterSeconds: 0,
      });
      const row = await open(once.link);
      expect(row.state).toBe('pending');
      expect(await mewsRequestsFor([row.id])).toHaveLength(1);

      const always = await newLink();
      await sandbox.control.addFault({
        operation: 'paymentRequests/add',
        kind: '429',
        retryAfterSeconds: 0,
      });
      await expect(open(always.link)).rejects.toBeInstanceOf(PaymentError);
      await sandbox.control.clearFaults();
      const failedRow = await findLatestRequestForLink(database.db, always.link.id);
      expect(failedRow?.state).toBe('failed');
      expect(await mewsRequestsFor([failedRow!.id])).toHaveLength(0);
      // The guest tries again: one request.
      expect((await open(always.link)).state).toBe('pending');
    });

    it('cancels the Mews request when staff cancel the link, and when the link expires (reconciler)', async () => {
      const { link } = await newLink();
      const row = await open(link);
      await cancelPaymentLink(ctx, link.id, { type: 'system' });
      const [canceled] = await mewsRequestsFor([row.id]);
      expect(canceled?.State).toBe('Canceled');
      expect((await findLatestRequestForLink(database.db, link.id))?.state).toBe('canceled');

      const expiring = await newLink();
      const expiringRow = await open(expiring.link);
      const afterExpiry = withClockOffset(
        ctx,
        expiring.link.expiresAt.getTime() - Date.now() + 60_000,
      );
      // The link expires when next read; the reconciler then cancels its request (no Mews task).
      await getGuestCheckoutView(afterExpiry, expiring.token, 'http://sandbox/sf.js');
      await reconcileCheckoutRequests(afterExpiry);
      const [expired] = await mewsRequestsFor([expiringRow.id]);
      expect(expired?.State).toBe('Canceled');
    });

    it('loses no payment made while nobody watched: the reconciler records it', async () => {
      const { link } = await newLink();
      const row = await open(link);
      await payInCheckout(row.mewsRequestId!, 'Charged');
      const result = await reconcileCheckoutRequests(ctx);
      expect(result.errors).toBe(0);
      expect((await findPaymentLink(database.db, link.id))?.state).toBe('paid');
      expect(await findActiveRequestForLink(database.db, link.id)).toBeUndefined();
    });

    it('shows in the drift report a checkout payment the ledger lacks, until the reconciler records it', async () => {
      const { link } = await newLink();
      const row = await open(link);
      const { paymentId } = await payInCheckout(row.mewsRequestId!, 'Charged');
      const before = await buildDriftReport(ctx, { days: 1 });
      expect(before.entries).toContainEqual(
        expect.objectContaining({ kind: 'missing_from_ledger', mewsPaymentId: paymentId }),
      );
      await reconcileCheckoutRequests(ctx);
      const after = await buildDriftReport(ctx, { days: 1 });
      expect(after.entries.filter((entry) => entry.mewsPaymentId === paymentId)).toEqual([]);
    });

    it('withdraws the checkout before a Secure Fields payment, and refuses one when the checkout was paid', async () => {
      const { link, token } = await newLink();
      const row = await open(link);
      const card = await tokenizeTestCard(sandbox, '4242424242424242');
      const status = await payLinkWithCard(ctx, guestCardInput(token, card, randomUUID()), null);
      expect(status.state).toBe('succeeded');
      const [withdrawn] = await mewsRequestsFor([row.id]);
      expect(withdrawn?.State).toBe('Canceled');

      const paid = await newLink();
      const paidRow = await open(paid.link);
      await payInCheckout(paidRow.mewsRequestId!, 'Charged');
      const second = await tokenizeTestCard(sandbox, '4242424242424242');
      await expect(
        payLinkWithCard(ctx, guestCardInput(paid.token, second, randomUUID()), null),
      ).rejects.toMatchObject({ code: 'link_paid' });
      const charges = (await sandbox.control.requests('creditCards/charge')).filter((entry) =>
        JSON.stringify(entry.request).includes('"Value":150'),
      );
      // Only the first link's card charge: the paid link was never charged by card.
      expect(charges.length).toBeLessThanOrEqual(1);
      await reconcileCheckoutRequests(ctx);
      expect((await findPaymentLink(database.db, paid.link.id))?.state).toBe('paid');
      const attempts = await attemptsOf(paid.link.id);
      expect(attempts.map((attempt) => [attempt.method, attempt.state])).toEqual([
        ['mews_checkout', 'succeeded'],
      ]);
    });

    it('follows a hold placed from the request to Mews’ preauthorization, and shows it placed', async () => {
      const { link, token } = await newLink('hold');
      expect(link.collect).toBe('hold');
      const row = await open(link);
      expect(row.type).toBe('preauthorization');
      const [inMews] = await mewsRequestsFor([row.id]);
      expect(inMews?.Type).toBe('Preauthorization');
      await control('POST', `/_sandbox/payment-requests/${row.mewsRequestId}/hold`);
      await readCheckoutStatus(ctx, { token });
      const settled = await findLatestRequestForLink(database.db, link.id);
      expect(settled).toMatchObject({ state: 'completed', preauthorizationState: 'chargeable' });
      expect(settled?.holdPlacedAt).toBeInstanceOf(Date);
      const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
      expect(view.kind).toBe('held');
      // Nothing was charged: no payment attempt.
      expect(await attemptsOf(link.id)).toHaveLength(0);
    });

    it('falls back to Mews’ own e-mail for a hold: the embedded request is canceled first, one request stays', async () => {
      const { link, token } = await newLink('hold');
      const embedded = await open(link);
      const status = await startCheckout(ctx, { token, mewsEmail: true }, null, 'en');
      expect(status.request).toMatchObject({ mewsEmailsGuest: true, state: 'pending' });
      const requests = await mewsRequestsFor([embedded.id, status.request!.id]);
      expect(requests.map((request) => [request.State, request.sentEmail]).sort()).toEqual([
        ['Canceled', false],
        ['Pending', true],
      ]);
    });

    it('turns the checkout off where Mews refuses payment requests, and the page falls back to Secure Fields', async () => {
      await forgetCheckoutAvailability(ctx);
      const refused = contextFor(SANDBOX_TOKENS.noPaymentRequestPermission);
      const { link, token } = await newLink('payment', refused);
      const configuration = await refused.mews.getConfiguration();
      const availability = await checkoutAvailability(refused);
      expect(availability.verdict).toBe('no-permission');
      expect(await guestRouteFor(refused, configuration, 'GBP')).toBe('secure-fields');
      const view = await getGuestCheckoutView(refused, token, 'http://sandbox/sf.js');
      expect(view.kind === 'payable' && view.summary.checkout).toBeNull();
      expect(view.kind === 'payable' && view.summary.card.available).toBe(true);
      await expect(open(link, refused)).rejects.toMatchObject({ code: 'method_unavailable' });
    });
  },
  // Each case reads Mews a dozen times; late in a full run the client's rate limiter (180 per
  // 30 s, as in production) makes a case wait for its turn.
  60_000,
);
