import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { isUniqueViolation } from './errors';
import { staffUsers, type StaffUser } from './schema';

export type NewStaffUser = Pick<
  typeof staffUsers.$inferInsert,
  'email' | 'name' | 'role' | 'passwordHash' | 'seededDemo'
>;

export class StaffEmailTakenError extends Error {
  override name = 'StaffEmailTakenError';
  constructor(email: string) {
    super(`A staff user with the email ${email} already exists`);
  }
}

export async function createStaffUser(db: Database, input: NewStaffUser): Promise<StaffUser> {
  try {
    const [row] = await db
      .insert(staffUsers)
      .values({ ...input, email: input.email.trim() })
      .returning();
    if (!row) throw new Error('Staff user insert returned nothing');
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'staff_users_email_lower_key'))
      throw new StaffEmailTakenError(input.email);
    throw error;
  }
}

/** Emails are matched without regard to case: staff type them however they like. */
export async function findStaffUserByEmail(
  db: Database,
  email: string,
): Promise<StaffUser | undefined> {
  const [row] = await db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row;
}

export async function listStaffUsers(db: Database): Promise<StaffUser[]> {
  return db.select().from(staffUsers).orderBy(asc(staffUsers.email));
}
