import 'server-only';
import {
  countSignInFailures,
  discardSignInAttempt,
  markSignInAttemptSucceeded,
  SIGN_IN_LOCKED_ACTION,
  startSignInAttempt,
  type SignInFailureCounts,
} from '@/lib/db/sign-in-attempts';
import { markStaffSignedIn } from '@/lib/db/staff-accounts';
import { findStaffUserByEmail } from '@/lib/db/staff-users';
import type { StaffUser } from '@/lib/db/schema';
import { maskCardNumbers } from '@/lib/log/redact';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { verifyPassword } from './password';
import { waitBeforePasswordCheck } from './sign-in-delay';
import type { SignInInput } from './sign-in-schema';

export { signInSchema, SIGN_IN_MESSAGES, type SignInInput } from './sign-in-schema';
export { SIGN_IN_LOCKED_ACTION } from '@/lib/db/sign-in-attempts';

/**
 * Password sign-in for staff, throttled in the database so every app instance counts the same
 * failures, in a 15-minute sliding window. A network is one IPv4 address or one IPv6 /64.
 *
 * - One account from one network: 5 failures, then that pair is refused (someone guessing a
 *   colleague's password from their machine, or the owner mistyping). Signing in there resets it.
 * - One network, any accounts (unknown emails included): 20 failures, then everything from it is
 *   refused (someone trying many accounts). Nothing is hashed for a refused attempt, so unknown
 *   emails cannot make us run Argon2 beyond this either.
 * - One account from anywhere: from 10 failures on (more than one network's worth, so never for an
 *   owner mistyping at one desk), every attempt on it waits 0.5 s, 1 s, 2 s, then 4 s at most
 *   before its password is checked; at 100 failures, networks the account has not signed in from
 *   in the last 30 days are refused. An attacker spreading guesses over many addresses cannot lock
 *   the owner out of the places they work from, only slow them down.
 *
 * Each limit reached is audited once as `staff.sign_in_locked`, which managers see on the staff
 * page; a refused attempt is audited as a denied `staff.sign_in` and is not counted as a failure.
 */

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_ACCOUNT_ADDRESS_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 20;
export const ACCOUNT_FAILURE_CEILING = 100;
/** How far back a successful sign-in makes a network "known" for the account ceiling. */
export const KNOWN_NETWORK_MS = 30 * 24 * 60 * 60_000;
export const DELAY_FROM_ACCOUNT_FAILURES = 2 * MAX_ACCOUNT_ADDRESS_FAILURES;
export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 4_000;

export type SignInOutcome =
  { ok: true; user: StaffUser } | { ok: false; reason: 'invalid' | 'throttled' };

/** How long an attempt on an account with `accountFailures` recent failures waits. */
export function signInDelayMs(accountFailures: number): number {
  if (accountFailures < DELAY_FROM_ACCOUNT_FAILURES) return 0;
  const doublings = Math.min(accountFailures - DELAY_FROM_ACCOUNT_FAILURES, 16);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings);
}

type LockScope = 'account_address' | 'address' | 'account';

function refusalOf(failures: SignInFailureCounts): LockScope | undefined {
  if (failures.accountAddress >= MAX_ACCOUNT_ADDRESS_FAILURES) return 'account_address';
  if (failures.address >= MAX_ADDRESS_FAILURES) return 'address';
  if (failures.account >= ACCOUNT_FAILURE_CEILING && !failures.knownNetwork) return 'account';
  return undefined;
}

export interface SignInOptions {
  /** How the delay is waited for (tests record it instead of waiting). */
  sleep?: (ms: number) => Promise<unknown>;
  /**
   * `manager_approval`: a manager typing their password on a clerk's screen to approve a charge
   * (lib/payments/staff/manager-approval.ts). Same throttling, and a wrong password counts as a
   * failed sign-in; but no session starts, so the account's last sign-in is left alone.
   */
  purpose?: 'sign_in' | 'manager_approval';
}

export async function verifyStaffCredentials(
  ctx: PaymentContext,
  input: SignInInput,
  clientAddress: string | null,
  options: SignInOptions = {},
): Promise<SignInOutcome> {
  // Whatever was typed is stored and audited; a card number typed into the email box never is.
  const email = maskCardNumbers(input.email.trim().toLowerCase());
  const now = ctx.now();
  const attemptId = await startSignInAttempt(ctx.db, { email, clientAddress, at: now });
  const [failures, user] = await Promise.all([
    countSignInFailures(ctx.db, {
      email,
      clientAddress,
      since: new Date(now.getTime() - SIGN_IN_WINDOW_MS),
      knownSince: new Date(now.getTime() - KNOWN_NETWORK_MS),
      excludeId: attemptId,
    }),
    findStaffUserByEmail(ctx.db, email),
  ]);
  const actor = user
    ? { type: 'staff' as const, staffId: user.id, email: user.email }
    : { type: 'system' as const };

  const refusal = refusalOf(failures);
  if (refusal) {
    await discardSignInAttempt(ctx.db, attemptId);
    await audit(ctx, actor, {
      action: 'staff.sign_in',
      outcome: 'denied',
      subjectType: 'staff_user',
      subjectId: user?.id ?? null,
      clientAddress,
      details: { email, reason: `${refusal}_throttled` },
    });
    return { ok: false, reason: 'throttled' };
  }

  // Before the hash, for the owner as much as for anyone: the delay is what an attacker with many
  // addresses gets instead of a lock, and it must not tell a right password from a wrong one.
  const delayMs = signInDelayMs(failures.account);
  if (delayMs > 0) await (options.sleep ?? waitBeforePasswordCheck)(delayMs);

  const passwordMatches = await verifyPassword(user?.passwordHash, input.password);
  const succeeded = Boolean(user && passwordMatches && !user.disabledAt);
  if (succeeded) await markSignInAttemptSucceeded(ctx.db, attemptId);
  await audit(ctx, actor, {
    action: 'staff.sign_in',
    outcome: succeeded ? 'success' : 'failure',
    subjectType: 'staff_user',
    subjectId: user?.id ?? null,
    clientAddress,
    details: {
      method: options.purpose === 'manager_approval' ? 'manager_approval' : 'password',
      ...(delayMs > 0 ? { delayedMs: delayMs } : {}),
      ...(succeeded
        ? {}
        : {
            email,
            reason: !user
              ? 'unknown_email'
              : user.disabledAt && passwordMatches
                ? 'disabled'
                : 'wrong_password',
          }),
    },
  });
  if (!succeeded || !user) {
    await auditLockOuts(ctx, { email, user, clientAddress, failures });
    return { ok: false, reason: 'invalid' };
  }
  if (options.purpose !== 'manager_approval') await markStaffSignedIn(ctx.db, user.id);
  return { ok: true, user };
}

const LIMITS: Record<
  LockScope,
  { limit: number; counted: keyof Omit<SignInFailureCounts, 'knownNetwork'> }
> = {
  account_address: { limit: MAX_ACCOUNT_ADDRESS_FAILURES, counted: 'accountAddress' },
  address: { limit: MAX_ADDRESS_FAILURES, counted: 'address' },
  account: { limit: ACCOUNT_FAILURE_CEILING, counted: 'account' },
};

/** The failure just recorded reached a limit: one `staff.sign_in_locked` event per limit reached. */
async function auditLockOuts(
  ctx: PaymentContext,
  attempt: {
    email: string;
    user: StaffUser | undefined;
    clientAddress: string | null;
    failures: SignInFailureCounts;
  },
): Promise<void> {
  for (const [scope, { limit, counted }] of Object.entries(LIMITS) as Array<
    [LockScope, (typeof LIMITS)[LockScope]]
  >) {
    if (attempt.failures[counted] + 1 !== limit) continue;
    await audit(
      ctx,
      { type: 'system' },
      {
        action: SIGN_IN_LOCKED_ACTION,
        outcome: 'denied',
        subjectType: 'staff_user',
        subjectId: attempt.user?.id ?? null,
        clientAddress: attempt.clientAddress,
        details: {
          email: attempt.email,
          scope,
          failures: limit,
          windowMinutes: SIGN_IN_WINDOW_MS / 60_000,
        },
      },
    );
  }
}
