'use client';

import type { EmailView } from '@/lib/payments/back-office/links';
import { ResendEmailButton } from './email-actions';
import { canSendAgain, EMAIL_KIND_LABEL, EmailStateDetail } from './email-state';
import { dateTime } from './format';
import styles from './staff.module.css';

/**
 * A link's e-mails and how each went (kind, recipient, state, attempts, last error, when sent),
 * with "Send again" where the guest may not have it. One card per e-mail on a phone.
 */
export function EmailMessages({
  emails,
  caption,
  linkOpen,
}: {
  emails: EmailView[];
  caption: string;
  /** Whether the link can still be paid: its own e-mail and reminders are sent again only then. */
  linkOpen?: boolean;
}) {
  if (emails.length === 0) return <p className="muted">No e-mails.</p>;
  return (
    <table className={styles.stackTable} data-testid="email-messages">
      <caption className={styles.srOnly}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">E-mail</th>
          <th scope="col">To</th>
          <th scope="col">State</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">Sent</th>
          <th scope="col">
            <span className={styles.srOnly}>Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {emails.map((email) => (
          <tr key={email.id} data-email-id={email.id} data-email-state={email.state}>
            <td data-label="E-mail">
              {EMAIL_KIND_LABEL[email.kind]}
              {email.recipientRole === 'hotel' ? ' (hotel copy)' : ''}
            </td>
            <td data-label="To" className={styles.address}>
              {email.recipient}
            </td>
            <td data-label="State">
              <EmailStateDetail email={email} compact />
            </td>
            <td data-label="Attempts">{email.attempts}</td>
            <td data-label="Last error">{email.lastError ?? ''}</td>
            <td data-label="Sent">{email.sentAt ? dateTime(email.sentAt) : ''}</td>
            <td>{canSendAgain(email, linkOpen) ? <ResendEmailButton email={email} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
