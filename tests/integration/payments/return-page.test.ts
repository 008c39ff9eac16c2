import { getOperationPermissions } from '@/lib/payments/installation/operation-permissions';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MewsClient } from '@/lib/mews';
import {
  getGuestCheckoutView,
  getLinkPaymentStatus,
  getReturnPageView,
} from '@/lib/payments/guest/checkout-view';
import { payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import { openTestPaymentContext } from '../../support/payment-context';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { enableIdealForTests } from '../../support/alternative-methods';
import type { TestDatabase } from '../../support/test-database';

/**
 * The iDEAL return page (app/pay/[token]/return) renders a status and the link's view. Both come
 * from one read of the link and one read of its payment back from Mews (`getReturnPageView`);
 * asking for them separately (`getLinkPaymentStatus`, then `getGuestCheckoutView`, as the page
 * used to) reads a payment that is still pending from Mews twice.
 */

const SCRIPT_URL = 'http://sandbox.test/secure-fields.js';
// iDEAL is paid at the Dutch hotel (London refuses it with 403), turned on for the installation.
const bram = SEED.customers.bram;
const hotel = SEED.enterprises.dutch;

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({
    sandbox,
    client: {
      accessToken: SANDBOX_TOKENS.dutch,
      timeouts: { 'payments/addAlternative': 2_000 },
    },
  }));
  await enableIdealForTests(ctx);
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

/** The same context, with every Connector API call its Mews client makes written down by method. */
function counting(base: PaymentContext): {
  ctx: PaymentContext;
  calls: string[];
  count(method: keyof MewsClient): number;
} {
  const calls: string[] = [];
  const mews = Object.fromEntries(
    Object.entries(base.mews).map(([name, method]) => [
      name,
      typeof method === 'function'
        ? (...args: unknown[]) => {
            calls.push(name);
            return (method as (...a: unknown[]) => unknown).apply(base.mews, args);
          }
        : method,
    ]),
  ) as unknown as MewsClient;
  return {
    ctx: { ...base, mews },
    calls,
    count: (method) => calls.filter((call) => call === method).length,
  };
}

/** `payments/getAll` requests in the sandbox's request log (cleared before each render counted). */
async function paymentReads(): Promise<number> {
  return (await sandbox.control.requests('payments/getAll')).length;
}

/** A link with an iDEAL payment waiting at the bank: what a guest returning early comes back to. */
async function pendingIdealLink(): Promise<{ token: string; mewsPaymentId: string }> {
  const { token } = await createPaymentLink(
    ctx,
    {
      customerId: bram.id,
      reservationId: SEED.reservations.bramAmsterdam.id,
      amountMinor: 18_000,
      currency: 'EUR',
      description: 'Deposit for reservation SBX-4001',
      // Each test's own deposit link for SBX-4001: a deliberate second one, kept open.
      allowDuplicate: true,
      keepOpenWhenSiblingPaid: true,
    },
    { via: 'cli', actor: { type: 'system' } },
  );
  const started = await payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null);
  expect(started).toMatchObject({ method: 'ideal', state: 'pending' });
  return { token, mewsPaymentId: started.mewsPaymentId! };
}

describe('the iDEAL return page', () => {
  it('reads a pending payment back from Mews once per render, where the two separate reads took two', async () => {
    const { token } = await pendingIdealLink();
    // The connection's permissions are checked at start-up, not on a guest's render.
    await getOperationPermissions(ctx);

    await sandbox.control.clearRequests();
    const once = counting(ctx);
    const page = await getReturnPageView(once.ctx, token, SCRIPT_URL);
    expect(once.count('getPayments')).toBe(1);
    expect(await paymentReads()).toBe(1);

    await sandbox.control.clearRequests();
    const twice = counting(ctx);
    const status = await getLinkPaymentStatus(twice.ctx, token);
    const view = await getGuestCheckoutView(twice.ctx, token, SCRIPT_URL);
    expect(twice.count('getPayments')).toBe(2);
    expect(await paymentReads()).toBe(2);

    // The page shows the same as before: the pending status, the hotel and the amount.
    expect(page).toEqual({ status, view });
    expect(page?.status).toMatchObject({
      linkState: 'processing',
      attempt: { method: 'ideal', state: 'pending', redirectUrl: expect.stringMatching(/^http/) },
    });
    expect(page?.view.kind).toBe('payable');
    if (page?.view.kind === 'payable') {
      expect(page.view.summary).toMatchObject({
        hotelName: hotel.name,
        amountMinor: 18_000,
        currency: 'EUR',
        linkState: 'processing',
        activeAttempt: page.status.attempt,
      });
    }
    // Apart from the payment, the render asks Mews only for the hotel's configuration.
    expect(new Set(once.calls)).toEqual(new Set(['getPayments', 'getConfiguration']));
  });

  it('shows the receipt once the bank approved, and reads nothing back once the payment is final', async () => {
    const { token, mewsPaymentId } = await pendingIdealLink();
    await sandbox.control.completeIdeal(mewsPaymentId, 'approve');

    const settling = counting(ctx);
    const page = await getReturnPageView(settling.ctx, token, SCRIPT_URL);
    expect(settling.count('getPayments')).toBe(1);
    expect(page?.status).toMatchObject({
      linkState: 'paid',
      attempt: { state: 'succeeded', redirectUrl: null },
    });
    expect(page?.view.kind).toBe('paid');
    if (page?.view.kind === 'paid') {
      expect(page.view.receipt).toMatchObject({
        hotelName: hotel.name,
        amountMinor: 18_000,
        currency: 'EUR',
        method: 'ideal',
        mewsPaymentId,
      });
    }

    const settled = counting(ctx);
    expect(await getReturnPageView(settled.ctx, token, SCRIPT_URL)).toEqual(page);
    expect(settled.count('getPayments')).toBe(0);
  });

  it('finds no link behind an unknown token without asking Mews', async () => {
    const unknown = counting(ctx);
    expect(await getReturnPageView(unknown.ctx, 'A'.repeat(43), SCRIPT_URL)).toBeNull();
    expect(unknown.calls).toEqual([]);
  });
});
