import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAuthSecret, getConfig } from '@/lib/config';
import { endStaffSessions } from '@/lib/db/staff-accounts';
import { findStaffUserByEmail } from '@/lib/db/staff-users';
import { logger } from '@/lib/log';
import { audit } from '@/lib/server/audit';
import { getPaymentContext } from '@/lib/server/context';
import { clientAddressOf } from '@/lib/server/request';
import { demoAccountRefused, isDemoStaffEmail, isPublishedDemoCredential } from './demo-staff';
import { isSessionCurrent, sessionVersionOf } from './session-version';
import { safeCallbackPath } from './callback-url';
import { signInSchema, verifyStaffCredentials } from './sign-in';

/**
 * Auth.js for the staff back office. Sessions are JWTs holding the staff id and the account's
 * session version at sign-in; every page, action and route handler reads the staff user back from
 * the database (see require-staff.ts), so disabling a user or changing their role takes effect on
 * their next click, and a session whose version is no longer the account's (signed out, new
 * password, role changed, disabled) is over, whoever still holds a copy of its cookie.
 *
 * Sandbox demo accounts (their passwords are printed on the landing page) are refused outside
 * sandbox mode here too, whether or not start-up has disabled them yet.
 */

export const SESSION_MAX_AGE_SECONDS = 10 * 60 * 60; // one long shift on a shared desk computer

/** Thrown by `authorize` so the sign-in form can say "too many attempts" instead of "wrong password". */
export class SignInThrottledError extends CredentialsSignin {
  override code = 'throttled';
}

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null; sessionVersion?: number };
  }
  interface User {
    sessionVersion?: number;
  }
}

/** The sign-in page itself, as sign-out and Auth.js' error page send people to it. */
const SIGN_IN_PAGE = /^\/staff\/sign-in(?:\?[A-Za-z0-9=&_-]*)?$/;

/** Where Auth.js may send a browser: the sign-in page, or a staff path `safeCallbackPath` accepts. */
export function staffRedirectUrl(url: string, appUrl: string): string {
  const origin = new URL(appUrl).origin;
  const relative = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  if (SIGN_IN_PAGE.test(relative)) return `${origin}${relative}`;
  return `${origin}${safeCallbackPath(url, appUrl)}`;
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
          const clientAddress = clientAddressOf(request.headers);
          const outcome = await verifyStaffCredentials(ctx, parsed.data, clientAddress);
          if (!outcome.ok) {
            if (outcome.reason === 'throttled') throw new SignInThrottledError();
            return null;
          }
          const { user } = outcome;
          const mode = getConfig().mews.mode;
          if (
            demoAccountRefused(user, mode) ||
            // Seeded before the mark existed and start-up has not run since: the published password says it.
            (mode !== 'sandbox' &&
              isPublishedDemoCredential(parsed.data.email, parsed.data.password))
          ) {
            await audit(
              ctx,
              { type: 'staff', staffId: user.id, email: user.email },
              {
                action: 'staff.sign_in',
                outcome: 'denied',
                subjectType: 'staff_user',
                subjectId: user.id,
                clientAddress,
                details: { method: 'password', reason: 'demo_account_outside_sandbox' },
              },
            );
            return null;
          }
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            sessionVersion: user.sessionVersion,
          };
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
      /**
       * Auth.js' own endpoints (`/api/auth/callback/…?callbackUrl=`, sign-out) take a destination
       * too: it gets the same check as the sign-in form's, so no route leads off the app's origin.
       */
      redirect({ url }) {
        return staffRedirectUrl(url, config.appUrl);
      },
      /** Single sign-on only lets in people who already have an enabled staff account here. */
      async signIn({ account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const ctx = await getPaymentContext();
        const email = typeof profile?.email === 'string' ? profile.email : '';
        const verified = profile?.email_verified !== false;
        const user = email && verified ? await findStaffUserByEmail(ctx.db, email) : undefined;
        const mode = getConfig().mews.mode;
        const demo = Boolean(
          user &&
          (demoAccountRefused(user, mode) || (mode !== 'sandbox' && isDemoStaffEmail(user.email))),
        );
        const allowed = Boolean(user && !user.disabledAt && !demo);
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
              ...(allowed
                ? {}
                : {
                    reason: !user
                      ? 'no_staff_account'
                      : demo
                        ? 'demo_account_outside_sandbox'
                        : 'disabled',
                  }),
            },
          },
        );
        return allowed;
      },
      /**
       * At sign-in: the staff id and the account's session version go into the token. On every
       * later read of the session: a token whose account is gone, disabled, refused (demo outside
       * sandbox) or on another session version is no session at all (Auth.js then clears the
       * cookie where it can), so the sign-in page does not send such a visitor back to /staff.
       */
      async jwt({ token, user, account }) {
        if (account?.provider === 'oidc') {
          const ctx = await getPaymentContext();
          const staff = token.email ? await findStaffUserByEmail(ctx.db, token.email) : undefined;
          if (!staff) return null;
          token.sub = staff.id;
          token.name = staff.name;
          token.sessionVersion = staff.sessionVersion;
          return token;
        }
        if (user?.id) {
          token.sub = user.id;
          token.sessionVersion = sessionVersionOf(user.sessionVersion);
          return token;
        }
        if (!token.sub) return null;
        const ctx = await getPaymentContext();
        const current = await isSessionCurrent(ctx, {
          staffId: token.sub,
          sessionVersion: sessionVersionOf(token.sessionVersion),
        });
        return current ? token : null;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.user.sessionVersion = sessionVersionOf(token.sessionVersion);
        return session;
      },
    },
    events: {
      /**
       * Signing out ends every session of the account (on every device): its session version
       * moves on. Only a token of the current version can do that, so a stale copy of a cookie
       * cannot sign its owner out again and again.
       */
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (!token?.sub) return;
        const ctx = await getPaymentContext();
        const user = await endStaffSessions(
          ctx.db,
          token.sub,
          sessionVersionOf(token.sessionVersion),
        );
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
