import 'server-only';
import { listStaffUsers } from '@/lib/db/staff-users';
import type { PaymentContext } from '@/lib/server/context';

/** The staff accounts the payment list and audit trail filter by. */

export async function staffDirectory(
  ctx: PaymentContext,
): Promise<Array<{ id: string; email: string; name: string }>> {
  return (await listStaffUsers(ctx.db)).map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
  }));
}
