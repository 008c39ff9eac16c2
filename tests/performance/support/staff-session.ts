/**
 * A staff member's browser, reduced to what the server sees: the Auth.js cookies from a real
 * credentials sign-in over HTTP (CSRF token first, then the form post, as the sign-in page's
 * `signIn('credentials')` does), sent back on every request. Redirects are not followed, so a
 * lost session shows up as a 307 to the sign-in page instead of a fast, wrong 200.
 */

export interface StaffSession {
  appUrl: string;
  email: string;
  /** The session's Cookie header, for a client of the caller's own. */
  cookie: string;
  /** GET with the session cookies; the body is read completely before this resolves. */
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string; ms: number }>;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // An expired or emptied cookie is how Auth.js removes one.
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(predicate: (name: string) => boolean): boolean {
    return [...this.cookies.keys()].some(predicate);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function signInStaff(
  appUrl: string,
  email: string,
  password: string,
): Promise<StaffSession> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`, { redirect: 'manual' });
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf: ${csrfResponse.status}`);
  jar.store(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error('GET /api/auth/csrf returned no csrfToken');

  const signIn = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: jar.header(),
      Origin: appUrl,
    },
    body: new URLSearchParams({
      email,
      password,
      csrfToken,
      callbackUrl: `${appUrl}/staff`,
    }).toString(),
  });
  jar.store(signIn);
  await signIn.arrayBuffer();
  const location = signIn.headers.get('location') ?? '';
  if (
    signIn.status >= 400 ||
    /[?&]error=/.test(location) ||
    !jar.has((name) => name.endsWith('authjs.session-token'))
  ) {
    throw new Error(`Staff sign-in as ${email} failed: ${signIn.status} ${location}`);
  }

  const cookie = jar.header();
  const session: StaffSession = {
    appUrl,
    email,
    cookie,
    async get(path, headers = {}) {
      const started = performance.now();
      const response = await fetch(`${appUrl}${path}`, {
        redirect: 'manual',
        headers: { Cookie: cookie, ...headers },
      });
      const body = await response.text();
      return { status: response.status, body, ms: performance.now() - started };
    },
  };
  const check = await fetch(`${appUrl}/api/auth/session`, { headers: { Cookie: cookie } });
  const current = (await check.json()) as { user?: { email?: string } } | null;
  if (current?.user?.email?.toLowerCase() !== email.toLowerCase()) {
    throw new Error(
      `Signed in as ${email}, but /api/auth/session answers ${JSON.stringify(current)}`,
    );
  }
  return session;
}
