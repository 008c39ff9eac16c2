import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../../lib/auth/demo-staff-accounts';
import { E2E_IDEAL_APP_URL } from './e2e-env';

/**
 * iDEAL is off on a fresh installation; a manager turns it on in the back office ("Payment
 * methods"), which asks Mews first. The iDEAL journeys run on the second e2e app (the Dutch hotel,
 * see playwright.config.ts), where Mews has iDEAL: this turns it on there, through the page.
 */

const [MANAGER] = DEMO_STAFF;

export async function signInAsManager(page: Page): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(MANAGER.email);
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

/** Opens the "Payment methods" page through the back office's navigation. */
export async function openPaymentMethods(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Back office' })
    .getByRole('link', { name: 'Payment methods' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment methods' })).toBeVisible();
}

/** Turns iDEAL on in the Dutch app (a no-op when an earlier spec or run already did). */
export async function ensureIdealOnInIdealApp(browser: Browser): Promise<void> {
  const context = await browser.newContext({ baseURL: E2E_IDEAL_APP_URL });
  try {
    const page = await context.newPage();
    await signInAsManager(page);
    await openPaymentMethods(page);
    const state = page.getByTestId('ideal-state');
    if (!/^On/.test((await state.textContent()) ?? '')) {
      await page.getByTestId('ideal-enable').click();
      await expect(page.getByTestId('payment-settings-message')).toContainText('iDEAL is on');
    }
    await expect(state).toContainText(/^On/);
  } finally {
    await context.close();
  }
}
