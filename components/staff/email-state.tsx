'use client';

import type { EmailView } from '@/lib/payments/back-office/links';
import { dateTime } from './format';
import styles from './staff.module.css';

/** How staff read an e-mail of the outbox: what it is and whether it reached the guest's server. */

export const EMAIL_KIND_LABEL: Record<EmailView['kind'], string> = {
  payment_link: 'Payment link',
  receipt: 'Receipt',
  reminder: 'Reminder',
  link_canceled: 'Cancellation notice',
  verification_pending: 'Verification notice',
};

export const EMAIL_STATE_LABEL: Record<EmailView['state'], string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  uncertain: 'Uncertain',
  skipped: 'Not sent',
};

/** Why a state needs a word more than its name. */
const STATE_EXPLANATION: Partial<Record<EmailView['state'], string>> = {
  uncertain:
    'The mail server may or may not have taken it (the sender stopped mid-way); it is not sent again on its own.',
  skipped: 'No longer needed (the link was paid or canceled first).',
};

export function EmailStateBadge({ state }: { state: EmailView['state'] }) {
  return (
    <span className={styles.state} data-state={state}>
      {EMAIL_STATE_LABEL[state]}
    </span>
  );
}

/** The state with its reason (failed), its time (sent) or what it means (uncertain, skipped). */
export function EmailStateDetail({
  email,
  showRecipient = false,
  compact = false,
}: {
  email: EmailView;
  showRecipient?: boolean;
  /** In a table that shows the error and the time in columns of their own. */
  compact?: boolean;
}) {
  return (
    <span className={styles.emailState} data-testid="email-state" data-state={email.state}>
      <span>
        <EmailStateBadge state={email.state} />
        {showRecipient ? <> to {email.recipient}</> : null}
      </span>
      {!compact && email.state === 'sent' && email.sentAt ? (
        <span className="muted">{dateTime(email.sentAt)}</span>
      ) : null}
      {!compact && (email.state === 'failed' || (email.state === 'queued' && email.lastError)) ? (
        <span className={styles.error}>
          {email.state === 'queued' ? 'Retrying: ' : ''}
          {email.lastError ?? 'The mail server refused it.'}
        </span>
      ) : null}
      {STATE_EXPLANATION[email.state] ? (
        <span className="muted">
          {/* A skipped row may say why itself (e.g. a cancel undone within its minute). */}
          {email.state === 'skipped' && email.lastError
            ? email.lastError
            : STATE_EXPLANATION[email.state]}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Whether "Send again" makes sense: the guest may not have it (or asked again), and a link e-mail
 * or reminder only while its link can still be paid (`linkOpen`; undefined when not known here).
 */
export function canSendAgain(email: EmailView, linkOpen?: boolean): boolean {
  if (linkOpen === false && (email.kind === 'payment_link' || email.kind === 'reminder')) {
    return false;
  }
  return email.resendable && ['sent', 'failed', 'uncertain'].includes(email.state);
}
