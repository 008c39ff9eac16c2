'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import {
  createStaffAccount,
  staffAccountInputSchema,
  staffAccountUpdateSchema,
  updateStaffAccount,
} from '@/lib/auth/staff-accounts';
import { validatedAction } from '@/lib/server/validated-action';

/** Server actions of the back office's staff page: managers only, checked against the database on every call. */

export const createStaffUserAction = validatedAction({
  name: 'staff.create-user',
  schema: staffAccountInputSchema,
  authorize: (ctx) => requireStaff(ctx, 'manager', 'manage staff'),
  run: async (input, { ctx, actor }) => createStaffAccount(ctx, input, actor),
});

export const updateStaffUserAction = validatedAction({
  name: 'staff.update-user',
  schema: staffAccountUpdateSchema,
  authorize: (ctx) => requireStaff(ctx, 'manager', 'manage staff'),
  run: async (input, { ctx, actor }) => updateStaffAccount(ctx, input, actor),
});
