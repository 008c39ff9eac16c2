import 'server-only';
import { and, eq, gt, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from './client';
import { paymentAttempts, paymentLinks } from './schema';

/**
 * The dashboard's sums and counts, aggregated by the database so the front page stays fast with a
 * ledger of 100,000 payments: each query is bounded by an indexed column (created_at, state,
 * state + expires_at) and returns a handful of rows.
 */

/** Where a payment came in: through a payment link (the guest paid), at the desk, or a refund going out. */
export type TakingsChannel = 'link' | 'desk' | 'refund';

export interface ChannelTotal {
  currency: string;
  channel: TakingsChannel;
  amountMinor: number;
  count: number;
}

/** Paid attempts created in `[start, end)`, summed per currency and channel. */
export async function takingsBetween(
  db: Database,
  start: Date,
  end: Date,
): Promise<ChannelTotal[]> {
  const channel = sql<TakingsChannel>`case when ${paymentAttempts.method} = 'refund' then 'refund' when ${paymentAttempts.paymentLinkId} is not null then 'link' else 'desk' end`;
  const rows = await db
    .select({
      currency: paymentAttempts.currency,
      channel,
      amountMinor: sql<string>`sum(${paymentAttempts.amountMinor})`,
      count: sql<number>`count(*)::int`,
    })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.state, 'succeeded'),
        gte(paymentAttempts.createdAt, start),
        lt(paymentAttempts.createdAt, end),
      ),
    )
    .groupBy(paymentAttempts.currency, sql`2`);
  return rows.map((row) => ({
    currency: row.currency.trim(),
    channel: row.channel,
    amountMinor: Number(row.amountMinor),
    count: Number(row.count),
  }));
}

export interface AttentionCounts {
  /** Mews' answer was lost: nobody knows whether the money moved. */
  unknown: number;
  /** Sent to Mews (or about to be) for longer than `stuckBefore` allows, or verifying past Mews' deadline. */
  stuck: number;
  /** Waiting for the guest to confirm with their bank (Mews e-mailed them). */
  verifying: number;
}

/**
 * `stuckBefore`: an attempt processing since before this is stuck; `verifyingStuckBefore`: one
 * verifying since before this is past Mews' window (the rule of PaymentRow.needsAttention).
 */
export async function attentionCounts(
  db: Database,
  stuckBefore: Date,
  verifyingStuckBefore: Date,
): Promise<AttentionCounts> {
  const [row] = await db
    .select({
      unknown: sql<number>`count(*) filter (where ${paymentAttempts.state} = 'unknown')::int`,
      stuck: sql<number>`count(*) filter (where ${or(
        and(
          inArray(paymentAttempts.state, ['processing', 'created']),
          lt(paymentAttempts.updatedAt, stuckBefore),
        ),
        and(
          eq(paymentAttempts.state, 'verifying'),
          isNotNull(paymentAttempts.verifyingSince),
          lt(paymentAttempts.verifyingSince, verifyingStuckBefore),
        ),
      )})::int`,
      verifying: sql<number>`count(*) filter (where ${paymentAttempts.state} = 'verifying')::int`,
    })
    .from(paymentAttempts)
    .where(inArray(paymentAttempts.state, ['unknown', 'processing', 'created', 'verifying']));
  return {
    unknown: Number(row?.unknown ?? 0),
    stuck: Number(row?.stuck ?? 0),
    verifying: Number(row?.verifying ?? 0),
  };
}

/** Open links that can still be paid now but run out before `end` (the end of the hotel's day). */
export async function countLinksExpiringBy(db: Database, now: Date, end: Date): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(paymentLinks)
    .where(
      and(
        eq(paymentLinks.state, 'open'),
        gt(paymentLinks.expiresAt, now),
        lt(paymentLinks.expiresAt, end),
      ),
    );
  return Number(row?.count ?? 0);
}
