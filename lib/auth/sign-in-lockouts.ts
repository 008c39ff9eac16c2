import 'server-only';
import { listSignInLockoutEvents } from '@/lib/db/sign-in-attempts';
import type { PaymentContext } from '@/lib/server/context';

/** Sign-in lock-outs as the managers' staff page shows them (plain JSON, ISO dates). */

export type SignInLockoutScope = 'account_address' | 'address' | 'account';

export interface SignInLockout {
  id: number;
  occurredAt: string;
  /** The account tried (as typed, lower-cased; it may not exist). */
  email: string;
  clientAddress: string | null;
  scope: SignInLockoutScope;
  /** Whether the email is a staff account here. */
  knownAccount: boolean;
  failures: number;
  windowMinutes: number;
}

export const SIGN_IN_LOCKOUT_DAYS = 7;

function scopeOf(value: unknown): SignInLockoutScope {
  return value === 'address' || value === 'account' ? value : 'account_address';
}

export async function listSignInLockouts(
  ctx: PaymentContext,
  days = SIGN_IN_LOCKOUT_DAYS,
): Promise<SignInLockout[]> {
  const since = new Date(ctx.now().getTime() - days * 24 * 60 * 60_000);
  const events = await listSignInLockoutEvents(ctx.db, since);
  return events.map((event) => {
    const details = event.details ?? {};
    return {
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      email: typeof details.email === 'string' ? details.email : '',
      clientAddress: event.clientAddress,
      scope: scopeOf(details.scope),
      knownAccount: Boolean(event.subjectId),
      failures: typeof details.failures === 'number' ? details.failures : 0,
      windowMinutes: typeof details.windowMinutes === 'number' ? details.windowMinutes : 15,
    };
  });
}
