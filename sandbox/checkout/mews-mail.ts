import { randomUUID } from 'node:crypto';
import type { MewsMail } from '../connector/context';
import type { CaughtMail } from '../mail/catcher';

/**
 * Mews' own payment-request e-mail, put straight into the mail catcher (it never goes through
 * SMTP: Mews sends it from its servers, not the hotel's). The wording is the sandbox's.
 */
export function caughtMewsMail(mail: MewsMail): Omit<CaughtMail, 'id' | 'acceptedAt' | 'size'> {
  const messageId = `<${randomUUID()}@mews.example>`;
  const date = new Date();
  const boundary = `sandbox-${randomUUID()}`;
  const raw = [
    `From: Mews <${mail.from}>`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Message-ID: ${messageId}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    mail.text,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    mail.html,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return {
    messageId,
    from: `Mews <${mail.from}>`,
    to: [mail.to.toLowerCase()],
    subject: mail.subject,
    date: date.toISOString(),
    replyTo: null,
    text: mail.text,
    html: mail.html,
    raw,
  };
}
