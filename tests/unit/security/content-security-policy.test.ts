import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  buildSecurityHeaders,
  createNonce,
  type SecurityHeaderOptions,
} from '@/lib/security/content-security-policy';

const sandbox: SecurityHeaderOptions = {
  nonce: 'bm9uY2Utb2YtdGhlLXRlc3Q=',
  secureFieldsScriptUrl: 'http://localhost:4010/secure-fields/secure-fields-2.0.0.js',
  appUrl: 'http://localhost:3000',
  nodeEnv: 'production',
};

const production: SecurityHeaderOptions = {
  nonce: 'cHJvZHVjdGlvbi1ub25jZQ==',
  secureFieldsScriptUrl: 'https://pay.datatrans.com/upp/payment/js/secure-fields-2.0.0.min.js',
  appUrl: 'https://pay.example-hotel.com',
  nodeEnv: 'production',
};

/** "a b c; d e" → { a: ['b', 'c'], d: ['e'] } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });
});

describe('buildContentSecurityPolicy', () => {
  it('allows scripts by this request nonce with strict-dynamic, plus the Secure Fields origin', () => {
    const policy = directives(buildContentSecurityPolicy(production));
    expect(policy['script-src']).toEqual([
      "'self'",
      "'nonce-cHJvZHVjdGlvbi1ub25jZQ=='",
      "'strict-dynamic'",
      'https://pay.datatrans.com',
    ]);
    expect(policy['style-src']).toEqual(["'self'", "'nonce-cHJvZHVjdGlvbi1ub25jZQ=='"]);
  });

  it('frames only the Secure Fields origin, and nothing may frame us', () => {
    const policy = directives(buildContentSecurityPolicy(production));
    expect(policy['frame-src']).toEqual(['https://pay.datatrans.com']);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it('uses the sandbox Secure Fields origin, port included, in sandbox mode', () => {
    const policy = directives(buildContentSecurityPolicy(sandbox));
    expect(policy['script-src']).toContain('http://localhost:4010');
    expect(policy['frame-src']).toEqual(['http://localhost:4010']);
    expect(JSON.stringify(policy)).not.toContain('datatrans');
  });

  it('locks everything else to our own origin', () => {
    expect(directives(buildContentSecurityPolicy(production))).toEqual(
      expect.objectContaining({
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'style-src-attr': ["'unsafe-inline'"],
      }),
    );
  });

  it('never allows eval or inline script outside development', () => {
    for (const nodeEnv of ['production', 'test'] as const) {
      const policy = buildContentSecurityPolicy({ ...production, nodeEnv });
      expect(policy).not.toContain("'unsafe-eval'");
      expect(directives(policy)['script-src']).not.toContain("'unsafe-inline'");
      expect(directives(policy)['style-src']).not.toContain("'unsafe-inline'");
    }
  });

  it('allows eval (React debugging) and inline styles (error overlay) only in development', () => {
    const policy = directives(buildContentSecurityPolicy({ ...sandbox, nodeEnv: 'development' }));
    expect(policy['script-src']).toContain("'unsafe-eval'");
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('upgrades insecure requests only when the app is served over https', () => {
    expect(directives(buildContentSecurityPolicy(production))).toHaveProperty(
      'upgrade-insecure-requests',
    );
    expect(directives(buildContentSecurityPolicy(sandbox))).not.toHaveProperty(
      'upgrade-insecure-requests',
    );
  });

  it('lets the no-JavaScript SSO form post go on to the identity provider, and nowhere else', () => {
    const policy = directives(
      buildContentSecurityPolicy({
        ...production,
        oidcIssuer: 'https://login.example-hotel.com/realms/staff',
      }),
    );
    expect(policy['form-action']).toEqual(["'self'", 'https://login.example-hotel.com']);
  });

  it('refuses a nonce that could rewrite the policy', () => {
    expect(() => buildContentSecurityPolicy({ ...production, nonce: "x'; script-src *" })).toThrow(
      /nonce/,
    );
    expect(() => buildContentSecurityPolicy({ ...production, nonce: '' })).toThrow(/nonce/);
  });
});

describe('buildSecurityHeaders', () => {
  it('sends HSTS only from a production server on https', () => {
    expect(buildSecurityHeaders(production)['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(buildSecurityHeaders({ ...production, nodeEnv: 'development' })).not.toHaveProperty(
      'Strict-Transport-Security',
    );
    expect(buildSecurityHeaders({ ...production, nodeEnv: 'test' })).not.toHaveProperty(
      'Strict-Transport-Security',
    );
    expect(buildSecurityHeaders(sandbox)).not.toHaveProperty('Strict-Transport-Security');
  });

  it('adds the referrer, permissions, sniffing and framing headers to every response', () => {
    const headers = buildSecurityHeaders(sandbox);
    expect(headers['Content-Security-Policy']).toBe(buildContentSecurityPolicy(sandbox));
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
    const permissions = headers['Permissions-Policy'].split(', ');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(permissions).toContain(`${feature}=()`);
    }
    // Every feature is denied outright: no allow-list anywhere.
    expect(permissions.every((entry) => /^[a-z-]+=\(\)$/.test(entry))).toBe(true);
  });
});

describe('Mews Payments Checkout in the policy', () => {
  const checkout = {
    scriptUrl: 'https://cdn.mews.com/payments/checkout-embed.js',
    sources: ['https://*.mews.com', 'https://www.recaptcha.net', 'https://pay.datatrans.com'],
  };

  it('allows the checkout’s script, frames and connections only when the route is on', () => {
    const off = directives(buildContentSecurityPolicy(production));
    const on = directives(buildContentSecurityPolicy({ ...production, mewsCheckout: checkout }));
    for (const directive of ['script-src', 'frame-src', 'connect-src']) {
      expect(off[directive]).not.toContain('https://cdn.mews.com');
      expect(on[directive]).toEqual(
        expect.arrayContaining(['https://cdn.mews.com', 'https://*.mews.com']),
      );
    }
    // The rest of the policy is the same with and without it.
    for (const directive of [
      'default-src',
      'style-src',
      'img-src',
      'frame-ancestors',
      'object-src',
    ])
      expect(on[directive]).toEqual(off[directive]);
    expect(on['script-src']).toContain("'strict-dynamic'");
  });

  it('lets the checkout’s frame use the Payment Request API (wallets), nothing else', () => {
    const off = buildSecurityHeaders(production)['Permissions-Policy'];
    const on = buildSecurityHeaders({ ...production, mewsCheckout: checkout })[
      'Permissions-Policy'
    ];
    expect(off).toContain('payment=()');
    expect(on).toContain(
      'payment=(self "https://cdn.mews.com" "https://www.recaptcha.net" "https://pay.datatrans.com")',
    );
    expect(on.replace(/payment=\([^)]*\)/, '')).toBe(off.replace('payment=()', ''));
  });
});
