import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { listAudit } from '@/lib/db/staff-ledger';
import { findPaymentLink } from '@/lib/db/payment-links';
import { emailOutbox, paymentLinks, propertyProfile, type EmailOutboxRow } from '@/lib/db/schema';
import { payLinkWithCard } from '@/lib/payments/guest/pay-link';
import { cancelPaymentLink, createPaymentLink } from '@/lib/payments/links/payment-links';
import { renderEmail } from '@/lib/payments/email/render';
import { dueReminderDays, queueDueReminders } from '@/lib/payments/email/reminders';
import { forgetPropertyIdentity } from '@/lib/payments/property/identity';
import { paymentReference } from '@/lib/payments/reference';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { containsCardData } from '@/lib/validation/text';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { createTestPaymentContext } from '../../support/payment-context';
import { CARDS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * What the hotel's e-mails say, and the paths that queue them: a link made "with send to guest"
 * exists only together with its e-mail; each kind renders in the guest's language with the
 * hotel's name, contact and amounts written their way; reminders follow Mews' clock and stop once
 * the link is paid or canceled. On PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */

const bob = SEED.customers.bob; // Mews says nl-NL
const alice = SEED.customers.alice; // en-GB
const DAY_S = 24 * 60 * 60;
const system = { type: 'system' } as const;
/** Intl writes no-break spaces; the tests compare words. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

describe.each(testDatabaseTargets)('e-mail content on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
    await database.db.insert(propertyProfile).values({
      id: 1,
      displayName: 'Hotel Zon',
      phone: '+31 20 555 0100',
      email: 'frontdesk@hotel-zon.example',
      reminderDaysBefore: [3, 1],
    });
    forgetPropertyIdentity();
  });

  afterAll(async () => {
    forgetPropertyIdentity();
    await database?.close();
  });

  beforeEach(async () => {
    await sandbox.control.reset();
  });

  const linkInput = (customerId: string = bob.id, amountMinor = 12_550) => ({
    customerId,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit for your stay',
    expiresInHours: 72,
  });

  async function emailsOf(linkId: string): Promise<EmailOutboxRow[]> {
    return database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.paymentLinkId, linkId))
      .orderBy(emailOutbox.createdAt);
  }

  /** What the sender does once the mail server accepted a row. */
  async function markSent(id: string): Promise<void> {
    await database.db
      .update(emailOutbox)
      .set({
        state: 'sent',
        subject: 'sent',
        html: '<p>sent</p>',
        textBody: 'sent',
        sentAt: new Date(),
      })
      .where(eq(emailOutbox.id, id));
  }

  async function rendered(row: EmailOutboxRow) {
    const result = await renderEmail(ctx, row);
    if ('skip' in result) throw new Error(`skipped: ${result.skip}`);
    return result;
  }

  async function linkCount(): Promise<number> {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(paymentLinks);
    return Number(row?.n);
  }

  describe('a link made with "send to guest"', () => {
    it('is stored with its link e-mail, in the Mews customer’s language, and audited', async () => {
      const { link, url } = await createPaymentLink(ctx, linkInput(), {
        via: 'staff',
        actor: system,
        sendTo: { email: '  Bob.Jansen@example.com ' },
      });
      expect(link.guestEmail).toBe('Bob.Jansen@example.com');
      expect(link.guestLocale).toBe('nl');
      const [email, ...others] = await emailsOf(link.id);
      expect(others).toEqual([]);
      expect(email).toMatchObject({
        kind: 'payment_link',
        dedupeKey: `link:${link.id}:1`,
        recipient: 'Bob.Jansen@example.com',
        recipientRole: 'guest',
        locale: 'nl',
        linkUrl: url,
        state: 'queued',
        subject: null,
      });
      const [created] = (
        await listAudit(database.db, { actionPrefix: 'payment_link.created' })
      ).filter((event) => event.subjectId === link.id);
      expect(created?.details).toMatchObject({ emailedTo: 'Bob.Jansen@example.com' });

      const message = await rendered(email!);
      expect(plain(message.subject)).toBe('Hotel Zon: je betaallink voor £ 125,50');
      expect(message.text).toContain('Beste Bob Jansen,');
      expect(message.text).toContain(url);
      expect(message.html).toContain(`href="${url}"`);
      expect(message.text).toContain('+31 20 555 0100');
      expect(message.text).toContain('Deze e-mail is verstuurd door Hotel Zon');
      // 72 hours from now, in London time, in Dutch.
      const until = new Intl.DateTimeFormat('nl-NL', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/London',
      }).format(link.expiresAt);
      expect(plain(message.text)).toContain(plain(until));
    });

    it('takes the language staff chose over the customer’s', async () => {
      const { link } = await createPaymentLink(ctx, linkInput(), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'bob.jansen@example.com', locale: 'de' },
      });
      const [email] = await emailsOf(link.id);
      expect(email?.locale).toBe('de');
      const message = await rendered(email!);
      expect(plain(message.subject)).toBe('Hotel Zon: Ihr Zahlungslink über 125,50 £');
      expect(message.text).toContain('Guten Tag Bob Jansen,');
    });

    it('is not made at all when its e-mail cannot be queued (one transaction)', async () => {
      const before = await linkCount();
      const auditBefore = (await listAudit(database.db, { actionPrefix: 'payment_link.created' }))
        .length;
      await database.db.execute(sql`
        create function refuse_outbox() returns trigger language plpgsql as $$
        begin raise exception 'outbox refused'; end; $$`);
      await database.db.execute(sql`
        create trigger refuse_outbox before insert on email_outbox
        for each row execute function refuse_outbox()`);
      try {
        await expect(
          createPaymentLink(ctx, linkInput(), {
            via: 'staff',
            actor: system,
            sendTo: { email: 'bob.jansen@example.com' },
          }),
        ).rejects.toThrow();
      } finally {
        await database.db.execute(sql`drop trigger refuse_outbox on email_outbox`);
        await database.db.execute(sql`drop function refuse_outbox()`);
      }
      expect(await linkCount()).toBe(before);
      expect((await listAudit(database.db, { actionPrefix: 'payment_link.created' })).length).toBe(
        auditBefore,
      );
    });

    it('refuses an address that is not one, before anything is stored', async () => {
      const before = await linkCount();
      for (const email of ['not-an-address', 'bob@example.com\r\nBcc: x@example.com', '']) {
        const error = await createPaymentLink(ctx, linkInput(), {
          via: 'staff',
          actor: system,
          sendTo: { email },
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PaymentError);
        expect((error as PaymentError).code).toBe('invalid_input');
      }
      expect(await linkCount()).toBe(before);
    });

    it('without sendTo, no e-mail and no address (existing callers)', async () => {
      const { link } = await createPaymentLink(ctx, linkInput(alice.id), {
        via: 'cli',
        actor: system,
      });
      expect(link.guestEmail).toBeNull();
      expect(await emailsOf(link.id)).toEqual([]);
    });
  });

  describe('each kind', () => {
    it('a receipt after a card payment: method, brand and last four, the short payment reference, no card number', async () => {
      const { link, token } = await createPaymentLink(ctx, linkInput(alice.id), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'alice.smith@example.com' },
      });
      const card = await tokenizeTestCard(sandbox, CARDS.visaCharged);
      const status = await payLinkWithCard(ctx, guestCardInput(token, card), '203.0.113.30');
      expect(status.state).toBe('succeeded');
      const receipt = (await emailsOf(link.id)).find((row) => row.kind === 'receipt');
      expect(receipt).toMatchObject({ recipient: 'alice.smith@example.com', locale: 'en' });
      const message = await rendered(receipt!);
      expect(plain(message.subject)).toBe('Hotel Zon: receipt for your payment of £125.50');
      expect(message.text).toMatch(/Card: VISA[A-Z ]* •••• 4242\n/);
      // The same short reference as the guest's receipt page and the staff payment detail.
      expect(message.text).toContain(`Payment reference: ${paymentReference(status.attemptId)}\n`);
      expect(containsCardData(message.html)).toBe(false);
      expect(message.html).not.toContain('424242');
      // The link e-mail still queued for it is skipped: it was paid already.
      const linkEmail = (await emailsOf(link.id)).find((row) => row.kind === 'payment_link');
      expect(linkEmail?.state).toBe('skipped');
    });

    it('a receipt for a link not paid is skipped', async () => {
      const { link } = await createPaymentLink(ctx, linkInput(alice.id), {
        via: 'cli',
        actor: system,
      });
      const result = await renderEmail(ctx, fakeRow('receipt', link.id));
      expect(result).toEqual({ skip: expect.stringContaining('not paid') });
    });

    it('a canceled link the guest was sent: the notice; a link never sent: none', async () => {
      const sentTo = await createPaymentLink(ctx, linkInput(), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'bob.jansen@example.com' },
      });
      await markSent((await emailsOf(sentTo.link.id))[0]!.id);
      await cancelPaymentLink(ctx, sentTo.link.id, system);
      const notice = (await emailsOf(sentTo.link.id)).find((row) => row.kind === 'link_canceled');
      expect(notice).toMatchObject({ recipient: 'bob.jansen@example.com', locale: 'nl' });
      const message = await rendered(notice!);
      expect(plain(message.subject)).toBe('Hotel Zon: je betaallink voor £ 125,50 is geannuleerd');
      expect(message.text).toContain('De link werkt niet meer');
      expect(message.text).toContain('frontdesk@hotel-zon.example');
      expect(message.text).not.toContain('/pay/');
      // The link e-mail itself would now be skipped.
      expect(await renderEmail(ctx, (await emailsOf(sentTo.link.id))[0]!)).toEqual({
        skip: expect.stringContaining('canceled'),
      });

      const queuedOnly = await createPaymentLink(ctx, linkInput(), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'bob.jansen@example.com' },
      });
      await cancelPaymentLink(ctx, queuedOnly.link.id, system);
      const rows = await emailsOf(queuedOnly.link.id);
      expect(rows.map((row) => [row.kind, row.state])).toEqual([['payment_link', 'skipped']]);
    });

    it('a payment the bank wants confirmed: where to look and until when', async () => {
      const { link, token } = await createPaymentLink(ctx, linkInput(alice.id), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'alice.smith@example.com', locale: 'fr' },
      });
      const card = await tokenizeTestCard(sandbox, CARDS.visaVerifying);
      const status = await payLinkWithCard(ctx, guestCardInput(token, card), '203.0.113.31');
      expect(status.state).toBe('verifying');
      const notice = (await emailsOf(link.id)).find((row) => row.kind === 'verification_pending');
      expect(notice).toMatchObject({ locale: 'fr', paymentAttemptId: status.attemptId });
      const message = await rendered(notice!);
      expect(plain(message.subject)).toContain('Hotel Zon : confirmez votre paiement');
      expect(message.text).toContain('(Mews)');
      expect(message.text).toContain('Ne payez pas une seconde fois');
      const until = new Date(new Date(status.verification!.until).getTime());
      const deadline = new Intl.DateTimeFormat('fr-FR', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/London',
      }).format(until);
      expect(plain(message.text)).toContain(plain(deadline));
    });

    it('Mews unreachable: rendering waits (a temporary error) rather than guess the time zone', async () => {
      const { link } = await createPaymentLink(ctx, linkInput(), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'bob.jansen@example.com' },
      });
      const [row] = await emailsOf(link.id);
      const offline = createTestPaymentContext(database, { mews: unreachableMews() });
      const error = await renderEmail(offline, row!).catch((e: unknown) => e);
      expect(error).toMatchObject({ temporary: true });
    });
  });

  describe('reminders, on Mews’ clock', () => {
    it('the 1-day reminder once Mews’ clock reaches it, once; none after payment or cancellation', async () => {
      const emailed = async () => {
        const created = await createPaymentLink(ctx, linkInput(), {
          via: 'staff',
          actor: system,
          sendTo: { email: 'bob.jansen@example.com' },
        });
        await markSent((await emailsOf(created.link.id))[0]!.id);
        return created;
      };
      const open = await emailed();
      const toPay = await emailed();
      const toCancel = await emailed();
      const neverSent = await createPaymentLink(ctx, linkInput(), {
        via: 'staff',
        actor: system,
        sendTo: { email: 'bob.jansen@example.com' },
      });

      // Made 3 days before expiry: no "3 days left"; the 1-day one is 2 days away.
      expect(await queueDueReminders(ctx)).toBe(0);

      await database.db
        .update(paymentLinks)
        .set({ state: 'paid', paidAt: new Date() })
        .where(eq(paymentLinks.id, toPay.link.id));
      await cancelPaymentLink(ctx, toCancel.link.id, system);

      await sandbox.control.advanceClock(2 * DAY_S + 60);
      expect(await queueDueReminders(ctx)).toBe(1);
      expect(await queueDueReminders(ctx)).toBe(0);

      const reminders = await database.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.kind, 'reminder'));
      const ours = reminders.filter((row) =>
        [open, toPay, toCancel, neverSent].some(({ link }) => link.id === row.paymentLinkId),
      );
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({
        paymentLinkId: open.link.id,
        dedupeKey: `reminder:${open.link.id}:1`,
        recipient: 'bob.jansen@example.com',
        locale: 'nl',
        linkUrl: open.url,
      });
      const message = await rendered(ours[0]!);
      expect(plain(message.subject)).toBe(
        'Hotel Zon: herinnering, je betaling van £ 125,50 staat nog open',
      );
      expect(message.text).toContain(open.url);
      expect(message.text).toContain('De link verloopt op');

      // Paid now: the queued reminder is skipped by the database, and none comes again.
      await database.db
        .update(paymentLinks)
        .set({ state: 'paid', paidAt: new Date() })
        .where(eq(paymentLinks.id, open.link.id));
      const [after] = await database.db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.id, ours[0]!.id)));
      expect(after?.state).toBe('skipped');
      expect((await findPaymentLink(database.db, neverSent.link.id))?.state).toBe('open');
    });
  });
});

describe('dueReminderDays', () => {
  const DAY = 24 * 60 * 60_000;
  const created = new Date('2027-03-01T12:00:00Z');
  const expires = new Date(created.getTime() + 10 * DAY);
  const at = (daysBeforeExpiry: number) => new Date(expires.getTime() - daysBeforeExpiry * DAY);

  it('the smallest due day, after the link was made and before it expires', () => {
    const link = { createdAt: created, expiresAt: expires };
    expect(dueReminderDays(link, [3, 1], at(5))).toBeUndefined();
    expect(dueReminderDays(link, [3, 1], at(3))).toBe(3);
    expect(dueReminderDays(link, [3, 1], at(2))).toBe(3);
    expect(dueReminderDays(link, [3, 1], at(0.5))).toBe(1);
    expect(dueReminderDays(link, [1, 3], at(0.5))).toBe(1);
    expect(dueReminderDays(link, [3, 1], at(0))).toBeUndefined();
    expect(dueReminderDays(link, [], at(0.5))).toBeUndefined();
  });

  it('no reminder whose moment lies before the link was made', () => {
    const late = { createdAt: at(2), expiresAt: expires };
    expect(dueReminderDays(late, [3], at(1.5))).toBeUndefined();
    expect(dueReminderDays(late, [3, 1], at(0.9))).toBe(1);
  });
});

function fakeRow(kind: EmailOutboxRow['kind'], linkId: string): EmailOutboxRow {
  const now = new Date();
  return {
    id: '00000000-0000-4000-8000-000000000000',
    kind,
    dedupeKey: `test:${kind}:${linkId}`,
    paymentLinkId: linkId,
    paymentAttemptId: null,
    recipient: 'guest@example.com',
    recipientRole: 'guest',
    locale: 'en',
    linkUrl: null,
    messageId: null,
    subject: null,
    html: null,
    textBody: null,
    state: 'sending',
    attempts: 1,
    nextAttemptAt: now,
    leaseHolder: null,
    leaseExpiresAt: null,
    lastError: null,
    sentAt: null,
    resendOfId: null,
    createdByStaffId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** A Mews client whose every call fails as an unreachable Mews does. */
function unreachableMews(): PaymentContext['mews'] {
  return new Proxy(
    {},
    {
      get: (_target, property) =>
        property === 'then' ? undefined : () => Promise.reject(new Error('connect ECONNREFUSED')),
    },
  ) as PaymentContext['mews'];
}
