import 'server-only';
import { randomUUID } from 'node:crypto';
import { getConfig } from '@/lib/config';
import {
  claimDueEmails,
  markEmailFailed,
  markEmailRetry,
  markEmailSent,
  markEmailSkipped,
  markEmailUncertain,
  saveRenderedEmail,
  type ClaimedEmail,
} from '@/lib/db/email-outbox';
import {
  createMailTransport,
  MailDeliveryError,
  SEND_DEADLINE_MS,
  sendMessage,
  type MailTransport,
} from '@/lib/mail';
import { INSTANCE_ID } from '@/lib/payments/reconciliation/schedule';
import type { PaymentContext } from '@/lib/server/context';
import type { EmailRenderer, RenderedEmail } from './types';

/**
 * Delivers the outbox (see README.md in this folder): takes due rows one at a time under a lease
 * of their own, renders a row's message once if it has none, sends it with its fixed Message-ID,
 * and records the answer. Never sends a row twice: a row whose sender stopped between handing the
 * message to the mail server and recording the answer becomes `uncertain`, for staff to decide.
 */

/**
 * How long one row is held. Longer than a send can take (nodemailer's timeouts end every step
 * sooner, and `sendMessage` hangs up at SEND_DEADLINE_MS) plus rendering and two database writes,
 * so a live sender never loses its row to another; a killed one blocks the row for this long.
 */
export const EMAIL_LEASE_MS = SEND_DEADLINE_MS + 60_000;

/** Attempts (SMTP transactions begun) before a row that keeps failing for now is given up. */
export const MAX_EMAIL_ATTEMPTS = 8;
/** Nor is a row retried once it is this old: a receipt or a reminder a day late is news to nobody. */
export const EMAIL_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
/** Waits after the 1st, 2nd... failed attempt; the last one repeats. */
export const EMAIL_RETRY_DELAYS_MS = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  2 * 60 * 60_000,
  4 * 60 * 60_000,
] as const;

/** How long to wait after the `attempts`-th attempt failed for now. */
export function emailRetryDelayMs(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), EMAIL_RETRY_DELAYS_MS.length) - 1;
  return EMAIL_RETRY_DELAYS_MS[index]!;
}

export type RetryDecision = { retry: true; nextAttemptAt: Date } | { retry: false; reason: string };

/**
 * After an attempt failed for now: when to try again, or why not. Gives up after
 * MAX_EMAIL_ATTEMPTS attempts, or when the next attempt would fall more than
 * EMAIL_GIVE_UP_AFTER_MS after the row was queued.
 */
export function retryDecision(
  row: { attempts: number; createdAt: Date },
  now: Date,
): RetryDecision {
  if (row.attempts >= MAX_EMAIL_ATTEMPTS) {
    return { retry: false, reason: `Gave up after ${row.attempts} attempts` };
  }
  const nextAttemptAt = new Date(now.getTime() + emailRetryDelayMs(row.attempts));
  if (nextAttemptAt.getTime() - row.createdAt.getTime() > EMAIL_GIVE_UP_AFTER_MS) {
    return {
      retry: false,
      reason: `Gave up after ${row.attempts} ${row.attempts === 1 ? 'attempt' : 'attempts'} over 24 hours`,
    };
  }
  return { retry: true, nextAttemptAt };
}

/** What staff read on a row whose sender stopped mid-send (see README.md). */
export const CRASHED_MID_SEND_REASON =
  'The sender stopped after handing this e-mail to the mail server and before recording its answer, so it may or may not have arrived. It was not sent again, so the guest never gets it twice; use "Send again" if they did not get it.';

export interface MailSettings {
  from: string;
  messageIdDomain: string;
}

export interface DeliverOptions {
  /** Who holds the rows this pass takes, e.g. `<instance>:email:<pass>`. */
  holder: string;
  /** Default: one for `getConfig().mail.smtpUrl`. */
  transport?: MailTransport;
  /** Default: `from` and `messageIdDomain` of `getConfig().mail`. */
  mail?: MailSettings;
  /** Default: `renderEmail` of ./render. */
  render?: EmailRenderer<PaymentContext>;
  /** Default `ctx.now()`: the clock due times, leases and retries are reckoned by. */
  now?: Date;
  /** At most this many rows per pass. Default 20. */
  batch?: number;
  /** Default sendMessage; tests wrap it (e.g. to stop "between" sending and recording). */
  send?: typeof sendMessage;
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
  uncertain: number;
  skipped: number;
  /** Rows whose lease ran out mid-delivery and went to another sender, whose decision stands. */
  handedOver: number;
}

async function defaultRenderer(): Promise<EmailRenderer<PaymentContext>> {
  // Loaded on first use: it pulls in the e-mail templates, which the tests of this file replace.
  const { renderEmail } = await import('./render');
  return renderEmail;
}

/**
 * One pass: rows are claimed one at a time, so each row's lease starts when its turn comes and
 * another instance can take the next row meanwhile. Returns what happened to the rows taken.
 */
export async function deliverDueEmails(
  ctx: PaymentContext,
  options: DeliverOptions,
): Promise<DeliveryResult> {
  const result: DeliveryResult = {
    sent: 0,
    retried: 0,
    failed: 0,
    uncertain: 0,
    skipped: 0,
    handedOver: 0,
  };
  const config = options.mail && options.transport ? undefined : getConfig().mail;
  const mail = options.mail ?? config;
  if (!mail) return result;
  const transport =
    options.transport ?? (config ? createMailTransport({ smtpUrl: config.smtpUrl }) : undefined);
  if (!transport) return result;
  const batch = options.batch ?? 20;
  let render = options.render;

  for (let taken = 0; taken < batch; taken++) {
    const now = options.now ?? ctx.now();
    const [row] = await claimDueEmails(ctx.db, {
      holder: options.holder,
      leaseMs: EMAIL_LEASE_MS,
      limit: 1,
      now,
      messageIdDomain: mail.messageIdDomain,
    });
    if (!row) break;
    render ??= await defaultRenderer();
    const outcome = await deliverOne(ctx, row, { ...options, transport, mail, render, now });
    result[outcome]++;
  }
  return result;
}

type Outcome = keyof DeliveryResult;

async function deliverOne(
  ctx: PaymentContext,
  row: ClaimedEmail,
  options: DeliverOptions & {
    transport: MailTransport;
    mail: MailSettings;
    render: EmailRenderer<PaymentContext>;
    now: Date;
  },
): Promise<Outcome> {
  const { holder } = options;
  const fields = { emailId: row.id, kind: row.kind, attempts: row.attempts };
  if (row.crashedMidSend) {
    if (!(await markEmailUncertain(ctx.db, row.id, holder, CRASHED_MID_SEND_REASON)))
      return lostLease(ctx, fields);
    ctx.log.warn(
      { ...fields, state: 'uncertain' },
      'An e-mail was left mid-send by a sender that stopped; not sending it again',
    );
    return 'uncertain';
  }

  let message = row.subject !== null ? storedMessage(row) : undefined;
  if (!message) {
    let rendered: RenderedEmail;
    try {
      rendered = await options.render(ctx, row);
    } catch (error) {
      ctx.log.warn({ ...fields, err: error }, 'An e-mail could not be written; trying again later');
      return retryOrGiveUp(ctx, row, options, 'The e-mail could not be written yet');
    }
    if ('skip' in rendered) {
      if (!(await markEmailSkipped(ctx.db, row.id, holder, rendered.skip)))
        return lostLease(ctx, fields);
      ctx.log.info({ ...fields, state: 'skipped' }, 'E-mail skipped');
      return 'skipped';
    }
    // From here on the row holds its message: a sender that stops now may have sent it.
    if (!(await saveRenderedEmail(ctx.db, row.id, holder, rendered))) return lostLease(ctx, fields);
    message = rendered;
  }

  let receipt;
  try {
    receipt = await (options.send ?? sendMessage)(options.transport, {
      from: options.mail.from,
      to: row.recipient,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: row.messageId!,
      // RFC 3834: an automatic message, so out-of-office replies do not answer it.
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  } catch (error) {
    return recordFailure(ctx, row, options, error);
  }
  // Outside the try: a database that fails us now leaves the row `sending` under our lease, and
  // the next sender after it marks the row uncertain, never sends it again.
  if (!(await markEmailSent(ctx.db, row.id, holder, options.now))) return lostLease(ctx, fields);
  ctx.log.info({ ...fields, state: 'sent', response: receipt.response }, 'E-mail sent');
  return 'sent';
}

async function recordFailure(
  ctx: PaymentContext,
  row: ClaimedEmail,
  options: { holder: string; now: Date },
  error: unknown,
): Promise<Outcome> {
  const { holder } = options;
  const fields = { emailId: row.id, kind: row.kind, attempts: row.attempts };
  if (!(error instanceof MailDeliveryError) || error.maybeDelivered) {
    // Not one of lib/mail's verdicts, or the server may have the message: never guess "not sent".
    const reason =
      error instanceof MailDeliveryError
        ? `${error.message}. It was not sent again, so the guest never gets it twice; use "Send again" if they did not get it.`
        : CRASHED_MID_SEND_REASON;
    if (!(await markEmailUncertain(ctx.db, row.id, holder, reason))) return lostLease(ctx, fields);
    ctx.log.warn(
      { ...fields, state: 'uncertain', err: error },
      'An e-mail may or may not have been delivered; not sending it again',
    );
    return 'uncertain';
  }
  if (!error.temporary) {
    if (!(await markEmailFailed(ctx.db, row.id, holder, error.message)))
      return lostLease(ctx, fields);
    ctx.log.warn(
      { ...fields, state: 'failed', responseCode: error.responseCode, code: error.code },
      'The mail server refused an e-mail',
    );
    return 'failed';
  }
  ctx.log.warn(
    { ...fields, responseCode: error.responseCode, code: error.code },
    'An e-mail could not be sent for now',
  );
  return retryOrGiveUp(ctx, row, options, error.message);
}

function storedMessage(row: ClaimedEmail) {
  return { subject: row.subject!, html: row.html ?? '', text: row.textBody ?? '' };
}

async function retryOrGiveUp(
  ctx: PaymentContext,
  row: ClaimedEmail,
  options: { holder: string; now: Date },
  why: string,
): Promise<Outcome> {
  const decision = retryDecision(row, options.now);
  const fields = { emailId: row.id, kind: row.kind, attempts: row.attempts };
  if (decision.retry) {
    const moved = await markEmailRetry(ctx.db, row.id, options.holder, {
      nextAttemptAt: decision.nextAttemptAt,
      lastError: why,
    });
    return moved ? 'retried' : lostLease(ctx, fields);
  }
  if (!(await markEmailFailed(ctx.db, row.id, options.holder, `${decision.reason}. Last: ${why}`)))
    return lostLease(ctx, fields);
  ctx.log.warn({ ...fields, state: 'failed' }, 'Gave up on an e-mail');
  return 'failed';
}

function lostLease(ctx: PaymentContext, fields: Record<string, unknown>): Outcome {
  // Our lease ran out and another sender took the row: what it decides stands.
  ctx.log.warn(fields, 'Lost the lease on an e-mail mid-delivery; leaving it to the new holder');
  return 'handedOver';
}

const globalForEmail = globalThis as unknown as {
  mewsCheckoutEmailSchedule?: { timer: NodeJS.Timeout; nudge: () => void };
};

/**
 * Starts delivering on a schedule (once per process; every instance runs one, the row leases keep
 * them apart). A pass that finds a full batch is followed at once by another; a pass that fails
 * (database down) logs and waits for the next tick.
 */
export function startEmailSchedule(
  getContext: () => Promise<PaymentContext>,
  intervalMs: number,
  options: Omit<DeliverOptions, 'holder' | 'now'> = {},
): void {
  if (intervalMs <= 0 || globalForEmail.mewsCheckoutEmailSchedule) return;
  const batch = options.batch ?? 20;
  let running = false;
  let again = false;
  const tick = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let ctx: PaymentContext | undefined;
    try {
      ctx = await getContext();
      const holder = `${INSTANCE_ID}:email:${randomUUID().slice(0, 8)}`;
      const result = await deliverDueEmails(ctx, { ...options, holder, batch });
      const taken = Object.values(result).reduce((sum, n) => sum + n, 0);
      if (taken >= batch) again = true;
    } catch (error) {
      ctx?.log.warn({ err: error }, 'E-mail delivery pass failed; trying again on the next tick');
    } finally {
      running = false;
      if (again) {
        again = false;
        setTimeout(() => void tick(), 0).unref();
      }
    }
  };
  // Jitter spreads instances that started together.
  const timer = setInterval(
    () => void tick(),
    intervalMs + Math.floor(Math.random() * Math.min(2_000, intervalMs / 4)),
  );
  timer.unref();
  let nudged: NodeJS.Timeout | undefined;
  const nudge = () => {
    if (nudged) return;
    // A moment's delay: the caller's transaction has usually committed by then, and several
    // e-mails queued together go out in one pass.
    nudged = setTimeout(() => {
      nudged = undefined;
      void tick();
    }, 250);
    nudged.unref();
  };
  globalForEmail.mewsCheckoutEmailSchedule = { timer, nudge };
}

/**
 * Asks this process's sender for a pass soon, after a row was queued (call it once the queuing
 * transaction has committed). Without a schedule (no mail configured) it does nothing: the row
 * waits in the outbox.
 */
export function nudgeEmailSender(): void {
  globalForEmail.mewsCheckoutEmailSchedule?.nudge();
}

/** Stops this process's schedule (tests). */
export function stopEmailSchedule(): void {
  const schedule = globalForEmail.mewsCheckoutEmailSchedule;
  if (!schedule) return;
  clearInterval(schedule.timer);
  globalForEmail.mewsCheckoutEmailSchedule = undefined;
}
