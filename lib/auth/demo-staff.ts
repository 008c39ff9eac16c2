import 'server-only';
import type { MewsMode } from '@/lib/config';
import type { Database } from '@/lib/db';
import {
  disableSeededDemoStaff,
  listSeededDemoStaff,
  markSeededDemoStaff,
} from '@/lib/db/staff-accounts';
import { createStaffUser, findStaffUserByEmail, StaffEmailTakenError } from '@/lib/db/staff-users';
import type { StaffUser } from '@/lib/db/schema';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { DEMO_STAFF } from './demo-staff-accounts';
import { hashPassword, verifyPassword } from './password';

export { DEMO_STAFF } from './demo-staff-accounts';

/**
 * The demo staff of sandbox mode have passwords the landing page prints, so outside sandbox mode
 * they must not work: start-up disables them (settleDemoStaff), and sign-in, the session callback
 * and requireStaff refuse them whatever start-up did (demoAccountRefused, isPublishedDemoCredential).
 */

/** True when an account seeded for the sandbox's demo must be refused in this Mews mode. */
export function demoAccountRefused(user: Pick<StaffUser, 'seededDemo'>, mode: MewsMode): boolean {
  return mode !== 'sandbox' && user.seededDemo;
}

export function isDemoStaffEmail(email: string): boolean {
  const typed = email.trim().toLowerCase();
  return DEMO_STAFF.some((demo) => demo.email === typed);
}

/** The email and password of a demo account as the landing page prints them. */
export function isPublishedDemoCredential(email: string, password: string): boolean {
  const typed = email.trim().toLowerCase();
  return DEMO_STAFF.some((demo) => demo.email === typed && demo.password === password);
}

/** Creates the demo users that are missing, marked as seeded; leaves existing ones (and their passwords) alone. */
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
        seededDemo: true,
      });
      created++;
    } catch (error) {
      // Another instance seeded it between our look-up and insert.
      if (!(error instanceof StaffEmailTakenError)) throw error;
    }
  }
  return created;
}

/**
 * Marks demo accounts seeded before `seeded_demo` existed (migration 0012): a demo email whose
 * password still verifies against the published one. SQL cannot verify argon2, so this runs here
 * rather than in a migration; a demo-email account whose password was changed is someone's own.
 */
export async function recogniseEarlierDemoStaff(db: Database): Promise<StaffUser[]> {
  const found: StaffUser[] = [];
  for (const demo of DEMO_STAFF) {
    const user = await findStaffUserByEmail(db, demo.email);
    if (!user || user.seededDemo || !user.passwordHash) continue;
    if (await verifyPassword(user.passwordHash, demo.password)) found.push(user);
  }
  await markSeededDemoStaff(
    db,
    found.map((user) => user.id),
  );
  return found;
}

/**
 * Start-up: in sandbox mode the demo staff are seeded; in any other mode every seeded demo account
 * is disabled with its sessions ended, audited, and named in one line of the start-up log.
 */
export async function settleDemoStaff(ctx: PaymentContext, mode: MewsMode): Promise<void> {
  await recogniseEarlierDemoStaff(ctx.db);
  if (mode === 'sandbox') {
    await seedDemoStaff(ctx.db);
    return;
  }
  for (const user of await disableSeededDemoStaff(ctx.db)) {
    await audit(
      ctx,
      { type: 'system' },
      {
        action: 'staff_user.updated',
        outcome: 'success',
        subjectType: 'staff_user',
        subjectId: user.id,
        details: { email: user.email, disabled: true, reason: 'demo_account_outside_sandbox' },
      },
    );
  }
  const demo = (await listSeededDemoStaff(ctx.db)).map((user) => user.email).sort();
  if (demo.length === 0) return;
  ctx.log.warn(
    { accounts: demo, mews: mode },
    `Sandbox demo staff accounts are disabled outside sandbox mode (${demo.join(', ')}); create real staff users with \`npm run staff:create\``,
  );
}
