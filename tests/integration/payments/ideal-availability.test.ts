/**
 * iDEAL is not on by default (issue 21, item 3). `payments/addAlternative` works only where the
 * property has iDEAL in its Mews subscription, and no API field says so: the installation setting
 * is off until a manager turns it on, turning it on asks Mews once with a request it can only
 * refuse, and a `403` on a real payment turns it off again with Mews' message.
 *
 * Sandbox: London (gross) refuses `payments/addAlternative` with 403 before looking at the
 * customer; the Dutch enterprise has iDEAL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desc, eq, gt } from 'drizzle-orm';
import { auditEvents, installationSettings } from '@/lib/db/schema';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import { payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import {
  IDEAL_SETTING_NAME,
  alternativeMethodsHealth,
  readIdealSetting,
  setIdealEnabled,
} from '@/lib/payments/installation/alternative-methods';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import { enableIdealForTests } from '../../support/alternative-methods';
import { captureLog, createTestPaymentContext } from '../../support/payment-context';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

const LONDON_REFUSAL =
  /The alternative payment method Ideal is not enabled for Sandbox Hotel London/;
const manager = { type: 'system' } as const;

let sandbox: TestSandbox;
let database: TestDatabase;
/** Audit events before this id belong to earlier tests. */
let firstEventId = 0;

function contextFor(accessToken: string, log?: PaymentContext['log']): PaymentContext {
  return createTestPaymentContext(database, {
    sandbox,
    client: { accessToken, timeouts: { 'payments/addAlternative': 2_000 } },
    log,
  });
}

/** A EUR deposit link on the enterprise behind `ctx`'s token. */
async function euroLink(ctx: PaymentContext, enterprise: 'london' | 'dutch') {
  const [customerId, reservationId, amountMinor] =
    enterprise === 'london'
      ? [SEED.customers.bob.id, SEED.reservations.bobLondonEur.id, 24_050]
      : [SEED.customers.bram.id, SEED.reservations.bramAmsterdam.id, 18_000];
  return createPaymentLink(
    ctx,
    // Every test makes its own deposit link for the same reservation, and pays some of them.
    {
      customerId,
      reservationId,
      amountMinor,
      currency: 'EUR',
      description: 'Deposit',
      allowDuplicate: true,
      keepOpenWhenSiblingPaid: true,
    },
    { via: 'cli', actor: { type: 'system' } },
  );
}

async function idealOffered(ctx: PaymentContext, token: string): Promise<boolean> {
  const view = await getGuestCheckoutView(ctx, token, 'http://sandbox/sf.js');
  if (view.kind !== 'payable') throw new Error(`link not payable: ${view.kind}`);
  return view.summary.ideal.available;
}

/**
 * `payments/addAlternative` requests of the iDEAL flow and its toggle; the connection's permission
 * check (lib/mews/operations/permissions.ts) sends its own, to a redirect URL on `.invalid`.
 */
async function idealRequests() {
  return (await sandbox.control.requests('payments/addAlternative')).filter(
    (entry) => !JSON.stringify(entry.request).includes('.invalid/'),
  );
}

async function settingEvents() {
  return (
    await database.db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, firstEventId))
      .orderBy(auditEvents.id)
  ).filter((event) => event.subjectType === 'installation_setting');
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  database = await openTestPglite();
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

beforeEach(async () => {
  await sandbox.control.reset();
  // A fresh installation as far as iDEAL goes: no setting stored.
  await database.db
    .delete(installationSettings)
    .where(eq(installationSettings.name, IDEAL_SETTING_NAME));
  const [last] = await database.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  firstEventId = last?.id ?? 0;
});

describe('iDEAL on a fresh installation', () => {
  it('is off: a EUR link offers no iDEAL, and starting one sends nothing to Mews', async () => {
    const ctx = contextFor(SANDBOX_TOKENS.dutch);
    const { token } = await euroLink(ctx, 'dutch');
    expect(await readIdealSetting(ctx)).toMatchObject({
      enabled: false,
      refusedAt: null,
      refusalMessage: null,
    });
    expect(await idealOffered(ctx, token)).toBe(false);
    await expect(
      payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null),
    ).rejects.toMatchObject({ code: 'method_unavailable' });
    expect(await idealRequests()).toHaveLength(0);
  });
});

describe("the manager's toggle", () => {
  it("on London: Mews refuses with 403, iDEAL stays off and the manager reads Mews' message", async () => {
    const ctx = contextFor(SANDBOX_TOKENS.gross);
    const { token } = await euroLink(ctx, 'london');
    const refused = setIdealEnabled(ctx, { enabled: true }, manager);
    await expect(refused).rejects.toMatchObject({ code: 'method_unavailable' });
    await expect(refused).rejects.toThrow(LONDON_REFUSAL);

    const setting = await readIdealSetting(ctx);
    expect(setting.enabled).toBe(false);
    expect(setting.refusalMessage).toMatch(LONDON_REFUSAL);
    expect(setting.refusedAt).toBeInstanceOf(Date);
    expect(await idealOffered(ctx, token)).toBe(false);
    // One probe, and nothing was created in Mews.
    expect(await idealRequests()).toHaveLength(1);
    expect(sandbox.runtime.store.state.payments.filter((p) => p.ideal)).toHaveLength(0);
    expect(await settingEvents()).toMatchObject([
      { action: 'settings.ideal.enabled', outcome: 'denied' },
    ]);
  });

  it('on the Dutch hotel: Mews refuses only the made-up customer, so iDEAL is turned on', async () => {
    const ctx = contextFor(SANDBOX_TOKENS.dutch);
    const { token } = await euroLink(ctx, 'dutch');
    const turnedOn = await setIdealEnabled(ctx, { enabled: true }, manager);
    expect(turnedOn).toMatchObject({ enabled: true, refusedAt: null, confirmedAt: null });
    expect(await idealOffered(ctx, token)).toBe(true);

    const probes = await idealRequests();
    expect(probes).toHaveLength(1);
    expect(JSON.stringify(probes[0]?.request)).not.toContain(SEED.customers.bram.id);
    expect(sandbox.runtime.store.state.payments.filter((p) => p.ideal)).toHaveLength(0);

    // The first real payment confirms it; turning it off is the manager's choice, no Mews call.
    await payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null);
    expect((await readIdealSetting(ctx)).confirmedAt).toBeInstanceOf(Date);
    expect(await setIdealEnabled(ctx, { enabled: false }, manager)).toMatchObject({
      enabled: false,
    });
    expect(await idealRequests()).toHaveLength(2);
    expect((await settingEvents()).map((e) => [e.action, e.outcome])).toEqual([
      ['settings.ideal.enabled', 'success'],
      ['settings.ideal.disabled', 'success'],
    ]);
  });

  it('on the hostel without card storage: iDEAL can be turned on too', async () => {
    const ctx = contextFor(SANDBOX_TOKENS.noCardStorage);
    await expect(setIdealEnabled(ctx, { enabled: true }, manager)).resolves.toMatchObject({
      enabled: true,
    });
  });
});

describe('a 403 on a real iDEAL payment', () => {
  it('turns iDEAL off with Mews’ message and time; the guest is told to pay another way', async () => {
    const log = captureLog();
    const ctx = contextFor(SANDBOX_TOKENS.gross, log.log);
    // A property that had iDEAL turned on, then lost it from its Mews subscription.
    await enableIdealForTests(ctx);
    const { token } = await euroLink(ctx, 'london');
    expect(await idealOffered(ctx, token)).toBe(true);

    await expect(
      payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null),
    ).rejects.toMatchObject({
      code: 'method_unavailable',
      message: expect.stringMatching(/another way to pay/),
    });

    const setting = await readIdealSetting(ctx);
    expect(setting).toMatchObject({ enabled: false, changedBy: 'system' });
    expect(setting.refusalMessage).toMatch(LONDON_REFUSAL);
    expect(setting.refusedAt).toBeInstanceOf(Date);
    // The pay page stops offering it; the next guest does not reach Mews at all.
    expect(await idealOffered(ctx, token)).toBe(false);
    await expect(
      payLinkWithIdeal(ctx, { token, idempotencyKey: randomUUID() }, null),
    ).rejects.toMatchObject({ code: 'method_unavailable' });
    expect(await idealRequests()).toHaveLength(1);

    expect(await settingEvents()).toMatchObject([
      { action: 'settings.ideal.refused', outcome: 'denied', actorType: 'system' },
    ]);
    expect(log.messages('warn')).toContainEqual(
      expect.stringMatching(/Mews refused iDEAL \(403\)/),
    );
    expect(await alternativeMethodsHealth(ctx)).toMatchObject({
      alternativeMethods: {
        ideal: { enabled: false, refusalMessage: expect.stringMatching(LONDON_REFUSAL) },
      },
    });
  });

  it('after the refusal a manager can try again; the Dutch hotel turns it back on', async () => {
    const london = contextFor(SANDBOX_TOKENS.gross);
    await enableIdealForTests(london);
    const { token } = await euroLink(london, 'london');
    await expect(
      payLinkWithIdeal(london, { token, idempotencyKey: randomUUID() }, null),
    ).rejects.toMatchObject({ code: 'method_unavailable' });
    expect((await readIdealSetting(london)).refusedAt).not.toBeNull();

    // Same installation, now on a property with iDEAL in its subscription.
    const dutch = contextFor(SANDBOX_TOKENS.dutch);
    expect(await setIdealEnabled(dutch, { enabled: true }, manager)).toMatchObject({
      enabled: true,
      refusedAt: null,
      refusalMessage: null,
    });
  });
});
