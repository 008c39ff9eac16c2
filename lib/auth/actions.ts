'use server';

import { AuthError } from 'next-auth';
import { getConfig } from '@/lib/config';
import { firstIssueMessage } from '@/lib/server/validated-action';
import { safeCallbackPath } from './callback-url';
import { SIGN_IN_MESSAGES, signInSchema } from './sign-in';
import { signIn, signOut, SignInThrottledError } from './index';

/** Only back-office paths of this app: a crafted callbackUrl must not send staff to another site. */
function safeCallback(callbackUrl: unknown): string {
  return safeCallbackPath(callbackUrl, getConfig().appUrl);
}

export async function signInWithPasswordAction(
  input: unknown,
): Promise<{ ok: false; message: string }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: firstIssueMessage(parsed.error, 'Enter your email and password') };
  const callbackUrl = (input as { callbackUrl?: unknown } | null)?.callbackUrl;
  try {
    // Redirects (throws NEXT_REDIRECT) on success.
    await signIn('credentials', { ...parsed.data, redirectTo: safeCallback(callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled =
        error instanceof SignInThrottledError || (error as { code?: string }).code === 'throttled';
      return {
        ok: false,
        message: throttled ? SIGN_IN_MESSAGES.throttled : SIGN_IN_MESSAGES.invalid,
      };
    }
    throw error;
  }
  return { ok: false, message: SIGN_IN_MESSAGES.invalid };
}

export async function signInWithSsoAction(): Promise<void> {
  await signIn('oidc', { redirectTo: '/staff' });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/staff/sign-in?signedOut=1' });
}
