import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { listAudit } from '@/lib/db/staff-ledger';
import { emailOutbox, paymentLinks, type EmailOutboxRow } from '@/lib/db/schema';
import { sendLinkToGuest } from '@/lib/payments/email/link-email';
import {
  cancelPaymentLink,
  createPaymentLink,
  findLinkByToken,
} from '@/lib/payments/links/payment-links';
import type { PaymentContext } from '@/lib/server/context';
import { type PaymentError } from '@/lib/server/errors';
import { createTestPaymentContext } from '../../support/payment-context';
import { requestScope } from '../../support/request-scope';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * "Send to guest" on a link and "E-mail me a receipt" on the receipt page. A link never e-mailed
 * has no URL anyone can read (only its token's hash is stored), so sending it means a new token,
 * once: the old URL stops working. A link e-mailed before is sent again from what was stored.
 */

vi.mock(
  'next/headers',
  async () => (await import('../../support/request-scope')).nextHeadersModule,
);

const bob = SEED.customers.bob;
const system = { type: 'system' } as const;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

const linkInput = {
  customerId: bob.id,
  amountMinor: 9_900,
  currency: 'GBP',
  description: 'Deposit',
  expiresInHours: 48,
};

describe.each(testDatabaseTargets)('sendLinkToGuest on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
  });

  afterAll(async () => {
    await database?.close();
  });

  const emailsOf = (linkId: string): Promise<EmailOutboxRow[]> =>
    database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.paymentLinkId, linkId))
      .orderBy(emailOutbox.createdAt);

  it('a link never e-mailed gets a new token, once; the old URL stops working', async () => {
    const { link, token: shownOnce } = await createPaymentLink(ctx, linkInput, {
      via: 'staff',
      actor: system,
    });
    const first = await sendLinkToGuest(ctx, link.id, { email: 'bob@example.com' }, system);
    expect(first.rotated).toBe(true);
    expect(first.email).toMatchObject({
      kind: 'payment_link',
      recipient: 'bob@example.com',
      state: 'queued',
    });
    expect(await findLinkByToken(ctx, shownOnce)).toBeUndefined();

    const [row] = await emailsOf(link.id);
    expect(row).toMatchObject({ dedupeKey: `link:${link.id}:1`, locale: 'nl' });
    const newToken = row!.linkUrl!.split('/pay/')[1]!;
    expect(newToken).not.toBe(shownOnce);
    expect((await findLinkByToken(ctx, newToken))?.id).toBe(link.id);
    const stored = (
      await database.db.select().from(paymentLinks).where(eq(paymentLinks.id, link.id))
    )[0];
    expect(stored).toMatchObject({ guestEmail: 'bob@example.com', guestLocale: 'nl' });

    // Sent again (not yet delivered, same address): nothing new, and no second new token.
    const again = await sendLinkToGuest(ctx, link.id, { email: 'bob@example.com' }, system);
    expect(again.rotated).toBe(false);
    expect(again.email.id).toBe(first.email.id);
    expect((await findLinkByToken(ctx, newToken))?.id).toBe(link.id);

    // To another address, before the first was written: a new e-mail with the same URL.
    const other = await sendLinkToGuest(
      ctx,
      link.id,
      { email: 'bob.work@example.com', locale: 'en' },
      system,
    );
    expect(other.rotated).toBe(false);
    const rows = await emailsOf(link.id);
    expect(rows.map((r) => [r.dedupeKey, r.recipient, r.locale, r.linkUrl])).toEqual([
      [`link:${link.id}:1`, 'bob@example.com', 'nl', row!.linkUrl],
      [`link:${link.id}:2`, 'bob.work@example.com', 'en', row!.linkUrl],
    ]);

    const audited = (await listAudit(database.db, { actionPrefix: 'payment_link.sent' })).filter(
      (event) => event.subjectId === link.id,
    );
    expect(audited.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rotated: true, emailedTo: 'bob@example.com' }),
        expect.objectContaining({ rotated: false, emailedTo: 'bob.work@example.com' }),
      ]),
    );
  });

  it('a delivered link e-mail is sent again as stored, to the new address', async () => {
    const { link, url } = await createPaymentLink(ctx, linkInput, {
      via: 'staff',
      actor: system,
      sendTo: { email: 'bob@example.com' },
    });
    const [delivered] = await emailsOf(link.id);
    await database.db
      .update(emailOutbox)
      .set({
        state: 'sent',
        subject: 'Stored subject',
        html: '<p>stored</p>',
        textBody: 'stored',
        sentAt: new Date(),
      })
      .where(eq(emailOutbox.id, delivered!.id));

    const resent = await sendLinkToGuest(ctx, link.id, { email: 'bob.home@example.com' }, system);
    expect(resent.rotated).toBe(false);
    const copy = (await emailsOf(link.id)).find((row) => row.id === resent.email.id);
    expect(copy).toMatchObject({
      resendOfId: delivered!.id,
      recipient: 'bob.home@example.com',
      subject: 'Stored subject',
      linkUrl: url,
    });
    const stored = (
      await database.db.select().from(paymentLinks).where(eq(paymentLinks.id, link.id))
    )[0];
    expect(stored?.guestEmail).toBe('bob.home@example.com');
  });

  it('refuses links that cannot be paid, and bad addresses', async () => {
    const { link } = await createPaymentLink(ctx, linkInput, { via: 'staff', actor: system });
    const bad = await sendLinkToGuest(ctx, link.id, { email: 'nope' }, system).catch(
      (e: unknown) => e,
    );
    expect((bad as PaymentError).code).toBe('invalid_input');
    await cancelPaymentLink(ctx, link.id, system);
    const canceled = await sendLinkToGuest(
      ctx,
      link.id,
      { email: 'bob@example.com' },
      system,
    ).catch((e: unknown) => e);
    expect((canceled as PaymentError).code).toBe('conflict');
    expect(await emailsOf(link.id)).toEqual([]);
    const missing = await sendLinkToGuest(
      ctx,
      '00000000-0000-4000-8000-000000000001',
      { email: 'bob@example.com' },
      system,
    ).catch((e: unknown) => e);
    expect((missing as PaymentError).code).toBe('not_found');
  });
});

describe('requestReceiptEmailAction', () => {
  let database: TestDatabase;
  let ctx: PaymentContext;

  beforeAll(async () => {
    const { openTestPglite } = await import('../../support/test-database');
    database = await openTestPglite();
    Object.assign(process.env, {
      MEWS_PLATFORM_URL: sandbox.url,
      APP_URL: 'http://localhost:3999',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mews-receipt-request-')),
      AUTH_SECRET: randomBytes(32).toString('base64url'),
    });
    (await import('@/lib/config')).resetConfigForTests();
    (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb =
      Promise.resolve(database);
    ctx = createTestPaymentContext(database, { sandbox });
    requestScope.headers = new Headers({
      host: 'localhost:3999',
      'x-forwarded-for': '203.0.113.90',
    });
  });

  afterAll(async () => {
    (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = undefined;
    await database?.close();
  });

  it('queues one receipt per address, at most three addresses, only for a paid link', async () => {
    const { requestReceiptEmailAction } = await import('@/lib/payments/email/guest-actions');
    const { link, token } = await createPaymentLink(ctx, linkInput, {
      via: 'staff',
      actor: system,
    });

    const unpaid = await requestReceiptEmailAction({ token, email: 'bob@example.com' });
    expect(unpaid).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await database.db
      .update(paymentLinks)
      .set({ state: 'paid', paidAt: new Date() })
      .where(eq(paymentLinks.id, link.id));
    for (const email of ['bob@example.com', 'bob@example.com', ' BOB@example.com ']) {
      expect(await requestReceiptEmailAction({ token, email })).toMatchObject({ ok: true });
    }
    const receipts = () =>
      database.db.select().from(emailOutbox).where(eq(emailOutbox.paymentLinkId, link.id));
    expect(await receipts()).toHaveLength(1);
    expect((await receipts())[0]).toMatchObject({
      kind: 'receipt',
      recipient: 'bob@example.com',
      recipientRole: 'guest',
    });
    expect((await receipts())[0]!.dedupeKey).not.toContain('bob@example.com');

    expect(await requestReceiptEmailAction({ token, email: 'two@example.com' })).toMatchObject({
      ok: true,
    });
    expect(await requestReceiptEmailAction({ token, email: 'three@example.com' })).toMatchObject({
      ok: true,
    });
    expect(await requestReceiptEmailAction({ token, email: 'four@example.com' })).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts' },
    });
    expect(await receipts()).toHaveLength(3);

    expect(
      await requestReceiptEmailAction({ token: 'x'.repeat(43), email: 'bob@example.com' }),
    ).toMatchObject({ ok: false, error: { code: 'link_not_found' } });
    expect(await requestReceiptEmailAction({ token, email: 'not an address' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
