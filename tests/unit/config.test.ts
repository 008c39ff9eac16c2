import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chargeManagerThresholdMinor,
  ConfigError,
  getAuthSecret,
  loadConfig,
  loadMewsConnection,
  MEWS_DEMO_TOKENS,
  parseChargeManagerThreshold,
} from '@/lib/config';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'mews-checkout-config-'));

describe('loadConfig', () => {
  it('selects the embedded set-up when nothing is configured', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.mews).toMatchObject({
      mode: 'sandbox',
      platformUrl: 'http://localhost:4010',
      clientToken: MEWS_DEMO_TOKENS.clientToken,
      accessToken: MEWS_DEMO_TOKENS.grossAccessToken,
      clientName: 'Mews Checkout',
    });
    expect(config.secureFieldsScriptUrl).toBe(
      'http://localhost:4010/secure-fields/secure-fields-2.0.0.js',
    );
    expect(config.databaseUrl).toBeUndefined();
    // A generated session secret, created only when asked for, that survives restarts.
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
    const secret = getAuthSecret(config);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(secret);
    expect(getAuthSecret(loadConfig({ DATA_DIR: dir }))).toBe(secret);
    expect(getAuthSecret(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 'y'.repeat(32) }))).toBe(
      'y'.repeat(32),
    );
  });

  it('points Secure Fields at PCI Proxy sandbox for Mews demo and production host for production', () => {
    const demo = loadConfig({
      MEWS_PLATFORM_URL: 'https://api.mews-demo.com/',
      MEWS_CLIENT_TOKEN: 'c',
      MEWS_ACCESS_TOKEN: 'a',
      DATA_DIR: dataDir(),
    });
    expect(demo.mews.mode).toBe('demo');
    expect(demo.mews.platformUrl).toBe('https://api.mews-demo.com');
    expect(demo.secureFieldsScriptUrl).toBe(
      'https://pay.sandbox.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
    );
    const production = loadConfig({
      MEWS_PLATFORM_URL: 'https://api.mews.com',
      MEWS_CLIENT_TOKEN: 'c',
      MEWS_ACCESS_TOKEN: 'a',
      AUTH_SECRET: 'x'.repeat(32),
    });
    expect(production.secureFieldsScriptUrl).toBe(
      'https://pay.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
    );
  });

  it.each([
    [
      { DATABASE_URL: 'not a url' },
      /^Invalid configuration: DATABASE_URL must be a PostgreSQL URL.*\(got "not a url"\)$/,
    ],
    [{ DATABASE_URL: 'mysql://x@localhost/db' }, /DATABASE_URL must be a PostgreSQL URL/],
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT must be a port number/],
    [{ PORT: '70000' }, /PORT must be a port number between 1 and 65535/],
    [{ MEWS_PLATFORM_URL: 'api.mews.com' }, /MEWS_PLATFORM_URL must be an http\(s\) URL/],
    [{ MEWS_ENTERPRISE_ID: '42' }, /MEWS_ENTERPRISE_ID must be the enterprise id \(a UUID\)/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET must be at least 32 characters/],
    [
      { MEWS_PLATFORM_URL: 'https://api.mews-demo.com' },
      /MEWS_CLIENT_TOKEN and MEWS_ACCESS_TOKEN are required/,
    ],
  ])('refuses %o with a one-line message naming the variable', (env, message) => {
    let thrown: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('never echoes a secret in its error message', () => {
    expect(() => loadConfig({ AUTH_SECRET: 'hunter2-secret' })).toThrow(/AUTH_SECRET/);
    expect(() => loadConfig({ AUTH_SECRET: 'hunter2-secret' })).not.toThrow(/hunter2/);
  });

  it('treats empty variables (as in a copied .env.example) as unset', () => {
    const config = loadConfig({
      DATABASE_URL: '',
      MEWS_PLATFORM_URL: '',
      AUTH_SECRET: '',
      DATA_DIR: dataDir(),
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.mews.mode).toBe('sandbox');
  });
});

/** The one-line ConfigError `env` causes. */
function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('TRUSTED_PROXY_HOPS', () => {
  it('defaults to 0 (the connection address) and takes a small whole number', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustedProxyHops).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUSTED_PROXY_HOPS: '' }).trustedProxyHops).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUSTED_PROXY_HOPS: ' 2 ' }).trustedProxyHops).toBe(2);
  });

  it.each(['-1', 'one', '1.5', '100', 'true'])('refuses %j', (value) => {
    expect(configErrorOf({ TRUSTED_PROXY_HOPS: value })).toMatch(
      /^Invalid configuration: TRUSTED_PROXY_HOPS must be how many proxies/,
    );
  });
});

describe('HEALTH_TOKEN', () => {
  it('is optional, and at least 24 printable characters when set', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).healthToken).toBeUndefined();
    const token = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    expect(loadConfig({ DATA_DIR: dataDir(), HEALTH_TOKEN: token }).healthToken).toBe(token);
  });

  it.each(['short-token', 'twenty four chars with spaces'])(
    'refuses %j without echoing it',
    (value) => {
      const message = configErrorOf({ HEALTH_TOKEN: value });
      expect(message).toMatch(/^Invalid configuration: HEALTH_TOKEN must be/);
      expect(message).not.toContain(value);
    },
  );
});

describe('STAFF_CHARGE_MANAGER_THRESHOLD', () => {
  const minor = (env: Record<string, string>, currency: string) =>
    chargeManagerThresholdMinor(
      loadConfig({ DATA_DIR: dataDir(), ...env }).staff.chargeManagerThreshold,
      currency,
    );

  it('defaults to about EUR 1,000 in major units of each currency', () => {
    expect(minor({}, 'EUR')).toBe(100_000);
    expect(minor({}, 'GBP')).toBe(100_000);
    expect(minor({}, 'USD')).toBe(100_000);
    expect(minor({}, 'JPY')).toBe(150_000);
    // Any other currency: 1,000 of its major units, in its own exponent.
    expect(minor({}, 'CZK')).toBe(100_000);
    expect(minor({}, 'KRW')).toBe(1_000);
    expect(minor({}, 'KWD')).toBe(1_000_000);
  });

  it("reads CURRENCY=amount pairs in major units, decimals up to the currency's own", () => {
    const env = {
      STAFF_CHARGE_MANAGER_THRESHOLD: ' eur = 800 , JPY=120000,KWD=150.5, BHD=0.125,*=500 ',
    };
    expect(minor(env, 'EUR')).toBe(80_000);
    expect(minor(env, 'JPY')).toBe(120_000);
    expect(minor(env, 'KWD')).toBe(150_500);
    expect(minor(env, 'BHD')).toBe(125);
    expect(minor(env, 'GBP')).toBe(50_000);
    expect(minor(env, 'ISK')).toBe(500);
    expect(parseChargeManagerThreshold('*=1000')).toEqual({
      minorByCurrency: {},
      otherwise: { major: 1000 },
    });
  });

  it.each([
    ['EUR=1000', /no \* for the other currencies/],
    ['EUR=1000,*=', /"\*=" is not CURRENCY=amount/],
    ['EUR:1000,*=1000', /"EUR:1000" is not CURRENCY=amount/],
    ['EUR=-5,*=1000', /is not CURRENCY=amount/],
    ['EUR=1e3,*=1000', /is not CURRENCY=amount/],
    ['XYZ=10,*=1000', /XYZ is not an ISO 4217 currency code/],
    ['JPY=1000.5,*=1000', /JPY has no decimals/],
    ['EUR=10.005,*=1000', /EUR has 2 decimals/],
    ['EUR=10,eur=20,*=1000', /EUR is given twice/],
    ['*=10,*=20', /\* is given twice/],
    ['*=10.5', /the \* amount must be whole/],
  ])('refuses %j with a one-line message', (value, reason) => {
    const message = configErrorOf({ STAFF_CHARGE_MANAGER_THRESHOLD: value });
    expect(message).toMatch(
      /^Invalid configuration: STAFF_CHARGE_MANAGER_THRESHOLD must be CURRENCY=amount pairs in major units/,
    );
    expect(message).toMatch(reason);
  });

  it('still reads the deprecated STAFF_CHARGE_MANAGER_THRESHOLD_MINOR alone (one minor-unit amount for every currency)', () => {
    const legacy = { STAFF_CHARGE_MANAGER_THRESHOLD_MINOR: '50000' };
    expect(minor(legacy, 'EUR')).toBe(50_000);
    expect(minor(legacy, 'JPY')).toBe(50_000);
    expect(minor(legacy, 'KWD')).toBe(50_000);
    expect(configErrorOf({ ...legacy, STAFF_CHARGE_MANAGER_THRESHOLD: '*=1000' })).toMatch(
      /STAFF_CHARGE_MANAGER_THRESHOLD_MINOR is replaced by STAFF_CHARGE_MANAGER_THRESHOLD; set only the latter/,
    );
  });
});

describe('Secure Fields environment', () => {
  const tokens = { MEWS_CLIENT_TOKEN: 'c', MEWS_ACCESS_TOKEN: 'a', AUTH_SECRET: 'x'.repeat(32) };
  const scriptOf = (env: Record<string, string>) => {
    const config = loadConfig({ DATA_DIR: dataDir(), ...env });
    return [config.secureFieldsEnvironment, config.secureFieldsScriptUrl];
  };

  it('follows the Mews mode when not set: demo → PCI Proxy sandbox, production → production, offline sandbox → its own script', () => {
    expect(scriptOf({ ...tokens, MEWS_PLATFORM_URL: 'https://api.mews-demo.com' })).toEqual([
      'sandbox',
      'https://pay.sandbox.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
    ]);
    expect(scriptOf({ ...tokens, MEWS_PLATFORM_URL: 'https://api.mews.com' })).toEqual([
      'production',
      'https://pay.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
    ]);
    expect(scriptOf({ MEWS_PLATFORM_URL: 'http://127.0.0.1:4555' })).toEqual([
      'offline-sandbox',
      'http://127.0.0.1:4555/secure-fields/secure-fields-2.0.0.js',
    ]);
  });

  it('refuses to start on a custom platform URL without SECURE_FIELDS_ENVIRONMENT, in one line', () => {
    // Before: any custom hostname silently got the PCI Proxy test script, even with a live merchant id.
    expect(
      configErrorOf({ ...tokens, MEWS_PLATFORM_URL: 'https://mews-gateway.hotel.example' }),
    ).toMatch(
      /^Invalid configuration: SECURE_FIELDS_ENVIRONMENT must be sandbox or production when MEWS_PLATFORM_URL is https:\/\/mews-gateway\.hotel\.example/,
    );
  });

  it('takes the explicit setting on a custom platform URL', () => {
    const platform = { ...tokens, MEWS_PLATFORM_URL: 'https://mews-gateway.hotel.example' };
    expect(scriptOf({ ...platform, SECURE_FIELDS_ENVIRONMENT: 'production' })).toEqual([
      'production',
      'https://pay.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
    ]);
    expect(scriptOf({ ...platform, SECURE_FIELDS_ENVIRONMENT: ' sandbox ' })).toEqual([
      'sandbox',
      'https://pay.sandbox.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
    ]);
    // An explicit script URL is a setting too (its host says which PCI Proxy it is).
    expect(
      scriptOf({
        ...platform,
        SECURE_FIELDS_SCRIPT_URL:
          'https://pay.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
      })[0],
    ).toBe('production');
  });

  it('refuses a setting that contradicts the Mews platform, and a value that is neither', () => {
    expect(
      configErrorOf({
        ...tokens,
        MEWS_PLATFORM_URL: 'https://api.mews.com',
        SECURE_FIELDS_ENVIRONMENT: 'sandbox',
      }),
    ).toMatch(
      /SECURE_FIELDS_ENVIRONMENT=sandbox does not go with MEWS_PLATFORM_URL https:\/\/api\.mews\.com/,
    );
    expect(
      configErrorOf({
        ...tokens,
        MEWS_PLATFORM_URL: 'https://api.mews-demo.com',
        SECURE_FIELDS_ENVIRONMENT: 'production',
      }),
    ).toMatch(/uses PCI Proxy sandbox/);
    expect(configErrorOf({ SECURE_FIELDS_ENVIRONMENT: 'test' })).toMatch(
      /^Invalid configuration: SECURE_FIELDS_ENVIRONMENT must be sandbox \(PCI Proxy test cards\) or production/,
    );
  });
});

describe('START_TIMEOUT_SECONDS', () => {
  it('defaults to 10 minutes and takes whole seconds', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).startTimeoutMs).toBe(600_000);
    expect(loadConfig({ DATA_DIR: dataDir(), START_TIMEOUT_SECONDS: '90' }).startTimeoutMs).toBe(
      90_000,
    );
  });

  it.each(['0', '-5', 'ten', '1.5'])('refuses %j', (value) => {
    expect(configErrorOf({ START_TIMEOUT_SECONDS: value })).toMatch(
      /^Invalid configuration: START_TIMEOUT_SECONDS must be a whole number of seconds/,
    );
  });
});

describe('loadMewsConnection (npm run smoke)', () => {
  it('reads only the MEWS_* variables, so a custom platform needs no Secure Fields setting', () => {
    expect(
      loadMewsConnection({
        MEWS_PLATFORM_URL: 'https://mews-gateway.hotel.example/',
        MEWS_ACCESS_TOKEN: 'a',
        SECURE_FIELDS_ENVIRONMENT: 'nonsense',
      }),
    ).toEqual({
      mode: 'custom',
      platformUrl: 'https://mews-gateway.hotel.example',
      clientToken: undefined,
      accessToken: 'a',
      clientName: 'Mews Checkout',
      enterpriseId: undefined,
    });
    expect(loadMewsConnection({}).mode).toBe('sandbox');
  });

  it('refuses a malformed MEWS_* value in the same one line', () => {
    expect(() => loadMewsConnection({ MEWS_ENTERPRISE_ID: '42' })).toThrow(
      /^Invalid configuration: MEWS_ENTERPRISE_ID must be the enterprise id/,
    );
  });
});

describe('E-mail settings', () => {
  const real = {
    MEWS_PLATFORM_URL: 'https://api.mews-demo.com',
    MEWS_CLIENT_TOKEN: 'c',
    MEWS_ACCESS_TOKEN: 'a',
  };

  it('sends to the sandbox catcher by default in sandbox mode, and links its inbox', () => {
    const mail = loadConfig({}).mail;
    expect(mail).toMatchObject({
      smtpUrl: 'smtp://localhost:4025',
      sendIntervalMs: 5_000,
      reminderIntervalMs: 300_000,
      sandboxInboxUrl: 'http://localhost:4010/_sandbox/mail',
    });
    expect(mail?.from).toContain('@');
  });

  it('sends nothing against a real Mews without SMTP_URL, and needs MAIL_FROM with it', () => {
    expect(loadConfig(real).mail).toBeUndefined();
    expect(() =>
      loadConfig({ ...real, SMTP_URL: 'smtps://u:p@smtp.example-hotel.com:465' }),
    ).toThrow(/MAIL_FROM is required/);
    expect(() => loadConfig({ ...real, MAIL_FROM: 'pay@example-hotel.com' })).toThrow(
      /MAIL_FROM is set but SMTP_URL is not/,
    );
  });

  it("takes the hotel's server and sender, with Message-IDs on the sender's domain", () => {
    const mail = loadConfig({
      ...real,
      SMTP_URL: 'smtps://u:p@smtp.example-hotel.com:465',
      MAIL_FROM: 'Hotel Example <Reservations@Example-Hotel.com>',
      MAIL_SEND_INTERVAL_SECONDS: '0',
    }).mail;
    expect(mail).toMatchObject({
      smtpUrl: 'smtps://u:p@smtp.example-hotel.com:465',
      messageIdDomain: 'example-hotel.com',
      sendIntervalMs: 0,
      sandboxInboxUrl: undefined,
    });
  });

  it('refuses what is not an SMTP URL or an address, without echoing the password', () => {
    expect(() =>
      loadConfig({ ...real, SMTP_URL: 'https://smtp.example.com', MAIL_FROM: 'a@b.c' }),
    ).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() =>
      loadConfig({ ...real, SMTP_URL: 'smtp://smtp.example.com', MAIL_FROM: 'not an address' }),
    ).toThrow(/MAIL_FROM must be an e-mail address/);
  });

  it('does not link the sandbox inbox when the sandbox mode sends to another server', () => {
    expect(
      loadConfig({ SMTP_URL: 'smtp://mail.internal:25' }).mail?.sandboxInboxUrl,
    ).toBeUndefined();
  });
});

describe('guest payment routes', () => {
  it('keeps the seed flow alone by default, with no checkout and no holds', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.guestPayments).toEqual({
      routes: ['secure-fields'],
      holds: false,
      checkout: undefined,
    });
  });

  it('reads the routes in order, and serves the sandbox stand-in of the checkout script', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      GUEST_PAYMENT_ROUTES: 'Mews-Checkout, secure-fields',
      GUEST_HOLDS: 'on',
    });
    expect(config.guestPayments.routes).toEqual(['mews-checkout', 'secure-fields']);
    expect(config.guestPayments.holds).toBe(true);
    expect(config.guestPayments.checkout).toEqual({
      scriptUrl: 'http://localhost:4010/payments/checkout-embed.js',
      dataBaseUrl: undefined,
      sources: ['http://localhost:4010'],
    });
  });

  it('uses Mews’ CDN and its allow-list with real Mews, and the demo app with the demo API', () => {
    const demo = loadConfig({
      DATA_DIR: dataDir(),
      MEWS_PLATFORM_URL: 'https://api.mews-demo.com',
      MEWS_CLIENT_TOKEN: 'c',
      MEWS_ACCESS_TOKEN: 'a',
      GUEST_PAYMENT_ROUTES: 'mews-checkout',
    });
    expect(demo.guestPayments.checkout).toMatchObject({
      scriptUrl: 'https://cdn.mews.com/payments/checkout-embed.js',
      dataBaseUrl: 'https://app.mews-demo.com',
    });
    expect(demo.guestPayments.checkout?.sources).toEqual(
      expect.arrayContaining(['https://*.mews.com', 'https://*.mews-demo.com']),
    );
    const production = loadConfig({
      DATA_DIR: dataDir(),
      MEWS_PLATFORM_URL: 'https://api.mews.com',
      MEWS_CLIENT_TOKEN: 'c',
      MEWS_ACCESS_TOKEN: 'a',
      AUTH_SECRET: 's'.repeat(40),
      GUEST_PAYMENT_ROUTES: 'mews-checkout,secure-fields',
    });
    expect(production.guestPayments.checkout?.dataBaseUrl).toBeUndefined();
    expect(production.guestPayments.checkout?.sources).not.toContain('https://*.mews-demo.com');
  });

  it('refuses what would make guests pay in the wrong place or nowhere', () => {
    const base = { DATA_DIR: dataDir() };
    expect(() => loadConfig({ ...base, GUEST_PAYMENT_ROUTES: 'stripe' })).toThrow(
      /GUEST_PAYMENT_ROUTES/,
    );
    expect(() =>
      loadConfig({ ...base, GUEST_PAYMENT_ROUTES: 'secure-fields,secure-fields' }),
    ).toThrow(/GUEST_PAYMENT_ROUTES/);
    expect(() => loadConfig({ ...base, GUEST_HOLDS: 'on' })).toThrow(/GUEST_HOLDS/);
    expect(() =>
      loadConfig({
        ...base,
        MEWS_PLATFORM_URL: 'https://api.mews.com',
        MEWS_CLIENT_TOKEN: 'c',
        MEWS_ACCESS_TOKEN: 'a',
        AUTH_SECRET: 's'.repeat(40),
        GUEST_PAYMENT_ROUTES: 'mews-checkout',
        MEWS_CHECKOUT_DATA_BASE_URL: 'https://app.mews-demo.com',
      }),
    ).toThrow(/MEWS_CHECKOUT_DATA_BASE_URL/);
  });
});
