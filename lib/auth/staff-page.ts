import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { sessionStaffId, staffActorFor, type StaffActor } from './require-staff';
import { roleAllows, type StaffRole } from './roles';

/**
 * For staff pages: the signed-in staff member, checked against the database, or a redirect to the
 * sign-in page. With a role the user lacks, `actor` is returned with `allowed: false` so the page
 * can say why instead of pretending the page does not exist.
 */
export async function staffPage(
  path: string,
  role: StaffRole = 'frontdesk',
  what?: string,
): Promise<{ ctx: PaymentContext; actor: StaffActor; allowed: boolean }> {
  const { ctx, session, actor } = await signedInStaff();
  if (!actor) redirect(`/staff/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (roleAllows(actor.role, role)) return { ctx, actor, allowed: true };
  try {
    // Refuses, and audits the refusal (staff.access_denied).
    await staffActorFor(ctx, session, role, what);
    return { ctx, actor, allowed: true };
  } catch (error) {
    if (error instanceof PaymentError && error.code === 'forbidden')
      return { ctx, actor, allowed: false };
    throw error;
  }
}

/**
 * The session and its staff member, read once per request: the office layout and the page both
 * check, and each check used to decode the session and read the staff row again before the page
 * could send its first byte.
 */
const signedInStaff = cache(async () => {
  const ctx = await getPaymentContext();
  const session = await sessionStaffId();
  try {
    return { ctx, session, actor: await staffActorFor(ctx, session, 'frontdesk') };
  } catch {
    return { ctx, session, actor: null };
  }
});

/**
 * For manager pages: the signed-in manager, a redirect to the sign-in page, or for front-desk staff
 * `forbidden()`: "Managers only" (app/staff/(office)/forbidden.tsx) with HTTP 403, the refusal
 * audited as `staff.access_denied`. Nothing of the page is rendered or read for them.
 */
export async function managerPage(
  path: string,
  what: string,
): Promise<{ ctx: PaymentContext; actor: StaffActor }> {
  const { ctx, actor, allowed } = await staffPage(path, 'manager', what);
  if (!allowed) forbidden();
  return { ctx, actor };
}
