import { html } from 'hono/html';
import type { CaughtMail, MailFaultMode } from './catcher';

/**
 * The inbox a developer (or a Playwright journey) reads the app's e-mail in. Same look as the
 * sandbox's other pages (sandbox/html-page.ts), wider, because an inbox is a table.
 */

const ACCENT = '#0b5cad';

/** Only inline styles; no script anywhere. The message view adds images for the e-mail's HTML. */
export const INBOX_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
/**
 * The e-mail's HTML is rendered in an `<iframe srcdoc>`, which inherits this policy: its images
 * are absolute URLs of the app (the hotel's logo) or `data:`, its styles inline. Scripts stay
 * off twice: here, and by the iframe's `sandbox` attribute.
 */
export const MESSAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; font-src http: https: data:; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function shell(title: string, body: unknown) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <style>
          body {
            font:
              16px/1.5 system-ui,
              sans-serif;
            max-width: 60rem;
            margin: 2rem auto;
            padding: 0 1rem;
            color: #1a1a1a;
          }
          h1 {
            font-size: 1.4rem;
            color: ${ACCENT};
            overflow-wrap: anywhere;
          }
          h2 {
            font-size: 1.1rem;
          }
          a {
            color: ${ACCENT};
          }
          .muted {
            color: #666;
            font-size: 0.9rem;
          }
          table {
            width: 100%;
            border-collapse: collapse;
          }
          th,
          td {
            text-align: left;
            padding: 0.4rem 0.5rem;
            border-bottom: 1px solid #ddd;
            vertical-align: top;
            overflow-wrap: anywhere;
          }
          dl {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.2rem 1rem;
          }
          dt {
            font-weight: 600;
          }
          dd {
            margin: 0;
            overflow-wrap: anywhere;
          }
          iframe {
            width: 100%;
            height: 70vh;
            border: 1px solid #ccc;
            border-radius: 6px;
            background: #fff;
          }
          pre {
            white-space: pre-wrap;
            overflow-wrap: anywhere;
            background: #f6f6f6;
            padding: 1rem;
            border-radius: 6px;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`;
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export interface InboxStatus {
  smtpUrl: string | null;
  mode: MailFaultMode;
}

function statusLine(status: InboxStatus) {
  if (!status.smtpUrl)
    return html`<p class="muted">This sandbox was started without an SMTP server.</p>`;
  return html`<p class="muted" data-testid="mail-status">
    SMTP server <code>${status.smtpUrl}</code>${
      status.mode === 'none' ? '' : html` · fault mode <strong>${status.mode}</strong>`
    }
  </p>`;
}

/** Newest first. */
export function inboxPage(messages: CaughtMail[], status: InboxStatus) {
  const rows = [...messages].reverse().map(
    (m) =>
      html`<tr>
        <td><time datetime="${m.acceptedAt}">${when(m.acceptedAt)}</time></td>
        <td>${m.to.join(', ')}</td>
        <td><a href="/_sandbox/mail/${m.id}">${m.subject || '(no subject)'}</a></td>
      </tr>`,
  );
  return shell(
    'Sandbox mail',
    html`<h1>Sandbox mail</h1>
      ${statusLine(status)}
      <p class="muted">
        Every e-mail the app sent to the sandbox, newest first (at most 500 are kept).
        <a href="/_sandbox/mail">Refresh</a>
      </p>
      ${
        messages.length === 0
          ? html`<p>No mail yet.</p>`
          : html`<table data-testid="mail-list">
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  );
}

/**
 * Links in the e-mail open in a new tab: inside the frame they would try to show the app's pages,
 * which refuse to be framed.
 */
function withLinksInNewTab(source: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(source);
  if (head) return source.replace(head[0], `${head[0]}${base}`);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(source);
  if (doctype) return source.replace(doctype[0], `${doctype[0]}${base}`);
  return `${base}${source}`;
}

export function messagePage(m: CaughtMail) {
  const subject = m.subject || '(no subject)';
  const header = (name: string, value: string | null) =>
    value
      ? html`<dt>${name}</dt>
          <dd>${value}</dd>`
      : '';
  return shell(
    `${subject} · Sandbox mail`,
    html`<p><a href="/_sandbox/mail">← Inbox</a></p>
      <h1>${subject}</h1>
      <dl data-testid="mail-headers">
        ${header('From', m.from)} ${header('To', m.to.join(', '))} ${header('Reply-To', m.replyTo)}
        ${header('Date', m.date ? when(m.date) : null)} ${header('Message-ID', m.messageId)}
        ${header('Received', when(m.acceptedAt))} ${header('Size', `${m.size} bytes`)}
      </dl>
      <p><a href="/_sandbox/mail/${m.id}/raw">Raw source</a></p>
      <h2>HTML part</h2>
      ${
        m.html
          ? html`<iframe
              title="HTML part of the e-mail"
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              referrerpolicy="no-referrer"
              srcdoc="${withLinksInNewTab(m.html)}"
            ></iframe>`
          : html`<p class="muted">This e-mail has no HTML part.</p>`
      }
      <h2>Text part</h2>
      ${
        m.text !== null
          ? html`<pre data-testid="mail-text">${m.text}</pre>`
          : html`<p class="muted">This e-mail has no text part.</p>`
      }`,
  );
}

export function notFoundPage() {
  return shell(
    'No such e-mail · Sandbox mail',
    html`<h1>No such e-mail</h1>
      <p>It was cleared, or dropped to keep the inbox within its limits.</p>
      <p><a href="/_sandbox/mail">Back to the inbox</a></p>`,
  );
}
