import { staffActorFor, type StaffActor } from '@/lib/auth/require-staff';
import { createStaffAccount } from '@/lib/auth/staff-accounts';
import type { PaymentContext } from '@/lib/server/context';

/**
 * A staff member created by the system (as the installer or a bootstrap would) and the actor their
 * session would carry: for suites that act as staff without signing in.
 */
export async function createTestStaffActor(
  ctx: PaymentContext,
  account: { email: string; name: string; role: 'manager' | 'frontdesk'; password: string },
): Promise<StaffActor> {
  const created = await createStaffAccount(ctx, account, { type: 'system' });
  return staffActorFor(ctx, created.id, account.role);
}
