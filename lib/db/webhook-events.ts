import 'server-only';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from './client';
import { webhookEvents, type WebhookEvent } from './schema';

export interface ReceivedWebhookEvent {
  discriminator: string;
  entityId: string;
  enterpriseId: string | null;
}

/**
 * Stores the events of one webhook message durably, in one statement. An event whose entity
 * already waits to be processed only bumps that row's delivery count: duplicates and retries by
 * Mews collapse into one re-read. Returns the ids of the rows waiting for processing.
 */
export async function storeWebhookEvents(
  db: Database,
  events: ReceivedWebhookEvent[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const unique = new Map<string, ReceivedWebhookEvent>();
  for (const event of events) unique.set(`${event.discriminator}\u0000${event.entityId}`, event);
  const rows = await db
    .insert(webhookEvents)
    .values([...unique.values()])
    .onConflictDoUpdate({
      target: [webhookEvents.discriminator, webhookEvents.entityId],
      targetWhere: sql`${webhookEvents.state} = 'received'`,
      set: { deliveries: sql`${webhookEvents.deliveries} + 1`, nextAttemptAt: sql`now()` },
    })
    .returning({ id: webhookEvents.id });
  return rows.map((row) => row.id);
}

/** Events due for processing, oldest first. */
export async function listDueWebhookEvents(
  db: Database,
  limit = 100,
  ids?: string[],
): Promise<WebhookEvent[]> {
  return db
    .select()
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.state, 'received'),
        ids ? inArray(webhookEvents.id, ids) : lte(webhookEvents.nextAttemptAt, sql`now()`),
      ),
    )
    .orderBy(asc(webhookEvents.receivedAt))
    .limit(limit);
}

/** Marks an event done; only the caller that moves it out of `received` gets `true`. */
export async function completeWebhookEvent(
  db: Database,
  id: string,
  outcome: 'processed' | 'unmatched',
  paymentAttemptId: string | null,
): Promise<boolean> {
  const rows = await db
    .update(webhookEvents)
    .set({ state: outcome, processedAt: sql`now()`, paymentAttemptId, lastError: null })
    .where(and(eq(webhookEvents.id, id), eq(webhookEvents.state, 'received')))
    .returning({ id: webhookEvents.id });
  return rows.length === 1;
}

/** Records a failed processing try and backs off (30 s, doubling, at most 30 min). */
export async function deferWebhookEvent(db: Database, id: string, error: string): Promise<void> {
  await db
    .update(webhookEvents)
    .set({
      processingAttempts: sql`${webhookEvents.processingAttempts} + 1`,
      lastError: error.slice(0, 500),
      nextAttemptAt: sql`now() + least(interval '30 minutes', interval '30 seconds' * power(2, ${webhookEvents.processingAttempts}))`,
    })
    .where(and(eq(webhookEvents.id, id), eq(webhookEvents.state, 'received')));
}

export async function countWebhookEvents(
  db: Database,
): Promise<Record<WebhookEvent['state'], number>> {
  const rows = await db
    .select({ state: webhookEvents.state, count: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .groupBy(webhookEvents.state);
  const counts = { received: 0, processed: 0, unmatched: 0 };
  for (const row of rows) counts[row.state] = row.count;
  return counts;
}
