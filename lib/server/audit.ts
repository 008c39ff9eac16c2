import 'server-only';
import { appendAuditEvent, type NewAuditEvent } from '@/lib/db/audit-log';
import type { PaymentContext } from './context';

export type AuditActor =
  | { type: 'guest' }
  | { type: 'system' }
  | { type: 'staff'; staffId: string; email: string }
  | { type: 'api'; keyName: string };

export function actorFields(
  actor: AuditActor,
): Pick<NewAuditEvent, 'actorType' | 'actorStaffId' | 'actorLabel'> {
  switch (actor.type) {
    case 'staff':
      return { actorType: 'staff', actorStaffId: actor.staffId, actorLabel: actor.email };
    case 'api':
      return { actorType: 'api', actorStaffId: null, actorLabel: `api:${actor.keyName}` };
    default:
      return { actorType: actor.type, actorStaffId: null, actorLabel: actor.type };
  }
}

/** An event as the audit trail stores it: who did it, and what. */
export function auditEventOf(
  actor: AuditActor,
  event: Omit<NewAuditEvent, 'actorType' | 'actorStaffId' | 'actorLabel'>,
): NewAuditEvent {
  return { ...actorFields(actor), ...event };
}

/**
 * Appends to the audit trail. The money has already moved (or not) when this runs, so a failing
 * audit write is logged loudly rather than turned into a failed payment for the user.
 */
export async function audit(
  ctx: PaymentContext,
  actor: AuditActor,
  event: Omit<NewAuditEvent, 'actorType' | 'actorStaffId' | 'actorLabel'>,
): Promise<void> {
  try {
    await appendAuditEvent(ctx.db, auditEventOf(actor, event));
  } catch (error) {
    ctx.log.error(
      { err: error, action: event.action, subjectId: event.subjectId },
      'Audit event could not be written',
    );
  }
}
