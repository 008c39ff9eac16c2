import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { currencyExponent, exponentOf } from './money';

/**
 * The one place that reads the environment. Every variable the app uses is declared here with
 * what it should look like; the defaults select the embedded set-up (offline sandbox + PGlite),
 * so `npm start` needs no configuration at all.
 */

/** Public demo tokens of Mews' demo environment (reference §1.2). The sandbox accepts them too. */
export const MEWS_DEMO_TOKENS = {
  clientToken: 'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D',
  grossAccessToken: 'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D',
  netAccessToken: '4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5',
} as const;

export const DEFAULT_SANDBOX_URL = 'http://localhost:4010';

const SECURE_FIELDS_PATH = '/upp/payment/js/secure-fields-2.0.0.min.js';
/** Mews Payments Checkout's script (mews-payments-checkout.md §1.3); Mews updates it in place. */
export const MEWS_CHECKOUT_SCRIPT = 'https://cdn.mews.com/payments/checkout-embed.js';
/**
 * Where Mews' checkout frames and what they load may come from: Mews' own CSP allow-list
 * (mews-payments-checkout.md §1.10), which names hosts but no directives.
 */
const MEWS_CHECKOUT_FRAME_SOURCES = [
  'https://*.mews.com',
  'https://www.recaptcha.net',
  'https://www.google.com',
  'https://recaptcha.google.com',
  'https://www.gstatic.com',
  'https://pay.datatrans.com',
];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

function httpUrl(what: string) {
  return z
    .url({ protocol: /^https?$/, error: `must be an http(s) URL, such as ${what}` })
    .transform((value) => value.replace(/\/+$/, ''));
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number between 1 and 65535, such as 3000' })
    .int()
    .min(1, 'must be a port number between 1 and 65535, such as 3000')
    .max(65535, 'must be a port number between 1 and 65535, such as 3000')
    .default(3000),
  APP_URL: optionalString.pipe(httpUrl('https://pay.example-hotel.com').optional()),
  MEWS_PLATFORM_URL: optionalString.pipe(httpUrl('https://api.mews-demo.com').optional()),
  MEWS_CLIENT_TOKEN: optionalString,
  MEWS_ACCESS_TOKEN: optionalString,
  MEWS_CLIENT_NAME: optionalString,
  MEWS_ENTERPRISE_ID: optionalString.pipe(
    z.uuid({ error: 'must be the enterprise id (a UUID) for portfolio access tokens' }).optional(),
  ),
  SECURE_FIELDS_SCRIPT_URL: optionalString.pipe(
    httpUrl(`https://pay.datatrans.com${SECURE_FIELDS_PATH}`).optional(),
  ),
  SECURE_FIELDS_ENVIRONMENT: optionalString.pipe(
    z
      .enum(['sandbox', 'production'], {
        error: 'must be sandbox (PCI Proxy test cards) or production (live cards)',
      })
      .optional(),
  ),
  GUEST_PAYMENT_ROUTES: optionalString.pipe(
    z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim().toLowerCase()))
      .pipe(
        z
          .array(
            z.enum(['secure-fields', 'mews-checkout'], {
              error:
                'must list secure-fields and/or mews-checkout, most preferred first, such as mews-checkout,secure-fields',
            }),
          )
          .min(1)
          .max(2)
          .refine((routes) => new Set(routes).size === routes.length, 'must not repeat a route'),
      )
      .optional(),
  ),
  MEWS_CHECKOUT_SCRIPT_URL: optionalString.pipe(httpUrl(MEWS_CHECKOUT_SCRIPT).optional()),
  MEWS_CHECKOUT_DATA_BASE_URL: optionalString.pipe(httpUrl('https://app.mews-demo.com').optional()),
  GUEST_HOLDS: optionalString.pipe(
    z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  ),
  START_TIMEOUT_SECONDS: optionalString.pipe(
    z
      .string()
      .regex(
        /^[1-9]\d{0,4}$/,
        'must be a whole number of seconds npm start waits for the app, such as 600',
      )
      .transform(Number)
      .optional(),
  ),
  DATABASE_URL: optionalString.pipe(
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error:
          'must be a PostgreSQL URL, such as postgres://user:password@localhost:5432/mews_checkout',
      })
      .optional(),
  ),
  DATA_DIR: optionalString,
  AUTH_SECRET: optionalString.pipe(
    z
      .string()
      .min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 32)')
      .optional(),
  ),
  MEWS_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .min(24, 'must be at least 24 random characters (it is part of the webhook URL)')
      .optional(),
  ),
  STAFF_CHARGE_MANAGER_THRESHOLD: optionalString.pipe(
    z
      .string()
      .transform((value, ctx) => {
        const parsed = parseChargeManagerThreshold(value);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      })
      .optional(),
  ),
  /** Deprecated: one minor-unit amount for every currency. STAFF_CHARGE_MANAGER_THRESHOLD replaces it. */
  STAFF_CHARGE_MANAGER_THRESHOLD_MINOR: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,15}$/, 'must be a whole number of minor units, such as 100000 for 1,000.00')
      .transform(Number)
      .optional(),
  ),
  TRUSTED_PROXY_HOPS: optionalString.pipe(
    z
      .string()
      .regex(
        /^\d{1,2}$/,
        "must be how many proxies in front of the app add to X-Forwarded-For, such as 1 (0 = none: use the connection's address)",
      )
      .transform(Number)
      .optional(),
  ),
  HEALTH_TOKEN: optionalString.pipe(
    z
      .string()
      .min(24, 'must be at least 24 random characters (generate one with: openssl rand -hex 24)')
      .regex(
        /^[\x21-\x7e]+$/,
        'must be printable ASCII without spaces (generate one with: openssl rand -hex 24)',
      )
      .optional(),
  ),
  AUTH_OIDC_ISSUER: optionalString.pipe(
    httpUrl('https://login.example-hotel.com/realms/staff').optional(),
  ),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_NAME: optionalString,
  RECONCILE_INTERVAL_SECONDS: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of seconds, such as 60 (0 turns the schedule off)')
      .transform(Number)
      .optional(),
  ),
  MEWS_RATE_LIMIT: optionalString.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,6}$/, 'must be a whole number of requests per 30 seconds, such as 180')
      .transform(Number)
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: optionalString,
  BOOTSTRAP_API_KEY: optionalString.pipe(
    z
      .string()
      .regex(
        /^mck_[A-Za-z0-9_-]{32,100}$/,
        'must look like mck_ followed by at least 32 letters, digits, - or _',
      )
      .optional(),
  ),
  API_KEY_REQUESTS_PER_MINUTE: optionalString.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,6}$/, 'must be a whole number of requests per minute, such as 60')
      .transform(Number)
      .optional(),
  ),
  SMTP_URL: optionalString.pipe(
    z
      .url({
        protocol: /^smtps?$/,
        error:
          'must be an smtp:// or smtps:// URL, such as smtps://user:password@smtp.example-hotel.com:465',
      })
      .optional(),
  ),
  MAIL_FROM: optionalString.pipe(
    z
      .string()
      .regex(
        /^(?:[^<>\r\n]*<)?[^\s<>@]+@[^\s<>@]+\.?[^\s<>@]*>?$/,
        'must be an e-mail address, optionally with a name, such as "Hotel Example <reservations@example-hotel.com>"',
      )
      .optional(),
  ),
  MAIL_SEND_INTERVAL_SECONDS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number of seconds, such as 5 (0 turns sending off)')
      .transform(Number)
      .optional(),
  ),
  MAIL_REMINDER_INTERVAL_SECONDS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number of seconds, such as 300 (0 turns reminders off)')
      .transform(Number)
      .optional(),
  ),
  API_KEY_LINKS_PER_MINUTE: optionalString.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,6}$/, 'must be a whole number of payment links per minute, such as 10')
      .transform(Number)
      .optional(),
  ),
});

export type MewsMode = 'sandbox' | 'demo' | 'production' | 'custom';

/**
 * Which Secure Fields script card capture loads: PCI Proxy's sandbox (test cards only, Mews demo's
 * merchant ids), its production (live cards, production merchant ids), or the offline sandbox's
 * stand-in served by the sandbox itself.
 */
export type SecureFieldsEnvironment = 'sandbox' | 'production' | 'offline-sandbox';

export const SECURE_FIELDS_SCRIPT_URLS = {
  sandbox: `https://pay.sandbox.datatrans.com${SECURE_FIELDS_PATH}`,
  production: `https://pay.datatrans.com${SECURE_FIELDS_PATH}`,
} as const;

/** How long `npm start` waits for the app by default (START_TIMEOUT_SECONDS). */
export const DEFAULT_START_TIMEOUT_SECONDS = 600;

/**
 * Above which amount a staff card charge needs a manager, per currency. From
 * STAFF_CHARGE_MANAGER_THRESHOLD in major units ("EUR=1000,JPY=150000,*=1000"), kept in minor
 * units for the listed currencies; `otherwise` is for every other currency: whole major units
 * (`*`), or a fixed minor-unit amount from the deprecated STAFF_CHARGE_MANAGER_THRESHOLD_MINOR.
 * Read it with `chargeManagerThresholdMinor`.
 */
export interface ChargeManagerThreshold {
  minorByCurrency: Readonly<Record<string, number>>;
  otherwise: { major: number } | { minor: number };
}

/** The default: about EUR 1,000 in the usual currencies; 1,000 major units in any other. */
export const DEFAULT_CHARGE_MANAGER_THRESHOLD = 'EUR=1000,GBP=1000,USD=1000,JPY=150000,*=1000';

const THRESHOLD_FORMAT =
  'must be CURRENCY=amount pairs in major units with a * for every other currency, such as EUR=1000,JPY=150000,*=1000';

/**
 * Parses STAFF_CHARGE_MANAGER_THRESHOLD. Returns the threshold, or what is wrong (for the one-line
 * start-up message): an unknown currency code, more decimals than the currency has, a currency
 * named twice, or no `*`.
 */
export function parseChargeManagerThreshold(text: string): ChargeManagerThreshold | string {
  const minorByCurrency: Record<string, number> = {};
  let otherwise: number | undefined;
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const match = /^([A-Za-z]{3}|\*)\s*=\s*(\d{1,10})(?:\.(\d+))?$/.exec(entry);
    if (!match) return `${THRESHOLD_FORMAT} ("${entry}" is not CURRENCY=amount)`;
    const [, rawCode = '', whole = '', fraction = ''] = match;
    const code = rawCode.toUpperCase();
    if (code === '*') {
      if (otherwise !== undefined) return `${THRESHOLD_FORMAT} (* is given twice)`;
      if (fraction !== '')
        return `${THRESHOLD_FORMAT} (the * amount must be whole: it applies to currencies without decimals too)`;
      otherwise = Number(whole);
      continue;
    }
    const exponent = exponentOf(code);
    if (exponent === undefined)
      return `${THRESHOLD_FORMAT} (${code} is not an ISO 4217 currency code)`;
    if (Object.hasOwn(minorByCurrency, code)) return `${THRESHOLD_FORMAT} (${code} is given twice)`;
    if (fraction.length > exponent) {
      return `${THRESHOLD_FORMAT} (${code} has ${exponent === 0 ? 'no decimals' : `${exponent} decimals`})`;
    }
    minorByCurrency[code] =
      Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  }
  if (otherwise === undefined) return `${THRESHOLD_FORMAT} (no * for the other currencies)`;
  return { minorByCurrency, otherwise: { major: otherwise } };
}

/** The amount in minor units of `currency` above which a staff card charge needs a manager. */
export function chargeManagerThresholdMinor(
  threshold: ChargeManagerThreshold,
  currency: string,
): number {
  // `hasOwn`, so that `toString` and friends are not currencies.
  const listed = Object.hasOwn(threshold.minorByCurrency, currency)
    ? threshold.minorByCurrency[currency]
    : undefined;
  if (listed !== undefined) return listed;
  const { otherwise } = threshold;
  return 'minor' in otherwise
    ? otherwise.minor
    : otherwise.major * 10 ** currencyExponent(currency);
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  version: string;
  port: number;
  appUrl: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Also append JSON log lines to this file (the browser tests scan it for card data). */
  logFile: string | undefined;
  mews: {
    mode: MewsMode;
    platformUrl: string;
    clientToken: string;
    accessToken: string;
    clientName: string;
    enterpriseId: string | undefined;
    /** Connector API requests this installation sends per access token in any 30 s (MEWS_RATE_LIMIT). */
    requestsPer30Seconds: number;
  };
  secureFieldsScriptUrl: string;
  /**
   * How guests pay (GUEST_PAYMENT_ROUTES, most preferred first): `secure-fields` (card in PCI
   * Proxy fields, charged with creditCards/charge; the seed flow) and/or `mews-checkout` (Mews
   * Payments Checkout for a Mews payment request). The first one the property's Mews set-up
   * allows is offered.
   */
  guestPayments: {
    routes: Array<'secure-fields' | 'mews-checkout'>;
    /** Deposit links may ask for a hold instead of a payment (GUEST_HOLDS=on; needs mews-checkout). */
    holds: boolean;
    /** Present when `routes` includes `mews-checkout`. */
    checkout:
      | {
          scriptUrl: string;
          /** `dataBaseUrl` for the checkout: Mews' demo app with the demo API, never in production. */
          dataBaseUrl: string | undefined;
          /** What the page's CSP lets the checkout load and frame (only when the route is on). */
          sources: string[];
        }
      | undefined;
  };
  /** Where `secureFieldsScriptUrl` comes from (SECURE_FIELDS_ENVIRONMENT or the Mews mode). */
  secureFieldsEnvironment: SecureFieldsEnvironment;
  /** `npm start`: the longest wait for a starting app that is still making progress. */
  startTimeoutMs: number;
  /** `undefined` selects the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /** From AUTH_SECRET; `getAuthSecret()` falls back to a generated one for the embedded set-up. */
  authSecret: string | undefined;
  webhookSecret: string | undefined;
  /**
   * How many proxies in front of the app append to X-Forwarded-For (TRUSTED_PROXY_HOPS). 0: none,
   * the client address is the connection's; see lib/server/client-address.ts.
   */
  trustedProxyHops: number;
  /** Bearer token that gets the detailed /api/health report (HEALTH_TOKEN); managers get it too. */
  healthToken: string | undefined;
  staff: {
    /** Staff card charges above this amount (per currency) need a manager. */
    chargeManagerThreshold: ChargeManagerThreshold;
    /** The hotel's single sign-on, when all three variables are set. */
    oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  };
  /** How often each instance tries to run the reconciler (only one runs at a time); 0 = never. */
  reconcileIntervalMs: number;
  /** An API key registered at start, for provisioning an integration (or a test harness) by configuration. */
  bootstrapApiKey: string | undefined;
  /** Per API key, counted across instances: requests of any kind, and payment links created. */
  apiKeyRateLimits: { requestsPerMinute: number; linksPerMinute: number };
  /**
   * E-mail to guests. `undefined` when no SMTP server is configured (only possible outside sandbox
   * mode, where the sandbox plays the mail server): nothing is e-mailed and the UI says why.
   */
  mail:
    | {
        smtpUrl: string;
        /** The From header, e.g. `Hotel Example <reservations@example-hotel.com>`. */
        from: string;
        /** The domain of `from`: the right-hand side of every Message-ID we make. */
        messageIdDomain: string;
        /** How often each instance looks for due e-mails; 0 = never (another instance sends). */
        sendIntervalMs: number;
        /** How often reminders that have come due are queued; 0 = never. */
        reminderIntervalMs: number;
        /** The sandbox's inbox page, in sandbox mode. */
        sandboxInboxUrl: string | undefined;
      }
    | undefined;
}

/** Where the sandbox's SMTP server listens unless SANDBOX_SMTP_PORT says otherwise. */
export const DEFAULT_SANDBOX_SMTP_PORT = 4025;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function mewsModeOf(platformUrl: string): MewsMode {
  const host = new URL(platformUrl).hostname;
  if (LOOPBACK_HOSTS.has(host)) return 'sandbox';
  if (host === 'api.mews-demo.com') return 'demo';
  if (host === 'api.mews.com') return 'production';
  return 'custom';
}

/**
 * The Secure Fields environment: the explicit SECURE_FIELDS_ENVIRONMENT, or the one that goes with
 * a known Mews platform. A custom hostname says nothing about which PCI Proxy account its merchant
 * ids live in (guessing "test" once loaded the test script with a live merchant id), so it needs
 * the setting; an explicit setting that contradicts api.mews.com or api.mews-demo.com is refused,
 * since the merchant id Mews hands out there only works with its own script.
 */
function secureFieldsEnvironmentOf(
  mode: MewsMode,
  platformUrl: string,
  explicit: 'sandbox' | 'production' | undefined,
  explicitScriptUrl: string | undefined,
): SecureFieldsEnvironment {
  const implied: Partial<Record<MewsMode, 'sandbox' | 'production'>> = {
    demo: 'sandbox',
    production: 'production',
  };
  const expected = implied[mode];
  if (explicit && expected && explicit !== expected) {
    throw new ConfigError(
      `Invalid configuration: SECURE_FIELDS_ENVIRONMENT=${explicit} does not go with MEWS_PLATFORM_URL ${platformUrl}: Mews ${mode} card storage uses PCI Proxy ${expected} (set SECURE_FIELDS_ENVIRONMENT=${expected} or leave it unset)`,
    );
  }
  if (explicit) return explicit;
  if (expected) return expected;
  if (mode === 'sandbox') return 'offline-sandbox';
  if (explicitScriptUrl) {
    return new URL(explicitScriptUrl).hostname === 'pay.datatrans.com' ? 'production' : 'sandbox';
  }
  throw new ConfigError(
    `Invalid configuration: SECURE_FIELDS_ENVIRONMENT must be sandbox or production when MEWS_PLATFORM_URL is ${platformUrl} (only api.mews.com and api.mews-demo.com imply it)`,
  );
}

function defaultSecureFieldsScriptUrl(
  environment: SecureFieldsEnvironment,
  platformUrl: string,
): string {
  if (environment === 'offline-sandbox')
    return `${platformUrl}/secure-fields/secure-fields-2.0.0.js`;
  return SECURE_FIELDS_SCRIPT_URLS[environment];
}

/**
 * The checkout's script and data environment. The offline sandbox serves its stand-in script;
 * Mews' demo API pairs with Mews' demo app (`dataBaseUrl`), which must never be set in production:
 * real guests would be sent to the demo environment and no money would move.
 */
function checkoutSettingsOf(
  mode: MewsMode,
  platformUrl: string,
  explicitScriptUrl: string | undefined,
  explicitDataBaseUrl: string | undefined,
): NonNullable<AppConfig['guestPayments']['checkout']> {
  if (mode === 'production' && explicitDataBaseUrl) {
    throw new ConfigError(
      'Invalid configuration: MEWS_CHECKOUT_DATA_BASE_URL must not be set with production Mews (guests would pay in the demo environment)',
    );
  }
  const scriptUrl =
    explicitScriptUrl ??
    (mode === 'sandbox' ? `${platformUrl}/payments/checkout-embed.js` : MEWS_CHECKOUT_SCRIPT);
  const dataBaseUrl =
    explicitDataBaseUrl ?? (mode === 'demo' ? 'https://app.mews-demo.com' : undefined);
  const scriptOrigin = new URL(scriptUrl).origin;
  const sources = new URL(scriptUrl).hostname.endsWith('.mews.com')
    ? [...MEWS_CHECKOUT_FRAME_SOURCES, ...(dataBaseUrl ? ['https://*.mews-demo.com'] : [])]
    : [scriptOrigin, ...(dataBaseUrl ? [new URL(dataBaseUrl).origin] : [])];
  return { scriptUrl, dataBaseUrl, sources: [...new Set(sources)] };
}

/** A stable secret for the embedded set-up, so sessions survive a restart without configuration. */
function embeddedAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

type Environment = Record<string, string | undefined>;

function describeIssue(issue: z.core.$ZodIssue, env: Environment): string {
  const name = String(issue.path[0] ?? 'environment');
  const raw = env[name];
  const shown =
    raw === undefined ? '' : ` (got "${raw.length > 60 ? `${raw.slice(0, 57)}...` : raw}")`;
  return `${name} ${issue.message}${name.includes('SECRET') || name.includes('TOKEN') ? '' : shown}`;
}

/** `schema`'s reading of `env`, or a `ConfigError` naming the first variable that is wrong. */
function parseEnvironment<S extends z.ZodType>(schema: S, env: Environment): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(
      `Invalid configuration: ${first ? describeIssue(first, env) : 'unknown problem'}`,
    );
  }
  return parsed.data;
}

/**
 * Reads and validates the environment. Throws a `ConfigError` whose message is one line that
 * names the variable and what it should look like.
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const e = parseEnvironment(envSchema, env);
  const platformUrl = e.MEWS_PLATFORM_URL ?? DEFAULT_SANDBOX_URL;
  const mode = mewsModeOf(platformUrl);

  if (mode !== 'sandbox' && (!e.MEWS_CLIENT_TOKEN || !e.MEWS_ACCESS_TOKEN)) {
    throw new ConfigError(
      `Invalid configuration: MEWS_CLIENT_TOKEN and MEWS_ACCESS_TOKEN are required when MEWS_PLATFORM_URL points at ${platformUrl} (see .env.example)`,
    );
  }
  if (mode === 'production' && e.NODE_ENV === 'production' && !e.AUTH_SECRET) {
    throw new ConfigError(
      'Invalid configuration: AUTH_SECRET is required with production Mews (generate one with: openssl rand -base64 32)',
    );
  }

  const secureFieldsEnvironment = secureFieldsEnvironmentOf(
    mode,
    platformUrl,
    e.SECURE_FIELDS_ENVIRONMENT,
    e.SECURE_FIELDS_SCRIPT_URL,
  );

  if (e.STAFF_CHARGE_MANAGER_THRESHOLD && e.STAFF_CHARGE_MANAGER_THRESHOLD_MINOR !== undefined) {
    throw new ConfigError(
      'Invalid configuration: STAFF_CHARGE_MANAGER_THRESHOLD_MINOR is replaced by STAFF_CHARGE_MANAGER_THRESHOLD; set only the latter',
    );
  }
  const chargeManagerThreshold =
    e.STAFF_CHARGE_MANAGER_THRESHOLD ??
    (e.STAFF_CHARGE_MANAGER_THRESHOLD_MINOR !== undefined
      ? { minorByCurrency: {}, otherwise: { minor: e.STAFF_CHARGE_MANAGER_THRESHOLD_MINOR } }
      : (parseChargeManagerThreshold(DEFAULT_CHARGE_MANAGER_THRESHOLD) as ChargeManagerThreshold));

  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? '.data');
  const routes = e.GUEST_PAYMENT_ROUTES ?? ['secure-fields'];
  if (e.GUEST_HOLDS === 'on' && !routes.includes('mews-checkout')) {
    throw new ConfigError(
      'Invalid configuration: GUEST_HOLDS=on needs mews-checkout in GUEST_PAYMENT_ROUTES (holds are Mews payment requests)',
    );
  }
  return {
    mail: mailSettingsOf(e, mode, platformUrl),
    nodeEnv: e.NODE_ENV,
    version: packageJson.version,
    port: e.PORT,
    appUrl: e.APP_URL ?? `http://localhost:${e.PORT}`,
    dataDir,
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE ? path.resolve(/*turbopackIgnore: true*/ e.LOG_FILE) : undefined,
    mews: {
      mode,
      platformUrl,
      clientToken: e.MEWS_CLIENT_TOKEN ?? MEWS_DEMO_TOKENS.clientToken,
      accessToken: e.MEWS_ACCESS_TOKEN ?? MEWS_DEMO_TOKENS.grossAccessToken,
      clientName: e.MEWS_CLIENT_NAME ?? 'Mews Checkout',
      enterpriseId: e.MEWS_ENTERPRISE_ID,
      // Mews allows 200 per access token per 30 s (sliding); 180 leaves room for their best-effort counting.
      requestsPer30Seconds: e.MEWS_RATE_LIMIT ?? 180,
    },
    secureFieldsScriptUrl:
      e.SECURE_FIELDS_SCRIPT_URL ??
      defaultSecureFieldsScriptUrl(secureFieldsEnvironment, platformUrl),
    secureFieldsEnvironment,
    guestPayments: {
      routes,
      holds: e.GUEST_HOLDS === 'on',
      checkout: routes.includes('mews-checkout')
        ? checkoutSettingsOf(
            mode,
            platformUrl,
            e.MEWS_CHECKOUT_SCRIPT_URL,
            e.MEWS_CHECKOUT_DATA_BASE_URL,
          )
        : undefined,
    },
    startTimeoutMs: (e.START_TIMEOUT_SECONDS ?? DEFAULT_START_TIMEOUT_SECONDS) * 1000,
    databaseUrl: e.DATABASE_URL,
    authSecret: e.AUTH_SECRET,
    webhookSecret: e.MEWS_WEBHOOK_SECRET,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    healthToken: e.HEALTH_TOKEN,
    staff: {
      chargeManagerThreshold,
      oidc:
        e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET
          ? {
              issuer: e.AUTH_OIDC_ISSUER,
              clientId: e.AUTH_OIDC_CLIENT_ID,
              clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
              name: e.AUTH_OIDC_NAME ?? 'Single sign-on',
            }
          : undefined,
    },
    reconcileIntervalMs: (e.RECONCILE_INTERVAL_SECONDS ?? 60) * 1000,
    bootstrapApiKey: e.BOOTSTRAP_API_KEY,
    apiKeyRateLimits: {
      requestsPerMinute: e.API_KEY_REQUESTS_PER_MINUTE ?? 60,
      linksPerMinute: e.API_KEY_LINKS_PER_MINUTE ?? 10,
    },
  };
}

function isLoopbackSmtp(smtpUrl: string): boolean {
  const url = new URL(smtpUrl);
  return url.protocol === 'smtp:' && LOOPBACK_HOSTS.has(url.hostname);
}

function mailSettingsOf(
  e: z.output<typeof envSchema>,
  mode: MewsMode,
  platformUrl: string,
): AppConfig['mail'] {
  const sandbox = mode === 'sandbox';
  const smtpUrl =
    e.SMTP_URL ?? (sandbox ? `smtp://localhost:${DEFAULT_SANDBOX_SMTP_PORT}` : undefined);
  if (!smtpUrl) {
    if (e.MAIL_FROM)
      throw new ConfigError('Invalid configuration: MAIL_FROM is set but SMTP_URL is not');
    return undefined;
  }
  if (!e.MAIL_FROM && !sandbox) {
    throw new ConfigError(
      'Invalid configuration: MAIL_FROM is required with SMTP_URL, such as "Hotel Example <reservations@example-hotel.com>"',
    );
  }
  const from = e.MAIL_FROM ?? 'Mews Checkout <checkout@sandbox.localhost>';
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return {
    smtpUrl,
    from,
    messageIdDomain: address.slice(address.lastIndexOf('@') + 1).toLowerCase(),
    sendIntervalMs: (e.MAIL_SEND_INTERVAL_SECONDS ?? 5) * 1000,
    reminderIntervalMs: (e.MAIL_REMINDER_INTERVAL_SECONDS ?? 300) * 1000,
    // Only when the mail goes to the sandbox's own catcher: with the hotel's SMTP server set, the
    // sandbox's inbox would stay empty.
    sandboxInboxUrl:
      sandbox && isLoopbackSmtp(smtpUrl) ? `${platformUrl}/_sandbox/mail` : undefined,
  };
}

/** Only what a Connector API client needs, for tools that are not the app (`npm run smoke`). */
export interface MewsConnectionSettings {
  mode: MewsMode;
  platformUrl: string;
  clientToken: string | undefined;
  accessToken: string | undefined;
  clientName: string;
  enterpriseId: string | undefined;
}

const mewsConnectionSchema = envSchema.pick({
  MEWS_PLATFORM_URL: true,
  MEWS_CLIENT_TOKEN: true,
  MEWS_ACCESS_TOKEN: true,
  MEWS_CLIENT_NAME: true,
  MEWS_ENTERPRISE_ID: true,
});

/**
 * Reads and validates only the MEWS_* variables, so a tool can talk to Mews without the rest of
 * the app's configuration (a database, Secure Fields, secrets). Same one-line `ConfigError`s.
 */
export function loadMewsConnection(env: Environment = process.env): MewsConnectionSettings {
  const e = parseEnvironment(mewsConnectionSchema, env);
  const platformUrl = e.MEWS_PLATFORM_URL ?? DEFAULT_SANDBOX_URL;
  return {
    mode: mewsModeOf(platformUrl),
    platformUrl,
    clientToken: e.MEWS_CLIENT_TOKEN,
    accessToken: e.MEWS_ACCESS_TOKEN,
    clientName: e.MEWS_CLIENT_NAME ?? 'Mews Checkout',
    enterpriseId: e.MEWS_ENTERPRISE_ID,
  };
}

let cached: AppConfig | undefined;

/** The validated configuration of this process, read once. */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/**
 * The session signing secret: AUTH_SECRET, or one generated once under the data folder so the
 * embedded set-up keeps staff signed in across restarts without any configuration.
 */
export function getAuthSecret(config: AppConfig = getConfig()): string {
  return (
    config.authSecret ??
    globalForSecrets.mewsCheckoutInstallationAuthSecret ??
    embeddedAuthSecret(config.dataDir)
  );
}

const globalForSecrets = globalThis as unknown as { mewsCheckoutInstallationAuthSecret?: string };

/**
 * Without AUTH_SECRET, instances sharing one PostgreSQL agree on a secret stored in it (set at
 * start-up), so a session signed by one instance is valid on all of them.
 */
export function adoptInstallationAuthSecret(secret: string): void {
  globalForSecrets.mewsCheckoutInstallationAuthSecret = secret;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}
