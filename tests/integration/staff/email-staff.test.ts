/**
 * What staff see and do about e-mails to guests, against the offline Mews sandbox and a real
 * database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set): a link made with "E-mail the
 * link to the guest" through the staff action queues its e-mail with it, the links list and the
 * payment detail show each e-mail's delivery state, the payment detail shows the deposit policy
 * the guest accepted word for word, and only managers see the e-mails that need attention.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import type { PaymentContext } from '@/lib/server/context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const session = vi.hoisted(() => ({
  staffId: undefined as string | undefined,
  ctx: undefined as unknown,
}));

vi.mock('@/lib/auth/index', () => ({
  auth: async () => (session.staffId ? { user: { id: session.staffId, email: 'x' } } : null),
}));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => session.ctx }));

const { alice, bob } = SEED.customers;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

interface Rows<T> {
  rows: T[];
}

describe.each(testDatabaseTargets)('staff e-mail pages on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let manager: StaffActor;
  let frontDesk: StaffActor;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
    session.ctx = ctx;
    const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
    const { staffActorFor } = await import('@/lib/auth/require-staff');
    const m = await createStaffAccount(
      ctx,
      {
        email: `mia.${randomUUID()}@hotel.test`,
        name: 'Mia',
        role: 'manager',
        password: 'correct horse battery',
      },
      { type: 'system' },
    );
    const f = await createStaffAccount(
      ctx,
      {
        email: `frank.${randomUUID()}@hotel.test`,
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

  beforeEach(() => {
    session.ctx = ctx;
    session.staffId = undefined;
  });

  async function outboxRowsOf(linkId: string) {
    const result = (await database.db.execute(
      sql`select kind, recipient, locale, state, link_url from email_outbox where payment_link_id = ${linkId}`,
    )) as unknown as Rows<{
      kind: string;
      recipient: string;
      locale: string;
      state: string;
      link_url: string | null;
    }>;
    return result.rows;
  }

  async function createLink(input: Record<string, unknown>) {
    const { createPaymentLinkAction } = await import('@/lib/payments/links/actions');
    session.staffId = frontDesk.staffId;
    return createPaymentLinkAction({
      customerId: alice.id,
      amount: '99.90',
      currency: 'GBP',
      description: 'Deposit SBX-1001',
      expiresInHours: 72,
      reservationId: '',
      ...input,
    });
  }

  it('prefills the link form with the Mews customer’s address and language', async () => {
    const { customerDetail } = await import('@/lib/payments/back-office/customers');
    const detail = await customerDetail(ctx, bob.id);
    expect(detail.customer.email).toBe(bob.email);
    // Bob's Mews language is nl-NL: his e-mails are in Dutch unless the clerk changes it.
    expect(detail.linkEmail).toEqual({ mailConfigured: true, email: bob.email, locale: 'nl' });
  });

  it('creates a link with "E-mail the link to the guest" and queues its e-mail with it', async () => {
    const created = await createLink({
      sendToGuest: true,
      guestEmail: ' alice.desk@example.com ',
      guestLocale: 'de',
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.data.url).toContain('/pay/');
    expect(created.data.emailed).toMatchObject({
      kind: 'payment_link',
      recipient: 'alice.desk@example.com',
      state: 'queued',
    });
    const rows = await outboxRowsOf(created.data.link.id);
    expect(rows).toEqual([
      {
        kind: 'payment_link',
        recipient: 'alice.desk@example.com',
        locale: 'de',
        state: 'queued',
        link_url: created.data.url,
      },
    ]);

    // The links list shows the e-mail's state with the link (and nothing of its body).
    const { listLinks } = await import('@/lib/payments/back-office/links');
    const row = (await listLinks(ctx)).find((link) => link.id === created.data.link.id);
    expect(row?.guestEmail).toBe('alice.desk@example.com');
    expect(row?.emails).toEqual([
      expect.objectContaining({
        kind: 'payment_link',
        recipient: 'alice.desk@example.com',
        state: 'queued',
        attempts: 0,
        sentAt: null,
      }),
    ]);
    expect(JSON.stringify(row)).not.toContain(created.data.url);

    // After a failed delivery the list says so, with the reason.
    await database.db.execute(
      sql`update email_outbox set state = 'failed', attempts = 5, last_error = '550 mailbox unavailable'
          where payment_link_id = ${created.data.link.id}`,
    );
    const failed = (await listLinks(ctx, { customerId: alice.id })).find(
      (link) => link.id === created.data.link.id,
    );
    expect(failed?.emails[0]).toMatchObject({
      state: 'failed',
      attempts: 5,
      lastError: '550 mailbox unavailable',
    });
  });

  it('without the box ticked, nothing is queued; a wrong address is refused on its field', async () => {
    const plain = await createLink({ sendToGuest: false, guestEmail: 'not an address' });
    expect(plain.ok).toBe(true);
    if (!plain.ok) return;
    expect(plain.data.emailed).toBeNull();
    expect(await outboxRowsOf(plain.data.link.id)).toEqual([]);

    const refused = await createLink({ sendToGuest: true, guestEmail: 'not an address' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: { guestEmail: [expect.any(String)] } },
    });
  });

  it('"Send to guest" from the links list: a new link address for a link never e-mailed', async () => {
    const plain = await createLink({ sendToGuest: false });
    expect(plain.ok).toBe(true);
    if (!plain.ok) return;
    const { sendLinkToGuestAction } = await import('@/lib/payments/email/staff-actions');
    session.staffId = frontDesk.staffId;
    const sent = await sendLinkToGuestAction({
      linkId: plain.data.link.id,
      email: 'alice.late@example.com',
      locale: 'fr',
    });
    expect(sent).toMatchObject({ ok: true, data: { rotated: true } });
    const rows = await outboxRowsOf(plain.data.link.id);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'payment_link',
        recipient: 'alice.late@example.com',
        locale: 'fr',
        state: 'queued',
      }),
    ]);
    // The URL shown when the link was made no longer opens it: the e-mail carries a new one.
    expect(rows[0]?.link_url).not.toBe(plain.data.url);

    const { listLinks } = await import('@/lib/payments/back-office/links');
    const row = (await listLinks(ctx)).find((link) => link.id === plain.data.link.id);
    expect(row?.emails.map((email) => [email.kind, email.recipient, email.state])).toEqual([
      ['payment_link', 'alice.late@example.com', 'queued'],
    ]);
  });

  it('shows the deposit policy the guest accepted, word for word, on the payment detail', async () => {
    const created = await createLink({ sendToGuest: true, guestEmail: alice.email });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const version = 7;
    await database.db.execute(
      sql`insert into property_policy_versions (version, texts, default_locale)
          values (${version}, ${JSON.stringify({
            en: 'Deposits are refundable up to 7 days before arrival.',
            nl: 'Aanbetalingen worden terugbetaald tot 7 dagen voor aankomst.',
          })}::jsonb, 'en')`,
    );
    const acceptedAt = new Date('2027-03-01T10:15:00Z');
    const withPolicy = (await database.db.execute(
      sql`insert into payment_attempts
            (idempotency_key, payment_link_id, method, state, amount_minor, currency,
             mews_customer_id, finalized_at, policy_version, policy_accepted_at, policy_locale)
          values (${randomUUID()}, ${created.data.link.id}, 'card', 'failed', 9990, 'GBP',
             ${alice.id}, now(), ${version}, ${acceptedAt.toISOString()}, 'nl')
          returning id`,
    )) as unknown as Rows<{ id: string }>;
    const withoutPolicy = (await database.db.execute(
      sql`insert into payment_attempts
            (idempotency_key, payment_link_id, method, state, amount_minor, currency,
             mews_customer_id, finalized_at)
          values (${randomUUID()}, ${created.data.link.id}, 'card', 'failed', 9990, 'GBP',
             ${alice.id}, now())
          returning id`,
    )) as unknown as Rows<{ id: string }>;

    const { paymentDetail } = await import('@/lib/payments/back-office/payments');
    const detail = await paymentDetail(ctx, withPolicy.rows[0]!.id);
    expect(detail.policy).toEqual({
      version,
      acceptedAt: acceptedAt.toISOString(),
      locale: 'nl',
      text: 'Aanbetalingen worden terugbetaald tot 7 dagen voor aankomst.',
      textLocale: 'nl',
    });
    // The link's e-mails and their delivery states are on the payment detail too.
    expect(detail.emails).toEqual([
      expect.objectContaining({ kind: 'payment_link', recipient: alice.email, state: 'queued' }),
    ]);
    expect(detail.linkOpen).toBe(true);

    expect((await paymentDetail(ctx, withoutPolicy.rows[0]!.id)).policy).toBeNull();
  });

  it('counts failed and uncertain e-mails on the dashboard, for managers only', async () => {
    const { dashboard } = await import('@/lib/payments/back-office/dashboard');
    const before = (await dashboard(ctx, manager)).emailAttention;
    expect(before).not.toBeNull();
    const created = await createLink({ sendToGuest: true, guestEmail: 'bounce@example.com' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const linkId = created.data.link.id;
    await database.db.execute(
      sql`update email_outbox set state = 'failed', attempts = 5, last_error = '550 no such user',
            subject = 'Your payment link', html = '<p>x</p>', text_body = 'x'
          where payment_link_id = ${linkId}`,
    );
    await database.db.execute(
      sql`insert into email_outbox (kind, dedupe_key, payment_link_id, recipient, locale, state,
            attempts, last_error, subject, html, text_body)
          values ('reminder', ${`reminder:${linkId}:test`}, ${linkId}, 'bounce@example.com', 'en',
            'uncertain', 1, 'The sender stopped before the server answered', 'Reminder', '<p>r</p>', 'r')`,
    );

    const board = await dashboard(ctx, manager);
    expect(board.emailAttention).toMatchObject({
      failed: (before?.failed ?? 0) + 1,
      uncertain: (before?.uncertain ?? 0) + 1,
    });
    const listed = board.emailAttention?.emails.filter((email) => email.link?.id === linkId);
    expect(
      listed?.map((email) => [email.kind, email.state, email.recipient, email.lastError]),
    ).toEqual(
      expect.arrayContaining([
        ['payment_link', 'failed', 'bounce@example.com', '550 no such user'],
        [
          'reminder',
          'uncertain',
          'bounce@example.com',
          'The sender stopped before the server answered',
        ],
      ]),
    );
    expect(listed?.every((email) => email.resendable && email.link?.open)).toBe(true);

    // "Send again" on the failed one: a new queued e-mail, and the failed one leaves the list.
    const failedEmail = listed?.find((email) => email.state === 'failed');
    const { resendEmailAction } = await import('@/lib/payments/email/staff-actions');
    session.staffId = manager.staffId;
    const resent = await resendEmailAction({
      emailId: failedEmail!.id,
      recipient: 'alice.fixed@example.com',
    });
    expect(resent).toMatchObject({
      ok: true,
      data: { recipient: 'alice.fixed@example.com', state: 'queued' },
    });
    expect((await dashboard(ctx, manager)).emailAttention).toMatchObject({
      failed: before?.failed ?? 0,
      uncertain: (before?.uncertain ?? 0) + 1,
    });

    // Front desk staff do not get them, from the page nor from the route handler's model.
    expect((await dashboard(ctx, frontDesk)).emailAttention).toBeNull();
    expect((await dashboard(ctx)).emailAttention).toBeNull();
  });
});
