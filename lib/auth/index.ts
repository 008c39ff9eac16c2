import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAuthSecret, getConfig } from '@/lib/config';
import { findStaffUserById } from '@/lib/db/staff-accounts';
import { findStaffUserByEmail } from '@/lib/db/staff-users';
import { logger } from '@/lib/log';
import { audit } from '@/lib/server/audit';
import { getPaymentContext } from '@/lib/server/context';
import { clientAddressOf } from '@/lib/server/request';
import { signInSchema, verifyStaffCredentials } from './sign-in';

/**
 * Auth.js for the staff back office. Sessions are JWTs holding only the staff id; every page,
 * action and route handler reads the staff user back from the database (see require-staff.ts),
 * so disabling a user or changing their role takes effect on their next click.
 */

export const SESSION_MAX_AGE_SECONDS = 10 * 60 * 60; // one long shift on a shared desk computer

/** Thrown by `authorize` so the sign-in form can say "too many attempts" instead of "wrong password". */
export class SignInThrottledError extends CredentialsSignin {
  override code = 'throttled';
}

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null };
  }
}

function authConfig(): NextAuthConfig {
  const config = getConfig();
  const oidc = config.staff.oidc;
  return {
    secret: getAuthSecret(config),
    // Self-hosted behind the hotel's own proxy: the host header is the app's.
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/staff/sign-in', error: '/staff/sign-in' },
    providers: [
      Credentials({
        id: 'credentials',
        credentials: {
          email: { label: 'Email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const ctx = await getPaymentContext();
          const outcome = await verifyStaffCredentials(
            ctx,
            parsed.data,
            clientAddressOf(request.headers),
          );
          if (!outcome.ok) {
            if (outcome.reason === 'throttled') throw new SignInThrottledError();
            return null;
          }
          return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
        },
      }),
      ...(oidc
        ? [
            {
              id: 'oidc',
              name: oidc.name,
              type: 'oidc' as const,
              issuer: oidc.issuer,
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
            },
          ]
        : []),
    ],
    callbacks: {
      /** Single sign-on only lets in people who already have an enabled staff account here. */
      async signIn({ account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const ctx = await getPaymentContext();
        const email = typeof profile?.email === 'string' ? profile.email : '';
        const verified = profile?.email_verified !== false;
        const user = email && verified ? await findStaffUserByEmail(ctx.db, email) : undefined;
        const allowed = Boolean(user && !user.disabledAt);
        await audit(
          ctx,
          user ? { type: 'staff', staffId: user.id, email: user.email } : { type: 'system' },
          {
            action: 'staff.sign_in',
            outcome: allowed ? 'success' : 'denied',
            subjectType: 'staff_user',
            subjectId: user?.id ?? null,
            details: {
              method: 'oidc',
              ...(allowed ? {} : { reason: user ? 'disabled' : 'no_staff_account' }),
            },
          },
        );
        return allowed;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === 'oidc' && token.email) {
          const ctx = await getPaymentContext();
          const staff = await findStaffUserByEmail(ctx.db, token.email);
          if (staff) {
            token.sub = staff.id;
            token.name = staff.name;
          }
        } else if (user?.id) {
          token.sub = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const staffId = 'token' in message ? message.token?.sub : undefined;
        if (!staffId) return;
        const ctx = await getPaymentContext();
        const user = await findStaffUserById(ctx.db, staffId);
        if (!user) return;
        await audit(
          ctx,
          { type: 'staff', staffId: user.id, email: user.email },
          {
            action: 'staff.sign_out',
            outcome: 'success',
            subjectType: 'staff_user',
            subjectId: user.id,
          },
        );
      },
    },
    logger: {
      // A wrong password is routine, not an error worth an alert; everything goes through the redacting logger.
      error: (error) =>
        error.name === 'CredentialsSignin' || error instanceof CredentialsSignin
          ? logger.info({ kind: error.name }, 'Staff sign-in refused')
          : logger.error({ err: error }, 'Auth error'),
      warn: (code) => logger.warn({ code }, 'Auth warning'),
      debug: () => undefined,
    },
  };
}

export const { auth, handlers, signIn, signOut } = NextAuth(() => authConfig());
