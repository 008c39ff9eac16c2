import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { listAudit } from '@/lib/db/staff-ledger';
import { emailOutbox, paymentLinks, type PaymentLink } from '@/lib/db/schema';
import { renderEmail } from '@/lib/payments/email/render';
import { listLinks } from '@/lib/payments/back-office/links';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import {
  closeAttempt,
  markProcessing,
  moveAttempt,
  openAttempt,
} from '@/lib/payments/ledger/ledger';
import {
  cancelPaymentLink,
  createPaymentLink,
  undoCancelPaymentLink,
} from '@/lib/payments/links/payment-links';
import { showStaffPaymentLink, createStaffPaymentLink } from '@/lib/payments/links/staff-links';
import { staffPaymentLinkSchema } from '@/lib/payments/links/schemas';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import type { StaffActor } from '@/lib/auth/require-staff';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestStaffActor } from '../../support/staff-actor';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * One deposit is collected once (issue 23): a second link for a reservation's deposit is refused
 * until staff confirm it, and when one link is paid the other open links of that reservation and
 * purpose close in the same transaction (audited; e-mailed guests told), unless staff kept them
 * open; a guest who is paying a sibling right then is not cut off. A staff cancel can be undone
 * for a minute, before the guest's "canceled" e-mail leaves.
 */

const current = vi.hoisted(() => ({ ctx: undefined as unknown }));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => current.ctx }));

vi.mock(
  'next/headers',
  async () => (await import('../../support/request-scope')).nextHeadersModule,
);

const alice = SEED.customers.alice;
const bob = SEED.customers.bob;
const chloe = SEED.customers.chloe;
const aliceLondon = SEED.reservations.aliceLondon;
const chloeLondon = SEED.reservations.chloeLondon;
const bobLondon = SEED.reservations.bobLondonEur;
const system = { type: 'system' } as const;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

function deposit(extra: Record<string, unknown> = {}) {
  return {
    customerId: alice.id,
    reservationId: aliceLondon.id,
    amountMinor: 15_000,
    currency: 'GBP',
    description: 'Deposit SBX-1001',
    expiresInHours: 48,
    allowDuplicate: true,
    ...extra,
  };
}

async function refusal(promise: Promise<unknown>): Promise<PaymentError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PaymentError);
  return error as PaymentError;
}

describe.each(testDatabaseTargets)('sibling payment links on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let clerk: StaffActor;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
    current.ctx = ctx;
    clerk = await createTestStaffActor(ctx, {
      email: 'fiona@example.com',
      name: 'Fiona Desk',
      role: 'frontdesk',
      password: 'correct horse battery staple',
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  const reload = async (id: string): Promise<PaymentLink> =>
    (await database.db.select().from(paymentLinks).where(eq(paymentLinks.id, id)))[0]!;

  const emailsOf = (linkId: string, kind: 'link_canceled' | 'payment_link') =>
    database.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.paymentLinkId, linkId), eq(emailOutbox.kind, kind)));

  /** As the guest's card payment does: an attempt claims the link, Mews charges it. */
  async function startPaying(link: PaymentLink) {
    const { attempt } = await openAttempt(ctx, {
      idempotencyKey: randomUUID(),
      paymentLinkId: link.id,
      method: 'card',
      amountMinor: link.amountMinor,
      currency: link.currency,
      mewsCustomerId: link.mewsCustomerId,
      mewsReservationId: link.mewsReservationId,
      clientAddress: null,
    });
    return markProcessing(ctx, attempt);
  }

  async function pay(link: PaymentLink) {
    const attempt = await startPaying(link);
    await moveAttempt(ctx, attempt, 'succeeded', { mewsPaymentId: randomUUID() });
    const paid = await reload(link.id);
    expect(paid.state).toBe('paid');
    return paid;
  }

  /** Marks the link e-mail delivered, as the sender would. */
  async function delivered(linkId: string) {
    await database.db
      .update(emailOutbox)
      .set({ state: 'sent', sentAt: new Date() })
      .where(and(eq(emailOutbox.paymentLinkId, linkId), eq(emailOutbox.kind, 'payment_link')));
  }

  it('refuses a second deposit link for a paid deposit, with the warning, until confirmed', async () => {
    const { link: first } = await createPaymentLink(ctx, deposit({ allowDuplicate: undefined }), {
      via: 'staff',
      actor: system,
    });
    expect(first.purpose).toBe('deposit');
    await pay(first);

    // Through the staff form's path: refused, the warning on the "Create anyway" field.
    const form = staffPaymentLinkSchema.parse({
      customerId: alice.id,
      reservationId: aliceLondon.id,
      amount: '150.00',
      currency: 'GBP',
      description: 'Deposit again',
      expiresInHours: 48,
    });
    const refused = await refusal(createStaffPaymentLink(ctx, form, clerk));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(
      /^SBX-1001 already has a paid deposit link of £150\.00 \(paid \d{1,2} \w{3}\)$/,
    );
    expect(refused.options.fieldErrors?.createAnyway?.[0]).toBe(refused.message);

    // Confirmed ("Create anyway"): made, and its creation audit says it was confirmed.
    const created = await createStaffPaymentLink(ctx, { ...form, createAnyway: true }, clerk);
    expect(created.link).toMatchObject({
      state: 'open',
      reservationNumber: 'SBX-1001',
      purpose: 'deposit',
    });
    const audited = (await listAudit(database.db, { actionPrefix: 'payment_link.created' })).find(
      (event) => event.subjectId === created.link.id,
    );
    expect(audited?.details).toMatchObject({ duplicateConfirmed: true, purpose: 'deposit' });
    // Another purpose for the same reservation needs no confirmation.
    const balance = await createStaffPaymentLink(ctx, { ...form, purpose: 'balance' }, clerk);
    expect(balance.link.purpose).toBe('balance');
  });

  it('warns of an open deposit link too, and the API answers 409 unless allowDuplicate', async () => {
    const { link } = await createPaymentLink(
      ctx,
      deposit({
        customerId: bob.id,
        reservationId: bobLondon.id,
        currency: 'EUR',
        amountMinor: 24_050,
        allowDuplicate: undefined,
      }),
      { via: 'api', actor: system },
    );
    const refused = await refusal(
      createPaymentLink(
        ctx,
        deposit({
          customerId: bob.id,
          reservationId: bobLondon.id,
          currency: 'EUR',
          amountMinor: 24_050,
          allowDuplicate: undefined,
        }),
        { via: 'api', actor: system },
      ),
    );
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(
      /^SBX-1002 already has an open deposit link of €240\.50 \(expires \d{1,2} \w{3}\)$/,
    );
    expect(refused.options.fieldErrors?.allowDuplicate).toEqual([refused.message]);
    const allowed = await createPaymentLink(
      ctx,
      deposit({
        customerId: bob.id,
        reservationId: bobLondon.id,
        currency: 'EUR',
        amountMinor: 24_050,
      }),
      { via: 'api', actor: system },
    );
    expect(allowed.link.id).not.toBe(link.id);
    await cancelPaymentLink(ctx, link.id, system);
    await cancelPaymentLink(ctx, allowed.link.id, system);
  });

  it('POST /api/v1/payment-links answers 409 naming the existing link, 201 with allowDuplicate', async () => {
    const { POST } = await import('@/app/api/v1/payment-links/route');
    const { createApiKey } = await import('@/lib/payments/links/api-keys');
    const { key } = await createApiKey(ctx, 'booking-engine');
    const post = (extra: Record<string, unknown>) =>
      POST(
        new Request('http://localhost:3999/api/v1/payment-links', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            customerId: bob.id,
            reservationId: bobLondon.id,
            amountMinor: 10_000,
            currency: 'EUR',
            description: 'Prepayment via API',
            purpose: 'prepayment',
            ...extra,
          }),
        }),
      );
    const first = await post({});
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ purpose: 'prepayment', state: 'open' });

    const second = await post({});
    expect(second.status).toBe(409);
    const { error } = (await second.json()) as {
      error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
    };
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /^SBX-1002 already has an open prepayment link of €100\.00 \(expires \d{1,2} \w{3}\)$/,
    );
    expect(error.fieldErrors?.allowDuplicate).toEqual([error.message]);

    const third = await post({ allowDuplicate: true, keepOpenWhenSiblingPaid: true });
    expect(third.status).toBe(201);
    expect(await third.json()).toMatchObject({ keepOpenWhenSiblingPaid: true });
  });

  it('closes the other open deposit links when one is paid: audited, the e-mailed guest told, kept ones and other purposes untouched', async () => {
    // Chloé's SBX-1003: three open deposit links (made with confirmation), one kept open on purpose.
    const tokens = new Map<string, string>();
    const make = (extra: Record<string, unknown> = {}, sendTo?: { email: string }) =>
      createPaymentLink(
        ctx,
        deposit({
          customerId: chloe.id,
          reservationId: chloeLondon.id,
          amountMinor: 8_000,
          ...extra,
        }),
        {
          via: 'staff',
          actor: system,
          ...(sendTo ? { sendTo } : {}),
        },
      ).then((created) => {
        tokens.set(created.link.id, created.token);
        return created.link;
      });
    const paying = await make();
    const emailed = await make({}, { email: 'chloe.martin@example.com' });
    await delivered(emailed.id);
    const silent = await make();
    const kept = await make({ keepOpenWhenSiblingPaid: true });
    const otherPurpose = await make({ purpose: 'balance' });

    await pay(paying);

    for (const closed of [emailed, silent]) {
      expect(await reload(closed.id)).toMatchObject({
        state: 'canceled',
        canceledReason: 'sibling_paid',
        canceledByStaffId: null,
      });
    }
    expect((await reload(kept.id)).state).toBe('open');
    expect((await reload(otherPurpose.id)).state).toBe('open');

    const canceledEvents = (
      await listAudit(database.db, { actionPrefix: 'payment_link.canceled' })
    ).filter((event) => event.subjectId === emailed.id || event.subjectId === silent.id);
    expect(canceledEvents).toHaveLength(2);
    for (const event of canceledEvents) {
      expect(event).toMatchObject({ actorType: 'system', outcome: 'success' });
      expect(event.details).toMatchObject({ reason: 'sibling_paid', paidLinkId: paying.id });
    }

    // Only the guest who was sent a link hears of it, in words that say it was paid elsewhere.
    const [notice] = await emailsOf(emailed.id, 'link_canceled');
    expect(notice).toMatchObject({ recipient: 'chloe.martin@example.com', state: 'queued' });
    expect(await emailsOf(silent.id, 'link_canceled')).toHaveLength(0);
    // Chloé's e-mails are in French (her Mews language).
    const rendered = await renderEmail(ctx, { ...notice!, locale: 'en' });
    expect('subject' in rendered && rendered.subject).toMatch(/has already been made/);
    expect('text' in rendered && rendered.text).toMatch(/already been made through another link/);

    // The guest who opens a closed sibling is told it is paid, not that the hotel canceled it.
    const view = await getGuestCheckoutView(ctx, tokens.get(silent.id)!, 'http://sandbox/sf.js');
    expect(view).toMatchObject({ kind: 'canceled', alreadyPaid: true });
    const keptView = await getGuestCheckoutView(ctx, tokens.get(kept.id)!, 'http://sandbox/sf.js');
    expect(keptView.kind).toBe('payable');

    // The links page says why.
    const [row] = await listLinks(ctx, { linkId: silent.id });
    expect(row).toMatchObject({
      state: 'canceled',
      canceledReason: 'sibling_paid',
      undoableUntil: null,
    });
    await refusal(undoCancelPaymentLink(ctx, silent.id, clerk));
    await cancelPaymentLink(ctx, kept.id, system);
    await cancelPaymentLink(ctx, otherPurpose.id, system);
  });

  it('leaves a sibling the guest is paying right now, and closes it if that payment fails', async () => {
    const make = () =>
      createPaymentLink(ctx, deposit({ purpose: 'other' }), { via: 'staff', actor: system }).then(
        (created) => created.link,
      );
    const first = await make();
    const inFlight = await make();
    const failing = await startPaying(inFlight);
    expect((await reload(inFlight.id)).state).toBe('processing');

    await pay(first);
    // Not pulled from under the paying guest; the deferral is audited.
    expect((await reload(inFlight.id)).state).toBe('processing');
    const deferred = (
      await listAudit(database.db, { actionPrefix: 'payment_link.sibling_close_deferred' })
    ).find((event) => event.subjectId === inFlight.id);
    expect(deferred?.details).toMatchObject({ paidLinkId: first.id });

    // The card is declined: the link does not open again for a second payment, it closes.
    await closeAttempt(ctx, failing, system, 'failed', 'card_declined', 'Declined');
    expect(await reload(inFlight.id)).toMatchObject({
      state: 'canceled',
      canceledReason: 'sibling_paid',
    });
    const closed = (await listAudit(database.db, { actionPrefix: 'payment_link.canceled' })).find(
      (event) => event.subjectId === inFlight.id,
    );
    expect(closed?.details).toMatchObject({ reason: 'sibling_paid', paidLinkId: first.id });
  });

  it('a staff cancel can be undone within a minute, and the guest is never told', async () => {
    const { link } = await createPaymentLink(
      ctx,
      deposit({ customerId: bob.id, reservationId: null, currency: 'EUR' }),
      { via: 'staff', actor: system, sendTo: { email: 'bob@example.com' } },
    );
    await delivered(link.id);

    const canceled = await cancelPaymentLink(ctx, link.id, clerk);
    expect(canceled).toMatchObject({
      state: 'canceled',
      canceledReason: 'staff',
      canceledByStaffId: clerk.staffId,
    });
    const [notice] = await emailsOf(link.id, 'link_canceled');
    // Held for the undo minute: the sender takes rows due at its clock, this one only after it.
    expect(notice!.state).toBe('queued');
    expect(notice!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(
      canceled.canceledAt!.getTime() + 59_000,
    );
    const [listed] = await listLinks(ctx, { linkId: link.id });
    expect(listed?.undoableUntil).not.toBeNull();
    expect(listed?.canceledByName).toBe('Fiona Desk');

    const reopened = await undoCancelPaymentLink(withClockOffset(ctx, 30_000), link.id, clerk);
    expect(reopened).toMatchObject({ state: 'open', canceledReason: null, canceledAt: null });
    const [skipped] = await emailsOf(link.id, 'link_canceled');
    expect(skipped).toMatchObject({ state: 'skipped' });
    const undone = (
      await listAudit(database.db, { actionPrefix: 'payment_link.cancel_undone' })
    ).find((event) => event.subjectId === link.id);
    expect(undone).toMatchObject({ actorType: 'staff', actorStaffId: clerk.staffId });

    // Canceled again: the guest is told this time (a new notice, not blocked by the skipped one).
    await cancelPaymentLink(ctx, link.id, clerk);
    const notices = await emailsOf(link.id, 'link_canceled');
    expect(notices.map((row) => row.state).sort()).toEqual(['queued', 'skipped']);

    // After the minute: refused, with a clear message, and the link stays canceled.
    const late = await refusal(undoCancelPaymentLink(withClockOffset(ctx, 61_000), link.id, clerk));
    expect(late.message).toBe(
      'A cancel can be undone for one minute only; create a new link instead',
    );
    expect((await reload(link.id)).state).toBe('canceled');
  });

  it('an undo cannot reopen a link that expired or whose sibling was paid meanwhile', async () => {
    const { link: expiring } = await createPaymentLink(
      ctx,
      deposit({ customerId: bob.id, reservationId: null, currency: 'EUR', expiresInHours: 1 }),
      { via: 'staff', actor: system },
    );
    await cancelPaymentLink(ctx, expiring.id, clerk);
    await database.db
      .update(paymentLinks)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(paymentLinks.id, expiring.id));
    expect((await refusal(undoCancelPaymentLink(ctx, expiring.id, clerk))).message).toBe(
      'The link has expired meanwhile; it stays canceled',
    );

    const make = () =>
      createPaymentLink(ctx, deposit({ purpose: 'balance' }), { via: 'staff', actor: system }).then(
        (created) => created.link,
      );
    const canceledOne = await make();
    const paidOne = await make();
    await cancelPaymentLink(ctx, canceledOne.id, clerk);
    await pay(paidOne);
    expect((await refusal(undoCancelPaymentLink(ctx, canceledOne.id, clerk))).message).toBe(
      'Another link for this reservation was paid meanwhile; this link stays canceled',
    );
    expect((await reload(canceledOne.id)).state).toBe('canceled');
  });

  it('"Show QR" gives a never e-mailed link a new URL only once confirmed; an e-mailed one shows its URL', async () => {
    const { link, url: shownOnce } = await createPaymentLink(
      ctx,
      deposit({ customerId: bob.id, reservationId: null, currency: 'EUR' }),
      { via: 'staff', actor: system },
    );
    expect(await showStaffPaymentLink(ctx, { linkId: link.id, rotate: false }, clerk)).toEqual({
      needsRotation: true,
    });
    const shown = await showStaffPaymentLink(ctx, { linkId: link.id, rotate: true }, clerk);
    expect(shown).toMatchObject({ needsRotation: false, rotated: true });
    if (shown.needsRotation) throw new Error('unreachable');
    expect(shown.url).not.toBe(shownOnce);
    expect(shown.qrSvg).toContain('<svg');

    const { link: emailed, url } = await createPaymentLink(
      ctx,
      deposit({ customerId: bob.id, reservationId: null, currency: 'EUR' }),
      { via: 'staff', actor: system, sendTo: { email: 'bob@example.com' } },
    );
    const again = await showStaffPaymentLink(ctx, { linkId: emailed.id, rotate: false }, clerk);
    expect(again).toMatchObject({ needsRotation: false, rotated: false, url });
  });

  it('finds links by guest name, reservation number, description and status', async () => {
    const byName = await listLinks(ctx, { q: 'alice' });
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((row) => row.customerId === alice.id)).toBe(true);
    const byNumber = await listLinks(ctx, { q: 'sbx-1002' });
    expect(byNumber.length).toBeGreaterThan(0);
    expect(byNumber.every((row) => row.reservationNumber === 'SBX-1002')).toBe(true);
    const paid = await listLinks(ctx, { status: 'paid' });
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.every((row) => row.state === 'paid')).toBe(true);
    const described = await listLinks(ctx, { q: 'Deposit again' });
    expect(described.map((row) => row.description)).toContain('Deposit again');
    expect(described[0]?.createdByName).toBe('Fiona Desk');
  });
});
