import 'server-only';
import { getConfig } from '@/lib/config';
import { findStaffUserById } from '@/lib/db/staff-accounts';
import type { StaffUser } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import { demoAccountRefused } from './demo-staff';

/**
 * Session versions: what a session token must match to still be good. Shared by Auth.js' callbacks
 * (lib/auth/index.ts) and every request's staff check (require-staff.ts), which import it from
 * here rather than from each other.
 */

/** What a session token says: whose it is, and for which of their session versions it was issued. */
export interface StaffSession {
  staffId: string;
  sessionVersion: number;
}

/**
 * The session version a token carries. Tokens issued before versions existed carry none and count
 * as 0, the column's default: they keep working until the account's first bump, and not after.
 */
export function sessionVersionOf(claim: unknown): number {
  return typeof claim === 'number' && Number.isSafeInteger(claim) ? claim : 0;
}

/**
 * Whether an account may act on a session: it exists, is enabled, the session was issued for its
 * current session version (sign-out, a new password, a role change and disabling all bump it), and
 * it is not a sandbox demo account outside sandbox mode. `sessionVersion` undefined: no token
 * involved (an id the caller already trusts, e.g. the command line).
 */
export function accountAcceptsSession(
  user: StaffUser | undefined,
  sessionVersion: number | undefined,
): user is StaffUser {
  if (!user || user.disabledAt) return false;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return false;
  return !demoAccountRefused(user, getConfig().mews.mode);
}

/** For Auth.js' jwt callback: whether a session read back from its cookie is still good. */
export async function isSessionCurrent(
  ctx: PaymentContext,
  session: StaffSession,
): Promise<boolean> {
  return accountAcceptsSession(
    await findStaffUserById(ctx.db, session.staffId),
    session.sessionVersion,
  );
}
