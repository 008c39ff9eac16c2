import { z } from 'zod';

/** Staff account forms and actions share these (client-safe: no server imports). */

export const MIN_PASSWORD_LENGTH = 12;

export const staffAccountInputSchema = z.object({
  email: z.string().trim().pipe(z.email('Enter a valid email address')),
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Name is at most 100 characters'),
  role: z.enum(['frontdesk', 'manager'], { error: 'Role must be frontdesk or manager' }),
  /** Optional for single-sign-on-only users. */
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Passwords are at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, 'Password is too long')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export type StaffAccountInput = z.input<typeof staffAccountInputSchema>;

export const staffAccountUpdateSchema = z.object({
  staffId: z.uuid(),
  role: z.enum(['frontdesk', 'manager']).optional(),
  disabled: z.boolean().optional(),
});
