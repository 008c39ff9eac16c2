import { expect, test } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { E2E_MAIL_INBOX_URL, E2E_SANDBOX_URL } from './support/e2e-env';

const [MANAGER] = DEMO_STAFF;

test('the landing page says what this is and leads to the back office', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Mews Checkout' })).toBeVisible();
  await expect(page.getByTestId('mews-mode')).toHaveText(/sandbox/i);
  await expect(page.getByRole('link', { name: 'Open the back office' })).toHaveAttribute(
    'href',
    '/staff',
  );
  await expect(page.getByTestId('sandbox-panel')).toContainText(E2E_SANDBOX_URL);
  // The sandbox is the mail server too: its inbox is one click away.
  await expect(page.getByRole('link', { name: 'Open the sandbox inbox' })).toHaveAttribute(
    'href',
    E2E_MAIL_INBOX_URL,
  );
  // Demo links are seeded at start in sandbox mode and lead to payable pages.
  await expect(page.getByTestId('demo-links').getByRole('link')).toHaveCount(3);
});

test('the health check tells anyone only the status, and a signed-in manager the details', async ({
  page,
  request,
}) => {
  // The public, and a wrong token: whether payments can be taken, nothing about what runs.
  const callers: Record<string, string>[] = [
    {},
    { Authorization: 'Bearer not-the-health-token-000000000000' },
  ];
  for (const headers of callers) {
    const response = await request.get('/api/health', { headers });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  }

  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(MANAGER.email);
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const detailed = await page.request.get('/api/health');
  expect(detailed.status()).toBe(200);
  const body = await detailed.json();
  expect(body).toMatchObject({
    status: 'ok',
    checks: { database: { ok: true, kind: 'pglite' }, mews: { ok: true, mode: 'sandbox' } },
  });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test('the favicon is served from public/, not redirected', async ({ request }) => {
  const response = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^image\//);
  // An ICO file: reserved 0, then type 1 (icon).
  expect([...(await response.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});
