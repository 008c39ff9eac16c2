import 'server-only';
import { randomUUID } from 'node:crypto';
import { releaseLease, tryAcquireLease } from '@/lib/db/job-leases';
import { listEmailedOpenLinks } from '@/lib/db/payment-links';
import { isLocale } from '@/lib/i18n/locales';
import { nudgeSender } from '@/lib/payments/links/payment-links';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import { INSTANCE_ID } from '@/lib/payments/reconciliation/schedule';
import type { PaymentContext } from '@/lib/server/context';
import { enqueueEmail } from './outbox';

/**
 * Reminders before a link expires, on the schedule of the Property settings (e.g. 3 days and 1 day
 * before). Only for links the guest was e-mailed (their URL is known only there) that are still
 * open; a link paid or canceled meanwhile gets none, and a reminder queued before that is skipped
 * by the database trigger (migration 0014) or, at the latest, by the renderer.
 */

const DAY_MS = 24 * 60 * 60_000;
const LEASE_NAME = 'email-reminders';
/** Longer than a pass takes; a killed holder blocks the others for at most this long. */
const LEASE_TTL_MS = 2 * 60_000;

/**
 * Which reminder is due for a link at `now`: the smallest `d` of `daysBefore` whose moment
 * (`expiresAt - d days`) has come, lies after the link was made (a link made 2 days before its
 * expiry gets no "3 days left" reminder) and before the expiry. `undefined` when none is.
 * The smallest, so a pass that finds several due (the app was down) sends only the latest one.
 */
export function dueReminderDays(
  link: { createdAt: Date; expiresAt: Date },
  daysBefore: readonly number[],
  now: Date,
): number | undefined {
  const expires = link.expiresAt.getTime();
  if (now.getTime() >= expires) return undefined;
  const due = daysBefore
    .filter((d) => Number.isInteger(d) && d > 0)
    .filter((d) => {
      const moment = expires - d * DAY_MS;
      return now.getTime() >= moment && moment > link.createdAt.getTime();
    });
  return due.length > 0 ? Math.min(...due) : undefined;
}

/**
 * Queues the reminders due now; returns how many. "Now" is Mews' clock (`serverTime` of a
 * configuration read fresh, not the cached one): the property's own clock, the one its deposit
 * deadlines are kept by, and the one the sandbox moves when a test or a demo moves time forward.
 * Mews unreachable throws; the schedule tries again on its next tick.
 */
export async function queueDueReminders(ctx: PaymentContext): Promise<number> {
  const configuration = await ctx.mews.getConfiguration({ refresh: true });
  const now = configuration.serverTime;
  const identity = await getPropertyIdentity(ctx, configuration.enterprise.name);
  if (identity.reminderDaysBefore.length === 0) return 0;
  let queued = 0;
  for (const { link, linkUrl } of await listEmailedOpenLinks(ctx.db, now)) {
    const days = dueReminderDays(link, identity.reminderDaysBefore, now);
    if (days === undefined || !link.guestEmail) continue;
    const row = await enqueueEmail(ctx.db, {
      kind: 'reminder',
      dedupeKey: `reminder:${link.id}:${days}`,
      paymentLinkId: link.id,
      recipient: link.guestEmail,
      recipientRole: 'guest',
      locale: isLocale(link.guestLocale) ? link.guestLocale : identity.defaultLocale,
      linkUrl,
    });
    if (row) queued++;
  }
  if (queued > 0) {
    ctx.log.info({ queued }, 'Payment link reminders queued');
    void nudgeSender();
  }
  return queued;
}

export type ExclusiveReminderPass = { ran: true; queued: number } | { ran: false };

/** One pass under the `email-reminders` lease, so one instance at a time does it. */
export async function queueDueRemindersExclusively(
  ctx: PaymentContext,
): Promise<ExclusiveReminderPass> {
  const holder = `${INSTANCE_ID}:${randomUUID().slice(0, 8)}`;
  if (!(await tryAcquireLease(ctx.db, LEASE_NAME, holder, LEASE_TTL_MS))) return { ran: false };
  try {
    return { ran: true, queued: await queueDueReminders(ctx) };
  } finally {
    await releaseLease(ctx.db, LEASE_NAME, holder).catch(() => undefined);
  }
}

const globalForReminders = globalThis as unknown as {
  mewsCheckoutReminderTimer?: NodeJS.Timeout;
};

/**
 * Starts the reminder pass every `intervalMs` (once per process; every instance runs one, the
 * lease lets one work at a time). A pass that finds the database or Mews down logs and waits for
 * the next tick. Returns a stop function.
 */
export function startReminderSchedule(
  getContext: () => Promise<PaymentContext>,
  intervalMs: number,
): () => void {
  const stop = () => {
    clearInterval(globalForReminders.mewsCheckoutReminderTimer);
    globalForReminders.mewsCheckoutReminderTimer = undefined;
  };
  if (intervalMs <= 0 || globalForReminders.mewsCheckoutReminderTimer) return stop;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    let ctx: PaymentContext | undefined;
    try {
      ctx = await getContext();
      await queueDueRemindersExclusively(ctx);
    } catch (error) {
      ctx?.log.warn({ err: error }, 'Reminder pass failed; trying again on the next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(
    () => void tick(),
    intervalMs + Math.floor(Math.random() * Math.min(5_000, intervalMs / 4)),
  );
  timer.unref();
  globalForReminders.mewsCheckoutReminderTimer = timer;
  return stop;
}
