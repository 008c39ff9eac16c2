import type { Metadata } from 'next';
import { SignInLockouts } from '@/components/staff/sign-in-lockouts';
import { StaffUsersView } from '@/components/staff/staff-users-view';
import { managerPage } from '@/lib/auth/staff-page';
import { listStaffAccounts } from '@/lib/auth/staff-accounts';
import { listSignInLockouts, SIGN_IN_LOCKOUT_DAYS } from '@/lib/auth/sign-in-lockouts';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffUsersPage() {
  const { ctx, actor } = await managerPage('/staff/users', 'manage staff');
  const users = (await listStaffAccounts(ctx)).map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: Boolean(user.disabledAt),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  }));
  return (
    <>
      <StaffUsersView users={users} selfId={actor.staffId} />
      <SignInLockouts lockouts={await listSignInLockouts(ctx)} days={SIGN_IN_LOCKOUT_DAYS} />
    </>
  );
}
