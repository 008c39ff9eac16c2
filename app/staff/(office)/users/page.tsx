import type { Metadata } from 'next';
import { ManagersOnly } from '@/components/staff/managers-only';
import { StaffUsersView } from '@/components/staff/staff-users-view';
import { staffPage } from '@/lib/auth/staff-page';
import { listStaffAccounts } from '@/lib/auth/staff-accounts';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffUsersPage() {
  const { ctx, actor, allowed } = await staffPage('/staff/users', 'manager', 'manage staff');
  if (!allowed) return <ManagersOnly what="manage staff" />;
  const users = (await listStaffAccounts(ctx)).map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: Boolean(user.disabledAt),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  }));
  return <StaffUsersView users={users} selfId={actor.staffId} />;
}
