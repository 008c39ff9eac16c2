import 'server-only';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { redactMailSecrets, SEND_DEADLINE_MS, type MailTransport } from './transport';

export interface MailMessage {
  /** `Name <address>` or an address. */
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `<id@domain>`: fixed by the caller, so every retry of one e-mail carries the same one. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface MailReceipt {
  accepted: true;
  /** The server's answer to the message, e.g. `250 2.0.0 Ok: queued as 4F1C2`. */
  response: string;
}

/**
 * A send that did not end with the server taking the message.
 * - `temporary`: trying again later may work (the server was down, slow, or answered 4xx), or the
 *   fault is in our set-up (a refused login, TLS) rather than in this message.
 * - not `temporary`: the server refused this message for good (5xx): sending it again will not help.
 * - `maybeDelivered`: the connection was lost after the whole message had been sent and before the
 *   server's answer to it came back. The server may have taken it, so sending it again could
 *   deliver it twice (RFC 5321 §4.1.1.4 warns of exactly this): the caller must not resend on its own.
 * `message` is plain words for staff, with the server's answer and no credentials.
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  readonly temporary: boolean;
  /** The SMTP reply code (`451`, `550`...), or `null` when the server gave none. */
  readonly responseCode: number | null;
  readonly maybeDelivered: boolean;
  /** nodemailer's error code (`ECONNECTION`, `ETIMEDOUT`, `EENVELOPE`...), for logs. */
  readonly code: string | null;

  constructor(
    message: string,
    init: {
      temporary: boolean;
      responseCode?: number | null;
      maybeDelivered?: boolean;
      code?: string | null;
    },
  ) {
    super(message);
    this.temporary = init.temporary;
    this.responseCode = init.responseCode ?? null;
    this.maybeDelivered = init.maybeDelivered ?? false;
    this.code = init.code ?? null;
  }
}

type Phase = 'compose' | 'connect' | 'login' | 'send';

/**
 * Sends one message over a connection of its own and resolves once the server has taken it, or
 * rejects with a `MailDeliveryError` (never anything else). Never retries: when to try again is
 * the caller's policy (the outbox sender's backoff).
 */
export async function sendMessage(
  transport: MailTransport,
  message: MailMessage,
): Promise<MailReceipt> {
  let raw: Buffer;
  let envelope: SMTPConnection.Envelope;
  try {
    const node = new MailComposer({
      from: message.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: message.messageId,
      headers: message.headers,
    }).compile();
    envelope = node.getEnvelope();
    raw = await new Promise<Buffer>((resolve, reject) =>
      node.build((error, built) => (error ? reject(error) : resolve(built))),
    );
  } catch (error) {
    throw classifyMailError(error, { phase: 'compose', messageSent: false }, transport);
  }
  if ((Array.isArray(envelope.to) ? envelope.to : [envelope.to]).length === 0) {
    throw new MailDeliveryError(`"${message.to}" is not an e-mail address`, {
      temporary: false,
      code: 'EENVELOPE',
    });
  }

  return new Promise<MailReceipt>((resolve, reject) => {
    const connection = new SMTPConnection(transport.connectionOptions);
    let phase: Phase = 'connect';
    // Set once the whole message has been read into the connection (the final dot follows it): from
    // then on a lost connection may have lost only the server's answer, not the message.
    let messageSent = false;
    let settled = false;
    const finish = (outcome: { receipt: MailReceipt } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if ('receipt' in outcome) {
        connection.quit();
        resolve(outcome.receipt);
      } else {
        connection.close();
        reject(classifyMailError(outcome.error, { phase, messageSent }, transport));
      }
    };
    const deadline = setTimeout(
      () =>
        finish({ error: Object.assign(new Error('Send deadline passed'), { code: 'ETIMEDOUT' }) }),
      SEND_DEADLINE_MS,
    );
    deadline.unref?.();
    connection.on('error', (error) => finish({ error }));
    connection.once('end', () =>
      finish({
        error: Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }),
      }),
    );

    const send = () => {
      phase = 'send';
      const body = Readable.from([raw]);
      body.once('end', () => {
        messageSent = true;
      });
      connection.send(envelope, body, (error, info) => {
        if (error) return finish({ error });
        finish({ receipt: { accepted: true, response: info.response } });
      });
    };
    connection.connect((error) => {
      if (error) return finish({ error });
      if (!transport.credentials) return send();
      phase = 'login';
      connection.login(transport.credentials, (loginError) => {
        if (loginError) return finish({ error: loginError });
        send();
      });
    });
  });
}

const ANSWER_LIMIT = 300;

/** What went wrong, in the terms the sender decides by. Exported for its unit tests. */
export function classifyMailError(
  error: unknown,
  where: { phase: Phase; messageSent: boolean },
  transport?: Pick<MailTransport, 'secrets'>,
): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  const smtp = (error ?? {}) as SMTPConnection.SMTPError;
  const code = typeof smtp.code === 'string' ? smtp.code : null;
  const responseCode = typeof smtp.responseCode === 'number' ? smtp.responseCode : null;
  const rawText = error instanceof Error ? error.message : String(error);
  const answer = redactMailSecrets(
    (smtp.response ?? '').replace(/\s+/g, ' ').trim().slice(0, ANSWER_LIMIT),
    transport,
  );
  const said = answer ? ` (the server said: ${answer})` : '';

  if (where.phase === 'compose') {
    return new MailDeliveryError(
      `The e-mail could not be put together: ${redactMailSecrets(rawText, transport).slice(0, ANSWER_LIMIT)}`,
      { temporary: false, code },
    );
  }
  if (where.phase === 'login' || code === 'EAUTH' || code === 'ENOAUTH') {
    // Our set-up, not this message: the give-up limit still ends it if nobody fixes SMTP_URL.
    return new MailDeliveryError(
      `The mail server refused our login; check the user and password in SMTP_URL${said}`,
      { temporary: true, responseCode, code },
    );
  }
  if (where.phase === 'send' && responseCode !== null) {
    return responseCode >= 400 && responseCode < 500
      ? new MailDeliveryError(`The mail server refused the e-mail for now${said}`, {
          temporary: true,
          responseCode,
          code,
        })
      : new MailDeliveryError(`The mail server refused the e-mail${said}`, {
          temporary: responseCode < 400,
          responseCode,
          code,
        });
  }
  if (where.phase === 'send' && (code === 'EENVELOPE' || code === 'EMESSAGE')) {
    // Refused before anything was sent, by nodemailer itself (no recipient, too large...).
    return new MailDeliveryError(
      `The e-mail could not be sent: ${redactMailSecrets(rawText, transport).slice(0, ANSWER_LIMIT)}`,
      { temporary: false, code },
    );
  }
  if (where.phase === 'send' && where.messageSent) {
    return new MailDeliveryError(
      'The connection to the mail server was lost after the e-mail had been sent and before the server confirmed it',
      { temporary: true, maybeDelivered: true, code },
    );
  }
  const refused = /ECONNREFUSED/.test(rawText);
  const reset = /ECONNRESET|EPIPE|closed unexpectedly/i.test(rawText);
  const dns = code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(rawText);
  const timedOut = code === 'ETIMEDOUT' || /timeout|timed out/i.test(rawText);
  const what = refused
    ? 'The mail server could not be reached (connection refused)'
    : dns
      ? 'The mail server could not be found (DNS)'
      : timedOut
        ? 'The mail server did not answer in time'
        : reset
          ? 'The connection to the mail server was lost'
          : code === 'ETLS'
            ? 'A secure (TLS) connection to the mail server could not be made'
            : responseCode !== null
              ? 'The mail server turned the connection down'
              : 'The mail server could not be reached';
  return new MailDeliveryError(`${what}${said}`, { temporary: true, responseCode, code });
}
