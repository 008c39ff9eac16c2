import 'server-only';
import {
  countRecentAccountFailures,
  countRecentAddressFailures,
  recordSignInAttempt,
} from '@/lib/db/sign-in-attempts';
import { markStaffSignedIn } from '@/lib/db/staff-accounts';
import { findStaffUserByEmail } from '@/lib/db/staff-users';
import type { StaffUser } from '@/lib/db/schema';
import { maskCardNumbers } from '@/lib/log/redact';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { verifyPassword } from './password';
import type { SignInInput } from './sign-in-schema';

export { signInSchema, SIGN_IN_MESSAGES, type SignInInput } from './sign-in-schema';

/**
 * Password sign-in for staff, throttled in the database so every app instance counts the same
 * failures: per account (someone guessing one colleague's password) and per client address
 * (someone trying many accounts from one machine).
 */

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 20;

export type SignInOutcome =
  { ok: true; user: StaffUser } | { ok: false; reason: 'invalid' | 'throttled' };

export async function verifyStaffCredentials(
  ctx: PaymentContext,
  input: SignInInput,
  clientAddress: string | null,
): Promise<SignInOutcome> {
  // Whatever was typed is stored and audited; a card number typed into the email box never is.
  const email = maskCardNumbers(input.email.trim().toLowerCase());
  const since = new Date(ctx.now().getTime() - SIGN_IN_WINDOW_MS);
  const [accountFailures, addressFailures] = await Promise.all([
    countRecentAccountFailures(ctx.db, email, since),
    clientAddress ? countRecentAddressFailures(ctx.db, clientAddress, since) : Promise.resolve(0),
  ]);
  const user = await findStaffUserByEmail(ctx.db, email);
  const actor = user
    ? { type: 'staff' as const, staffId: user.id, email: user.email }
    : { type: 'system' as const };

  if (accountFailures >= MAX_ACCOUNT_FAILURES || addressFailures >= MAX_ADDRESS_FAILURES) {
    // Not recorded as another failure: a locked-out owner retrying must not extend their own lock.
    await audit(ctx, actor, {
      action: 'staff.sign_in',
      outcome: 'denied',
      subjectType: 'staff_user',
      subjectId: user?.id ?? null,
      clientAddress,
      details: {
        email,
        reason: accountFailures >= MAX_ACCOUNT_FAILURES ? 'account_throttled' : 'address_throttled',
      },
    });
    return { ok: false, reason: 'throttled' };
  }

  const passwordMatches = await verifyPassword(user?.passwordHash, input.password);
  const succeeded = Boolean(user && passwordMatches && !user.disabledAt);
  await recordSignInAttempt(ctx.db, { email, clientAddress, succeeded });
  await audit(ctx, actor, {
    action: 'staff.sign_in',
    outcome: succeeded ? 'success' : 'failure',
    subjectType: 'staff_user',
    subjectId: user?.id ?? null,
    clientAddress,
    details: succeeded
      ? { method: 'password' }
      : {
          method: 'password',
          email,
          reason: !user
            ? 'unknown_email'
            : user.disabledAt && passwordMatches
              ? 'disabled'
              : 'wrong_password',
        },
  });
  if (!succeeded || !user) return { ok: false, reason: 'invalid' };
  await markStaffSignedIn(ctx.db, user.id);
  return { ok: true, user };
}
