import { z } from 'zod';

/** One schema for the sign-in form and the server: both fields required, nothing else checked. */
export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email')
    .max(254, 'Enter your email')
    .pipe(z.email('Enter a valid email address')),
  password: z.string().min(1, 'Enter your password').max(512, 'Password is too long'),
});

export type SignInInput = z.infer<typeof signInSchema>;

export const SIGN_IN_MESSAGES = {
  invalid: 'The email or password is incorrect.',
  throttled:
    'Too many failed sign-in attempts. Wait 15 minutes and try again, or ask a manager to check your account.',
} as const;
