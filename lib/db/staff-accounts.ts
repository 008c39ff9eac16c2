import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { staffUsers, type StaffRole, type StaffUser } from './schema';

/**
 * Staff account changes beyond creation (see staff-users.ts): sign-in stamps, roles, disabling,
 * and the session version every session token carries (bumped here, compared in
 * lib/auth/require-staff.ts).
 */

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

/**
 * Changes an account. A new password, a different role and disabling an enabled account also bump
 * its session version in the same statement, so every session issued before ends on its next
 * request; setting the role it already has, or enabling, ends none.
 */
export async function updateStaffUser(
  db: Database,
  id: string,
  patch: { role?: StaffRole; disabled?: boolean; passwordHash?: string; name?: string },
): Promise<StaffUser | undefined> {
  // Evaluated against the row as it was before this update.
  const endsSessions: SQL[] = [];
  if (patch.passwordHash) endsSessions.push(sql`true`);
  if (patch.role) endsSessions.push(sql`${staffUsers.role} <> ${patch.role}`);
  if (patch.disabled === true) endsSessions.push(sql`${staffUsers.disabledAt} is null`);
  const [row] = await db
    .update(staffUsers)
    .set({
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.passwordHash ? { passwordHash: patch.passwordHash } : {}),
      ...(patch.disabled === undefined ? {} : { disabledAt: patch.disabled ? sql`now()` : null }),
      ...(endsSessions.length
        ? {
            sessionVersion: sql`${staffUsers.sessionVersion} + case when ${sql.join(endsSessions, sql` or `)} then 1 else 0 end`,
          }
        : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(staffUsers.id, id))
    .returning();
  return row;
}

/**
 * Ends every session of an account (sign-out), but only when `presentedVersion` is still its
 * current version: a stale copy of a session cookie can then not sign its owner out again and
 * again. Returns the account when its sessions were ended.
 */
export async function endStaffSessions(
  db: Database,
  id: string,
  presentedVersion: number,
): Promise<StaffUser | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .update(staffUsers)
    .set({ sessionVersion: sql`${staffUsers.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(staffUsers.id, id), eq(staffUsers.sessionVersion, presentedVersion)))
    .returning();
  return row;
}

/** Marks accounts as made by sandbox mode's demo seeding (for rows seeded before the mark existed). */
export async function markSeededDemoStaff(db: Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(staffUsers)
    .set({ seededDemo: true, updatedAt: sql`now()` })
    .where(inArray(staffUsers.id, ids));
}

export async function listSeededDemoStaff(db: Database): Promise<StaffUser[]> {
  return db.select().from(staffUsers).where(eq(staffUsers.seededDemo, true));
}

/**
 * Disables every enabled seeded demo account and ends its sessions. Returns the accounts it
 * disabled (none when they already were).
 */
export async function disableSeededDemoStaff(db: Database): Promise<StaffUser[]> {
  return db
    .update(staffUsers)
    .set({
      disabledAt: sql`now()`,
      sessionVersion: sql`${staffUsers.sessionVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(staffUsers.seededDemo, true), sql`${staffUsers.disabledAt} is null`))
    .returning();
}
