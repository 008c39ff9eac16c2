import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { findOutboxEmail } from '@/lib/db/email-outbox';
import { createPaymentLink, transitionPaymentLink } from '@/lib/db/payment-links';
import { auditEvents, emailOutbox, type EmailOutboxRow } from '@/lib/db/schema';
import { createMailTransport, sendMessage, type MailTransport } from '@/lib/mail';
import {
  countEmailsNeedingAttention,
  enqueueEmail,
  listEmailsForLink,
  listEmailsNeedingAttention,
  resendEmail,
} from '@/lib/payments/email/outbox';
import {
  CRASHED_MID_SEND_REASON,
  deliverDueEmails,
  EMAIL_LEASE_MS,
  MAX_EMAIL_ATTEMPTS,
  nudgeEmailSender,
  startEmailSchedule,
  stopEmailSchedule,
  type DeliverOptions,
  type DeliveryResult,
} from '@/lib/payments/email/sender';
import type { EmailRenderer } from '@/lib/payments/email/types';
import type { PaymentContext } from '@/lib/server/context';
import { captureLog, createTestPaymentContext } from '../../support/payment-context';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import {
  clearSandboxMail,
  readSandboxMail,
  sandboxMailAcceptedCount,
  setSandboxMailFault,
  waitForSandboxMail,
} from '../../support/sandbox-mail';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * The outbox against a real SMTP server (the sandbox's mail catcher), on PGlite and PostgreSQL:
 * every e-mail is counted in the catcher by its Message-ID, so "sent exactly once" is what the
 * mail server saw, not what the database says.
 */

const MAIL = {
  from: 'Hotel Example <reservations@example-hotel.com>',
  messageIdDomain: 'example-hotel.com',
};
const SECRET_LINK = 'http://localhost:3999/pay/secret-link-token-that-must-never-be-logged';

/** A stand-in for lib/payments/email/render.ts: a message naming its row, with the link in it. */
const render: EmailRenderer<PaymentContext> = async (_ctx, row) => ({
  subject: `Your ${row.kind.replace('_', ' ')} (${row.id.slice(0, 8)})`,
  html: `<p>Hello, here is <a href="${SECRET_LINK}">your link</a>.</p>`,
  text: `Hello, here is your link: ${SECRET_LINK}`,
});

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe.each(testDatabaseTargets)('e-mail outbox on $label', ({ label, open }) => {
  let sandbox: TestSandbox;
  let database: TestDatabase;
  /** A second, separate connection pool on PostgreSQL (another "instance"); the same PGlite otherwise. */
  let other: DatabaseHandle | undefined;
  let ctx: PaymentContext;
  let otherCtx: PaymentContext;
  let transport: MailTransport;
  const logs = captureLog();

  beforeAll(async () => {
    sandbox = await startTestSandbox({ smtp: true, dataDir: null });
    database = await open();
    ctx = createTestPaymentContext(database, { log: logs.log });
    if ('url' in database && typeof database.url === 'string') {
      other = await openDatabase({ databaseUrl: database.url });
      otherCtx = createTestPaymentContext(other, { log: logs.log });
    } else {
      otherCtx = ctx;
    }
    transport = createMailTransport({ smtpUrl: sandbox.smtpUrl });
  });

  afterAll(async () => {
    await other?.close();
    await database?.close();
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await setSandboxMailFault(sandbox.url, 'none');
    await clearSandboxMail(sandbox.url);
    // Each case starts from an empty outbox, so a pass only finds that case's rows.
    await ctx.db.execute(sql`delete from email_outbox`);
  });

  function deliver(
    holder: string,
    now: Date,
    options: Partial<DeliverOptions> & { on?: PaymentContext } = {},
  ): Promise<DeliveryResult> {
    const { on = ctx, ...rest } = options;
    return deliverDueEmails(on, { holder, transport, mail: MAIL, render, now, ...rest });
  }

  async function queue(count: number, prefix: string): Promise<EmailOutboxRow[]> {
    const rows: EmailOutboxRow[] = [];
    for (let i = 0; i < count; i++) {
      const row = await enqueueEmail(ctx.db, {
        kind: 'receipt',
        dedupeKey: `test:${randomUUID()}`,
        recipient: `${prefix}-${i}@example.com`,
        locale: 'en',
      });
      rows.push(row!);
    }
    return rows;
  }

  async function reload(rows: EmailOutboxRow[]): Promise<EmailOutboxRow[]> {
    return Promise.all(rows.map(async (row) => (await findOutboxEmail(ctx.db, row.id))!));
  }

  /** How many times the catcher accepted each row's message, by Message-ID. */
  async function acceptedCounts(rows: EmailOutboxRow[]): Promise<number[]> {
    const fresh = await reload(rows);
    return Promise.all(
      fresh.map((row) =>
        row.messageId ? sandboxMailAcceptedCount(sandbox.url, row.messageId) : 0,
      ),
    );
  }

  it(`(a) two senders${label === 'PostgreSQL' ? ' on two connection pools' : ''}, interleaved: each of 30 e-mails is sent exactly once`, async () => {
    const rows = await queue(30, 'two-senders');
    const now = new Date(Date.now() + SECOND);
    const totals = { a: 0, b: 0 };
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([
        deliver('instance-a', now, { batch: 4 }),
        deliver('instance-b', now, { batch: 4, on: otherCtx }),
      ]);
      totals.a += a.sent;
      totals.b += b.sent;
      expect(a.retried + a.failed + a.uncertain + b.retried + b.failed + b.uncertain).toBe(0);
      if (a.sent + b.sent === 0) break;
    }
    expect(totals.a + totals.b).toBe(30);
    expect(totals.a).toBeGreaterThan(0);
    expect(totals.b).toBeGreaterThan(0);
    const fresh = await reload(rows);
    expect(fresh.map((row) => row.state)).toEqual(Array(30).fill('sent'));
    expect(fresh.map((row) => row.attempts)).toEqual(Array(30).fill(1));
    expect(new Set(fresh.map((row) => row.messageId)).size).toBe(30);
    expect(fresh.every((row) => /^<[0-9a-f-]{36}@example-hotel\.com>$/.test(row.messageId!))).toBe(
      true,
    );
    expect(await acceptedCounts(rows)).toEqual(Array(30).fill(1));
    const caught = (await readSandboxMail(sandbox.url)).filter((m) =>
      m.to[0]?.startsWith('two-senders-'),
    );
    expect(caught).toHaveLength(30);
    expect(new Set(caught.map((m) => m.messageId))).toEqual(new Set(fresh.map((r) => r.messageId)));
    // The sandbox received what was rendered, with the From of the settings.
    expect(caught[0]!.from).toContain('reservations@example-hotel.com');
    console.info(
      `[${label}] (a) sender A sent ${totals.a}, sender B sent ${totals.b}; catcher: ${caught.length} messages, each Message-ID accepted once`,
    );
  });

  it('(b) SMTP down, then refusing for now, then back: retried with backoff, each delivered once', async () => {
    const rows = await queue(5, 'down-then-back');
    const t0 = new Date(Date.now() + SECOND);

    await setSandboxMailFault(sandbox.url, 'down');
    expect(await deliver('instance-a', t0)).toMatchObject({ retried: 5, sent: 0 });
    let fresh = await reload(rows);
    for (const row of fresh) {
      expect(row).toMatchObject({ state: 'queued', attempts: 1, leaseHolder: null });
      expect(row.lastError).toMatch(/could not be reached \(connection refused\)/);
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 30 * SECOND);
    }
    // Not due yet: nothing is tried before the backoff has passed, even with the server back.
    await setSandboxMailFault(sandbox.url, 'tempfail');
    expect(await deliver('instance-a', new Date(t0.getTime() + 29 * SECOND))).toMatchObject({
      retried: 0,
      sent: 0,
    });

    const t1 = new Date(t0.getTime() + 31 * SECOND);
    expect(await deliver('instance-b', t1)).toMatchObject({ retried: 5 });
    fresh = await reload(rows);
    for (const row of fresh) {
      expect(row).toMatchObject({ state: 'queued', attempts: 2 });
      expect(row.lastError).toMatch(/refused the e-mail for now.*451/);
      expect(row.nextAttemptAt.getTime()).toBe(t1.getTime() + 2 * MINUTE);
    }

    await setSandboxMailFault(sandbox.url, 'none');
    expect(await deliver('instance-a', new Date(t1.getTime() + 2 * MINUTE))).toMatchObject({
      sent: 5,
    });
    fresh = await reload(rows);
    expect(fresh.map((row) => [row.state, row.attempts])).toEqual(Array(5).fill(['sent', 3]));
    expect(fresh.every((row) => row.lastError === null)).toBe(true);
    // One Message-ID through all three attempts, accepted once.
    expect(await acceptedCounts(rows)).toEqual(Array(5).fill(1));
    console.info(
      `[${label}] (b) 5 e-mails: attempt 1 refused connection, attempt 2 got 451, attempt 3 sent; each accepted once (attempts recorded: 3)`,
    );
  });

  it('(c) a sender that stops after the mail server accepted: the next one marks it uncertain and does not resend', async () => {
    const [row] = await queue(1, 'crash-after-accept');
    const t0 = new Date(Date.now() + SECOND);
    // Sender A hands the message to the server, then "dies": it never records the answer.
    let handedOver!: () => void;
    const accepted = new Promise<void>((resolve) => (handedOver = resolve));
    const dying: typeof sendMessage = async (...args) => {
      await sendMessage(...args);
      handedOver();
      return new Promise(() => undefined);
    };
    void deliver('instance-a', t0, { send: dying });
    await accepted;
    expect((await findOutboxEmail(ctx.db, row!.id))!.state).toBe('sending');

    // While A's lease lasts, nobody touches the row.
    expect(
      await deliver('instance-b', new Date(t0.getTime() + EMAIL_LEASE_MS - SECOND)),
    ).toMatchObject({
      sent: 0,
      uncertain: 0,
    });
    // After it, B finds it mid-send: uncertain, not sent again.
    const later = new Date(t0.getTime() + EMAIL_LEASE_MS + SECOND);
    expect(await deliver('instance-b', later)).toMatchObject({ uncertain: 1, sent: 0 });
    const fresh = (await findOutboxEmail(ctx.db, row!.id))!;
    expect(fresh).toMatchObject({
      state: 'uncertain',
      attempts: 1,
      lastError: CRASHED_MID_SEND_REASON,
    });
    expect(await deliver('instance-b', new Date(later.getTime() + 3 * 60 * MINUTE))).toMatchObject({
      sent: 0,
    });
    expect(await acceptedCounts([row!])).toEqual([1]);

    // Staff see it, and "Send again" sends the stored message as a new one, once.
    expect(await countEmailsNeedingAttention(ctx)).toEqual({ failed: 0, uncertain: 1 });
    expect((await listEmailsNeedingAttention(ctx, 10)).map((e) => e.id)).toEqual([row!.id]);
    const again = await resendEmail(ctx, row!.id, { actor: { type: 'system' } });
    expect(again).toMatchObject({ resendOfId: row!.id, subject: fresh.subject, state: 'queued' });
    expect(await countEmailsNeedingAttention(ctx)).toEqual({ failed: 0, uncertain: 0 });
    expect(await deliver('instance-b', later)).toMatchObject({ sent: 1 });
    const resent = (await findOutboxEmail(ctx.db, again.id))!;
    expect(resent.messageId).not.toBe(fresh.messageId);
    expect(await acceptedCounts([row!, resent])).toEqual([1, 1]);
    const resentEvents = await ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'email.resent'));
    expect(resentEvents.map((event) => [event.subjectId, event.details?.resendOf])).toContainEqual([
      again.id,
      row!.id,
    ]);
    console.info(
      `[${label}] (c) crash after accept: state uncertain, catcher count 1; after "Send again": original 1, resend 1`,
    );
  });

  it('(c′) a sender that stops before writing the message: the row is sent once by the next one', async () => {
    const [row] = await queue(1, 'crash-before-render');
    const t0 = new Date(Date.now() + SECOND);
    let started!: () => void;
    const rendering = new Promise<void>((resolve) => (started = resolve));
    void deliver('instance-a', t0, {
      render: () => {
        started();
        return new Promise(() => undefined);
      },
    });
    await rendering;
    expect(
      await deliver('instance-b', new Date(t0.getTime() + EMAIL_LEASE_MS + SECOND)),
    ).toMatchObject({
      sent: 1,
      uncertain: 0,
    });
    expect((await findOutboxEmail(ctx.db, row!.id))!).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await acceptedCounts([row!])).toEqual([1]);
  });

  it('(d) a permanent refusal (550) fails the e-mail at once, and it is not tried again', async () => {
    const [row] = await queue(1, 'refused');
    const t0 = new Date(Date.now() + SECOND);
    await setSandboxMailFault(sandbox.url, 'refuse');
    expect(await deliver('instance-a', t0)).toMatchObject({ failed: 1, retried: 0 });
    const fresh = (await findOutboxEmail(ctx.db, row!.id))!;
    expect(fresh).toMatchObject({ state: 'failed', attempts: 1 });
    expect(fresh.lastError).toMatch(/refused the e-mail \(the server said: 550/);
    await setSandboxMailFault(sandbox.url, 'none');
    expect(await deliver('instance-a', new Date(t0.getTime() + 24 * 60 * MINUTE))).toMatchObject({
      sent: 0,
      failed: 0,
    });
    expect(await acceptedCounts([row!])).toEqual([0]);
    expect(await countEmailsNeedingAttention(ctx)).toEqual({ failed: 1, uncertain: 0 });
    console.info(`[${label}] (d) 550: failed after 1 attempt, catcher count 0`);
  });

  it(`(e) an e-mail that keeps failing for now is given up after ${MAX_EMAIL_ATTEMPTS} attempts, with the reason`, async () => {
    const [row] = await queue(1, 'given-up');
    await setSandboxMailFault(sandbox.url, 'tempfail');
    let now = new Date(Date.now() + SECOND);
    const outcomes: string[] = [];
    for (let pass = 0; pass < 20; pass++) {
      const result = await deliver('instance-a', now);
      const fresh = (await findOutboxEmail(ctx.db, row!.id))!;
      if (result.retried) outcomes.push('retried');
      if (fresh.state !== 'queued') {
        outcomes.push(fresh.state);
        break;
      }
      now = new Date(fresh.nextAttemptAt.getTime() + SECOND);
    }
    expect(outcomes).toEqual([...Array(MAX_EMAIL_ATTEMPTS - 1).fill('retried'), 'failed']);
    const fresh = (await findOutboxEmail(ctx.db, row!.id))!;
    expect(fresh).toMatchObject({ state: 'failed', attempts: MAX_EMAIL_ATTEMPTS });
    expect(fresh.lastError).toMatch(
      new RegExp(
        `^Gave up after ${MAX_EMAIL_ATTEMPTS} attempts\\. Last: The mail server refused the e-mail for now`,
      ),
    );
    expect(await acceptedCounts([row!])).toEqual([0]);
    console.info(
      `[${label}] (e) given up after ${fresh.attempts} attempts over ${Math.round((now.getTime() - fresh.createdAt.getTime()) / MINUTE)} min; catcher count 0`,
    );
  });

  it('(f) a link marked paid queues exactly one receipt per address in the same transaction, and never two', async () => {
    await ctx.db.execute(
      sql`insert into property_profile (id, receipt_copy_email) values (1, 'frontdesk@example-hotel.com')
          on conflict (id) do update set receipt_copy_email = excluded.receipt_copy_email`,
    );
    try {
      const link = await createPaymentLink(ctx.db, {
        tokenHash: randomUUID(),
        mewsCustomerId: '35d4b117-4e60-44a3-9580-c582117eff98',
        amountMinor: 12_550,
        currency: 'EUR',
        description: 'Deposit for 2 nights',
        expiresAt: new Date(Date.now() + 86_400_000),
        createdVia: 'cli',
        guestEmail: 'alice.smith@example.com',
        guestLocale: 'nl',
      });
      const unrelated = await createPaymentLink(ctx.db, {
        tokenHash: randomUUID(),
        mewsCustomerId: '35d4b117-4e60-44a3-9580-c582117eff98',
        amountMinor: 100,
        currency: 'EUR',
        description: 'No e-mail address',
        expiresAt: new Date(Date.now() + 86_400_000),
        createdVia: 'cli',
      });
      expect(await transitionPaymentLink(ctx.db, link.id, ['open'], 'paid')).toBeDefined();
      // Applied again: refused by the link's own rule, and a forced second change to paid is no
      // second receipt either.
      expect(await transitionPaymentLink(ctx.db, link.id, ['open'], 'paid')).toBeUndefined();
      await ctx.db.execute(
        sql`update payment_links set state = 'processing' where id = ${link.id}`,
      );
      await ctx.db.execute(sql`update payment_links set state = 'paid' where id = ${link.id}`);
      await transitionPaymentLink(ctx.db, unrelated.id, ['open'], 'paid');

      const rows = await ctx.db.select().from(emailOutbox);
      expect(
        rows.map((r) => [r.dedupeKey, r.recipient, r.recipientRole, r.locale, r.state]).sort(),
      ).toEqual(
        [
          [`receipt:${link.id}:guest`, 'alice.smith@example.com', 'guest', 'nl', 'queued'],
          [`receipt:${link.id}:hotel`, 'frontdesk@example-hotel.com', 'hotel', 'en', 'queued'],
          [`receipt:${unrelated.id}:hotel`, 'frontdesk@example-hotel.com', 'hotel', 'en', 'queued'],
        ].sort(),
      );
      expect(rows.every((r) => r.subject === null && r.messageId === null)).toBe(true);

      expect(await deliver('instance-a', new Date(Date.now() + SECOND))).toMatchObject({ sent: 3 });
      const emails = await listEmailsForLink(ctx, link.id);
      expect(emails.map((e) => [e.kind, e.recipientRole, e.state, e.resendable]).sort()).toEqual([
        ['receipt', 'guest', 'sent', true],
        ['receipt', 'hotel', 'sent', true],
      ]);
      expect(await acceptedCounts(rows)).toEqual([1, 1, 1]);
      const toGuest = await readSandboxMail(sandbox.url, { to: 'alice.smith@example.com' });
      expect(toGuest).toHaveLength(1);
      console.info(
        `[${label}] (f) paid twice over: ${rows.length} receipt rows (guest + hotel copy, + hotel copy of a link without address); each accepted once`,
      );
    } finally {
      await ctx.db.execute(sql`update property_profile set receipt_copy_email = null where id = 1`);
    }
  });

  it('an e-mail the renderer declines is skipped with its reason, and a renderer failure retried', async () => {
    const [declined, failing] = await queue(2, 'render-outcomes');
    const now = new Date(Date.now() + SECOND);
    const result = await deliver('instance-a', now, {
      render: async (_ctx, row) => {
        if (row.id === declined!.id) return { skip: 'The link is paid, not open' };
        throw new Error('Mews configuration unavailable');
      },
    });
    expect(result).toMatchObject({ skipped: 1, retried: 1, sent: 0 });
    expect(await findOutboxEmail(ctx.db, declined!.id)).toMatchObject({
      state: 'skipped',
      lastError: 'The link is paid, not open',
    });
    expect(await findOutboxEmail(ctx.db, failing!.id)).toMatchObject({
      state: 'queued',
      attempts: 1,
      subject: null,
      lastError: 'The e-mail could not be written yet',
    });
    expect(await acceptedCounts([declined!, failing!])).toEqual([0, 0]);
  });

  it('with the app’s own renderer, a receipt queued by the trigger arrives in the guest’s language', async () => {
    const link = await createPaymentLink(ctx.db, {
      tokenHash: randomUUID(),
      mewsCustomerId: '35d4b117-4e60-44a3-9580-c582117eff98',
      amountMinor: 12_550,
      currency: 'EUR',
      description: 'Deposit for 2 nights',
      expiresAt: new Date(Date.now() + 86_400_000),
      createdVia: 'cli',
      guestEmail: 'own-renderer@example.com',
      guestLocale: 'nl',
    });
    await transitionPaymentLink(ctx.db, link.id, ['open'], 'paid');
    const withMews = createTestPaymentContext(database, { sandbox, log: logs.log });
    const result = await deliverDueEmails(withMews, {
      holder: 'instance-a',
      transport,
      mail: MAIL,
      now: new Date(Date.now() + SECOND),
    });
    expect(result).toMatchObject({ sent: 1 });
    const [mail] = await readSandboxMail(sandbox.url, { to: 'own-renderer@example.com' });
    expect(mail).toBeDefined();
    expect(mail!.subject).toMatch(/betaalbewijs voor je betaling van €\s?125,50/);
    expect(mail!.text).toBeTruthy();
    const [row] = await listEmailsForLink(ctx, link.id);
    expect(row).toMatchObject({ kind: 'receipt', state: 'sent', resendable: true });
  });

  it('the schedule sends a queued e-mail within a second of a nudge', async () => {
    const [row] = await queue(1, 'nudged');
    // A tick far away: only the nudge can send it in time.
    startEmailSchedule(async () => ctx, 60 * MINUTE, { transport, mail: MAIL, render });
    try {
      nudgeEmailSender();
      const mail = await waitForSandboxMail(
        sandbox.url,
        (m) => m.to.includes('nudged-0@example.com'),
        5_000,
      );
      expect(mail.messageId).toBe((await findOutboxEmail(ctx.db, row!.id))!.messageId);
      await expect.poll(async () => (await findOutboxEmail(ctx.db, row!.id))!.state).toBe('sent');
    } finally {
      stopEmailSchedule();
    }
  });

  it('never logs a message body or the link in it', () => {
    const logged = JSON.stringify(logs.entries);
    expect(logs.entries.length).toBeGreaterThan(0);
    expect(logged).not.toContain('secret-link-token');
    expect(logged).not.toContain('Hello, here is');
  });
});
