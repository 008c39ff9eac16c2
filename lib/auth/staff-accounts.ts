import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { findStaffUserById, updateStaffUser } from '@/lib/db/staff-accounts';
import {
  createStaffUser,
  findStaffUserByEmail,
  listStaffUsers,
  StaffEmailTakenError,
} from '@/lib/db/staff-users';
import type { StaffUser } from '@/lib/db/schema';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { demoAccountRefused } from './demo-staff';
import { hashPassword } from './password';
import {
  staffAccountInputSchema,
  type StaffAccountInput,
  type staffAccountUpdateSchema,
} from './staff-schemas';

export { staffAccountInputSchema, staffAccountUpdateSchema } from './staff-schemas';

/** Creating and changing staff accounts: from the terminal (staff:create) or by a manager. */

/** Staff as the back office shows them: never the password hash. */
export type StaffSummary = Omit<StaffUser, 'passwordHash'> & { hasPassword: boolean };

function summarize(user: StaffUser): StaffSummary {
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: Boolean(passwordHash) };
}

export async function createStaffAccount(
  ctx: PaymentContext,
  rawInput: StaffAccountInput,
  actor: AuditActor,
): Promise<StaffSummary> {
  const parsed = staffAccountInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new PaymentError(
      'invalid_input',
      parsed.error.issues[0]?.message ?? 'Invalid staff user',
      {
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      },
    );
  }
  const input = parsed.data;
  let user: StaffUser;
  try {
    user = await createStaffUser(ctx.db, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    });
  } catch (error) {
    if (error instanceof StaffEmailTakenError) {
      throw new PaymentError('conflict', error.message, {
        fieldErrors: { email: [error.message] },
      });
    }
    throw error;
  }
  await audit(ctx, actor, {
    action: 'staff_user.created',
    outcome: 'success',
    subjectType: 'staff_user',
    subjectId: user.id,
    details: { email: user.email, role: user.role },
  });
  return summarize(user);
}

export async function updateStaffAccount(
  ctx: PaymentContext,
  input: z.output<typeof staffAccountUpdateSchema>,
  actor: AuditActor,
): Promise<StaffSummary> {
  if (
    actor.type === 'staff' &&
    actor.staffId === input.staffId &&
    (input.disabled || input.role === 'frontdesk')
  ) {
    throw new PaymentError(
      'conflict',
      'You cannot disable yourself or remove your own manager role.',
    );
  }
  const before = await findStaffUserById(ctx.db, input.staffId);
  if (!before) throw new PaymentError('not_found', 'No such staff user');
  if (input.disabled === false && demoAccountRefused(before, getConfig().mews.mode)) {
    throw new PaymentError(
      'conflict',
      'Sandbox demo accounts cannot be enabled against a real Mews: create a staff user of your own.',
    );
  }
  // A role change or disabling ends the user's sessions (updateStaffUser bumps their session version).
  const user = await updateStaffUser(ctx.db, input.staffId, {
    role: input.role,
    disabled: input.disabled,
  });
  if (!user) throw new PaymentError('not_found', 'No such staff user');
  await audit(ctx, actor, {
    action: 'staff_user.updated',
    outcome: 'success',
    subjectType: 'staff_user',
    subjectId: user.id,
    details: {
      email: user.email,
      ...(input.role && input.role !== before.role
        ? { role: { from: before.role, to: input.role } }
        : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    },
  });
  return summarize(user);
}

export async function listStaffAccounts(ctx: PaymentContext): Promise<StaffSummary[]> {
  return (await listStaffUsers(ctx.db)).map(summarize);
}

export { findStaffUserByEmail };
