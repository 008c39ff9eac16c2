import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';

/**
 * Issue 23's front desk: a clerk types the reservation number as the guest says it, lands on the
 * guest's page with that reservation chosen, sees its dates, room and what is still due, and starts
 * a payment link from it with the amount filled in; at 1280 px and at 390 px.
 */

const FRONT_DESK = DEMO_STAFF[1];
const { alice } = SEED.customers;
const { aliceLondon } = SEED.reservations;

async function signIn(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(FRONT_DESK.email);
  await page.getByLabel('Password', { exact: true }).fill(FRONT_DESK.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`at ${viewport.width} px: "sbx-1001" opens Alice Smith with SBX-1001 chosen, 150.00 GBP due`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page);
    await page.goto('/staff/customers');
    await page.getByLabel('Reservation number, guest name or e-mail').fill('sbx-1001');
    await page.getByRole('button', { name: 'Search' }).click();

    await expect(page).toHaveURL(
      new RegExp(`/staff/customers/${alice.id}\\?reservation=${aliceLondon.id}$`),
    );
    await expect(page.getByRole('heading', { level: 1, name: 'Alice Smith' })).toBeVisible();
    const reservation = page
      .getByTestId('reservations')
      .getByRole('listitem')
      .filter({
        has: page.getByRole('heading', { name: 'SBX-1001' }),
      });
    await expect(reservation).toHaveAttribute('aria-current', 'true');
    await expect(reservation).toContainText('12 Mar – 15 Mar 2027');
    await expect(reservation).toContainText('101');
    await expect(reservation).toContainText('Confirmed');
    await expect(reservation).toContainText('150.00 GBP');
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page);

    // A link from the reservation: the form starts with it and with what is due.
    await reservation.getByRole('button', { name: 'Send payment link' }).click();
    await expect(page.getByRole('tab', { name: 'Payment link' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByLabel('Reservation', { exact: true })).toHaveValue(aliceLondon.id);
    await expect(panel.getByLabel('Amount', { exact: true })).toHaveValue('150.00');
    await expect(panel.getByLabel('Currency', { exact: true })).toHaveValue('GBP');
  });
}

test('a name search lists the guest with their next stay; an unknown number finds nobody', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/staff/customers');
  const box = page.getByLabel('Reservation number, guest name or e-mail');
  await box.fill('Smith');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('customer-results');
  await expect(results.getByRole('link', { name: 'Alice Smith' })).toHaveAttribute(
    'href',
    `/staff/customers/${alice.id}?reservation=${aliceLondon.id}`,
  );
  await expect(results).toContainText('Next: SBX-1001');
  await expectAxeClean(page);

  await box.fill('SBX-9999');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No reservation or guest found in Mews.')).toBeVisible();
});
