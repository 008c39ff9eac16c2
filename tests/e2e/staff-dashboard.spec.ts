import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { E2E_APP_URL } from './support/e2e-env';
import { createLink, uniqueAmountMinor } from './support/links';

/**
 * The dashboard as a clerk with a guest at the desk uses it, at 1280 px and at 390 px: "Take a
 * payment" and "New payment link" come first, today's takings per currency, and an unpaid link
 * running out today is listed under "Needs attention" with a way to the links. In French (the
 * language cookie a staff member's choice sets) the dashboard and the back office's words for
 * states are French.
 */

const FRONT_DESK = DEMO_STAFF[1];

async function signIn(page: Page, heading = 'Dashboard') {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(FRONT_DESK.email);
  await page.getByLabel('Password', { exact: true }).fill(FRONT_DESK.password);
  await page.getByRole('button', { name: /Sign in/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Milliseconds until midnight in the London hotel's zone (the GBP link's property). */
async function msLeftInHotelDay(): Promise<number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const elapsed = (part('hour') * 3600 + part('minute') * 60 + part('second')) * 1000;
  return 24 * 3600 * 1000 - elapsed;
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`dashboard at ${viewport.width} px: start buttons first, takings, links expiring today`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    // An unpaid link that runs out later today in the hotel's time zone. Near midnight, "in five
    // minutes" is tomorrow (a CI run at 23:55 UTC failed so), so it runs out before midnight.
    const leftToday = await msLeftInHotelDay();
    if (leftToday < 90_000) await page.waitForTimeout(leftToday + 1_000);
    await createLink(page.request, {
      customerId: SEED.customers.alice.id,
      amountMinor: uniqueAmountMinor(),
      currency: 'GBP',
      description: 'Dashboard: runs out today',
      expiresAt: new Date(
        Date.now() + Math.min(5 * 60_000, (await msLeftInHotelDay()) / 2),
      ).toISOString(),
    });
    await signIn(page);

    const take = page.getByRole('link', { name: /Take a payment/ });
    const newLink = page.getByRole('link', { name: /New payment link/ });
    await expect(take).toBeVisible();
    await expect(newLink).toBeVisible();
    const takings = page.getByRole('heading', { level: 2, name: /Today’s takings/ });
    // First on the page: above today's takings and everything else.
    const takeBox = (await take.boundingBox())!;
    expect(takeBox.y).toBeLessThan((await takings.boundingBox())!.y);
    expect(takeBox.height).toBeGreaterThanOrEqual(44);
    await expect(page.getByRole('button', { name: 'Reconcile with Mews now' })).toBeVisible();

    const expiring = page.locator('[data-attention="links-expiring"] a');
    await expect(expiring).toContainText(/unpaid links? expires? today/);
    await expect(expiring).toHaveAttribute('href', '/staff/links?expiring=today');

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewport.width + 1);
    await expectAxeClean(page);
    // For a person to look at in the report.
    await test.info().attach(`dashboard-${viewport.name}.png`, {
      body: await page.screenshot({
        fullPage: true,
        path: test.info().outputPath(`dashboard-${viewport.name}.png`),
      }),
      contentType: 'image/png',
    });

    await take.click();
    await expect(page).toHaveURL(/\/staff\/customers$/);
    await page.goBack();
    await newLink.click();
    await expect(page).toHaveURL(/\/staff\/links#new-link$/);
  });
}

test('the back office in French: the dashboard and the words for states', async ({ page }) => {
  // The cookie the language select in the staff nav sets (lib/i18n/actions.ts).
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'fr', url: E2E_APP_URL }]);
  await signIn(page, 'Tableau de bord');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('link', { name: /Encaisser un paiement/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Nouveau lien de paiement/ })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: /Encaissements du jour/ }),
  ).toBeVisible();
  await expectAxeClean(page);

  await page.goto('/staff/payments');
  const states = page.locator('#filter-state option');
  await expect(states).toContainText(['À vérifier', 'Payé', 'Échoué']);
  await expect(page.locator('#filter-state')).not.toContainText('Succeeded');
});
