import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, getAuthSecret, loadConfig, MEWS_DEMO_TOKENS } from '@/lib/config';

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
    expect(config.secureFieldsScriptUrl).toBe('http://localhost:4010/secure-fields/secure-fields-2.0.0.js');
    expect(config.databaseUrl).toBeUndefined();
    // A generated session secret, created only when asked for, that survives restarts.
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
    const secret = getAuthSecret(config);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(secret);
    expect(getAuthSecret(loadConfig({ DATA_DIR: dir }))).toBe(secret);
    expect(getAuthSecret(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 'y'.repeat(32) }))).toBe('y'.repeat(32));
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
    expect(production.secureFieldsScriptUrl).toBe('https://pay.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js');
  });

  it.each([
    [{ DATABASE_URL: 'not a url' }, /^Invalid configuration: DATABASE_URL must be a PostgreSQL URL.*\(got "not a url"\)$/],
    [{ DATABASE_URL: 'mysql://x@localhost/db' }, /DATABASE_URL must be a PostgreSQL URL/],
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT must be a port number/],
    [{ PORT: '70000' }, /PORT must be a port number between 1 and 65535/],
    [{ MEWS_PLATFORM_URL: 'api.mews.com' }, /MEWS_PLATFORM_URL must be an http\(s\) URL/],
    [{ MEWS_ENTERPRISE_ID: '42' }, /MEWS_ENTERPRISE_ID must be the enterprise id \(a UUID\)/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET must be at least 32 characters/],
    [{ MEWS_PLATFORM_URL: 'https://api.mews-demo.com' }, /MEWS_CLIENT_TOKEN and MEWS_ACCESS_TOKEN are required/],
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
    const config = loadConfig({ DATABASE_URL: '', MEWS_PLATFORM_URL: '', AUTH_SECRET: '', DATA_DIR: dataDir() });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.mews.mode).toBe('sandbox');
  });
});
