/**
 * A stand-in for Next.js' request scope when server actions and route handlers are called directly
 * from a test: what `next/headers` answers (headers, cookies) and who `auth()` says is signed in.
 *
 *   vi.mock('next/headers', () => import('../support/request-scope').then((m) => m.nextHeadersModule));
 *   requestScope.staffId = manager.id;   // or undefined for no session
 */

export interface CookieEntry {
  name: string;
  value: string;
}

export const requestScope = {
  /** The staff id `auth()` returns a session for; undefined means no session. */
  staffId: undefined as string | undefined,
  headers: new Headers({
    host: 'localhost:3999',
    'x-forwarded-for': '203.0.113.77',
    'x-forwarded-proto': 'http',
  }),
  cookies: new Map<string, CookieEntry>(),
};

const cookieStore = {
  get: (name: string | CookieEntry) =>
    requestScope.cookies.get(typeof name === 'string' ? name : name.name),
  getAll: () => [...requestScope.cookies.values()],
  has: (name: string) => requestScope.cookies.has(name),
  set: (name: string | CookieEntry, value?: string) => {
    const entry = typeof name === 'string' ? { name, value: value ?? '' } : name;
    requestScope.cookies.set(entry.name, { name: entry.name, value: entry.value });
    return cookieStore;
  },
  delete: (name: string) => {
    requestScope.cookies.delete(name);
    return cookieStore;
  },
  get size() {
    return requestScope.cookies.size;
  },
  toString: () => [...requestScope.cookies.values()].map((c) => `${c.name}=${c.value}`).join('; '),
};

/** The module `next/headers` is replaced with. */
export const nextHeadersModule = {
  headers: async () => requestScope.headers,
  cookies: async () => cookieStore,
  draftMode: async () => ({ isEnabled: false, enable: () => undefined, disable: () => undefined }),
};

/** `auth()` as Auth.js answers it for the session in requestScope. */
export async function scopedAuth() {
  return requestScope.staffId
    ? {
        user: { id: requestScope.staffId, email: 'fuzz@hotel.test' },
        expires: '2999-01-01T00:00:00.000Z',
      }
    : null;
}
