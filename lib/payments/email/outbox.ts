import 'server-only';
import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '@/lib/db/audit-log';
import {
  countOutboxEmailsNeedingAttention,
  findOutboxEmail,
  insertOutboxEmail,
  listOutboxEmailsForLink,
  listOutboxEmailsForLinks,
  listOutboxEmailsNeedingAttention,
  type NewOutboxEmail,
} from '@/lib/db/email-outbox';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { Database } from '@/lib/db';
import type { EmailOutboxRow } from '@/lib/db/schema';
import { auditEventOf, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { nudgeEmailSender } from './sender';
import { isResendable, toEmailSummary, type EmailSummary } from './types';

export type { NewOutboxEmail } from '@/lib/db/email-outbox';
export type { EmailSummary } from './types';

/**
 * The outbox as the rest of the app uses it: queue an e-mail with what causes it, repeat a stored
 * one ("Send again"), and read delivery states for staff. Delivery itself is sender.ts.
 */

/**
 * Queues one e-mail. Call it inside the transaction of what causes it (`db` may be a transaction),
 * so the e-mail exists exactly when that change does; `undefined` when a row with the same
 * `dedupeKey` exists already. Call `nudgeEmailSender()` after the transaction has committed for it
 * to go out within a second rather than at the next tick.
 */
export function enqueueEmail(
  db: Database,
  row: NewOutboxEmail,
): Promise<EmailOutboxRow | undefined> {
  return insertOutboxEmail(db, row);
}

export class EmailNotResendableError extends Error {
  override name = 'EmailNotResendableError';
}

/**
 * "Send again": a new row with the stored message of `emailId` (subject, body, link URL; a new
 * Message-ID: it is a new message), to `recipient` or the same address, audited as `email.resent`
 * in the same transaction. Refused for a message never rendered (there is nothing stored to send),
 * one still on its way, and a link e-mail or reminder whose link can no longer be paid.
 */
export async function resendEmail(
  ctx: PaymentContext,
  emailId: string,
  options: { recipient?: string; actor: AuditActor },
): Promise<EmailOutboxRow> {
  const original = await findOutboxEmail(ctx.db, emailId);
  if (!original) throw new EmailNotResendableError('This e-mail does not exist');
  if (original.subject === null) {
    throw new EmailNotResendableError(
      'This e-mail was never written, so there is nothing to send again',
    );
  }
  if (!isResendable(original)) {
    throw new EmailNotResendableError('This e-mail is still on its way');
  }
  if (
    (original.kind === 'payment_link' || original.kind === 'reminder') &&
    original.paymentLinkId
  ) {
    const link = await findPaymentLink(ctx.db, original.paymentLinkId);
    if (!link || link.state !== 'open' || link.expiresAt.getTime() <= ctx.now().getTime()) {
      throw new EmailNotResendableError('The link can no longer be paid, so it is not sent again');
    }
  }
  const recipient = options.recipient?.trim() || original.recipient;
  const created = await ctx.db.transaction(async (tx) => {
    const row = await insertOutboxEmail(tx as unknown as Database, {
      kind: original.kind,
      dedupeKey: `resend:${randomUUID()}`,
      paymentLinkId: original.paymentLinkId,
      paymentAttemptId: original.paymentAttemptId,
      recipient,
      recipientRole: original.recipientRole,
      locale: original.locale,
      linkUrl: original.linkUrl,
      subject: original.subject,
      html: original.html,
      textBody: original.textBody,
      resendOfId: original.id,
      createdByStaffId: options.actor.type === 'staff' ? options.actor.staffId : null,
    });
    if (!row) throw new Error('A resent e-mail collided with an existing dedupe key');
    await appendAuditEvent(
      tx as unknown as Database,
      auditEventOf(options.actor, {
        action: 'email.resent',
        outcome: 'success',
        subjectType: 'email',
        subjectId: row.id,
        details: {
          resendOf: original.id,
          kind: original.kind,
          paymentLinkId: original.paymentLinkId,
          recipientChanged: recipient !== original.recipient,
        },
      }),
    );
    return row;
  });
  nudgeEmailSender();
  return created;
}

/** A link's e-mails, oldest first. */
export async function listEmailsForLink(
  ctx: Pick<PaymentContext, 'db'>,
  linkId: string,
): Promise<EmailSummary[]> {
  return (await listOutboxEmailsForLink(ctx.db, linkId)).map(toEmailSummary);
}

/** The messages of several links, by link id, oldest first: one query for a whole list. */
export async function listEmailsForLinks(
  ctx: Pick<PaymentContext, 'db'>,
  linkIds: string[],
): Promise<Map<string, EmailSummary[]>> {
  const byLink = new Map<string, EmailSummary[]>(linkIds.map((id) => [id, []]));
  for (const row of await listOutboxEmailsForLinks(ctx.db, linkIds)) {
    if (row.paymentLinkId) byLink.get(row.paymentLinkId)?.push(toEmailSummary(row));
  }
  return byLink;
}

/** Failed and uncertain e-mails nobody has sent again, for the managers' dashboard. */
export function countEmailsNeedingAttention(
  ctx: Pick<PaymentContext, 'db'>,
): Promise<{ failed: number; uncertain: number }> {
  return countOutboxEmailsNeedingAttention(ctx.db);
}

/** The same e-mails, newest first. */
export async function listEmailsNeedingAttention(
  ctx: Pick<PaymentContext, 'db'>,
  limit = 20,
): Promise<EmailSummary[]> {
  return (await listOutboxEmailsNeedingAttention(ctx.db, limit)).map(toEmailSummary);
}
