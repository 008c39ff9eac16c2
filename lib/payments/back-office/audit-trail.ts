import 'server-only';
import { listAudit, staffNames } from '@/lib/db/staff-ledger';
import type { AuditEvent } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import type { AuditFilterInput } from '@/lib/payments/back-office/filters';
import { dayStart, nextDay } from './day-bounds';

/** The back office's audit trail: who did what, as plain JSON (ISO dates) for pages, route handlers and CSV. */

export interface AuditRow {
  id: number;
  occurredAt: string;
  /** The label kept with the event (a staff e-mail, "guest", an API key name): survives a deletion. */
  actor: string;
  /** The staff member's name, for events of staff whose account still exists; else null. */
  actorName: string | null;
  actorType: AuditEvent['actorType'];
  action: string;
  outcome: AuditEvent['outcome'];
  subjectType: string | null;
  subjectId: string | null;
  amountMinor: number | null;
  currency: string | null;
  mewsIds: Record<string, string> | null;
  details: Record<string, unknown> | null;
  clientAddress: string | null;
}

export function toAuditRow(event: AuditEvent, actorName: string | null = null): AuditRow {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actorLabel,
    actorName: event.actorType === 'staff' ? actorName : null,
    actorType: event.actorType,
    action: event.action,
    outcome: event.outcome,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    amountMinor: event.amountMinor,
    currency: event.currency?.trim() ?? null,
    mewsIds: event.mewsIds ?? null,
    details: event.details ?? null,
    clientAddress: event.clientAddress,
  };
}

export async function listAuditTrail(
  ctx: PaymentContext,
  filter: AuditFilterInput & { subjectId?: string },
  limit = 300,
): Promise<AuditRow[]> {
  const events = await listAudit(
    ctx.db,
    {
      staffId: filter.staffId,
      actionPrefix: filter.action || undefined,
      from: filter.from ? dayStart(filter.from) : undefined,
      to: filter.to ? nextDay(filter.to) : undefined,
      subjectId: filter.subjectId,
    },
    limit,
  );
  const names = await staffNames(
    ctx.db,
    events.flatMap((event) => (event.actorStaffId ? [event.actorStaffId] : [])),
  );
  return events.map((event) =>
    toAuditRow(event, event.actorStaffId ? (names.get(event.actorStaffId) ?? null) : null),
  );
}
