import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { CARD, fillCard, payButton } from './support/guest';
import { createLink, uniqueAmountMinor } from './support/links';

/**
 * Every staff page on a desktop, a tablet and a phone, as a manager and as a front-desk clerk: no
 * page is wider than the screen (tables scroll inside themselves or become cards), axe finds
 * nothing, buttons and fields are big enough to tap, and on a phone the navigation collapses
 * into a "Menu" button that opens, navigates and closes. A clerk opening a manager's page sees a
 * clear "Managers only" page (403), not half of the manager's page.
 *
 * Each page is screenshotted at each width and attached to the report, for a person to look at.
 */

const [MANAGER, FRONT_DESK] = DEMO_STAFF;
const alice = SEED.customers.alice;

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

interface StaffPage {
  name: string;
  path: () => string;
  managerOnly?: boolean;
}

/**
 * A real payment (the first test's), so its detail page has content. Looked up again in each
 * test: after a failure Playwright goes on in a new worker, where this module starts afresh.
 */
let paymentPath = '';
async function findPayment(page: Page): Promise<string> {
  if (paymentPath) return paymentPath;
  await page.goto('/staff/payments');
  const detail = page.locator('main a[href^="/staff/payments/"]').first();
  await expect(detail).toBeVisible();
  paymentPath = (await detail.getAttribute('href'))!;
  return paymentPath;
}

const STAFF_PAGES: StaffPage[] = [
  { name: 'dashboard', path: () => '/staff' },
  { name: 'payments', path: () => '/staff/payments' },
  { name: 'payment-detail', path: () => paymentPath },
  { name: 'customers', path: () => '/staff/customers' },
  { name: 'customer-detail', path: () => `/staff/customers/${alice.id}` },
  { name: 'links', path: () => '/staff/links' },
  { name: 'holds', path: () => '/staff/holds' },
  { name: 'audit', path: () => '/staff/audit', managerOnly: true },
  { name: 'reconciliation', path: () => '/staff/reconciliation', managerOnly: true },
  { name: 'users', path: () => '/staff/users', managerOnly: true },
  { name: 'settings', path: () => '/staff/settings', managerOnly: true },
  { name: 'settings-property', path: () => '/staff/settings/property', managerOnly: true },
];

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

/** The page's own content has arrived: client views fetch after hydration. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect.soft(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/**
 * Nothing makes the page wider than the screen; when something does, the message names the
 * widest elements that stick out, so the failure says what to fix.
 */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const viewport = window.innerWidth;
    const describe = (element: Element) => {
      const testId = element.getAttribute('data-testid');
      const classes = [...element.classList].slice(0, 2).join('.');
      return `${element.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}${
        classes ? `.${classes}` : ''
      } (${Math.round(element.getBoundingClientRect().right)} px)`;
    };
    const sticking = [...document.body.querySelectorAll('*')].filter(
      (element) => element.getBoundingClientRect().right > viewport + 1,
    );
    // The outermost ones: their children stick out because they do.
    const outermost = sticking.filter(
      (element) => !sticking.some((other) => other !== element && other.contains(element)),
    );
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: viewport,
      culprits: [...new Set(sticking.filter((e) => !outermost.includes(e)).map(describe))]
        .slice(-8)
        .concat(outermost.map(describe).slice(0, 4)),
    };
  });
  expect
    .soft(
      scrollWidth,
      `${label}: page ${scrollWidth} px wide on a ${innerWidth} px screen; ${culprits.join(', ')}`,
    )
    .toBeLessThanOrEqual(innerWidth);
}

async function expectAxeClean(page: Page, label: string) {
  // Secure Fields' iframes are the card vault's pages, checked in the guest journeys.
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect
    .soft(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      `axe on ${label}`,
    )
    .toEqual([]);
}

/**
 * On a touch screen, every button, field, select and tab, the navigation's links and a list's
 * links are at least 44 px high (links inside a sentence are exempt, as in WCAG 2.5.5).
 */
async function expectTouchTargets(page: Page, label: string) {
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'nav a, main td > a, button, select, textarea, [role="tab"], input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="file"])',
      ),
    ]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.height < 43.5;
      })
      .map((element) => {
        const name =
          element.getAttribute('aria-label') ??
          (element.textContent ?? '').trim().slice(0, 30) ??
          element.getAttribute('name');
        return `${element.tagName.toLowerCase()} "${name || element.getAttribute('name') || element.id}" ${Math.round(element.getBoundingClientRect().height)} px`;
      }),
  );
  expect.soft(small, `${label}: targets under 44 px`).toEqual([]);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function checkPage(page: Page, testInfo: TestInfo, viewport: Viewport, label: string) {
  await expectNoSidewaysScroll(page, label);
  await expectAxeClean(page, label);
  if (viewport.name !== 'desktop') await expectTouchTargets(page, label);
  await screenshot(page, testInfo, label);
}

test('a guest pays a link, so the lists and a payment detail have content', async ({
  page,
  request,
}) => {
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    // Long words and an e-mail-like run: the kind of text that pushes a phone's page wider.
    description: 'Deposit for reservation SBX-1001 (alice.smith.long.address@example-hotel.test)',
  });
  await page.goto(link.path);
  await fillCard(page, { number: CARD.visa });
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  // And an open one, so the links list shows both states.
  await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'EUR',
    description: 'Balance',
  });

  await signIn(page, MANAGER);
  expect(await findPayment(page)).toMatch(/^\/staff\/payments\/[0-9a-f-]{36}$/);
});

test('the sign-in page fits every screen', async ({ page }, testInfo) => {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto('/staff/sign-in');
    await settle(page);
    await checkPage(page, testInfo, viewport, `sign-in-${viewport.name}`);
  }
});

for (const who of [MANAGER, FRONT_DESK]) {
  const role = who.role === 'manager' ? 'manager' : 'frontdesk';
  for (const viewport of VIEWPORTS) {
    test(`${role} at ${viewport.width} px: every staff page fits, passes axe and is easy to tap`, async ({
      page,
    }, testInfo) => {
      test.setTimeout(180_000);
      await page.setViewportSize(viewport);
      await signIn(page, who);
      await findPayment(page);
      for (const staffPage of STAFF_PAGES) {
        const label = `${role}-${staffPage.name}-${viewport.name}`;
        const response = await page.goto(staffPage.path());
        await settle(page);
        if (staffPage.managerOnly && who.role !== 'manager') {
          // A clear refusal, and nothing of the manager's page behind it.
          expect.soft(response?.status(), label).toBe(403);
          await expect
            .soft(page.getByRole('heading', { level: 1 }), label)
            .toHaveText('Managers only');
          await expect.soft(page.getByTestId('managers-only'), label).toBeVisible();
          await expect.soft(page.locator('main table, main form'), label).toHaveCount(0);
        } else {
          expect.soft(response?.status(), label).toBe(200);
          await expect
            .soft(page.getByRole('heading', { level: 1 }), label)
            .not.toHaveText('Managers only');
        }
        await checkPage(page, testInfo, viewport, label);
      }
    });
  }
}

test('on a phone the navigation is a menu that opens, navigates, and closes', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, FRONT_DESK);
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Back office' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Payments', exact: true })).toBeHidden();

  // Escape closes it and gives the focus back to the button.
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Payments', exact: true })).toBeVisible();
  await expectAxeClean(page, 'open menu');
  await expectTouchTargets(page, 'open menu');
  await screenshot(page, testInfo, 'frontdesk-menu-open-phone');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();

  // A link navigates, and the menu is closed on the new page.
  await menu.click();
  await nav.getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/payments$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Payments', exact: true })).toBeHidden();

  // Signing out is in the menu too.
  await menu.click();
  await nav.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in/);
});

test('on a desktop the navigation is a sidebar, always open', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, MANAGER);
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  const nav = page.getByRole('navigation', { name: 'Back office' });
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const navBox = (await nav.boundingBox())!;
  const mainBox = (await page.getByRole('main').boundingBox())!;
  // Side by side, not stacked.
  expect(mainBox.x).toBeGreaterThanOrEqual(navBox.x + navBox.width - 1);
});

test('the landing page and its demo credentials fit a phone; the favicon is served', async ({
  page,
  request,
}, testInfo) => {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await expect(page.getByTestId('demo-staff')).toContainText(FRONT_DESK.password);
    await checkPage(page, testInfo, viewport, `landing-${viewport.name}`);
  }
  const favicon = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\//);
});
