import { request as httpRequest } from 'node:http';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { E2E_APP_URL, E2E_IDEAL_APP_URL, E2E_SANDBOX_URL } from './support/e2e-env';
import { CARD, fillCard, payButton, SEED } from './support/guest';
import { ensureIdealOnInIdealApp } from './support/ideal-app';
import { createLink, uniqueAmountMinor } from './support/links';
import { serverActionId } from '../performance/support/guest-http';

/**
 * The security headers of every page (lib/security, set by proxy.ts) hold in a real browser: the
 * nonce-based Content-Security-Policy lets the whole guest journey run, Secure Fields iframes and
 * the iDEAL bank round trip included, and the staff pages, with not a single violation; and the
 * Mews webhook and server-action calls have no proxy in front of them.
 */

const [MANAGER] = DEMO_STAFF;
const SANDBOX_ORIGIN = new URL(E2E_SANDBOX_URL).origin;

interface Violation {
  directive: string;
  blocked: string;
  page: string;
}

/**
 * Every CSP violation in any frame of the page, across navigations: the DOM event reported through
 * a binding (bindings and init scripts are not subject to the page's CSP), and Chromium's console
 * messages about refused loads and bad Permissions-Policy features, in case an event is missed.
 */
async function watchForViolations(
  page: Page,
): Promise<{ violations: Violation[]; console: string[] }> {
  const violations: Violation[] = [];
  const messages: string[] = [];
  await page.exposeBinding('__reportCspViolation', (_source, violation: Violation) => {
    violations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (v: unknown) => void })
        .__reportCspViolation;
      report?.({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        page: event.documentURI,
      });
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (
      /Content Security Policy|Refused to (load|execute|apply|frame|connect|send)|Permissions-Policy/i.test(
        text,
      )
    ) {
      messages.push(`${message.type()}: ${text}`);
    }
  });
  return { violations, console: messages };
}

function directivesOf(policy: string | undefined): Record<string, string[]> {
  expect(policy, 'Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    (policy ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

/** The path of a payable demo link from the landing page (sandbox mode lists three). */
async function payableDemoLinkPath(page: Page, request: APIRequestContext): Promise<string> {
  await page.goto('/');
  const items = page.getByTestId('demo-links').getByRole('listitem');
  for (const item of await items.all()) {
    // "(150.00 GBP, open)": a GBP link, still open, pays by card alone (no method choice).
    const text = (await item.textContent()) ?? '';
    if (text.includes('GBP, open)')) {
      const href = await item.getByRole('link').getAttribute('href');
      if (href) return new URL(href, E2E_APP_URL).pathname;
    }
  }
  // A server reused from an earlier run may have had its demo links paid already.
  const link = await createLink(request, {
    customerId: SEED.customers.alice.id,
    amountMinor: uniqueAmountMinor(15_000),
    currency: 'GBP',
    description: 'Deposit (security headers)',
  });
  return link.path;
}

test('every page carries a fresh nonce-based CSP and the other security headers', async ({
  page,
  request,
}) => {
  const payPath = await payableDemoLinkPath(page, request);
  const nonces = new Set<string>();

  for (const path of ['/', payPath, '/staff/sign-in']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const csp = directivesOf(headers['content-security-policy']);

    const nonce = csp['script-src']?.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, `${path}: script nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    nonces.add(String(nonce));
    expect(csp['script-src']).toEqual([
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      SANDBOX_ORIGIN,
    ]);
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp['frame-src']).toEqual([SANDBOX_ORIGIN]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    // The app under test is served over http: no upgrade, no HSTS.
    expect(csp).not.toHaveProperty('upgrade-insecure-requests');
    expect(headers['strict-transport-security']).toBeUndefined();

    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['permissions-policy']).toContain('microphone=()');
    expect(headers['permissions-policy']).toContain('geolocation=()');

    // Next.js put this response's nonce on its scripts, and no script goes without one.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${path}: scripts`).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
});

test('the Mews webhook has no proxy in front of it', async ({ request }) => {
  for (const path of ['/api/webhooks/mews', '/api/webhooks/mews/not-the-secret']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).not.toBe(307);
    expect(response.status(), path).toBeLessThan(500);
    expect(response.headers().location ?? '', path).not.toContain('/staff/sign-in');
    // The proxy sets this on everything it sees.
    expect(response.headers()['content-security-policy'], path).toBeUndefined();
  }
  // While the staff API still answers a signed-out caller with 401 and the pages with a redirect.
  expect((await request.get('/api/staff/payments', { maxRedirects: 0 })).status()).toBe(401);
  const staff = await request.get('/staff/payments', { maxRedirects: 0 });
  expect(staff.status()).toBe(307);
  expect(staff.headers().location).toContain('/staff/sign-in?callbackUrl=%2Fstaff%2Fpayments');
  expect(staff.headers()['content-security-policy']).toBeTruthy();
});

test('a server-action call is answered without the proxy, the page at its path with it', async ({
  page,
  request,
}) => {
  const payPath = await payableDemoLinkPath(page, request);
  // What the pay page's router sends: an RSC request, answered with an RSC payload, not a document.
  const action = await request.post(payPath, {
    headers: {
      'Next-Action': serverActionId('submitCardPaymentAction', 'lib/payments/guest/actions.ts'),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
    },
    data: JSON.stringify([{ token: 'not-a-token' }]),
    maxRedirects: 0,
  });
  expect(action.status()).toBe(200);
  expect(action.headers()['content-type']).toContain('text/x-component');
  expect(await action.text()).toContain('"code":"invalid_input"');
  // The proxy sets this on everything it sees.
  expect(action.headers()['content-security-policy']).toBeUndefined();

  const document = await request.get(payPath, { maxRedirects: 0 });
  expect(document.headers()['content-security-policy']).toContain("'nonce-");
  expect(document.headers()['x-content-type-options']).toBe('nosniff');
});

test('a guest pays a demo link by card with no CSP violation, receipt and return page included', async ({
  page,
  request,
}) => {
  const seen = await watchForViolations(page);
  const payPath = await payableDemoLinkPath(page, request);

  const response = await page.goto(payPath);
  expect(response?.status()).toBe(200);
  // The Secure Fields script (sandbox origin) ran and put its iframes in.
  await expect(page.locator(`#card-number iframe[src^="${SANDBOX_ORIGIN}/"]`)).toHaveCount(1);
  await fillCard(page, { number: CARD.visa });
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();

  // The receipt as a page of its own, and the return page of the same link.
  await page.reload();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await page.goto(`${payPath}/return`);
  await expect(page.getByTestId('return-paid')).toBeVisible();
  // The languages are a server-action form: form-action 'self' must let it post.
  await page.getByRole('button', { name: /^NL\b/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await page.getByRole('button', { name: /^EN\b/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
});

test.describe('on the Dutch hotel, where Mews has iDEAL (the second e2e app)', () => {
  test.use({ baseURL: E2E_IDEAL_APP_URL });
  test.beforeAll(async ({ browser }) => {
    await ensureIdealOnInIdealApp(browser);
  });

  test('iDEAL to the sandbox bank and back runs with no CSP violation', async ({ page }) => {
    const seen = await watchForViolations(page);
    const amountMinor = uniqueAmountMinor(27_000);
    const link = await createLink(page.request, {
      customerId: SEED.customers.bram.id,
      reservationId: SEED.reservations.bramAmsterdam.id,
      amountMinor,
      currency: 'EUR',
      description: 'Deposit (security headers, iDEAL)',
    });
    await page.goto(link.path);
    await page.getByRole('radio', { name: 'iDEAL' }).check();
    await page.getByTestId('ideal-pay-button').click();
    await page.waitForURL(/\/ideal-bank\/authenticate\//);
    expect(new URL(page.url()).origin).toBe(SANDBOX_ORIGIN);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`**${link.path}/return`);
    await expect(page.getByTestId('return-paid')).toBeVisible();

    expect(seen.violations).toEqual([]);
    expect(seen.console).toEqual([]);
  });
});

test('the staff pages load with no CSP violation', async ({ page }) => {
  const seen = await watchForViolations(page);
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(MANAGER.email);
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  const alice = SEED.customers.alice;
  for (const path of [
    '/staff/customers',
    `/staff/customers/${alice.id}`,
    '/staff/payments',
    '/staff/links',
    '/staff/audit',
    '/staff/users',
    '/staff/settings',
    '/staff',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()['content-security-policy'], path).toContain("'strict-dynamic'");
    await page.waitForLoadState('networkidle');
  }
  // Client-side navigation too (scripts loaded after the first page).
  await page
    .getByRole('navigation', { name: 'Back office' })
    .getByRole('link', { name: 'Payments', exact: true })
    .click();
  await expect(page).toHaveURL(/\/staff\/payments$/);

  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
});

/** A GET to the app from `localAddress` (any 127.x.y.z is this machine): a client of its own. */
function getFrom(
  localAddress: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const app = new URL(E2E_APP_URL);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      // By IPv4 address: a 127.x source cannot reach an IPv6 `localhost`.
      {
        host: '127.0.0.1',
        port: Number(app.port),
        path,
        localAddress,
        headers: { ...headers, host: app.host },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined && name !== 'set-cookie')
              flat[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: response.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

test('an address over the guest limit gets 429 and a translated page, however it rotates X-Forwarded-For', async ({
  browser,
  request,
}) => {
  // A loopback address of its own, so the other journeys (from 127.0.0.1) keep their own count.
  // The app trusts no proxy here (TRUSTED_PROXY_HOPS=0): the connection's address is what counts,
  // and neither X-Forwarded-For nor a forged copy of the app server's own peer header changes it.
  const address = `127.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  let forged = 0;
  const rotating = () => {
    forged += 1;
    const fake = `198.51.100.${forged % 250}`;
    return {
      'X-Forwarded-For': fake,
      'X-Real-IP': fake,
      'X-Mews-Checkout-Peer-Address': `203.0.113.${forged % 250}`,
    };
  };
  const link = await createLink(request, {
    customerId: SEED.customers.alice.id,
    amountMinor: uniqueAmountMinor(15_000),
    currency: 'GBP',
    description: 'Deposit (rate limit)',
  });
  const statusPath = `/api/pay/${link.token}/status`;
  // 300 per 5 minutes (lib/payments/guest/rate-limit): spend them, 20 at a time.
  for (let sent = 0; sent < 300; sent += 20) {
    const batch = await Promise.all(
      Array.from({ length: 20 }, () => getFrom(address, statusPath, rotating())),
    );
    expect(batch.map((response) => response.status)).toEqual(Array(20).fill(200));
  }
  const refused = await getFrom(address, statusPath, rotating());
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(300);
  expect(JSON.parse(refused.body.toString('utf8'))).toMatchObject({ error: 'rate_limited' });

  // The pay page in a browser, its document fetched from the same address (Chromium cannot choose
  // its source address; the rest of the page loads as usual).
  const context = await browser.newContext({ locale: 'de-DE' });
  await context.route(`${E2E_APP_URL}${link.path}`, async (route) => {
    const headers = Object.fromEntries(
      Object.entries(await route.request().allHeaders()).filter(([name]) => !name.startsWith(':')),
    );
    const answer = await getFrom(address, link.path, { ...headers, ...rotating() });
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  });
  const page = await context.newPage();
  await page.goto(link.path);
  await expect(page.getByTestId('rate-limited')).toContainText('Zu viele Anfragen');
  await expect(page.getByTestId('rate-limited')).toContainText(
    /Bitte versuchen Sie es in \d+ Sekunden erneut/,
  );
  await expect(page.locator('#card-number')).toHaveCount(0);
  await context.close();

  // Anyone else is unaffected, even one naming the limited address in every header it can.
  expect(
    (
      await request.get(statusPath, {
        headers: { 'X-Forwarded-For': address, 'X-Mews-Checkout-Peer-Address': address },
      })
    ).status(),
  ).toBe(200);
});
