import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MailCatcher, MailFaultMode } from './catcher';

/**
 * The sandbox's SMTP server: accepts any sender and recipient without authentication (a client
 * that authenticates anyway is let in with any credentials), plain text only (the sandbox runs on
 * this machine, so STARTTLS is neither offered nor accepted), and hands each message to the
 * catcher. The catcher's fault mode decides what a client is answered; `down` closes the listening
 * sockets and `none` opens them again on the same port.
 */

export interface SandboxSmtpOptions {
  /** 0 picks a free port (kept across `down` and back). */
  port: number;
  /** `localhost` listens on 127.0.0.1 and, where there is one, ::1, like the HTTP server. */
  hostname: string;
  /** Bigger messages are refused with 552. Default 10 MB. */
  maxMessageBytes?: number;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** `Name <address>`, as people write it (mailparser's `text` quotes every name). */
function addresses(value: AddressObject | AddressObject[] | undefined): string | null {
  const list = (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value);
  const text = list
    .map((a) => (a.name && a.address ? `${a.name} <${a.address}>` : a.address || a.name))
    .filter(Boolean)
    .join(', ');
  return text || null;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', reject);
    stream.once('end', () => resolve(Buffer.concat(chunks)));
  });
}

export class SandboxSmtpServer {
  /** The port, once the first start has chosen it. */
  port = 0;
  private servers: SMTPServer[] = [];
  private closed = false;
  // Mode changes are applied one at a time: a `down` and a `none` racing must not both listen.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly catcher: MailCatcher,
    private readonly options: SandboxSmtpOptions,
  ) {}

  get listening(): boolean {
    return this.servers.length > 0;
  }

  async start(): Promise<number> {
    await this.listen(this.options.port);
    return this.port;
  }

  /** Applies a fault mode; `down` and back to a listening mode open and close the port. */
  setMode(mode: MailFaultMode): Promise<void> {
    const next = this.queue.then(async () => {
      this.catcher.mode = mode;
      if (this.closed) return;
      if (mode === 'down') await this.stopListening();
      else if (!this.listening) await this.listen(this.port);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.stopListening();
  }

  private create(): SMTPServer {
    const size = this.options.maxMessageBytes ?? 10 * 1024 * 1024;
    const server = new SMTPServer({
      name: 'sandbox.localhost',
      banner: 'Mews Checkout sandbox mail catcher',
      size,
      authOptional: true,
      allowInsecureAuth: true,
      hideSTARTTLS: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      // `down` and stopping the sandbox should not wait for an idle client to leave.
      closeTimeout: 100,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'sandbox' }),
      onRcptTo: (_address, _session, callback) => {
        if (this.catcher.mode === 'refuse')
          return callback(smtpError(550, 'Recipient refused (sandbox mail fault "refuse")'));
        callback();
      },
      onData: (stream, session, callback) => {
        readAll(stream)
          .then(async (raw) => {
            if (stream.sizeExceeded) {
              return callback(smtpError(552, `Message exceeds the fixed limit of ${size} bytes`));
            }
            // Checked when the message has been sent, so a client sees the failure at the end of
            // DATA, the moment after which "did it arrive?" is hardest to answer.
            if (this.catcher.mode === 'tempfail') {
              return callback(
                smtpError(
                  451,
                  'Temporary failure, try again later (sandbox mail fault "tempfail")',
                ),
              );
            }
            const stored = this.catcher.add(await this.parse(raw, session));
            callback(null, `OK: message queued as ${stored.id}`);
          })
          .catch((error: unknown) =>
            callback(smtpError(451, `Could not read the message: ${String(error)}`)),
          );
      },
    });
    // Client resets and the like surface here; a mail catcher has nobody to tell about them.
    server.on('error', () => undefined);
    return server;
  }

  private async parse(raw: Buffer, session: SMTPServerSession) {
    const parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    // mailparser puts "now" in `date` when the header is missing; only a real header counts.
    const date = parsed.headers.has('date') && parsed.date ? parsed.date : null;
    return {
      messageId: parsed.messageId ?? null,
      from: addresses(parsed.from) ?? envelopeFrom,
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      subject: parsed.subject ?? '',
      date: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
      replyTo: addresses(parsed.replyTo),
      text: parsed.text ?? null,
      html: parsed.html || null,
      raw: raw.toString('utf8'),
    };
  }

  private listenOne(port: number, host: string): Promise<number> {
    const server = this.create();
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        this.servers.push(server);
        resolve((server.server.address() as { port: number }).port);
      };
      server.once('error', onError);
      server.server.once('listening', onListening);
      server.listen(port, host);
    });
  }

  private async listen(port: number): Promise<void> {
    const host = this.options.hostname;
    try {
      if (host === 'localhost') {
        this.port = await this.listenOne(port, '127.0.0.1');
        // IPv6 loopback may be missing (some containers): then IPv4 alone has to do.
        await this.listenOne(this.port, '::1').catch(() => undefined);
      } else {
        this.port = await this.listenOne(port, host);
      }
    } catch (error) {
      await this.stopListening();
      const code = (error as NodeJS.ErrnoException).code;
      throw Object.assign(
        new Error(
          code === 'EADDRINUSE'
            ? `The sandbox's SMTP port ${port} is in use (set SANDBOX_SMTP_PORT, and SMTP_URL for the app, to another port)`
            : `The sandbox's SMTP server could not listen on ${host}:${port}: ${String(error)}`,
        ),
        { code, smtp: true },
      );
    }
  }

  private async stopListening(): Promise<void> {
    const servers = this.servers;
    this.servers = [];
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(resolve))));
  }
}
