import { AuthError, CredentialsSignin } from '@auth/core/errors';
import { redirect } from 'next/navigation';
import { requestScope, scopedAuth } from './request-scope';

/**
 * Auth.js cannot be loaded by Vitest (next-auth imports `next/server` the way only Next.js'
 * bundler resolves), so tests that call the sign-in actions directly replace two modules:
 *
 *   vi.mock('next-auth', async () => (await import('../support/auth-stand-in')).nextAuthModule);
 *   vi.mock('@/lib/auth/index', async () => (await import('../support/auth-stand-in')).authModule);
 *
 * `signIn('credentials', …)` does what the Credentials provider in lib/auth/index.ts does (the
 * same schema, verifyStaffCredentials with the client address, SignInThrottledError when
 * throttled, CredentialsSignin when refused) and redirects like Auth.js on success; `auth()`
 * answers the session in requestScope. The /api/auth route handler (Auth.js itself) is not
 * available here; the browser tests cover it.
 */

export const nextAuthModule = {
  AuthError,
  CredentialsSignin,
  default: () => {
    throw new Error('NextAuth() is not available in Vitest; mock @/lib/auth/index instead');
  },
};

export class SignInThrottledError extends CredentialsSignin {
  override code = 'throttled';
}

async function signIn(provider: string, options: Record<string, unknown> = {}): Promise<never> {
  const redirectTo = typeof options.redirectTo === 'string' ? options.redirectTo : '/';
  if (provider !== 'credentials') {
    // No such provider configured: Auth.js sends the browser to its sign-in page.
    redirect(`/api/auth/signin?callbackUrl=${encodeURIComponent(redirectTo)}`);
  }
  const { signInSchema, verifyStaffCredentials } = await import('@/lib/auth/sign-in');
  const { clientAddressOf } = await import('@/lib/server/request');
  const { getPaymentContext } = await import('@/lib/server/context');
  // Auth.js hands authorize() the posted form fields as strings.
  const credentials = {
    email: String(options.email ?? ''),
    password: String(options.password ?? ''),
  };
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) throw new CredentialsSignin();
  const outcome = await verifyStaffCredentials(
    await getPaymentContext(),
    parsed.data,
    clientAddressOf(requestScope.headers),
  );
  if (!outcome.ok)
    throw outcome.reason === 'throttled' ? new SignInThrottledError() : new CredentialsSignin();
  requestScope.staffId = outcome.user.id;
  redirect(redirectTo);
}

async function signOut(options: { redirectTo?: string } = {}): Promise<never> {
  requestScope.staffId = undefined;
  redirect(options.redirectTo ?? '/');
}

const unavailable = () =>
  Response.json({ error: 'Auth.js is not loaded in this test' }, { status: 501 });

/** What lib/auth/index.ts exports, for callers. */
export const authModule = {
  auth: scopedAuth,
  signIn,
  signOut,
  SignInThrottledError,
  SESSION_MAX_AGE_SECONDS: 10 * 60 * 60,
  handlers: { GET: unavailable, POST: unavailable },
};
