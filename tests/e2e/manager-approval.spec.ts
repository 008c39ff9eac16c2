import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { CARDS } from '../../sandbox/test-cards';

/**
 * A manager approves an over-limit charge on the clerk's screen, against the production build and
 * the sandbox at 1280 px: the front-desk clerk charges a new card above the front-desk limit
 * (GBP 1,000), is told so once, next to the amount; a manager types their e-mail and password on
 * the clerk's screen (a wrong password first, refused); the charge goes through once, and the
 * payment page names both of them. A front-desk user opening a manager page gets "Managers only"
 * with HTTP 403.
 */

test.describe.configure({ mode: 'serial' });

const [MANAGER, FRONT_DESK] = DEMO_STAFF;
const alice = SEED.customers.alice;

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

// At the desk and on a phone; each with an expiry no other journey uses, so no stored card of
// Alice's matches the card typed and the form does not offer to charge a stored one instead.
for (const { viewport, expiry } of [
  { viewport: { width: 1280, height: 900 }, expiry: '04/33' },
  { viewport: { width: 390, height: 844 }, expiry: '04/35' },
])
  test(`at ${viewport.width} px a manager approves an over-limit charge on the clerk’s screen`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signIn(page, FRONT_DESK);
    await page.goto(`/staff/customers/${alice.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Alice Smith' })).toBeVisible();

    await page.getByRole('tab', { name: 'New card' }).click();
    await page
      .frameLocator('#staff-card-number iframe')
      .locator('input')
      .pressSequentially(CARDS.visaCharged, { delay: 5 });
    await page
      .frameLocator('#staff-card-cvv iframe')
      .locator('input')
      .pressSequentially('123', { delay: 5 });
    await page.getByLabel('Expiry (MM/YY)').fill(expiry);
    const panel = page.getByRole('tabpanel');
    await panel.getByLabel('Amount').fill('1500');
    await panel.getByLabel('Currency').selectOption('GBP');
    await page.getByRole('button', { name: 'Review charge' }).click();
    await page.getByRole('button', { name: 'Confirm charge' }).click();

    // Refused, said once, next to the amount; the manager approval is offered.
    const approval = page.getByTestId('manager-approval');
    await expect(approval).toBeVisible({ timeout: 20_000 });
    await expect(panel.getByText(/Charges above 1000\.00 GBP need a manager/)).toHaveCount(1);
    await expect(page.getByTestId('payment-error')).toHaveCount(0);
    await expect(approval).toContainText('1500.00 GBP');

    // A wrong password: refused, and the password is not left on the screen.
    await approval.getByLabel('Manager’s e-mail').fill(MANAGER.email);
    await approval.getByLabel('Manager’s password').fill('not the manager password');
    await approval.getByRole('button', { name: 'Approve and charge' }).click();
    await expect(approval.getByRole('alert')).toHaveText(
      'The manager’s e-mail or password is incorrect.',
    );
    await expect(approval.getByLabel('Manager’s password')).toHaveValue('');
    await expect(page.getByTestId('payment-outcome')).toHaveCount(0);

    // The clerk cannot approve their own charge.
    await approval.getByLabel('Manager’s e-mail').fill(FRONT_DESK.email);
    await approval.getByLabel('Manager’s password').fill(FRONT_DESK.password);
    await approval.getByRole('button', { name: 'Approve and charge' }).click();
    await expect(approval.getByRole('alert')).toHaveText(
      'Someone else must approve: a manager other than you.',
    );

    // The manager types their own credentials: charged once.
    await approval.getByLabel('Manager’s e-mail').fill(MANAGER.email);
    await approval.getByLabel('Manager’s password').fill(MANAGER.password);
    await approval.getByRole('button', { name: 'Approve and charge' }).click();
    const outcome = page.getByTestId('payment-outcome');
    await expect(outcome).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
    await expect(outcome).toContainText('1500.00 GBP');
    await expect(approval).toHaveCount(0);

    // The payment page names both: who took it, who approved it.
    await outcome.getByRole('link', { name: 'View payment' }).click();
    await expect(page.getByTestId('payment-reference')).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const timeline = page.getByTestId('payment-timeline');
    await expect(timeline).toContainText(`approved by ${MANAGER.name} for ${FRONT_DESK.name}`);
    await expect(timeline).toContainText('paid');
    const approvedBy = page.getByTestId('payment-approved-by');
    if ((await approvedBy.count()) > 0) await expect(approvedBy).toContainText(MANAGER.name);
    // Charged once: the ledger has one payment of that amount.
    await page.goto('/staff/payments');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Smith');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(
      page
        .getByTestId('payments-table')
        .locator('tbody tr')
        .filter({ hasText: /1500\.00 GBP/ }),
    ).toHaveCount(viewport.width === 1280 ? 1 : 2);
  });

test('a front-desk user opening a manager page gets “Managers only” with 403', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, FRONT_DESK);
  for (const path of ['/staff/audit', '/staff/users', '/staff/settings']) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
    const html = await response.text();
    expect(html, path).toContain('Managers only');
  }
  const response = await page.goto('/staff/audit');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Managers only' })).toBeVisible();
  await expect(page.getByTestId('managers-only')).toBeVisible();
  // No audit event is on the page.
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});
