import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getAuthSecret, getConfig } from '@/lib/config';
import {
  buildSecurityHeaders,
  createNonce,
  NONCE_REQUEST_HEADER,
} from '@/lib/security/content-security-policy';

/**
 * Runs in front of every page and API route except the Mews webhook and static files:
 *
 * 1. Security headers. A fresh nonce per request goes into the Content-Security-Policy, which is
 *    set on the response and, with `x-nonce`, on the request, where Next.js reads it to put the
 *    nonce on its own scripts (Next.js 16 CSP guide). Plus Referrer-Policy, Permissions-Policy,
 *    nosniff and, in production on https, HSTS; what each value is and why is in lib/security.
 *
 * 2. First line of defence for the staff back office: signed-out visitors of any /staff page are
 *    sent to the sign-in page, and /api/staff answers 401. It only checks that a valid session
 *    cookie exists; every page, server action and route handler still reads the staff user and
 *    role from the database itself, so a disabled user, or a session that has ended (signed out,
 *    new password, role changed: its session version is no longer the account's), loses access on
 *    the next request, and the sign-in page no longer counts it as signed in.
 *
 * Server-action calls from the browser's router (`Next-Action` header) skip the proxy altogether
 * (see `config`). They are `fetch` requests answered with an RSC payload, never a document, so none
 * of these headers would do anything there (CSP, frame and permission policies and the referrer
 * policy govern documents; nosniff guards what is loaded as a script or style, which a POST with a
 * custom header cannot be), and running it anyway added its time to every guest payment for nothing
 * (measured in docs/performance.md).
 * Nor does the staff gate belong in front of them: the action refuses a signed-out caller itself
 * with a typed `unauthenticated` result the form can show, where a redirect here would only surface
 * as an unreadable error in the browser. A form posted before the page's JavaScript ran carries no
 * such header and gets a document with all the headers above.
 */

const SIGN_IN_PATH = '/staff/sign-in';

function isStaffPath(pathname: string): boolean {
  return ['/staff', '/api/staff'].some(
    (root) => pathname === root || pathname.startsWith(`${root}/`),
  );
}

async function hasSession(request: NextRequest): Promise<boolean> {
  const secret = getAuthSecret();
  for (const secureCookie of [false, true]) {
    try {
      if (await getToken({ req: request, secret, secureCookie })) return true;
    } catch {
      // A tampered or stale cookie counts as no session.
    }
  }
  return false;
}

/** The answer to a signed-out staff request, or null when it may go on. */
async function staffGate(request: NextRequest): Promise<NextResponse | null> {
  const { pathname, search } = request.nextUrl;
  if (pathname === SIGN_IN_PATH || pathname.startsWith(`${SIGN_IN_PATH}/`)) return null;
  if (await hasSession(request)) return null;

  if (pathname.startsWith('/api/')) {
    return NextResponse.json(
      {
        ok: false,
        error: { code: 'unauthenticated', message: 'Sign in to use the staff back office.' },
      },
      { status: 401 },
    );
  }
  const signIn = new URL(SIGN_IN_PATH, request.url);
  signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = getConfig();
  const nonce = createNonce();
  const securityHeaders = buildSecurityHeaders({
    nonce,
    secureFieldsScriptUrl: config.secureFieldsScriptUrl,
    appUrl: config.appUrl,
    nodeEnv: config.nodeEnv,
    oidcIssuer: config.staff.oidc?.issuer,
    mewsCheckout: config.guestPayments.checkout,
  });

  let response = isStaffPath(request.nextUrl.pathname) ? await staffGate(request) : null;
  if (!response) {
    // Set, never appended: a nonce or policy sent by the client must not reach the renderer.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(NONCE_REQUEST_HEADER, nonce);
    requestHeaders.set('Content-Security-Policy', securityHeaders['Content-Security-Policy']);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (value !== undefined) response.headers.set(name, value);
  }
  return response;
}

// Next.js reads this at build time, so it must stay literal. `missing: next-action` on every entry:
// server-action calls skip the proxy (see above).
export const config = {
  matcher: [
    // The staff paths always, prefetches included, so the session check above sees every request.
    { source: '/staff', missing: [{ type: 'header', key: 'next-action' }] },
    { source: '/staff/:path*', missing: [{ type: 'header', key: 'next-action' }] },
    { source: '/api/staff/:path*', missing: [{ type: 'header', key: 'next-action' }] },
    {
      // Everything else except: the Mews webhook (nothing may stand in front of it: no redirect,
      // no auth), build output and the image optimiser (hashed files, no HTML), the favicon, and
      // the hotel's logo and favicon (api/property: public images that set their own stricter
      // headers, `default-src 'none'`, which a page policy from here would replace: Next.js keeps
      // the proxy's header over the route's).
      source: '/((?!api/webhooks(?:/|$)|api/property/|_next/static|_next/image|favicon\\.ico).*)',
      // Router prefetches (RSC payloads, never a document) skip the proxy, as the Next.js guide
      // suggests. Browser prefetches (`Purpose: prefetch`) do not: such a response can be
      // promoted to the document, which must then carry the policy.
      missing: [
        { type: 'header', key: 'next-action' },
        { type: 'header', key: 'next-router-prefetch' },
      ],
    },
  ],
};
