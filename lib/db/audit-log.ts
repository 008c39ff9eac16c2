import 'server-only';
import { and, desc, lt } from 'drizzle-orm';
import type { Database } from './client';
import { auditEvents, type AuditEvent } from './schema';

export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, 'id' | 'occurredAt'>;

/** Appends one event. The table refuses updates and deletes (see migration 0001). */
export async function appendAuditEvent(db: Database, event: NewAuditEvent): Promise<AuditEvent> {
  const [row] = await db.insert(auditEvents).values(event).returning();
  if (!row) throw new Error('Audit insert returned nothing');
  return row;
}

/** Newest first; pass the last id seen as `beforeId` for the next page. */
export async function listAuditEvents(
  db: Database,
  options: { limit?: number; beforeId?: number } = {},
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(options.beforeId ? lt(auditEvents.id, options.beforeId) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(options.limit ?? 100);
}
