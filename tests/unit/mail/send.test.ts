import { createServer, type AddressInfo, type Server } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMailTransport,
  MailConfigurationError,
  MailDeliveryError,
  redactMailSecrets,
  sendMessage,
  type MailMessage,
} from '@/lib/mail';
import { classifyMailError } from '@/lib/mail/send';

/** A local SMTP server whose answers each test chooses. */
interface Received {
  raw: string;
  to: string[];
}
type Mode = 'accept' | 'refuse-recipient' | 'tempfail-data';

let mode: Mode = 'accept';
const received: Received[] = [];
let server: SMTPServer;
let port: number;

function smtpError(responseCode: number, message: string) {
  return Object.assign(new Error(message), { responseCode });
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.password === 'right-password-123'
        ? callback(null, { user: auth.username })
        : callback(smtpError(535, 'Authentication credentials invalid')),
    onRcptTo: (_address, _session, callback) =>
      mode === 'refuse-recipient'
        ? callback(smtpError(550, '5.1.1 Mailbox unavailable'))
        : callback(),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (mode === 'tempfail-data') return callback(smtpError(451, '4.3.0 Try again later'));
        received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback(null, 'OK queued as 42');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  mode = 'accept';
  received.length = 0;
});

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    from: 'Hotel Example <reservations@example-hotel.com>',
    to: 'alice.smith@example.com',
    subject: 'Your payment link',
    html: '<p>Pay your deposit</p>',
    text: 'Pay your deposit',
    messageId: '<3f1c6a2e-6f0b-4bcb-9d8e-2c7f1f5e9a11@example-hotel.com>',
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...overrides,
  };
}

describe('sendMessage', () => {
  it('delivers HTML and plain text with the Message-ID it was given', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const receipt = await sendMessage(transport, message());
    expect(receipt).toEqual({ accepted: true, response: expect.stringContaining('250') });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['alice.smith@example.com']);
    const parsed = await simpleParser(received[0]!.raw);
    expect(parsed.messageId).toBe('<3f1c6a2e-6f0b-4bcb-9d8e-2c7f1f5e9a11@example-hotel.com>');
    expect(parsed.subject).toBe('Your payment link');
    expect(parsed.text?.trim()).toBe('Pay your deposit');
    expect(parsed.html).toContain('<p>Pay your deposit</p>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('logs in with the credentials of the URL', async () => {
    const transport = createMailTransport({
      smtpUrl: `smtp://mailer:right-password-123@127.0.0.1:${port}`,
    });
    await sendMessage(transport, message());
    expect(received).toHaveLength(1);
  });

  it('calls a refused login temporary (our set-up), and never repeats the password', async () => {
    const transport = createMailTransport({
      smtpUrl: `smtp://mailer:wrong-password-456@127.0.0.1:${port}`,
    });
    const error = await sendMessage(transport, message()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    const failure = error as MailDeliveryError;
    expect(failure.temporary).toBe(true);
    expect(failure.message).toMatch(/refused our login/);
    expect(
      JSON.stringify({ ...failure, message: failure.message, stack: failure.stack }),
    ).not.toContain('wrong-password-456');
    expect(transport.label).toBe(`smtp://127.0.0.1:${port}`);
  });

  it('calls a 5xx refusal permanent, with the server’s words', async () => {
    mode = 'refuse-recipient';
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const error = (await sendMessage(transport, message()).catch(
      (e: unknown) => e,
    )) as MailDeliveryError;
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ temporary: false, responseCode: 550, maybeDelivered: false });
    expect(error.message).toContain('Mailbox unavailable');
  });

  it('calls a 4xx answer to the message temporary', async () => {
    mode = 'tempfail-data';
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const error = (await sendMessage(transport, message()).catch(
      (e: unknown) => e,
    )) as MailDeliveryError;
    expect(error).toMatchObject({ temporary: true, responseCode: 451, maybeDelivered: false });
    expect(received).toHaveLength(0);
  });

  it('calls a refused connection temporary', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${freePort}` });
    const error = (await sendMessage(transport, message()).catch(
      (e: unknown) => e,
    )) as MailDeliveryError;
    expect(error).toMatchObject({ temporary: true, responseCode: null, maybeDelivered: false });
    expect(error.message).toMatch(/could not be reached \(connection refused\)/);
  });

  it('refuses an address that is none, for good', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const error = (await sendMessage(transport, message({ to: 'not an address' })).catch(
      (e: unknown) => e,
    )) as MailDeliveryError;
    expect(error).toMatchObject({ temporary: false });
  });
});

describe('a connection lost after the whole message was sent', () => {
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    // Speaks just enough SMTP to take a message, then hangs up instead of answering it: the
    // server may have kept it, so sending again could deliver it twice.
    silent = createServer((socket) => {
      let inData = false;
      let buffer = '';
      socket.write('220 silent.test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('latin1');
        if (inData) {
          if (buffer.includes('\r\n.\r\n')) socket.destroy();
          return;
        }
        let newline;
        while ((newline = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 2);
          if (/^(EHLO|HELO)/i.test(line)) socket.write('250 silent.test\r\n');
          else if (/^DATA/i.test(line)) {
            inData = true;
            socket.write('354 Go ahead\r\n');
          } else socket.write('250 OK\r\n');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('is reported as maybe delivered, not as a plain temporary failure', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${silentPort}` });
    const error = (await sendMessage(transport, message()).catch(
      (e: unknown) => e,
    )) as MailDeliveryError;
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ maybeDelivered: true, responseCode: null });
    expect(error.message).toMatch(/lost after the e-mail had been sent/);
  });
});

describe('classifyMailError', () => {
  const at = (phase: 'connect' | 'send', messageSent = false) => ({ phase, messageSent });

  it('reads timeouts and resets before the message as temporary', () => {
    const timeout = Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' });
    expect(classifyMailError(timeout, at('connect'))).toMatchObject({
      temporary: true,
      maybeDelivered: false,
      message: 'The mail server did not answer in time',
    });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ESOCKET' });
    expect(classifyMailError(reset, at('send'))).toMatchObject({
      temporary: true,
      maybeDelivered: false,
    });
  });

  it('reads 4xx as temporary and 5xx as permanent once the message is being sent', () => {
    const code = (responseCode: number) =>
      Object.assign(new Error('x'), {
        code: 'EENVELOPE',
        responseCode,
        response: `${responseCode} no`,
      });
    expect(classifyMailError(code(452), at('send'))).toMatchObject({ temporary: true });
    expect(classifyMailError(code(554), at('send'))).toMatchObject({ temporary: false });
  });
});

describe('createMailTransport', () => {
  it('keeps credentials out of its label and blanks them out of any text', () => {
    const transport = createMailTransport({
      smtpUrl: 'smtps://reservations%40example-hotel.com:s3cr%2Ft-pass@smtp.example-hotel.com',
    });
    expect(transport.label).toBe('smtps://smtp.example-hotel.com');
    expect(transport.connectionOptions).toMatchObject({ port: 465, secure: true });
    expect(transport.credentials).toEqual({
      user: 'reservations@example-hotel.com',
      pass: 's3cr/t-pass',
    });
    expect(
      redactMailSecrets(
        'login as reservations@example-hotel.com with s3cr/t-pass via smtp://a:b@host failed',
        transport,
      ),
    ).toBe('login as [redacted] with [redacted] via smtp://[redacted]@host failed');
  });

  it('refuses anything but smtp:// and smtps://', () => {
    expect(() => createMailTransport({ smtpUrl: 'http://example.com' })).toThrow(
      MailConfigurationError,
    );
    expect(createMailTransport({ smtpUrl: 'smtp://localhost' }).connectionOptions.port).toBe(587);
  });
});
