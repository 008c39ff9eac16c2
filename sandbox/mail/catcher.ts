import { randomUUID } from 'node:crypto';

/**
 * The sandbox's mail catcher: what its SMTP server accepted, kept in memory (like a developer's
 * Mailpit), plus an acceptance log by Message-ID. The log is what lets a test prove that an
 * outbox never handed the same e-mail to the mail server twice, even after the messages were
 * dropped from the inbox to stay within its limits.
 */

/**
 * What the SMTP server answers. None of these come from Mews: they are the mail server's, so
 * each is a switch, never a default.
 * - `none`: accepts everything.
 * - `refuse`: `550` to every `RCPT TO` (a permanent refusal: nothing is accepted).
 * - `tempfail`: `451` at the end of `DATA` (a temporary failure after the whole message was sent).
 * - `down`: not listening at all (connection refused) until the mode is `none` again.
 */
export type MailFaultMode = 'none' | 'refuse' | 'tempfail' | 'down';
export const MAIL_FAULT_MODES: readonly MailFaultMode[] = ['none', 'refuse', 'tempfail', 'down'];

export interface CaughtMail {
  id: string;
  /** The Message-ID header as sent, angle brackets included; `null` when the message had none. */
  messageId: string | null;
  /** The From header (`Name <address>`), or the envelope sender when there is no header. */
  from: string;
  /** The envelope recipients (RCPT TO), lower-cased: who the mail server was asked to deliver to. */
  to: string[];
  subject: string;
  /** The Date header, ISO 8601; `null` when missing or unreadable. */
  date: string | null;
  replyTo: string | null;
  text: string | null;
  html: string | null;
  /** The whole message as received (headers and MIME body). */
  raw: string;
  size: number;
  /** When the SMTP server accepted it (the real clock: the mail server is not Mews). */
  acceptedAt: string;
}

/** `<abc@host>` and `abc@host` name the same message. */
export function normalizeMessageId(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}

export interface MailCatcherLimits {
  /** Messages kept; the oldest are dropped first. Default 500. */
  maxMessages?: number;
  /** Raw bytes kept over all messages; the oldest are dropped first. Default 100 MB. */
  maxBytes?: number;
  /** Message-IDs remembered in the acceptance log. Default 20 000. */
  maxLoggedIds?: number;
}

export class MailCatcher {
  mode: MailFaultMode = 'none';
  private messages: CaughtMail[] = [];
  private bytes = 0;
  private readonly acceptances = new Map<string, number>();
  private readonly maxMessages: number;
  private readonly maxBytes: number;
  private readonly maxLoggedIds: number;

  constructor(limits: MailCatcherLimits = {}) {
    this.maxMessages = limits.maxMessages ?? 500;
    this.maxBytes = limits.maxBytes ?? 100 * 1024 * 1024;
    this.maxLoggedIds = limits.maxLoggedIds ?? 20_000;
  }

  add(mail: Omit<CaughtMail, 'id' | 'acceptedAt' | 'size'>): CaughtMail {
    const stored: CaughtMail = {
      ...mail,
      id: randomUUID(),
      size: Buffer.byteLength(mail.raw),
      acceptedAt: new Date().toISOString(),
    };
    this.messages.push(stored);
    this.bytes += stored.size;
    while (
      this.messages.length > this.maxMessages ||
      (this.bytes > this.maxBytes && this.messages.length > 1)
    ) {
      this.bytes -= (this.messages.shift() as CaughtMail).size;
    }
    if (stored.messageId) {
      const key = normalizeMessageId(stored.messageId);
      // Re-inserted so the Map's order is "least recently accepted first" for trimming.
      const count = (this.acceptances.get(key) ?? 0) + 1;
      this.acceptances.delete(key);
      this.acceptances.set(key, count);
      if (this.acceptances.size > this.maxLoggedIds) {
        this.acceptances.delete(this.acceptances.keys().next().value as string);
      }
    }
    return stored;
  }

  /** Oldest first; `to` matches any envelope recipient, ignoring case. */
  list(filter: { to?: string } = {}): CaughtMail[] {
    const to = filter.to?.trim().toLowerCase();
    return to ? this.messages.filter((m) => m.to.includes(to)) : [...this.messages];
  }

  get(id: string): CaughtMail | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** How many times a message with this Message-ID was accepted (brackets optional). */
  acceptedCount(messageId: string): number {
    return this.acceptances.get(normalizeMessageId(messageId)) ?? 0;
  }

  /** Empties the inbox and the acceptance log (the fault mode stays). */
  clear(): void {
    this.messages = [];
    this.bytes = 0;
    this.acceptances.clear();
  }
}
