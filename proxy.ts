import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getAuthSecret } from '@/lib/config';

/**
 * First line of defence for the staff back office: signed-out visitors of any /staff page are
 * sent to the sign-in page, and /api/staff answers 401. It only checks that a valid session
 * cookie exists; every page, server action and route handler still reads the staff user and role
 * from the database itself, so a disabled user loses access on their next request.
 *
 * Server-action calls (`Next-Action` header) pass through: the action refuses a signed-out caller
 * itself with a typed `unauthenticated` result the form can show, where a redirect here would only
 * surface as an unreadable error in the browser.
 */

const SIGN_IN_PATH = '/staff/sign-in';

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

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (pathname === SIGN_IN_PATH || pathname.startsWith(`${SIGN_IN_PATH}/`))
    return NextResponse.next();
  if (request.method === 'POST' && request.headers.has('next-action')) return NextResponse.next();
  if (await hasSession(request)) return NextResponse.next();

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

export const config = {
  matcher: ['/staff', '/staff/:path*', '/api/staff/:path*'],
};
