import 'server-only';

/**
 * E-mail over SMTP for the rest of the app. Only `lib/mail` knows SMTP (as only `lib/mews` knows the
 * Connector API): callers hand it a rendered message with its Message-ID and get back the server's
 * acceptance or a `MailDeliveryError` saying whether trying again may help.
 *
 *   const transport = createMailTransport({ smtpUrl });
 *   await sendMessage(transport, { from, to, subject, html, text, messageId });
 */
export {
  createMailTransport,
  MailConfigurationError,
  redactMailSecrets,
  SEND_DEADLINE_MS,
  SMTP_TIMEOUTS,
  type MailTransport,
  type MailTransportSettings,
} from './transport';
export { MailDeliveryError, sendMessage, type MailMessage, type MailReceipt } from './send';
