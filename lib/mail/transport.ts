import 'server-only';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';

/**
 * How long we wait for an SMTP server, at each step. A server that stops answering must not hold a
 * sender (and the lease it holds on an outbox row) for long; the sender's lease is longer than
 * `SEND_DEADLINE_MS` plus a margin, so no other sender takes a row over while it is being sent.
 */
export const SMTP_TIMEOUTS = {
  /** TCP (and TLS) connection established. */
  connectionMs: 15_000,
  /** The server's greeting after connecting. */
  greetingMs: 10_000,
  /** Any silence on an open connection (each command's answer, the answer to the message). */
  socketMs: 20_000,
} as const;

/** The whole of one send, however slowly a server dribbles its answers: then we hang up. */
export const SEND_DEADLINE_MS = 60_000;

export interface MailTransportSettings {
  /** `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start), with `user:password@` if the server needs a login. */
  smtpUrl: string;
}

/**
 * Where and how to reach the SMTP server. Holds the password, so it is never logged: `label` is
 * what logs and errors may show. Each send opens its own connection (no pool): the app sends a few
 * messages a minute, and a fresh connection per message keeps one message's failure from leaking
 * into the next.
 */
export interface MailTransport {
  /** `smtp://host:port`, without credentials. */
  readonly label: string;
  /** For `sendMessage` only. */
  readonly connectionOptions: SMTPConnection.Options;
  readonly credentials: SMTPConnection.Credentials | undefined;
  /** Every secret of the URL, to be blanked out of any error text. */
  readonly secrets: readonly string[];
}

export class MailConfigurationError extends Error {
  override name = 'MailConfigurationError';
}

export function createMailTransport(settings: MailTransportSettings): MailTransport {
  let url: URL;
  try {
    url = new URL(settings.smtpUrl);
  } catch {
    throw new MailConfigurationError('The SMTP URL is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailConfigurationError('The SMTP URL must start with smtp:// or smtps://');
  }
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  // WHATWG URLs keep IPv6 hosts in brackets; sockets want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const credentials = user ? { user, pass } : undefined;
  return {
    label: `${url.protocol}//${url.host}`,
    connectionOptions: {
      host,
      port,
      secure,
      connectionTimeout: SMTP_TIMEOUTS.connectionMs,
      greetingTimeout: SMTP_TIMEOUTS.greetingMs,
      socketTimeout: SMTP_TIMEOUTS.socketMs,
      dnsTimeout: SMTP_TIMEOUTS.connectionMs,
      // nodemailer's own logging would print the conversation, credentials included.
      logger: false,
      debug: false,
    },
    credentials,
    // A secret of one or two characters would blank out half of every message; none is that short.
    secrets: [pass, url.password, user, url.username].filter((secret) => secret.length >= 3),
  };
}

/** `text` with every secret of the transport (and any `user:password@` in a URL) blanked out. */
export function redactMailSecrets(
  text: string,
  transport?: Pick<MailTransport, 'secrets'>,
): string {
  let redacted = text.replace(/(smtps?:\/\/)[^@\s/]*@/gi, '$1[redacted]@');
  for (const secret of [...(transport?.secrets ?? [])].sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}
