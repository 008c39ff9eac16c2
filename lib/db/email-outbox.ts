import 'server-only';
import { and, asc, desc, eq, getTableColumns, inArray, lte, or, sql } from 'drizzle-orm';
import type { Database } from './client';
import { emailOutbox, type EmailOutboxRow, type EmailState } from './schema';

/**
 * The transactional outbox of e-mails to guests (and the hotel). Rows are written in the same
 * transaction as what causes them (by `insertOutboxEmail` or by the triggers of migration 0014) and
 * delivered by the sender (lib/payments/email/sender.ts), which takes each row under a lease of its
 * own: every state change after the claim is conditional on the caller still holding that lease, so
 * a sender whose lease ran out and was taken over cannot overwrite what its successor decided.
 */

export type NewOutboxEmail = Omit<
  typeof emailOutbox.$inferInsert,
  | 'id'
  | 'state'
  | 'attempts'
  | 'leaseHolder'
  | 'leaseExpiresAt'
  | 'lastError'
  | 'sentAt'
  | 'createdAt'
  | 'updatedAt'
>;

/** Inserts the row unless one with its dedupe key exists: `undefined` then. `db` may be a transaction. */
export async function insertOutboxEmail(
  db: Database,
  row: NewOutboxEmail,
): Promise<EmailOutboxRow | undefined> {
  const [created] = await db
    .insert(emailOutbox)
    .values(row)
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning();
  return created;
}

export async function findOutboxEmail(
  db: Database,
  id: string,
): Promise<EmailOutboxRow | undefined> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  return row;
}

export interface ClaimedEmail extends EmailOutboxRow {
  /**
   * The row was found in `sending` with its lease run out and its message already written: a sender
   * stopped between handing it to the mail server and recording the answer. It must not be sent
   * again (the guest may have it); the caller marks it `uncertain`. State and attempts are left as
   * they were.
   */
  crashedMidSend: boolean;
}

/**
 * Takes up to `limit` due rows for `holder` until `now + leaseMs`, in one statement: queued rows
 * whose time has come, and rows left in `sending` by a sender whose lease ran out. Rows another
 * sender is claiming at the same moment are skipped, not waited for (`skip locked`), so two senders
 * never take the same row. A queued row becomes `sending` with one more attempt, and gets its
 * Message-ID now if it has none (kept for every retry, so a message sent twice could be told apart
 * from two messages). A row left in `sending` before its message was written (the sender stopped
 * while rendering it) cannot have reached the mail server and is taken like a queued one.
 */
export async function claimDueEmails(
  db: Database,
  options: { holder: string; leaseMs: number; limit: number; now: Date; messageIdDomain: string },
): Promise<ClaimedEmail[]> {
  const { holder, leaseMs, limit, now, messageIdDomain } = options;
  const due = db.$with('due').as(
    db
      .select({
        dueId: sql<string>`${emailOutbox.id}`.as('due_id'),
        crashed:
          sql<boolean>`(${emailOutbox.state} = 'sending' and ${emailOutbox.subject} is not null)`.as(
            'crashed',
          ),
      })
      .from(emailOutbox)
      .where(
        or(
          and(eq(emailOutbox.state, 'queued'), lte(emailOutbox.nextAttemptAt, now)),
          and(eq(emailOutbox.state, 'sending'), lte(emailOutbox.leaseExpiresAt, now)),
        ),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  const crashed = sql<boolean>`"due"."crashed"`;
  const rows = await db
    .with(due)
    .update(emailOutbox)
    .set({
      leaseHolder: holder,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
      state: sql`case when ${crashed} then ${emailOutbox.state} else 'sending'::email_state end`,
      attempts: sql`case when ${crashed} then ${emailOutbox.attempts} else ${emailOutbox.attempts} + 1 end`,
      messageId: sql`coalesce(${emailOutbox.messageId}, '<' || gen_random_uuid()::text || '@' || ${messageIdDomain}::text || '>')`,
      updatedAt: sql`now()`,
    })
    .from(due)
    .where(sql`${emailOutbox.id} = "due"."due_id"`)
    .returning({ ...getTableColumns(emailOutbox), crashedMidSend: crashed });
  return rows.map((row) => ({ ...row, crashedMidSend: row.crashedMidSend === true }));
}

/** The condition of every move after a claim: the row is still `sending` under `holder`'s lease. */
function heldBy(id: string, holder: string) {
  return and(
    eq(emailOutbox.id, id),
    eq(emailOutbox.leaseHolder, holder),
    eq(emailOutbox.state, 'sending'),
  );
}

const leaseEnded = { leaseHolder: null, leaseExpiresAt: null, updatedAt: sql`now()` } as const;

async function moveHeld(
  db: Database,
  id: string,
  holder: string,
  set: Partial<typeof emailOutbox.$inferInsert> & { state: EmailState },
): Promise<boolean> {
  const rows = await db
    .update(emailOutbox)
    .set({ ...leaseEnded, ...set })
    .where(heldBy(id, holder))
    .returning({ id: emailOutbox.id });
  return rows.length === 1;
}

/** Stores what the sender rendered for a row that had no message yet; `false` if the lease is gone. */
export async function saveRenderedEmail(
  db: Database,
  id: string,
  holder: string,
  rendered: { subject: string; html: string; text: string },
): Promise<boolean> {
  const rows = await db
    .update(emailOutbox)
    .set({
      subject: rendered.subject,
      html: rendered.html,
      textBody: rendered.text,
      updatedAt: sql`now()`,
    })
    .where(and(heldBy(id, holder), sql`${emailOutbox.subject} is null`))
    .returning({ id: emailOutbox.id });
  return rows.length === 1;
}

export function markEmailSent(db: Database, id: string, holder: string, sentAt: Date) {
  return moveHeld(db, id, holder, { state: 'sent', sentAt, lastError: null });
}

/** Back to `queued` until `nextAttemptAt`, with the reason this attempt failed. */
export function markEmailRetry(
  db: Database,
  id: string,
  holder: string,
  retry: { nextAttemptAt: Date; lastError: string },
) {
  return moveHeld(db, id, holder, { state: 'queued', ...retry });
}

export function markEmailFailed(db: Database, id: string, holder: string, lastError: string) {
  return moveHeld(db, id, holder, { state: 'failed', lastError });
}

export function markEmailUncertain(db: Database, id: string, holder: string, lastError: string) {
  return moveHeld(db, id, holder, { state: 'uncertain', lastError });
}

/** Not sent and not to be: e.g. a reminder for a link that is no longer open. */
export function markEmailSkipped(db: Database, id: string, holder: string, reason: string) {
  return moveHeld(db, id, holder, { state: 'skipped', lastError: reason });
}

/** A link's messages, oldest first. */
export async function listOutboxEmailsForLink(
  db: Database,
  paymentLinkId: string,
): Promise<EmailOutboxRow[]> {
  return db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.paymentLinkId, paymentLinkId))
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id));
}

/** The messages of several links in one query (the links list), oldest first. */
export async function listOutboxEmailsForLinks(
  db: Database,
  paymentLinkIds: string[],
): Promise<EmailOutboxRow[]> {
  if (paymentLinkIds.length === 0) return [];
  return db
    .select()
    .from(emailOutbox)
    .where(inArray(emailOutbox.paymentLinkId, paymentLinkIds))
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id));
}

const ATTENTION_STATES: EmailState[] = ['failed', 'uncertain'];

/** Failed and uncertain rows nobody has sent again yet ("Send again" makes a row with `resend_of_id`). */
const needsAttention = and(
  inArray(emailOutbox.state, ATTENTION_STATES),
  sql`not exists (select 1 from email_outbox as resent where resent.resend_of_id = ${emailOutbox.id})`,
);

export async function countOutboxEmailsNeedingAttention(
  db: Database,
): Promise<{ failed: number; uncertain: number }> {
  const rows = await db
    .select({ state: emailOutbox.state, count: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(needsAttention)
    .groupBy(emailOutbox.state);
  const countOf = (state: EmailState) => Number(rows.find((r) => r.state === state)?.count ?? 0);
  return { failed: countOf('failed'), uncertain: countOf('uncertain') };
}

/** Newest first. */
export async function listOutboxEmailsNeedingAttention(
  db: Database,
  limit: number,
): Promise<EmailOutboxRow[]> {
  return db
    .select()
    .from(emailOutbox)
    .where(needsAttention)
    .orderBy(desc(emailOutbox.updatedAt), desc(emailOutbox.id))
    .limit(limit);
}
