/**
 * Where staff go after signing in: the back-office page they were sent away from, and nowhere
 * else. The callback comes from the sign-in page's query string, so anyone can craft it; a browser
 * or Next.js' router normalising it after us must not be able to turn it into another origin
 * (`/staff/..//..//evil.example/phish` is `//evil.example/phish` once the dots are resolved, a
 * protocol-relative URL), another app path, or a sign-in loop.
 */

export const DEFAULT_CALLBACK_PATH = '/staff';

/** A back-office path: /staff, then segments of unreserved characters only (no `%`, `\`, `;`, dots-only). */
const STAFF_PATH = /^\/staff(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_LENGTH = 2_000;

/** `text` percent-decoded until it stops changing (at most 4 rounds), or null when it is not valid. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let round = 0; round < 4; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * The path (with its query) to send a signed-in staff member to, or `/staff`. Accepted only when,
 * resolved against APP_URL (a path, or an absolute URL on exactly the app's origin), it stays on
 * the app's origin, its path is under /staff and not the sign-in page, and the path is already
 * normal: no `.` or `..` segment, no `//`, no backslash, no control character and no
 * percent-encoding at all, so neither `%2e%2e`, `%2f`, `%5c` nor a double-encoded `%252e` can be
 * decoded into one later. The query may be percent-encoded, but nothing in it may decode to a
 * control character or a backslash. The fragment is dropped.
 */
export function safeCallbackPath(callbackUrl: unknown, appUrl: string): string {
  if (typeof callbackUrl !== 'string' || callbackUrl.length > MAX_LENGTH)
    return DEFAULT_CALLBACK_PATH;
  if (CONTROL.test(callbackUrl) || callbackUrl.includes('\\')) return DEFAULT_CALLBACK_PATH;
  let origin: string;
  try {
    origin = new URL(appUrl).origin;
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  // An absolute URL on the app's own origin is taken as its path; any other absolute or
  // protocol-relative URL fails the path check below.
  const relative = callbackUrl.toLowerCase().startsWith(`${origin.toLowerCase()}/`)
    ? callbackUrl.slice(origin.length)
    : callbackUrl;
  const [beforeFragment = ''] = relative.split('#', 1);
  const queryAt = beforeFragment.indexOf('?');
  const pathname = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeFragment.slice(queryAt);
  if (!STAFF_PATH.test(pathname) || pathname.includes('//')) return DEFAULT_CALLBACK_PATH;
  if (pathname === '/staff/sign-in' || pathname.startsWith('/staff/sign-in/'))
    return DEFAULT_CALLBACK_PATH;
  const decodedQuery = fullyDecoded(query);
  if (decodedQuery === null || CONTROL.test(decodedQuery) || decodedQuery.includes('\\')) {
    return DEFAULT_CALLBACK_PATH;
  }

  let resolved: URL;
  try {
    resolved = new URL(`${pathname}${query}`, origin);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  // Belt and braces: what a URL parser makes of it is exactly what was checked above.
  if (resolved.origin !== origin || resolved.pathname !== pathname) return DEFAULT_CALLBACK_PATH;
  return `${resolved.pathname}${resolved.search}`;
}
