import type { EmailKind, EmailOutboxRow, EmailState } from '@/lib/db/schema';

export type { EmailKind, EmailOutboxRow, EmailState } from '@/lib/db/schema';

/**
 * One e-mail of the outbox as staff may see it: where it went and how delivery went, never its
 * subject or body (the body of a link e-mail holds the guest's link, which staff must not see).
 */
export interface EmailSummary {
  id: string;
  kind: EmailKind;
  paymentLinkId: string | null;
  recipient: string;
  recipientRole: 'guest' | 'hotel';
  state: EmailState;
  attempts: number;
  /** Why the last attempt failed, why it was skipped or why delivery is uncertain: plain words. */
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  nextAttemptAt: Date;
  /** Its rendered message is stored and it is no longer on its way: "Send again" can repeat it. */
  resendable: boolean;
  /** The e-mail this one repeats, for a "Send again". */
  resendOfId: string | null;
}

/** What the renderer makes of a row: the message, or why it is not to be sent after all. */
export type RenderedEmail = { subject: string; html: string; text: string } | { skip: string };

/** Writes a row's message (lib/payments/email/render.ts in the app; a stand-in in tests). */
export type EmailRenderer<Context> = (ctx: Context, row: EmailOutboxRow) => Promise<RenderedEmail>;

const RESENDABLE_STATES: readonly EmailState[] = ['sent', 'failed', 'uncertain'];

export function isResendable(row: Pick<EmailOutboxRow, 'state' | 'subject'>): boolean {
  return row.subject !== null && RESENDABLE_STATES.includes(row.state);
}

export function toEmailSummary(row: EmailOutboxRow): EmailSummary {
  return {
    id: row.id,
    kind: row.kind,
    paymentLinkId: row.paymentLinkId,
    recipient: row.recipient,
    recipientRole: row.recipientRole,
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
    nextAttemptAt: row.nextAttemptAt,
    resendable: isResendable(row),
    resendOfId: row.resendOfId,
  };
}
