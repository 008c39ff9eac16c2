import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { CARDS } from '../../sandbox/test-cards';

/**
 * Issue 23's "done when", as a front-desk clerk with a guest waiting, at a desk (1280 px) and on a
 * phone (390 px): the guest gives a reservation number, the clerk finds them by it, takes the
 * deposit due on that reservation with the card the guest reads out, and finds the payment again in
 * the payments list by the guest's name — with the guest's name, the reservation number and the
 * clerk's name on the row, never an id. Each page on the way is axe clean and no wider than the
 * screen.
 */

test.describe.configure({ mode: 'serial' });

const FRONT_DESK = DEMO_STAFF[1];

async function expectFitsAndAxeClean(page: Page, where: string) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(widths.page, `${where}: page wider than the screen`).toBeLessThanOrEqual(widths.screen);
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    where,
  ).toEqual([]);
}

async function signIn(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(FRONT_DESK.email);
  await page.getByLabel('Password', { exact: true }).fill(FRONT_DESK.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

/** Through the navigation as the clerk would: on a phone it is behind "Menu". */
async function openFromNav(page: Page, name: string, phone: boolean) {
  const nav = page.getByRole('navigation', { name: 'Back office' });
  if (phone) await nav.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name, exact: true }).click();
}

const JOURNEYS = [
  {
    viewport: { width: 1280, height: 900 },
    phone: false,
    customer: SEED.customers.bob,
    reservation: SEED.reservations.bobLondonEur,
    due: '240.50',
    currency: 'EUR',
    searchName: 'Jansen',
  },
  {
    viewport: { width: 390, height: 844 },
    phone: true,
    customer: SEED.customers.dan,
    reservation: SEED.reservations.danLondonInHouse,
    due: '95.00',
    currency: 'GBP',
    searchName: 'walker',
  },
];

for (const journey of JOURNEYS) {
  const { customer, reservation } = journey;
  const guestName = `${customer.firstName} ${customer.lastName}`;

  test(`at ${journey.viewport.width} px: ${reservation.number} found by number, its deposit taken, the payment found by "${journey.searchName}"`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(journey.viewport);
    await signIn(page);
    await expectFitsAndAxeClean(page, 'dashboard');

    // The dashboard's first action is taking a payment.
    await page.getByRole('link', { name: 'Take a payment' }).click();
    await expect(page).toHaveURL(/\/staff\/customers$/);
    await page
      .getByLabel('Reservation number, guest name or e-mail')
      .fill(reservation.number.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(
      new RegExp(`/staff/customers/${customer.id}\\?reservation=${reservation.id}$`),
    );
    await expect(page.getByRole('heading', { level: 1, name: guestName })).toBeVisible();
    const stay = page
      .getByTestId('reservations')
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: reservation.number }) });
    await expect(stay).toContainText(`${journey.due} ${journey.currency}`);
    await expectFitsAndAxeClean(page, 'customer page');

    // The deposit for that reservation, by a new card the guest reads out.
    await stay.getByRole('button', { name: 'Take payment' }).click();
    await page.getByRole('tab', { name: 'New card' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByLabel('Reservation', { exact: true })).toHaveValue(reservation.id);
    await expect(panel.getByLabel('Amount', { exact: true })).toHaveValue(journey.due);
    await expect(panel.getByLabel('Currency', { exact: true })).toHaveValue(journey.currency);
    await page
      .frameLocator('#staff-card-number iframe')
      .locator('input')
      .pressSequentially(CARDS.visaCharged, { delay: 5 });
    await page
      .frameLocator('#staff-card-cvv iframe')
      .locator('input')
      .pressSequentially('123', { delay: 5 });
    await panel.getByLabel(/^Expiry/).fill(journey.phone ? '05/34' : '06/34');
    await expectFitsAndAxeClean(page, 'new-card form');
    await page.getByRole('button', { name: 'Review charge' }).click();
    await page.getByRole('button', { name: 'Confirm charge' }).click();
    const outcome = page.getByTestId('payment-outcome');
    await expect(outcome).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    await expect(outcome).toContainText(`${journey.due} ${journey.currency}`);

    // Later, the payment is found by the guest's name, the row saying who, for which stay, by whom.
    await openFromNav(page, 'Payments', journey.phone);
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill(journey.searchName);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${journey.searchName}`));
    const rows = page.getByTestId('payments-table').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    const row = rows.first();
    await expect(row).toContainText(guestName);
    await expect(row).toContainText(reservation.number);
    await expect(row).toContainText(`${journey.due} ${journey.currency}`);
    await expect(row).toContainText(FRONT_DESK.name);
    await expect(row).toContainText('Paid');
    await expect(row).not.toContainText(customer.id);
    await expect(row.getByRole('link', { name: guestName, exact: true })).toHaveAttribute(
      'href',
      `/staff/customers/${customer.id}`,
    );
    await expectFitsAndAxeClean(page, 'payments list');
  });
}
