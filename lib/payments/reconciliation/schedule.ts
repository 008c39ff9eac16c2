import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { releaseLease, tryAcquireLease } from '@/lib/db/job-leases';
import type { ReconciliationTrigger } from '@/lib/db/reconciliation-runs';
import type { PaymentContext } from '@/lib/server/context';
import { fillMissingGuestNamesExclusively } from '@/lib/payments/back-office/guest-directory';
import {
  reconcilePayments,
  type ReconcilerSettings,
  type ReconciliationResult,
} from './reconciler';

/**
 * Runs the reconciler on a schedule inside every app instance, and on demand from the staff
 * dashboard, with at most one pass at a time across all instances: a lease row in the database
 * (taken by a conditional upsert, expiring on its own if its holder is killed) decides who runs.
 */

const LEASE_NAME = 'reconciler';
/** Longer than any pass should take; a killed holder blocks the others for at most this long. */
const LEASE_TTL_MS = 5 * 60_000;

/** Who this process is, in lease rows and logs. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type ExclusiveReconciliation =
  { ran: true; result: ReconciliationResult } | { ran: false; reason: 'busy' };

export async function reconcileExclusively(
  ctx: PaymentContext,
  options: {
    trigger: ReconciliationTrigger;
    staffId?: string | null;
    settings?: Partial<ReconcilerSettings>;
  },
): Promise<ExclusiveReconciliation> {
  // One holder per pass, so two passes in the same process exclude each other too.
  const holder = `${INSTANCE_ID}:${randomUUID().slice(0, 8)}`;
  if (!(await tryAcquireLease(ctx.db, LEASE_NAME, holder, LEASE_TTL_MS)))
    return { ran: false, reason: 'busy' };
  try {
    return { ran: true, result: await reconcilePayments(ctx, options) };
  } finally {
    await releaseLease(ctx.db, LEASE_NAME, holder).catch(() => undefined);
  }
}

const globalForSchedule = globalThis as unknown as { mewsCheckoutReconcileTimer?: NodeJS.Timeout };

/**
 * Starts the schedule (once per process). Each tick tries the lease; a tick that finds the
 * database or Mews down logs and waits for the next one.
 */
export function startReconciliationSchedule(
  getContext: () => Promise<PaymentContext>,
  intervalMs: number,
): void {
  if (intervalMs <= 0 || globalForSchedule.mewsCheckoutReconcileTimer) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    let ctx: PaymentContext | undefined;
    try {
      ctx = await getContext();
      await reconcileExclusively(ctx, { trigger: 'schedule' });
    } catch (error) {
      ctx?.log.warn(
        { err: error },
        'Scheduled reconciliation failed; trying again on the next tick',
      );
    }
    try {
      // Guests' names for the payment lists, read from Mews here so no page ever waits on Mews.
      if (ctx) await fillMissingGuestNamesExclusively(ctx);
    } catch (error) {
      ctx?.log.warn(
        { err: error },
        'Filling in guest names from Mews failed; trying again on the next tick',
      );
    } finally {
      running = false;
    }
  };
  // Jitter spreads instances that started together.
  const timer = setInterval(
    () => void tick(),
    intervalMs + Math.floor(Math.random() * Math.min(5_000, intervalMs / 4)),
  );
  timer.unref();
  globalForSchedule.mewsCheckoutReconcileTimer = timer;
}
