import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MailCatcher } from '@/sandbox/mail/catcher';
import { startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';
import {
  clearSandboxMail,
  readSandboxMail,
  sandboxMailAcceptedCount,
  setSandboxMailFault,
  waitForSandboxMail,
} from '@/tests/support/sandbox-mail';

/**
 * The sandbox plays the hotel's mail server: what an SMTP client sends shows up in its inbox
 * (JSON for tests, pages for people), each acceptance is counted by Message-ID, and the fault
 * switches give the answers a real mail server gives when it refuses, fails for now or is down.
 */

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ smtp: true });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await clearSandboxMail(sandbox.url);
});
afterEach(async () => {
  await setSandboxMailFault(sandbox.url, 'none');
});

function send(message: Partial<nodemailer.SendMailOptions> = {}) {
  // A fresh transport per message (no pool), as each outbox delivery is its own connection.
  const transport = nodemailer.createTransport({
    url: sandbox.smtpUrl,
    connectionTimeout: 5_000,
  } as nodemailer.TransportOptions);
  return transport.sendMail({
    from: 'Sandbox Hotel London <reservations@hotel.example>',
    to: 'Alice.Smith@example.com',
    subject: 'Your payment link',
    text: 'Pay your deposit of £150.00: http://localhost:3000/pay/abc',
    html: '<p>Pay your deposit of <strong>£150.00</strong>: <a href="http://localhost:3000/pay/abc">Pay now</a></p>',
    ...message,
  });
}

async function sendFails(message: Partial<nodemailer.SendMailOptions> = {}) {
  const error = await send(message).then(
    () => null,
    (e: unknown) => e as Error & { responseCode?: number; code?: string },
  );
  if (!error) throw new Error('The mail server accepted a message it should not have');
  return error;
}

async function page(pathname: string) {
  const response = await fetch(`${sandbox.url}${pathname}`);
  return { response, body: await response.text() };
}

describe('accepting mail', () => {
  it('keeps what was sent, parsed, for the JSON API', async () => {
    const info = await send({ messageId: '<link-1@hotel.example>', replyTo: 'desk@hotel.example' });
    expect(info.response).toMatch(/^250 /);

    const [mail] = await readSandboxMail(sandbox.url);
    expect(mail).toMatchObject({
      messageId: '<link-1@hotel.example>',
      from: 'Sandbox Hotel London <reservations@hotel.example>',
      to: ['alice.smith@example.com'],
      subject: 'Your payment link',
      replyTo: 'desk@hotel.example',
      text: 'Pay your deposit of £150.00: http://localhost:3000/pay/abc',
    });
    expect(mail?.html).toContain('<a href="http://localhost:3000/pay/abc">Pay now</a>');
    expect(Date.parse(mail?.date ?? '')).not.toBeNaN();
    expect(Date.parse(mail?.acceptedAt ?? '')).not.toBeNaN();
  });

  it('filters by recipient (any case) and lists oldest first', async () => {
    await send({ subject: 'First' });
    await send({ subject: 'For Bob', to: 'bob.jansen@example.com' });
    await send({ subject: 'Second' });

    expect((await readSandboxMail(sandbox.url)).map((m) => m.subject)).toEqual([
      'First',
      'For Bob',
      'Second',
    ]);
    expect(
      (await readSandboxMail(sandbox.url, { to: 'ALICE.SMITH@example.com' })).map((m) => m.subject),
    ).toEqual(['First', 'Second']);
    const forBob = await waitForSandboxMail(sandbox.url, (m) =>
      m.to.includes('bob.jansen@example.com'),
    );
    expect(forBob.subject).toBe('For Bob');
  });

  it('waits for mail that arrives later, and gives up after the timeout', async () => {
    const waiting = waitForSandboxMail(sandbox.url, (m) => m.subject === 'Late', 5_000);
    setTimeout(() => void send({ subject: 'Late' }), 300);
    expect((await waiting).subject).toBe('Late');

    await expect(
      waitForSandboxMail(sandbox.url, (m) => m.subject === 'Never', 300),
    ).rejects.toThrow(/within 300 ms/);
  });

  it('counts every acceptance of a Message-ID, so a message sent twice shows', async () => {
    await send({ messageId: '<once@hotel.example>' });
    await send({ messageId: '<twice@hotel.example>' });
    await send({ messageId: '<twice@hotel.example>' });

    expect(await sandboxMailAcceptedCount(sandbox.url, '<once@hotel.example>')).toBe(1);
    // Brackets are optional in the query.
    expect(await sandboxMailAcceptedCount(sandbox.url, 'twice@hotel.example')).toBe(2);
    const never = await fetch(
      `${sandbox.url}/_sandbox/mail/accepted?messageId=${encodeURIComponent('<never@hotel.example>')}`,
    );
    expect(await never.json()).toEqual({ accepted: false, count: 0 });
    expect((await fetch(`${sandbox.url}/_sandbox/mail/accepted`)).status).toBe(400);

    await clearSandboxMail(sandbox.url);
    expect(await readSandboxMail(sandbox.url)).toEqual([]);
    expect(await sandboxMailAcceptedCount(sandbox.url, 'twice@hotel.example')).toBe(0);
  });
});

describe('fault modes', () => {
  it('refuse: 550 to the recipient, nothing accepted', async () => {
    await setSandboxMailFault(sandbox.url, 'refuse');
    const error = await sendFails({ messageId: '<refused@hotel.example>' });
    expect(error.responseCode).toBe(550);
    expect(await readSandboxMail(sandbox.url)).toEqual([]);
    expect(await sandboxMailAcceptedCount(sandbox.url, '<refused@hotel.example>')).toBe(0);
  });

  it('tempfail: 451 at the end of DATA, nothing accepted; accepted again after none', async () => {
    await setSandboxMailFault(sandbox.url, 'tempfail');
    const error = await sendFails({ messageId: '<later@hotel.example>' });
    expect(error.responseCode).toBe(451);
    expect(error.message).toMatch(/tempfail/);
    expect(await sandboxMailAcceptedCount(sandbox.url, '<later@hotel.example>')).toBe(0);

    await setSandboxMailFault(sandbox.url, 'none');
    await send({ messageId: '<later@hotel.example>' });
    expect(await sandboxMailAcceptedCount(sandbox.url, '<later@hotel.example>')).toBe(1);
  });

  it('down: connection refused; none listens again on the same port', async () => {
    const port = sandbox.smtpPort;
    await setSandboxMailFault(sandbox.url, 'down');
    const state = await fetch(`${sandbox.url}/_sandbox/mail/faults`).then((r) => r.json());
    expect(state).toEqual({ mode: 'down', listening: false });

    const error = await sendFails();
    expect(error.code).toBe('ESOCKET');
    expect(error.message).toMatch(/ECONNREFUSED/);
    // The HTTP side stays up: only the mail server is down.
    expect((await page('/_sandbox/mail')).response.status).toBe(200);

    await setSandboxMailFault(sandbox.url, 'none');
    expect(sandbox.smtpPort).toBe(port);
    await send({ subject: 'Back up' });
    expect((await readSandboxMail(sandbox.url)).map((m) => m.subject)).toEqual(['Back up']);
  });

  it('refuses an unknown mode', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/mail/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'slow' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/none, refuse, tempfail, down/);
  });
});

describe('inbox pages', () => {
  it('lists the mail newest first, with time, recipient and a link to each message', async () => {
    await send({ subject: 'Older' });
    await send({ subject: 'Newer', to: 'bob.jansen@example.com' });
    const { response, body } = await page('/_sandbox/mail');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body.indexOf('Newer')).toBeLessThan(body.indexOf('Older'));
    expect(body).toContain('bob.jansen@example.com');
    const [older, newer] = await readSandboxMail(sandbox.url);
    expect(body).toContain(`href="/_sandbox/mail/${newer?.id}"`);
    expect(body).toContain(`href="/_sandbox/mail/${older?.id}"`);
    expect(body).toContain(`datetime="${newer?.acceptedAt}"`);
  });

  it('shows a message with its HTML framed and inert, escaping what the sender wrote', async () => {
    await send({
      subject: '<script>alert("subject")</script>',
      html: '<p>Hello</p><img src="http://localhost:3000/api/property/logo/abc" alt="Logo">"><script>alert(1)</script>',
      text: 'Hello <b>guest</b>',
    });
    const [mail] = await readSandboxMail(sandbox.url);
    const { response, body } = await page(`/_sandbox/mail/${mail?.id}`);
    expect(response.status).toBe(200);

    // Nothing the sender wrote becomes markup of the page.
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;');
    expect(body).toContain('<pre data-testid="mail-text">Hello &lt;b&gt;guest&lt;/b&gt;</pre>');
    // The HTML part is only in the sandboxed frame's srcdoc, without scripts.
    const frame = /<iframe[^>]*>/.exec(body)?.[0] ?? '';
    expect(frame).toMatch(/sandbox="allow-popups allow-popups-to-escape-sandbox"/);
    expect(frame).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(frame).toContain(
      'srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;p&gt;Hello&lt;/p&gt;&lt;img src=&quot;http://localhost:3000/api/property/logo/abc&quot;',
    );
    // The frame inherits the page's policy: the app's images may load, scripts may not.
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('img-src http: https: data:');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);

    expect(body).toContain(`href="/_sandbox/mail/${mail?.id}/raw"`);
  });

  it('serves the raw source as plain text, and 404 for an unknown message', async () => {
    await send({ messageId: '<raw@hotel.example>', subject: '<b>Raw</b>' });
    const [mail] = await readSandboxMail(sandbox.url);
    const { response, body } = await page(`/_sandbox/mail/${mail?.id}/raw`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(body).toMatch(/^Message-ID: <raw@hotel\.example>$/m);
    expect(body).toMatch(/^Subject: <b>Raw<\/b>$/m);

    expect((await page('/_sandbox/mail/no-such-id')).response.status).toBe(404);
    expect((await page('/_sandbox/mail/no-such-id/raw')).response.status).toBe(404);
  });
});

describe('a sandbox started without SMTP', () => {
  it('runs no mail server and says so', async () => {
    const plain = await startTestSandbox();
    try {
      expect(() => plain.smtpUrl).toThrow(/without an SMTP server/);
      expect((await fetch(`${plain.url}/_sandbox/mail`).then((r) => r.text())).toString()).toMatch(
        /started without an SMTP server/,
      );
      await expect(setSandboxMailFault(plain.url, 'down')).rejects.toThrow(/409/);
    } finally {
      await plain.stop();
    }
  });
});

describe('the inbox limits', () => {
  const mail = (messageId: string, raw = 'x') => ({
    messageId,
    from: 'a@hotel.example',
    to: ['guest@example.com'],
    subject: messageId,
    date: null,
    replyTo: null,
    text: null,
    html: null,
    raw,
  });

  it('drops the oldest messages first but keeps counting their Message-IDs', () => {
    const catcher = new MailCatcher({ maxMessages: 2, maxBytes: 10 });
    catcher.add(mail('<1@h>'));
    catcher.add(mail('<2@h>'));
    catcher.add(mail('<3@h>'));
    expect(catcher.list().map((m) => m.subject)).toEqual(['<2@h>', '<3@h>']);
    catcher.add(mail('<4@h>', '0123456789'));
    expect(catcher.list().map((m) => m.subject)).toEqual(['<4@h>']);
    expect(catcher.acceptedCount('<1@h>')).toBe(1);
  });
});
