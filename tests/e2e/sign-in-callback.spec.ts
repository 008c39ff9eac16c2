import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { E2E_APP_URL } from './support/e2e-env';

/**
 * The sign-in page's callbackUrl comes from a link anyone can send a member of staff. After a real
 * sign-in in a real browser, a crafted one must leave them on this app, under /staff; the app's own
 * back-office paths are still followed.
 */

const [MANAGER] = DEMO_STAFF;
const APP_ORIGIN = new URL(E2E_APP_URL).origin;

const HOSTILE = [
  '/staff/..//..//evil.example/phish',
  '//evil.example/phish',
  '/staff/%2e%2e/%2e%2e//evil.example/phish',
  '/staff/..\\..\\/evil.example/phish',
  'https://evil.example/staff',
];

async function signInWith(page: Page, callbackUrl: string): Promise<URL> {
  // Anything that does reach the phishing host is answered here, so the test sees where it went.
  await page.context().route(
    (url) => url.hostname === 'evil.example',
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Phished</h1>' }),
  );
  await page.goto(`/staff/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole('textbox', { name: 'Email' }).fill(MANAGER.email);
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(
    (url) => url.origin !== APP_ORIGIN || !url.pathname.startsWith('/staff/sign-in'),
  );
  await page.waitForLoadState('load');
  return new URL(page.url());
}

for (const callbackUrl of HOSTILE) {
  test(`signing in with callbackUrl=${callbackUrl} ends on the app, under /staff`, async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const landed = await signInWith(page, callbackUrl);
    expect(landed.origin).toBe(APP_ORIGIN);
    expect(landed.pathname).toBe('/staff');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await context.close();
  });
}

test('signing in still returns to the back-office page the callback names', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const landed = await signInWith(page, '/staff/payments');
  expect(landed.origin).toBe(APP_ORIGIN);
  expect(landed.pathname).toBe('/staff/payments');
  await context.close();
});
