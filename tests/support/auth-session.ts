import { AuthError, CredentialsSignin } from '@auth/core/errors';
import type { JWT } from '@auth/core/jwt';
import type { Account, NextAuthConfig, Profile, Session, User } from 'next-auth';
import { vi } from 'vitest';

/**
 * Runs lib/auth/index.ts' own Auth.js configuration (provider, callbacks, events) in Vitest, where
 * Auth.js itself cannot load (next-auth imports `next/server` the way only Next.js' bundler
 * resolves). The `next-auth` module is replaced by one whose `NextAuth()` keeps the configuration
 * factory, and whose `auth()` answers what Auth.js would for the session cookie in `authSession.cookie`:
 *
 *   vi.mock('next-auth', async () => (await import('../../support/auth-session')).nextAuthModule);
 *   const token = await signInWithPassword(email, password);   // what the cookie holds after sign-in
 *   authSession.cookie = token;                                // any request presenting that cookie
 *
 * A test holding `token` is an attacker holding a copy of the cookie: it can present it again after
 * the owner signed out. Like Auth.js, reading a session runs the `jwt` callback on the decoded token
 * (null there means no session) and then the `session` callback.
 */

export const authSession = {
  /** The decoded session cookie presented by the current request; null = no cookie. */
  cookie: null as JWT | null,
  factory: undefined as (() => NextAuthConfig) | undefined,
};

/** The configuration lib/auth/index.ts hands Auth.js, built now (it reads the configuration of this moment). */
export function authConfig(): NextAuthConfig {
  if (!authSession.factory) throw new Error('Import @/lib/auth/index first');
  return authSession.factory();
}

/** What Auth.js' session endpoint and `auth()` answer for a cookie holding `token`. */
export async function readSession(token: JWT | null): Promise<Session | null> {
  if (!token) return null;
  const { callbacks } = authConfig();
  const current = callbacks?.jwt ? await callbacks.jwt({ token } as never) : token;
  if (!current) return null;
  const session = {
    user: { name: current.name, email: current.email, image: current.picture },
    expires: new Date(Date.now() + 3_600_000).toISOString(),
  } as unknown as Session;
  return callbacks?.session
    ? ((await callbacks.session({ session, token: current } as never)) as Session)
    : session;
}

/** The Credentials provider's `authorize`, as Auth.js calls it for a posted sign-in form. */
async function authorize(
  email: string,
  password: string,
  headers?: HeadersInit,
): Promise<User | null> {
  const provider = authConfig().providers.find(
    (p) => typeof p === 'object' && 'id' in p && p.id === 'credentials',
  ) as unknown as {
    options: { authorize: (credentials: unknown, request: Request) => Promise<User | null> };
  };
  const request = new Request('http://localhost:3999/api/auth/callback/credentials', {
    method: 'POST',
    headers: headers ?? { 'x-forwarded-for': '203.0.113.9' },
  });
  return provider.options.authorize({ email, password }, request);
}

/**
 * A password sign-in as Auth.js runs it: `authorize`, then the `jwt` callback with the user it
 * returned. The token the session cookie would hold, or null when sign-in was refused.
 */
export async function signInWithPassword(
  email: string,
  password: string,
  headers?: HeadersInit,
): Promise<JWT | null> {
  let user: User | null;
  try {
    user = await authorize(email, password, headers);
  } catch (error) {
    if (error instanceof CredentialsSignin) return null;
    throw error;
  }
  if (!user) return null;
  const { callbacks } = authConfig();
  const token: JWT = { name: user.name, email: user.email, picture: user.image, sub: user.id };
  const account: Account = {
    provider: 'credentials',
    type: 'credentials',
    providerAccountId: user.id ?? '',
  };
  if (callbacks?.signIn && (await callbacks.signIn({ user, account } as never)) !== true)
    return null;
  return callbacks?.jwt
    ? await callbacks.jwt({ token, user, account, trigger: 'signIn' } as never)
    : token;
}

/** A single sign-on as Auth.js runs it after the provider answered with `profile`. */
export async function signInWithOidc(
  profile: Profile & { sub: string; email: string },
): Promise<JWT | null> {
  const { callbacks } = authConfig();
  const account: Account = { provider: 'oidc', type: 'oidc', providerAccountId: profile.sub };
  const user: User = { id: profile.sub, email: profile.email, name: profile.name ?? null };
  if (callbacks?.signIn && (await callbacks.signIn({ user, account, profile } as never)) !== true) {
    return null;
  }
  const token: JWT = { name: user.name, email: user.email, sub: profile.sub };
  return callbacks?.jwt
    ? await callbacks.jwt({ token, user, account, profile, trigger: 'signIn' } as never)
    : token;
}

/** Auth.js' sign-out with the session cookie holding `token`: the `signOut` event gets the token. */
export async function signOutWith(token: JWT): Promise<void> {
  await authConfig().events?.signOut?.({ token } as never);
}

const unavailable = () =>
  Response.json({ error: 'Auth.js is not loaded in this test' }, { status: 501 });

/** The module `next-auth` is replaced with. */
export const nextAuthModule = {
  AuthError,
  CredentialsSignin,
  default: (factory: () => NextAuthConfig) => {
    authSession.factory = factory;
    return {
      auth: vi.fn(async () => readSession(authSession.cookie)),
      handlers: { GET: unavailable, POST: unavailable },
      signIn: async () => {
        throw new Error('Use signInWithPassword from tests/support/auth-session');
      },
      signOut: async () => {
        if (authSession.cookie) await signOutWith(authSession.cookie);
        authSession.cookie = null;
      },
    };
  },
};
