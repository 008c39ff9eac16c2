/**
 * Operation permissions against the sandbox (issue 21, item 1). `SANDBOX_TOKENS.noCardPermission`
 * reaches the London hotel, but Mews refuses it `creditCards/addTokenized` and `creditCards/charge`
 * with `401 No permission to use this operation.` while everything else works. The app must learn
 * that without side effects, offer guests and staff only what works, refuse the rest before
 * anything is written, and say why to a manager.
 */
import { randomUUID } from 'node:crypto';
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import { findPaymentLink } from '@/lib/db/payment-links';
import { installationSettings, paymentAttempts } from '@/lib/db/schema';
import { dashboard } from '@/lib/payments/back-office/dashboard';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard } from '@/lib/payments/guest/pay-link';
import {
  forgetOperationPermissions,
  getOperationPermissions,
  knownOperationPermissions,
  paymentCapabilities,
} from '@/lib/payments/installation/operation-permissions';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { staffChargeStoredCard } from '@/lib/payments/staff/card-charges';
import { recordExternalPayment } from '@/lib/payments/staff/external-payment';
import { externalPaymentSchema, storedCardChargeSchema } from '@/lib/payments/staff/schemas';
import type { PaymentContext } from '@/lib/server/context';
import { createTestPaymentContext } from '../../support/payment-context';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { createTestStaffActor } from '../../support/staff-actor';
import {
  CARDS,
  SANDBOX_TOKENS,
  SEED,
  startTestSandbox,
  type TestSandbox,
} from '../../support/sandbox';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

const { alice, dan } = SEED.customers;
const GROSS = SEED.enterprises.gross;
const THRESHOLD = 100_000;
const NO_PERMISSION = 'No permission to use this operation.';

let sandbox: TestSandbox;
let database: TestDatabase;
let granted: PaymentContext;
let limited: PaymentContext;
let manager: StaffActor;
/** A Gateway card of Dan's, stored through the connection that may store cards. */
let storedCardId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  database = await openTestPglite();
  granted = createTestPaymentContext(database, { sandbox });
  limited = createTestPaymentContext(database, {
    sandbox,
    client: { accessToken: SANDBOX_TOKENS.noCardPermission },
  });
  manager = await createTestStaffActor(granted, {
    email: 'permissions.manager@hotel.test',
    name: 'Permissions',
    role: 'manager',
    password: 'permissions manager password',
  });
  const tokenized = await sandbox.control.tokenize({
    cardNumber: CARDS.visaCharged,
    merchantId: GROSS.publicKey,
  });
  ({ creditCardId: storedCardId } = await granted.mews.addTokenizedCard({
    customerId: dan.id,
    transactionId: tokenized.transactionId,
    expiration: { year: 2030, month: 12 },
  }));
});

beforeEach(() => {
  forgetOperationPermissions();
});

afterAll(async () => {
  await database?.close();
  await sandbox?.stop();
});

function sandboxCounts() {
  const { state } = sandbox.runtime.store;
  return { payments: state.payments.length, cards: state.creditCards.length };
}

async function attemptCount(): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(paymentAttempts);
  return row?.n ?? 0;
}

async function newLink(ctx: PaymentContext) {
  return createPaymentLink(
    ctx,
    { customerId: alice.id, amountMinor: 4_200, currency: 'GBP', description: 'Deposit' },
    { via: 'cli', actor: { type: 'system' } },
  );
}

function storedCardCharge() {
  return storedCardChargeSchema.parse({
    idempotencyKey: randomUUID(),
    customerId: dan.id,
    creditCardId: storedCardId,
    amount: '12.00',
    currency: 'GBP',
    confirmed: true,
  });
}

describe('the permission check', () => {
  it('finds charge and addTokenized denied and the rest allowed, without creating anything in Mews', async () => {
    const before = sandboxCounts();
    const permissions = await getOperationPermissions(limited);

    expect(permissions.tokenProblem).toBeNull();
    for (const operation of ['creditCards/addTokenized', 'creditCards/charge'] as const) {
      expect(permissions.operations[operation], operation).toMatchObject({
        verdict: 'denied',
        status: 401,
        mewsMessage: NO_PERMISSION,
      });
    }
    for (const operation of [
      'payments/addExternal',
      'payments/addCreditCard',
      'payments/refund',
      'payments/addAlternative',
    ] as const) {
      expect(permissions.operations[operation]?.verdict, operation).toBe('allowed');
    }
    expect(sandboxCounts()).toEqual(before);
    // Kept for every instance (and for after a restart).
    const rows = await database.db
      .select()
      .from(installationSettings)
      .where(like(installationSettings.name, 'mews_operation_permissions:%'));
    expect(
      rows.map((row) => JSON.parse(row.value).operations['creditCards/charge'].verdict),
    ).toContain('denied');
  });

  it('finds everything allowed on a connection with every permission', async () => {
    const permissions = await getOperationPermissions(granted);
    for (const [operation, found] of Object.entries(permissions.operations))
      expect(found?.verdict, operation).toBe('allowed');
    expect(Object.values(await paymentCapabilities(granted)).every((c) => c.available)).toBe(true);
  });

  it('explains each missing method in words a manager can act on', async () => {
    const capabilities = await paymentCapabilities(limited);
    expect(capabilities.storedCard.available).toBe(false);
    expect(capabilities.storedCard.reason).toBe(
      `Mews has not granted this connection creditCards/charge (401 ${NO_PERMISSION}). Ask Mews to enable it at certification.`,
    );
    expect(capabilities.newCard.available).toBe(false);
    expect(capabilities.newCard.reason).toContain(
      'creditCards/addTokenized and creditCards/charge',
    );
    expect(capabilities.external).toEqual({ available: true, reason: null });
    expect(capabilities.terminal).toEqual({ available: true, reason: null });
    expect(capabilities.refund).toEqual({ available: true, reason: null });

    const board = await dashboard(limited);
    expect(board.methodProblems.map((problem) => problem.method).sort()).toEqual([
      'newCard',
      'storedCard',
    ]);
    expect(board.methodProblems.every((problem) => problem.reason?.includes(NO_PERMISSION))).toBe(
      true,
    );
    expect(board.tokenProblem).toBeNull();
  });
});

describe('offering only what works', () => {
  it('offers the guest no card when Mews refuses the connection card storage and charges', async () => {
    const { token } = await newLink(limited);
    const view = await getGuestCheckoutView(limited, token, 'http://sandbox/sf.js');
    expect(view.kind).toBe('payable');
    if (view.kind === 'payable') expect(view.summary.card).toEqual({ available: false });

    const offered = await getGuestCheckoutView(granted, (await newLink(granted)).token, 'x');
    expect(offered.kind === 'payable' && offered.summary.card.available).toBe(true);
  });

  it('refuses a guest card payment before writing anything, and the link stays open', async () => {
    await getOperationPermissions(limited);
    const { link, token } = await newLink(limited);
    const card = await tokenizeTestCard(sandbox, CARDS.visaCharged, GROSS.publicKey);
    await sandbox.control.clearRequests();
    const attemptsBefore = await attemptCount();
    await expect(
      payLinkWithCard(limited, guestCardInput(token, card), '203.0.113.50'),
    ).rejects.toMatchObject({ code: 'card_payment_unavailable' });
    expect(await attemptCount()).toBe(attemptsBefore);
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');
    expect(await sandbox.control.requests('creditCards/addTokenized')).toHaveLength(0);
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(0);
  });

  it('refuses a staff stored-card charge before any Mews write, with the reason', async () => {
    await getOperationPermissions(limited);
    await sandbox.control.clearRequests();
    const before = sandboxCounts();
    const attemptsBefore = await attemptCount();

    const refusal = await staffChargeStoredCard(
      limited,
      storedCardCharge(),
      manager,
      null,
      THRESHOLD,
    ).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'card_payment_unavailable' });
    expect((refusal as Error).message).toContain('creditCards/charge');

    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(0);
    expect(await attemptCount()).toBe(attemptsBefore);
    expect(sandboxCounts()).toEqual(before);
  });

  it('still records an external payment on that connection (allowed)', async () => {
    await getOperationPermissions(limited);
    const result = await recordExternalPayment(
      limited,
      externalPaymentSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: dan.id,
        amount: '5.00',
        currency: 'GBP',
        type: 'Cash',
        externalIdentifier: 'R-1',
      }),
      manager,
      null,
    );
    expect(result.state).toBe('succeeded');
  });
});

describe('a 401 on a payment write', () => {
  it('fails the attempt without a charge, then learns the permission and withdraws the method', async () => {
    // Nothing known yet (as on an installation checked before Mews withdrew the permission).
    await database.db
      .delete(installationSettings)
      .where(like(installationSettings.name, 'mews_operation_permissions:%'));
    const before = sandboxCounts();

    const result = await staffChargeStoredCard(
      limited,
      storedCardCharge(),
      manager,
      null,
      THRESHOLD,
    );
    expect(result.state).toBe('failed');
    expect(sandboxCounts().payments).toBe(before.payments);
    const charges = await sandbox.control.requests('creditCards/charge');
    expect(charges.filter((entry) => entry.status === 200)).toHaveLength(0);

    // Learnt from the 401 itself (a re-check right after it), not from a later page view.
    expect(
      (await knownOperationPermissions(limited))?.operations['creditCards/charge'],
    ).toMatchObject({ verdict: 'denied', status: 401 });
    const capabilities = await paymentCapabilities(limited);
    expect(capabilities.storedCard).toMatchObject({ available: false });
    expect(capabilities.storedCard.reason).toContain(NO_PERMISSION);
    // And the next one is refused before Mews.
    await sandbox.control.clearRequests();
    await expect(
      staffChargeStoredCard(limited, storedCardCharge(), manager, null, THRESHOLD),
    ).rejects.toMatchObject({ code: 'card_payment_unavailable' });
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(0);
    const [row] = await database.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, result.attemptId));
    expect(row?.state).toBe('failed');
  });
});
