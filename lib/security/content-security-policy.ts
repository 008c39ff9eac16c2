/**
 * The security headers of every page, built from the running configuration. Pure on purpose (no
 * environment, no request): `proxy.ts` feeds it the configuration and a fresh nonce per request,
 * and the unit tests pin every directive.
 *
 * Why each choice is what it is:
 * - Scripts: a per-request nonce plus 'strict-dynamic' (the Next.js 16 CSP guide). Next.js puts the
 *   nonce on its own scripts; the Secure Fields script is inserted by the pay page's nonced inline
 *   boot script (lib/card-capture/secure-fields-boot, preloaded with the same nonce) or by our
 *   nonced bundle, so 'strict-dynamic' trusts it. 'self' and the Secure Fields origin are listed as well for browsers
 *   that predate 'strict-dynamic' (newer ones ignore host lists next to it), never anything wider.
 * - Frames: only the Secure Fields origin, which serves the card number and CVV iframes. PCI Proxy
 *   requires the script and frames straight from its host, one host per environment.
 * - Styles: our CSS is served from 'self' as files; `<style>` elements need the nonce. Style
 *   *attributes* stay allowed (`style-src-attr 'unsafe-inline'`): server-rendered pages use a few
 *   `style={…}` props, which a nonce cannot cover, and an attribute cannot run script or, with
 *   `img-src`/`font-src`/`connect-src` locked to 'self', send anything anywhere. In development
 *   the error overlay injects unnonced styles, so there 'unsafe-inline' is allowed for all styles
 *   (as the Next.js guide does).
 * - 'unsafe-eval' only in `next dev`: React rebuilds server error stacks with eval there; production
 *   React and Next.js never eval.
 */

export interface SecurityHeaderOptions {
  /** Fresh for every request (`createNonce()`); also passed to Next.js in the request headers. */
  nonce: string;
  /** The configured Secure Fields script; its origin also serves the card iframes. */
  secureFieldsScriptUrl: string;
  /** Public URL of the app: https turns on upgrade-insecure-requests (and HSTS in production). */
  appUrl: string;
  nodeEnv: 'development' | 'production' | 'test';
  /**
   * The staff single sign-on issuer, when configured. Without JavaScript the "Sign in with …"
   * button is a plain form post answered by a redirect to the identity provider, and browsers
   * apply `form-action` to the redirects that follow a form submission.
   */
  oidcIssuer?: string;
  /**
   * Mews Payments Checkout, only when that route is on: its script's origin and the sources its
   * frame may come from (Mews' allow-list, or the sandbox stand-in's origin). Off, the policy is
   * exactly what it is without the route.
   */
  mewsCheckout?: { scriptUrl: string; sources: string[] };
}

/**
 * The request header proxy.ts sets to this request's nonce (overwriting any a client sent), where
 * Next.js reads it for its own scripts and `requestNonce()` for ours.
 */
export const NONCE_REQUEST_HEADER = 'x-nonce';

/** 128 random bits, base64: unguessable, and of the character set a CSP nonce-source accepts. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function isHttps(url: string): boolean {
  return new URL(url).protocol === 'https:';
}

/** The Content-Security-Policy header value for one HTML response. */
export function buildContentSecurityPolicy(options: SecurityHeaderOptions): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(options.nonce)) {
    // A nonce with a quote or semicolon would let its value rewrite the policy.
    throw new Error('A CSP nonce must be base64 characters only');
  }
  const development = options.nodeEnv === 'development';
  const secureFields = originOf(options.secureFieldsScriptUrl);
  const formTargets = ["'self'", ...(options.oidcIssuer ? [originOf(options.oidcIssuer)] : [])];
  // Without the Secure Fields origin: the sandbox serves both, and a source is listed once.
  const checkout = options.mewsCheckout
    ? [
        ...new Set([originOf(options.mewsCheckout.scriptUrl), ...options.mewsCheckout.sources]),
      ].filter((source) => source !== secureFields)
    : [];

  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    [
      'script-src',
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      secureFields,
      ...checkout,
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ['style-src', "'self'", ...(development ? ["'unsafe-inline'"] : [`'nonce-${options.nonce}'`])],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...checkout],
    ['frame-src', secureFields, ...checkout],
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', ...formTargets] as [string, ...string[]],
  ];
  // Only where the app itself is served over https: on plain http (the sandbox, tests) it would
  // rewrite our own http subresources to https and break the page.
  if (isHttps(options.appUrl)) directives.push(['upgrade-insecure-requests']);
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/**
 * Browser features no page of this app uses, switched off for the page and every frame in it (the
 * Secure Fields iframes included). `payment` too: Secure Fields' tokenization never uses the
 * Payment Request API; allow `payment=(self "<secure fields origin>")` if wallet buttons come.
 * Only features Chromium recognises, so the header logs no "unrecognized feature" warnings.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
].join(', ');

/**
 * With Mews Payments Checkout on, its frame may use the Payment Request API (Apple Pay, Google Pay):
 * `payment` is allowed for this page and the checkout's origins, every other feature stays off.
 * Wildcard hosts of Mews' list are not valid here; its script's own origin stands for them.
 */
export function permissionsPolicyWithPayment(checkout: {
  scriptUrl: string;
  sources: string[];
}): string {
  const origins = [originOf(checkout.scriptUrl), ...checkout.sources]
    .filter((source) => !source.includes('*'))
    .map((source) => `"${source}"`);
  return PERMISSIONS_POLICY.replace(
    'payment=()',
    `payment=(self ${[...new Set(origins)].join(' ')})`,
  );
}

/**
 * strict-origin-when-cross-origin everywhere, /pay pages included: the pay URL carries the link
 * token, and under this policy any other origin (Secure Fields, the iDEAL bank, a link the guest
 * follows) receives only `https://our-host/`, never the path, and nothing at all over http. Only
 * our own origin sees the full URL, and it already knows the token. `no-referrer` would protect
 * nothing more, and would also hide from PCI Proxy which site embeds its fields.
 */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** Two years, every subdomain (no `preload`: that is a decision for whoever owns the domain). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

export interface SecurityHeaders {
  'Content-Security-Policy': string;
  'Referrer-Policy': string;
  'Permissions-Policy': string;
  'X-Content-Type-Options': string;
  'X-Frame-Options': string;
  'Strict-Transport-Security'?: string;
}

/** Every security header of one response, Content-Security-Policy included. */
export function buildSecurityHeaders(options: SecurityHeaderOptions): SecurityHeaders {
  const headers: SecurityHeaders = {
    'Content-Security-Policy': buildContentSecurityPolicy(options),
    'Referrer-Policy': REFERRER_POLICY,
    'Permissions-Policy': options.mewsCheckout
      ? permissionsPolicyWithPayment(options.mewsCheckout)
      : PERMISSIONS_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // frame-ancestors 'none' for browsers that only know the older header.
    'X-Frame-Options': 'DENY',
  };
  // HSTS only from a production server on https: a developer's or test run's http://localhost
  // must never make a browser refuse plain http to localhost for two years.
  if (options.nodeEnv === 'production' && isHttps(options.appUrl)) {
    headers['Strict-Transport-Security'] = STRICT_TRANSPORT_SECURITY;
  }
  return headers;
}
