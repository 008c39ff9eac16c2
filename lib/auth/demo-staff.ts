import 'server-only';
import type { Database } from '@/lib/db';
import { createStaffUser, findStaffUserByEmail, StaffEmailTakenError } from '@/lib/db/staff-users';
import { DEMO_STAFF } from './demo-staff-accounts';
import { hashPassword } from './password';

export { DEMO_STAFF } from './demo-staff-accounts';

/** Creates the demo users that are missing; leaves existing ones (and their passwords) alone. */
export async function seedDemoStaff(db: Database): Promise<number> {
  let created = 0;
  for (const demo of DEMO_STAFF) {
    if (await findStaffUserByEmail(db, demo.email)) continue;
    try {
      await createStaffUser(db, {
        email: demo.email,
        name: demo.name,
        role: demo.role,
        passwordHash: await hashPassword(demo.password),
      });
      created++;
    } catch (error) {
      // Another instance seeded it between our look-up and insert.
      if (!(error instanceof StaffEmailTakenError)) throw error;
    }
  }
  return created;
}
