import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { staffUsers, type StaffRole, type StaffUser } from './schema';

/** Staff account changes beyond creation (see staff-users.ts): sign-in stamps, roles, disabling. */

export async function findStaffUserById(db: Database, id: string): Promise<StaffUser | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id)).limit(1);
  return row;
}

export async function markStaffSignedIn(db: Database, id: string): Promise<void> {
  await db
    .update(staffUsers)
    .set({ lastSignInAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(staffUsers.id, id));
}

export async function updateStaffUser(
  db: Database,
  id: string,
  patch: { role?: StaffRole; disabled?: boolean; passwordHash?: string; name?: string },
): Promise<StaffUser | undefined> {
  const [row] = await db
    .update(staffUsers)
    .set({
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.passwordHash ? { passwordHash: patch.passwordHash } : {}),
      ...(patch.disabled === undefined ? {} : { disabledAt: patch.disabled ? sql`now()` : null }),
      updatedAt: sql`now()`,
    })
    .where(eq(staffUsers.id, id))
    .returning();
  return row;
}
