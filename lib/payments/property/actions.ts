'use server';

import { z } from 'zod';
import { requireStaff } from '@/lib/auth/require-staff';
import { validatedAction } from '@/lib/server/validated-action';
import { propertySettingsSchema } from './schemas';
import { removeLogo, updatePropertySettings } from './settings';

/**
 * Server actions of the Property settings page: managers only, checked against the database on
 * every call. The logo upload is a route handler (POST /api/staff/property/logo): a file is sent as
 * multipart/form-data, with its size checked before it is read.
 */

const WHAT = 'change the property settings';

export const updatePropertyAction = validatedAction({
  name: 'property.update',
  schema: propertySettingsSchema,
  authorize: (ctx) => requireStaff(ctx, 'manager', WHAT),
  run: async (input, { ctx, actor }) => updatePropertySettings(ctx, input, actor),
});

export const removeLogoAction = validatedAction({
  name: 'property.remove-logo',
  schema: z.object({}),
  authorize: (ctx) => requireStaff(ctx, 'manager', WHAT),
  run: async (_input, { ctx, actor }) => removeLogo(ctx, actor),
});
