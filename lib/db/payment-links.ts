import 'server-only';
import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from './client';
import { paymentLinks, type PaymentLink, type PaymentLinkState } from './schema';

export type NewPaymentLink = Omit<
  typeof paymentLinks.$inferInsert,
  'id' | 'state' | 'createdAt' | 'updatedAt' | 'paidAt' | 'canceledAt'
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
