import type { Hono } from 'hono';
import { MAIL_FAULT_MODES, type CaughtMail, type MailCatcher, type MailFaultMode } from './catcher';
import { INBOX_CSP, MESSAGE_CSP, inboxPage, messagePage, notFoundPage } from './pages';
import type { SandboxSmtpServer } from './smtp';

export interface SandboxMail {
  catcher: MailCatcher;
  /** `null` when the sandbox was started without an SMTP server. */
  smtp: SandboxSmtpServer | null;
  smtpUrl: string | null;
}

/** What the JSON API shows of a message: everything but the raw source (its own route). */
function summary(m: CaughtMail) {
  return {
    id: m.id,
    messageId: m.messageId,
    from: m.from,
    to: m.to,
    subject: m.subject,
    date: m.date,
    replyTo: m.replyTo,
    text: m.text,
    html: m.html,
    size: m.size,
    acceptedAt: m.acceptedAt,
  };
}

const PAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The mail catcher's HTTP side, under `/_sandbox/mail`: the inbox pages for people and a JSON API
 * for tests. The fixed paths are registered before `/:id`, which would otherwise take them.
 */
export function registerMailRoutes(app: Hono, mail: SandboxMail): void {
  const { catcher } = mail;

  app.get('/_sandbox/mail/messages', (c) =>
    c.json({ messages: catcher.list({ to: c.req.query('to') }).map(summary) }),
  );
  app.delete('/_sandbox/mail/messages', (c) => {
    catcher.clear();
    return c.json({ ok: true });
  });

  app.get('/_sandbox/mail/accepted', (c) => {
    const messageId = c.req.query('messageId')?.trim();
    if (!messageId) return c.json({ error: 'messageId is required' }, 400);
    const count = catcher.acceptedCount(messageId);
    return c.json({ accepted: count > 0, count });
  });

  app.get('/_sandbox/mail/faults', (c) =>
    c.json({ mode: catcher.mode, listening: mail.smtp?.listening ?? false }),
  );
  app.post('/_sandbox/mail/faults', async (c) => {
    let mode: unknown;
    try {
      mode = ((await c.req.json()) as { mode?: unknown } | null)?.mode;
    } catch {
      mode = undefined;
    }
    if (!MAIL_FAULT_MODES.includes(mode as MailFaultMode))
      return c.json({ error: `mode must be one of ${MAIL_FAULT_MODES.join(', ')}` }, 400);
    if (!mail.smtp) return c.json({ error: 'This sandbox runs no SMTP server' }, 409);
    try {
      await mail.smtp.setMode(mode as MailFaultMode);
    } catch (error) {
      return c.json({ error: error instanceof Error ? error.message : String(error) }, 500);
    }
    return c.json({ mode: catcher.mode, listening: mail.smtp.listening });
  });

  app.get('/_sandbox/mail', (c) =>
    c.html(inboxPage(catcher.list(), { smtpUrl: mail.smtpUrl, mode: catcher.mode }), 200, {
      ...PAGE_HEADERS,
      'Content-Security-Policy': INBOX_CSP,
    }),
  );
  app.get('/_sandbox/mail/:id', (c) => {
    const message = catcher.get(c.req.param('id'));
    const headers = { ...PAGE_HEADERS, 'Content-Security-Policy': MESSAGE_CSP };
    return message
      ? c.html(messagePage(message), 200, headers)
      : c.html(notFoundPage(), 404, headers);
  });
  app.get('/_sandbox/mail/:id/raw', (c) => {
    const message = catcher.get(c.req.param('id'));
    if (!message) return c.text('No such e-mail.', 404, PAGE_HEADERS);
    return c.body(message.raw, 200, {
      ...PAGE_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
    });
  });
}
