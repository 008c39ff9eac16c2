import 'server-only';
import { findStaffUserById } from '@/lib/db/staff-accounts';
import type { StaffUser } from '@/lib/db/schema';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { roleAllows, type StaffRole } from './roles';

export type StaffActor = Extract<AuditActor, { type: 'staff' }> & { role: StaffRole; name: string };

/** The signed-in staff id from the session cookie, or undefined (no session, or no request scope). */
export async function sessionStaffId(): Promise<string | undefined> {
  try {
    // Loaded on use: the flows below are also run outside Next.js (tests, CLI), without Auth.js.
    const { auth } = await import('./index');
    const session = await auth();
    return session?.user?.id || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who the caller is, read back from the database, or a PaymentError. Disabled users and role
 * changes take effect at once, whatever the session cookie says. A refusal of a signed-in user is
 * audited (`staff.access_denied`) so a manager can see who tried what.
 */
export async function staffActorFor(
  ctx: PaymentContext,
  staffId: string | undefined,
  role: StaffRole = 'frontdesk',
  what?: string,
): Promise<StaffActor> {
  const user: StaffUser | undefined = staffId
    ? await findStaffUserById(ctx.db, staffId)
    : undefined;
  if (!user || user.disabledAt) {
    throw new PaymentError('unauthenticated', 'Your session has ended. Sign in again to continue.');
  }
  const actor: StaffActor = {
    type: 'staff',
    staffId: user.id,
    email: user.email,
    role: user.role,
    name: user.name,
  };
  if (!roleAllows(user.role, role)) {
    await audit(ctx, actor, {
      action: 'staff.access_denied',
      outcome: 'denied',
      subjectType: 'staff_user',
      subjectId: user.id,
      details: { required: role, role: user.role, ...(what ? { what } : {}) },
    });
    throw new PaymentError('forbidden', `Only a manager can ${what ?? 'do this'}.`);
  }
  return actor;
}

/** `authorize` for validatedAction: `authorize: (ctx) => requireStaff(ctx, 'manager', 'refund payments')`. */
export async function requireStaff(
  ctx: PaymentContext,
  role: StaffRole = 'frontdesk',
  what?: string,
): Promise<StaffActor> {
  return staffActorFor(ctx, await sessionStaffId(), role, what);
}

/** The staff actor behind an AuditActor that requireStaff produced. */
export function asStaffActor(actor: AuditActor): StaffActor {
  if (actor.type !== 'staff' || !('role' in actor)) {
    throw new PaymentError('unauthenticated', 'Your session has ended. Sign in again to continue.');
  }
  return actor as StaffActor;
}
