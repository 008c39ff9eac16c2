'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import {
  createStaffAccount,
  staffAccountInputSchema,
  staffAccountUpdateSchema,
  updateStaffAccount,
} from '@/lib/auth/staff-accounts';
import {
  idealSettingSchema,
  setIdealEnabled,
} from '@/lib/payments/installation/alternative-methods';
import { validatedAction } from '@/lib/server/validated-action';
import { recheckCheckout, recheckCheckoutSchema } from './guest-route';

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

/** The payment-method settings page: turning iDEAL on asks Mews first (see alternative-methods.ts). */
export const setIdealEnabledAction = validatedAction({
  name: 'settings.ideal',
  schema: idealSettingSchema,
  authorize: (ctx) => requireStaff(ctx, 'manager', 'change payment methods'),
  run: async (input, { ctx, actor }) => setIdealEnabled(ctx, input, actor),
});

/** "Check with Mews again" on the settings page: asks Mews whether the checkout is available now. */
export const recheckCheckoutAction = validatedAction({
  name: 'settings.checkout',
  schema: recheckCheckoutSchema,
  authorize: (ctx) => requireStaff(ctx, 'manager', 'check the guest payment route'),
  run: async (_input, { ctx, actor }) => recheckCheckout(ctx, actor),
});
