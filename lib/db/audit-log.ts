import 'server-only';
import { and, desc, getTableColumns, lt, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { typedParam } from './typed-param';
import { auditEvents, type AuditEvent } from './schema';

export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, 'id' | 'occurredAt'>;

/** Appends one event. The table refuses updates and deletes (see migration 0001). */
export async function appendAuditEvent(db: Database, event: NewAuditEvent): Promise<AuditEvent> {
  const [row] = await db.insert(auditEvents).values(event).returning();
  if (!row) throw new Error('Audit insert returned nothing');
  return row;
}

/**
 * The insert of one event as SQL that applies only when `condition` holds, for a statement that
 * changes something and audits the change at once: no event without the change, and no change
 * whose event a crash between two statements could lose. Values may be placeholders of a prepared
 * statement.
 */
export function auditEventInsertWhen(
  event: NewAuditEvent | { [Key in keyof NewAuditEvent]?: Placeholder },
  condition: SQL,
): SQL {
  const columns = getTableColumns(auditEvents);
  const present = (Object.keys(event) as (keyof NewAuditEvent)[]).filter(
    (key) => event[key] !== undefined,
  );
  const names = present.map((key) => sql.identifier(columns[key].name));
  const values = present.map((key) => typedParam(event[key], columns[key]));
  return sql`insert into ${auditEvents} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} where ${condition}`;
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
