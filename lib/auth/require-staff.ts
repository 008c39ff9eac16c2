import 'server-only';
import { findStaffUserById } from '@/lib/db/staff-accounts';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { roleAllows, type StaffRole } from './roles';
import { accountAcceptsSession, sessionVersionOf, type StaffSession } from './session-version';

export type StaffActor = Extract<AuditActor, { type: 'staff' }> & { role: StaffRole; name: string };

/**
 * The signed-in session from the session cookie (staff id and session version), or undefined (no
 * session, a session Auth.js found ended, or no request scope).
 */
export async function staffSession(): Promise<StaffSession | undefined> {
  try {
    // Loaded on use: the flows below are also run outside Next.js (tests, CLI), without Auth.js.
    const { auth } = await import('./index');
    const session = await auth();
    const staffId = session?.user?.id;
    if (!staffId) return undefined;
    return { staffId, sessionVersion: sessionVersionOf(session.user.sessionVersion) };
  } catch {
    return undefined;
  }
}

/** The name the sign-in page and staffPage know staffSession() by. */
export const sessionStaffId = staffSession;

/**
 * Who the caller is, read back from the database, or a PaymentError. Disabled users, ended
 * sessions and role changes take effect at once, whatever the session cookie says. A refusal of a
 * signed-in user is audited (`staff.access_denied`) so a manager can see who tried what.
 *
 * `session` is what staffSession() read from the cookie; a bare staff id is for callers without a
 * session token (tests, the command line), which have no session version to compare.
 */
export async function staffActorFor(
  ctx: PaymentContext,
  session: StaffSession | string | undefined,
  role: StaffRole = 'frontdesk',
  what?: string,
): Promise<StaffActor> {
  const claims =
    typeof session === 'string' ? { staffId: session, sessionVersion: undefined } : session;
  const user = claims ? await findStaffUserById(ctx.db, claims.staffId) : undefined;
  if (!claims || !accountAcceptsSession(user, claims.sessionVersion)) {
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
  return staffActorFor(ctx, await staffSession(), role, what);
}

/** The staff actor behind an AuditActor that requireStaff produced. */
export function asStaffActor(actor: AuditActor): StaffActor {
  if (actor.type !== 'staff' || !('role' in actor)) {
    throw new PaymentError('unauthenticated', 'Your session has ended. Sign in again to continue.');
  }
  return actor as StaffActor;
}
