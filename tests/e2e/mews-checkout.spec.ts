import { expect, test, type Browser, type FrameLocator, type Page } from '@playwright/test';
import { CHECKOUT_CARDS } from '@/sandbox/checkout-cards';
import { E2E_CHECKOUT_APP_URL, E2E_SANDBOX_URL } from './support/e2e-env';
import { expectAccessible, SEED } from './support/guest';
import { signInAsManager } from './support/ideal-app';
import { createLink, readLink, uniqueAmountMinor, type CreatedLink } from './support/links';

/**
 * Mews Payments Checkout on a fresh app whose route is `mews-checkout,secure-fields` with holds on
 * (the third e2e app, playwright.config.ts): the Dutch hotel, on Mews Payments, where the
 * sandbox's stand-in for Mews' script renders the form in a frame from its own origin. What the
 * guest sees after paying always comes from Mews read back, and each link makes one payment
 * request in Mews however the guest reloads or opens tabs.
 */

test.use({ baseURL: E2E_CHECKOUT_APP_URL });

const bram = SEED.customers.bram;
const bramStay = SEED.reservations.bramAmsterdam;
const FRAME_TITLE = 'Mews Payments Checkout (sandbox stand-in)';

interface SandboxRequest {
  Id: string;
  AccountId: string;
  State: string;
  Type: string;
  Notes: string | null;
  sentEmail: boolean;
  CreatedUtc: string;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E_SANDBOX_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`Sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The payment requests Mews has for Bram with this amount. */
async function requestsFor(amountMinor: number): Promise<SandboxRequest[]> {
  const { paymentRequests } = await control<{
    paymentRequests: Array<SandboxRequest & { Amount: { GrossValue: number } }>;
  }>('GET', '/_sandbox/payment-requests');
  return paymentRequests.filter(
    (request) =>
      request.AccountId === bram.id && Math.round(request.Amount.GrossValue * 100) === amountMinor,
  );
}

async function euroLink(page: Page, amountMinor: number, collect?: 'hold'): Promise<CreatedLink> {
  return createLink(page.request, {
    customerId: bram.id,
    reservationId: bramStay.id,
    amountMinor,
    currency: 'EUR',
    description: collect ? 'Hold for reservation SBX-4001' : 'Deposit for reservation SBX-4001',
    ...(collect ? { collect } : {}),
  });
}

/** Records every CSP violation the page (and its frames) report. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|frame|execute|connect)/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

async function openCheckout(page: Page, link: CreatedLink): Promise<FrameLocator> {
  await page.goto(link.path);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const frame = page.frameLocator(`iframe[title="${FRAME_TITLE}"]`);
  await expect(frame.getByLabel('Card number')).toBeVisible({ timeout: 20_000 });
  return frame;
}

async function fillCard(frame: FrameLocator, number: string) {
  await frame.getByLabel('Card number').fill(number);
  await frame.getByLabel('Expiry date').fill('12/30');
  await frame.getByLabel('CVC').fill('123');
  await frame.getByLabel('Name on card').fill('Bram de Vries');
}

async function expectReceipt(page: Page) {
  await expect(page.getByTestId('receipt-amount')).toBeVisible({ timeout: 30_000 });
}

test.afterEach(async () => {
  await control('POST', '/_sandbox/checkout/settings', {
    walletCard: false,
    preauthorizationCheckout: 'silent',
  });
});

test('a card that needs a 3-D Secure challenge, passed in the checkout: paid once, shown from Mews', async ({
  page,
  request,
}) => {
  const violations = await watchCsp(page);
  const amountMinor = uniqueAmountMinor(18_000);
  const link = await euroLink(page, amountMinor);
  const frame = await openCheckout(page, link);
  await expectAccessible(page, 'pay page with the checkout');
  await fillCard(frame, CHECKOUT_CARDS.challenge);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await frame.getByRole('button', { name: 'Authenticate' }).click();
  await expectReceipt(page);
  expect((await readLink(request, link.id)).state).toBe('paid');
  const requests = await requestsFor(amountMinor);
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ State: 'Completed', sentEmail: false, Type: 'Payment' });
  expect(violations).toEqual([]);
});

test('a failed challenge: an honest message, no charge, and a retry in the same form pays', async ({
  page,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(18_000);
  const link = await euroLink(page, amountMinor);
  const frame = await openCheckout(page, link);
  await fillCard(frame, CHECKOUT_CARDS.challenge);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await frame.getByRole('button', { name: 'Fail authentication' }).click();
  await expect(page.getByText(/did not go through/i)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/No money was taken/i)).toBeVisible();
  expect((await readLink(request, link.id)).state).toBe('open');

  await frame.getByLabel('Card number').fill(CHECKOUT_CARDS.frictionless);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await expectReceipt(page);
  expect((await readLink(request, link.id)).state).toBe('paid');
  expect(await requestsFor(amountMinor)).toHaveLength(1);
});

test('a simulated wallet (Google Pay, labelled as simulated) pays the deposit', async ({
  page,
  request,
}) => {
  await control('POST', '/_sandbox/checkout/settings', { walletCard: true });
  const amountMinor = uniqueAmountMinor(18_000);
  const link = await euroLink(page, amountMinor);
  const frame = await openCheckout(page, link);
  await frame.getByRole('button', { name: 'Google Pay (simulated)' }).click();
  await expectReceipt(page);
  expect((await readLink(request, link.id)).state).toBe('paid');
});

test('iDEAL inside the checkout: the bank, then our return page showing what Mews reports', async ({
  page,
  request,
}) => {
  const violations = await watchCsp(page);
  const amountMinor = uniqueAmountMinor(18_000);
  const link = await euroLink(page, amountMinor);
  const frame = await openCheckout(page, link);
  await frame.getByRole('button', { name: 'iDEAL' }).click();
  await page.waitForURL(/\/ideal-bank\/authenticate\//);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(new RegExp(`${link.path}/return\\?paymentId=`));
  await expect(page.getByTestId('return-paid')).toBeVisible({ timeout: 30_000 });
  expect((await readLink(request, link.id)).state).toBe('paid');
  expect(await requestsFor(amountMinor)).toHaveLength(1);
  expect(violations).toEqual([]);
});

test('two tabs and reloads make one payment request', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_CHECKOUT_APP_URL });
  const [first, second] = [await context.newPage(), await context.newPage()];
  const amountMinor = uniqueAmountMinor(18_000);
  const link = await euroLink(first, amountMinor);
  await Promise.all([first.goto(link.path), second.goto(link.path)]);
  await Promise.all([
    first.getByRole('button', { name: 'Continue to payment' }).click(),
    second.getByRole('button', { name: 'Continue to payment' }).click(),
  ]);
  for (const page of [first, second]) {
    await expect(
      page.frameLocator(`iframe[title="${FRAME_TITLE}"]`).getByLabel('Card number'),
    ).toBeVisible({ timeout: 20_000 });
  }
  await first.reload();
  await second.reload();
  // After a reload the checkout comes back for the same request, without "Continue" again.
  await expect(
    first.frameLocator(`iframe[title="${FRAME_TITLE}"]`).getByLabel('Card number'),
  ).toBeVisible({ timeout: 20_000 });
  expect(await requestsFor(amountMinor)).toHaveLength(1);
  await context.close();
});

async function staffHolds(browser: Browser) {
  const context = await browser.newContext({ baseURL: E2E_CHECKOUT_APP_URL });
  const page = await context.newPage();
  await signInAsManager(page);
  await page.goto('/staff/holds');
  return { page, context };
}

test('a hold: the checkout does not take it (as Mews’ checkout is reported to), Mews’ own e-mail does, and staff see it', async ({
  page,
  browser,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(30_000);
  const link = await euroLink(page, amountMinor, 'hold');
  const frame = await openCheckout(page, link);
  await expect(page.getByText(/This is a hold, not a charge/i)).toBeVisible();
  // The stand-in's default: a card "Pay" on a Preauthorization request does nothing at all.
  await fillCard(frame, CHECKOUT_CARDS.frictionless);
  await page.getByRole('button', { name: 'E-mail me a link from Mews' }).click();
  await expect(page.getByText(/Mews has e-mailed you a link/i)).toBeVisible({ timeout: 20_000 });

  const requests = await requestsFor(amountMinor);
  expect(requests.map((r) => [r.Type, r.State, r.sentEmail]).sort()).toEqual([
    ['Preauthorization', 'Canceled', false],
    ['Preauthorization', 'Pending', true],
  ]);
  const { emails } = await control<{ emails: Array<{ paymentRequestId: string; url: string }> }>(
    'GET',
    '/_sandbox/payment-requests/emails',
  );
  const pending = requests.find((r) => r.State === 'Pending')!;
  const email = emails.find((e) => e.paymentRequestId === pending.Id);
  expect(email).toBeTruthy();
  // The guest follows Mews' e-mail and places the hold on Mews' page.
  await control('POST', `/_sandbox/payment-requests/${pending.Id}/hold`);
  await page.goto(link.path);
  await expect(page.getByText(/Hold placed/i).first()).toBeVisible({ timeout: 20_000 });
  expect((await readLink(request, link.id)).state).not.toBe('paid');

  const staff = await staffHolds(browser);
  await expect(staff.page.getByTestId('holds-capture-note')).toContainText('Mews Operations');
  const amountText = (amountMinor / 100).toFixed(2);
  const row = staff.page
    .locator('tr[data-state="placed"]')
    .filter({ hasText: 'SBX-4001' })
    .filter({ hasText: amountText });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('hold-mews-state')).toHaveAttribute('data-mews-state', 'chargeable');
  await expect(row.getByTestId('hold-expiry')).toContainText('about');
  await expectAccessible(staff.page, 'staff holds page');
  await staff.context.close();
});
