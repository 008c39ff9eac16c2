import 'server-only';
import {
  and,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Database } from './client';
import {
  emailOutbox,
  mewsCustomers,
  paymentLinks,
  type PaymentLink,
  type PaymentLinkState,
} from './schema';

export type NewPaymentLink = Omit<
  typeof paymentLinks.$inferInsert,
  | 'id'
  | 'state'
  | 'createdAt'
  | 'updatedAt'
  | 'paidAt'
  | 'canceledAt'
  | 'canceledReason'
  | 'canceledByStaffId'
>;

/** `db` may be a transaction (the link and its e-mail are written together). */
export async function createPaymentLink(db: Database, input: NewPaymentLink): Promise<PaymentLink> {
  const [row] = await db.insert(paymentLinks).values(input).returning();
  if (!row) throw new Error('Payment link insert returned nothing');
  return row;
}

export async function findPaymentLinkByTokenHash(
  db: Database,
  tokenHash: string,
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function findPaymentLink(db: Database, id: string): Promise<PaymentLink | undefined> {
  const [row] = await db.select().from(paymentLinks).where(eq(paymentLinks.id, id)).limit(1);
  return row;
}

/** The column changes of a link moving to `to`, with the moments that go with it. */
export function linkStateChange(to: PaymentLinkState) {
  return {
    state: to,
    updatedAt: sql`now()`,
    ...(to === 'paid' ? { paidAt: sql`now()` } : {}),
    ...(to === 'canceled' ? { canceledAt: sql`now()` } : {}),
  };
}

/**
 * Moves a link from one of `from` to `to`. Returns `undefined` when the link was in another state,
 * so a paid link can never be reopened or canceled by a late caller.
 */
export async function transitionPaymentLink(
  db: Database,
  id: string,
  from: readonly PaymentLinkState[],
  to: PaymentLinkState,
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set(linkStateChange(to))
    .where(and(eq(paymentLinks.id, id), inArray(paymentLinks.state, [...from])))
    .returning();
  return row;
}

export async function listPaymentLinksForCustomer(
  db: Database,
  mewsCustomerId: string,
  limit = 50,
): Promise<PaymentLink[]> {
  return db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.mewsCustomerId, mewsCustomerId))
    .orderBy(desc(paymentLinks.createdAt))
    .limit(limit);
}

/** Where the guest's e-mails about a link go (reminders, the receipt), and in which language. */
export async function setPaymentLinkGuestEmail(
  db: Database,
  id: string,
  guest: { email: string; locale: string },
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set({ guestEmail: guest.email, guestLocale: guest.locale, updatedAt: sql`now()` })
    .where(eq(paymentLinks.id, id))
    .returning();
  return row;
}

/**
 * Gives a link a new token (its old URL stops working) and the guest's address, only while it is
 * open, unexpired at `now` and has no payment in flight: a guest who is paying keeps their page.
 * `undefined` when the link was in any other condition. `db` may be a transaction.
 */
export async function rotatePaymentLinkToken(
  db: Database,
  id: string,
  change: { tokenHash: string; guestEmail: string; guestLocale: string; now: Date },
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set({
      tokenHash: change.tokenHash,
      guestEmail: change.guestEmail,
      guestLocale: change.guestLocale,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(paymentLinks.id, id),
        eq(paymentLinks.state, 'open'),
        gt(paymentLinks.expiresAt, change.now),
        sql`not exists (select 1 from payment_attempts a where a.payment_link_id = ${paymentLinks.id}
              and a.state not in ('succeeded', 'failed', 'canceled'))`,
      ),
    )
    .returning();
  return row;
}

/** An open link with the URL of its latest link e-mail, which the guest has been sent. */
export interface EmailedOpenLink {
  link: PaymentLink;
  /** The URL in that e-mail: the link's current one (a new token is always e-mailed at once). */
  linkUrl: string;
}

/**
 * Open links, unexpired at `now`, whose latest `payment_link` e-mail reached the mail server
 * (`sent`, or `uncertain`: most likely delivered): the links a reminder may be due for.
 */
export async function listEmailedOpenLinks(db: Database, now: Date): Promise<EmailedOpenLink[]> {
  const latest = sql<string | null>`(
    select e.link_url from email_outbox e
     where e.payment_link_id = payment_links.id and e.kind = 'payment_link' and e.link_url is not null
       and e.state in ('queued', 'sending', 'sent', 'uncertain')
     order by e.created_at desc, e.id desc limit 1)`;
  const latestState = sql<string | null>`(
    select e.state::text from email_outbox e
     where e.payment_link_id = payment_links.id and e.kind = 'payment_link' and e.link_url is not null
       and e.state in ('queued', 'sending', 'sent', 'uncertain')
     order by e.created_at desc, e.id desc limit 1)`;
  const rows = await db
    .select({ link: paymentLinks, linkUrl: latest, state: latestState })
    .from(paymentLinks)
    .where(
      and(
        eq(paymentLinks.state, 'open'),
        gt(paymentLinks.expiresAt, now),
        isNotNull(paymentLinks.guestEmail),
      ),
    );
  return rows
    .filter((row) => row.linkUrl && (row.state === 'sent' || row.state === 'uncertain'))
    .map((row) => ({ link: row.link, linkUrl: row.linkUrl as string }));
}

/**
 * The links of a reservation and purpose that collect (or collected) the same money: paid ones,
 * and open or processing ones that can still be paid at `now`. Newest first.
 */
export async function listSiblingLinks(
  db: Database,
  reservationId: string,
  purpose: PaymentLink['purpose'],
  now: Date,
): Promise<PaymentLink[]> {
  return db
    .select()
    .from(paymentLinks)
    .where(
      and(
        eq(paymentLinks.mewsReservationId, reservationId),
        eq(paymentLinks.purpose, purpose),
        or(
          eq(paymentLinks.state, 'paid'),
          eq(paymentLinks.state, 'processing'),
          and(eq(paymentLinks.state, 'open'), gt(paymentLinks.expiresAt, now)),
        ),
      ),
    )
    .orderBy(desc(paymentLinks.createdAt));
}

/** Why and by whom a link is canceled; `at` is the app's clock (the undo minute counts from it). */
export interface LinkCancellation {
  reason: 'staff' | 'api';
  staffId: string | null;
  at: Date;
}

/**
 * Cancels an open (or expired) link, with its reason. `undefined` when the link was in any other
 * state. `db` may be a transaction.
 */
export async function cancelLink(
  db: Database,
  id: string,
  cancellation: LinkCancellation,
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set({
      state: 'canceled',
      canceledAt: cancellation.at,
      canceledReason: cancellation.reason,
      canceledByStaffId: cancellation.staffId,
      updatedAt: sql`now()`,
    })
    .where(and(eq(paymentLinks.id, id), inArray(paymentLinks.state, ['open', 'expired'])))
    .returning();
  return row;
}

/**
 * Holds back the guest's "link canceled" e-mail (queued by the link trigger) until `until`, so an
 * undo within that time keeps it from going out.
 */
export async function delayLinkCanceledEmail(db: Database, linkId: string, until: Date) {
  await db
    .update(emailOutbox)
    .set({ nextAttemptAt: until, updatedAt: sql`now()` })
    .where(
      and(
        eq(emailOutbox.paymentLinkId, linkId),
        eq(emailOutbox.kind, 'link_canceled'),
        eq(emailOutbox.state, 'queued'),
      ),
    );
}

/** The link, locked for the rest of the transaction `db`. */
export async function lockPaymentLink(db: Database, id: string): Promise<PaymentLink | undefined> {
  const [row] = await db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.id, id))
    .for('update')
    .limit(1);
  return row;
}

/**
 * Undoes a staff cancel: the link is open again, and its not yet sent "link canceled" e-mail is
 * skipped (its dedupe key freed, so a later cancel tells the guest again). Returns the reopened
 * link and whether a notice had already left (then nothing is changed: `undefined`).
 */
export async function reopenCanceledLink(
  db: Database,
  id: string,
): Promise<{ link: PaymentLink | undefined; noticeGone: boolean }> {
  const notices = await db
    .select({ id: emailOutbox.id, state: emailOutbox.state })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.paymentLinkId, id),
        eq(emailOutbox.kind, 'link_canceled'),
        ne(emailOutbox.state, 'skipped'),
      ),
    );
  if (notices.some((notice) => notice.state !== 'queued'))
    return { link: undefined, noticeGone: true };
  await db
    .update(emailOutbox)
    .set({
      state: 'skipped',
      lastError: 'The cancel was undone within a minute; not sent',
      dedupeKey: sql`${emailOutbox.dedupeKey} || ':undone:' || ${emailOutbox.id}`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(emailOutbox.paymentLinkId, id),
        eq(emailOutbox.kind, 'link_canceled'),
        eq(emailOutbox.state, 'queued'),
      ),
    );
  const [row] = await db
    .update(paymentLinks)
    .set({
      state: 'open',
      canceledAt: null,
      canceledReason: null,
      canceledByStaffId: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(paymentLinks.id, id), eq(paymentLinks.state, 'canceled')))
    .returning();
  return { link: row, noticeGone: false };
}

/**
 * A new token for an open link nobody is paying and nobody was e-mailed (its old URL stops
 * working). `undefined` in any other condition. `db` may be a transaction.
 */
export async function replacePaymentLinkToken(
  db: Database,
  id: string,
  change: { tokenHash: string; now: Date },
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set({ tokenHash: change.tokenHash, updatedAt: sql`now()` })
    .where(
      and(
        eq(paymentLinks.id, id),
        eq(paymentLinks.state, 'open'),
        gt(paymentLinks.expiresAt, change.now),
        sql`not exists (select 1 from payment_attempts a where a.payment_link_id = ${paymentLinks.id}
              and a.state not in ('succeeded', 'failed', 'canceled'))`,
        sql`not exists (select 1 from email_outbox e where e.payment_link_id = ${paymentLinks.id}
              and e.kind = 'payment_link' and e.link_url is not null)`,
      ),
    )
    .returning();
  return row;
}

/** The URL in the latest link e-mail of a link: the URL the guest holds, if they were e-mailed. */
export async function latestEmailedLinkUrl(db: Database, id: string): Promise<string | null> {
  const [row] = await db
    .select({ url: emailOutbox.linkUrl })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.paymentLinkId, id),
        eq(emailOutbox.kind, 'payment_link'),
        isNotNull(emailOutbox.linkUrl),
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(1);
  return row?.url ?? null;
}

export type LinkStatusFilter = PaymentLinkState;

export interface StaffLinkFilter {
  customerId?: string;
  linkId?: string;
  /** Guest name, reservation number, description or the guest's e-mail, in part. */
  q?: string;
  /** `open` means payable now; `expired` includes open links past their end. */
  status?: LinkStatusFilter;
  now: Date;
  limit?: number;
}

/** A link with the names staff read it by: the guest (our Mews cache, else the link's copy), its creator. */
export interface StaffLinkListRow {
  link: PaymentLink;
  cachedGuestName: string | null;
  createdByName: string | null;
  canceledByName: string | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Links for the back office, newest first, searchable by guest, reservation and description. */
export async function listLinksForStaff(
  db: Database,
  filter: StaffLinkFilter,
): Promise<StaffLinkListRow[]> {
  const creator = sql`(select s.name from staff_users s where s.id = ${paymentLinks.createdByStaffId})`;
  const canceler = sql`(select s.name from staff_users s where s.id = ${paymentLinks.canceledByStaffId})`;
  const conditions: (SQL | undefined)[] = [
    filter.customerId ? eq(paymentLinks.mewsCustomerId, filter.customerId) : undefined,
    filter.linkId ? eq(paymentLinks.id, filter.linkId) : undefined,
  ];
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      or(
        ilike(mewsCustomers.fullName, pattern),
        ilike(paymentLinks.guestName, pattern),
        ilike(paymentLinks.reservationNumber, pattern),
        ilike(paymentLinks.description, pattern),
        ilike(paymentLinks.guestEmail, pattern),
      ),
    );
  }
  switch (filter.status) {
    case undefined:
      break;
    case 'open':
      conditions.push(eq(paymentLinks.state, 'open'), gt(paymentLinks.expiresAt, filter.now));
      break;
    case 'expired':
      conditions.push(
        or(
          eq(paymentLinks.state, 'expired'),
          and(eq(paymentLinks.state, 'open'), lte(paymentLinks.expiresAt, filter.now)),
        ),
      );
      break;
    default:
      conditions.push(eq(paymentLinks.state, filter.status));
  }
  const rows = await db
    .select({
      link: paymentLinks,
      cachedGuestName: mewsCustomers.fullName,
      createdByName: sql<string | null>`${creator}`,
      canceledByName: sql<string | null>`${canceler}`,
    })
    .from(paymentLinks)
    .leftJoin(mewsCustomers, eq(mewsCustomers.id, paymentLinks.mewsCustomerId))
    .where(and(...conditions))
    .orderBy(desc(paymentLinks.createdAt))
    .limit(filter.limit ?? 100);
  return rows;
}
