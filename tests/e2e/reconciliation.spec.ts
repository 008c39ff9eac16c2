import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { E2E_APP_URL, E2E_SANDBOX_URL } from './support/e2e-env';

/**
 * Reconciliation as staff see it, and the webhook receiver over real HTTP against the production
 * build: `npm start` points the sandbox's webhooks at the app with a secret made up for the run.
 */

const [MANAGER, FRONT_DESK] = DEMO_STAFF;

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

test('front desk reconciles from the dashboard; the drift report is for managers', async ({
  page,
}) => {
  await signIn(page, FRONT_DESK!);
  await page.getByRole('button', { name: 'Reconcile with Mews now' }).click();
  await expect(page.getByTestId('reconcile-result')).toContainText(
    /Checked \d+ unsettled payments? with Mews|running right now/,
  );
  await page.goto('/staff/reconciliation');
  await expect(page.getByTestId('managers-only')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, MANAGER!);
  await page.getByRole('link', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();
  await expect(page.getByTestId('drift-summary')).toContainText(
    /Compared \d+ ledger payments with \d+ Mews payments/,
  );
  await expect(page.getByTestId('reconciliation-runs')).toContainText('staff');
});

test('the webhook receiver takes Mews messages with the secret only, with no redirect in front', async ({
  request,
}) => {
  const config = (await (await request.get(`${E2E_SANDBOX_URL}/_sandbox/webhooks`)).json()) as {
    config: { url: string | null };
  };
  expect(config.config.url, 'npm start configures the sandbox webhooks').toBeTruthy();
  const target = new URL(config.config.url!);
  expect(`${target.origin}${target.pathname}`).toBe(`${E2E_APP_URL}/api/webhooks/mews`);

  const message = {
    EnterpriseId: null,
    Events: [{ Discriminator: 'PaymentUpdated', Value: { Id: crypto.randomUUID() } }],
  };
  const accepted = await request.post(target.href, { data: message, maxRedirects: 0 });
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toMatchObject({ ok: true, stored: 1 });

  const wrong = new URL(target);
  wrong.searchParams.set('secret', 'not-the-secret-at-all-0000000000');
  const refused = await request.post(wrong.href, { data: message, maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect((await request.get(target.href, { maxRedirects: 0 })).status()).toBe(405);
});
