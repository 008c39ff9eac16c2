/**
 * Fault matrix for Mews Payments Checkout: every fault `paymentRequests/add` can show (answer
 * lost after Mews created the request, answer never came, 500, one 429, lasting 429), crossed with
 * what the guest and the checkout's callbacks do (pay and say so; pay and report a failure; report
 * a success with a made-up payment id; be declined and report success; do nothing). For each cell,
 * what Mews and the guest would notice:
 * - double charges: more than one charged payment for the link, or two payable requests at once;
 * - lost payments: a payment Mews charged that the ledger does not show as the link's, after the
 *   reconciler's pass;
 * - untruthful views: the pay page saying paid when Mews has no charge, or payable when it has one
 *   (after the read-back the callbacks trigger).
 * The guest retries the way the page lets them: "Continue" again, a minute later when the first
 * answer was lost and Mews has no request.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { resetConfigForTests } from '@/lib/config';
import { mewsPaymentRequests } from '@/lib/db/schema';
import { findPaymentLink } from '@/lib/db/payment-links';
import { readCheckoutStatus } from '@/lib/payments/checkout/guest-checkout';
import { openCheckoutRequest, reconcileCheckoutRequests } from '@/lib/payments/checkout/requests';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import type { FaultSpec } from '@/sandbox/faults';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

const alice = SEED.customers.alice;

const FAULTS: Array<{ name: string; fault: Omit<FaultSpec, 'operation'> | null }> = [
  { name: 'no fault', fault: null },
  {
    name: 'answer dropped after Mews created it',
    fault: { kind: 'drop-after-processing', count: 1 },
  },
  {
    name: 'no answer before processing',
    fault: { kind: 'timeout-before-processing', count: 1, timeoutMs: 3_000 },
  },
  { name: '500', fault: { kind: '500', count: 1 } },
  { name: 'one 429', fault: { kind: '429', count: 1, retryAfterSeconds: 0 } },
  { name: '429 three times', fault: { kind: '429', count: 3, retryAfterSeconds: 0 } },
];

type Guest =
  | 'pays, callback says so'
  | 'pays, callback says failed'
  | 'made-up success'
  | 'declined, callback says success'
  | 'does nothing';
const GUESTS: Guest[] = [
  'pays, callback says so',
  'pays, callback says failed',
  'made-up success',
  'declined, callback says success',
  'does nothing',
];

interface SandboxRequest {
  Id: string;
  State: string;
  Notes: string | null;
}

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;
const tally = { cells: 0, doubleCharges: 0, lostPayments: 0, untruthfulViews: 0, requestsMade: 0 };

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

beforeAll(async () => {
  vi.stubEnv('GUEST_PAYMENT_ROUTES', 'mews-checkout,secure-fields');
  resetConfigForTests();
  sandbox = await startTestSandbox();
  database = await openTestPglite();
  ctx = createTestPaymentContext(database, {
    sandbox,
    client: {
      accessToken: SANDBOX_TOKENS.gross,
      clientName: 'Mews Checkout fault matrix',
      timeouts: { 'paymentRequests/add': 1_500 },
    },
    appUrl: 'http://localhost:3999',
  });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfigForTests();

  console.log(`Mews Payments Checkout fault matrix: ${JSON.stringify(tally)}`);
  await sandbox?.stop();
  await database?.close();
});

/** Opens the link's request as the page does, retrying like a guest pressing "Continue" again. */
async function openAsGuest(link: Awaited<ReturnType<typeof createPaymentLink>>['link']) {
  let clock = ctx;
  for (let round = 0; round < 4; round++) {
    try {
      const row = await openCheckoutRequest(clock, link, {
        type: 'payment',
        mewsEmailsGuest: false,
        clientAddress: null,
        policy: null,
        actor: { type: 'guest' },
      });
      if (row.state === 'pending' && row.mewsRequestId) return row;
    } catch {
      // Refused (a lasting 429): nothing written in Mews; the guest presses again.
    }
    clock = withClockOffset(ctx, (round + 1) * 61_000);
  }
  throw new Error('The guest never got a payable request');
}

// About a dozen Mews requests a cell: the client's rate limiter (180 per 30 s, as in production)
// makes later cells wait for their turn.
describe(
  'Mews Payments Checkout: paymentRequests/add faults × callbacks',
  { timeout: 90_000 },
  () => {
    for (const { name, fault } of FAULTS) {
      for (const guest of GUESTS) {
        it(`${name} × ${guest}`, async () => {
          await sandbox.control.clearFaults();
          const { link, token } = await createPaymentLink(
            ctx,
            {
              customerId: alice.id,
              amountMinor: 10_000 + tally.cells,
              currency: 'GBP',
              description: 'Deposit',
            },
            { via: 'cli', actor: { type: 'system' } },
          );
          if (fault) await sandbox.control.addFault({ operation: 'paymentRequests/add', ...fault });
          const row = await openAsGuest(link);
          await sandbox.control.clearFaults();

          let paymentId: string | undefined;
          if (guest === 'pays, callback says so' || guest === 'pays, callback says failed') {
            paymentId = (
              await control<{ paymentId: string }>(
                'POST',
                `/_sandbox/payment-requests/${row.mewsRequestId}/payments`,
                { state: 'Charged' },
              )
            ).paymentId;
          } else if (guest === 'declined, callback says success') {
            paymentId = (
              await control<{ paymentId: string }>(
                'POST',
                `/_sandbox/payment-requests/${row.mewsRequestId}/payments`,
                { state: 'Failed' },
              )
            ).paymentId;
          }
          const reported =
            guest === 'pays, callback says so' || guest === 'declined, callback says success'
              ? paymentId
              : guest === 'made-up success'
                ? randomUUID()
                : undefined;
          if (guest !== 'does nothing')
            await readCheckoutStatus(ctx, { token, paymentId: reported });

          // What Mews has for this link: every request carrying one of its rows' ids.
          const rowIds = (
            await database.db
              .select({ id: mewsPaymentRequests.id })
              .from(mewsPaymentRequests)
              .where(eq(mewsPaymentRequests.paymentLinkId, link.id))
          ).map((r) => r.id);
          const { paymentRequests } = await control<{ paymentRequests: SandboxRequest[] }>(
            'GET',
            '/_sandbox/payment-requests',
          );
          const mine = paymentRequests.filter((request) =>
            rowIds.some((id) => request.Notes?.includes(id)),
          );
          const payments = await ctx.mews.getPayments({
            accountIds: [alice.id],
            createdBetween: {
              start: new Date(Date.now() - 3_600_000),
              end: new Date(Date.now() + 60_000),
            },
          });
          const charged = payments.filter(
            (p) => p.paymentRequestId === row.mewsRequestId && p.state === 'charged',
          );
          const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');

          tally.cells += 1;
          tally.requestsMade += mine.length;
          const pendingAtOnce = mine.filter((request) => request.State === 'Pending').length;
          if (charged.length > 1 || pendingAtOnce > 1) tally.doubleCharges += 1;
          const saysPaid = view.kind === 'paid';
          // The page after the read-back (and no read-back at all when the guest did nothing).
          if (guest !== 'does nothing' && saysPaid !== charged.length > 0)
            tally.untruthfulViews += 1;
          if (guest === 'does nothing' && saysPaid && charged.length === 0)
            tally.untruthfulViews += 1;
          await reconcileCheckoutRequests(ctx);
          const after = await findPaymentLink(database.db, link.id);
          if (charged.length > 0 && after?.state !== 'paid') tally.lostPayments += 1;
          if (charged.length === 0 && after?.state === 'paid') tally.untruthfulViews += 1;

          expect(mine).toHaveLength(1);
          expect(charged.length).toBeLessThanOrEqual(1);
          if (guest !== 'does nothing') expect(saysPaid).toBe(charged.length > 0);
          else expect(saysPaid && charged.length === 0).toBe(false);
          expect(after?.state).toBe(charged.length > 0 ? 'paid' : 'open');
        });
      }
    }

    it('adds up to 0 double charges, 0 lost payments, 0 untruthful views', () => {
      expect(tally.cells).toBe(FAULTS.length * GUESTS.length);
      expect(tally).toMatchObject({ doubleCharges: 0, lostPayments: 0, untruthfulViews: 0 });
    });
  },
);
