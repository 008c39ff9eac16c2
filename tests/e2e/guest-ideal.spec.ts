import { expect, test, type Page } from '@playwright/test';
import { E2E_APP_URL, E2E_IDEAL_APP_URL } from './support/e2e-env';
import { chargesFor, expectAccessible, sandbox, SEED, waitForCardFields } from './support/guest';
import { ensureIdealOnInIdealApp, openPaymentMethods, signInAsManager } from './support/ideal-app';
import { createLink, readLink, uniqueAmountMinor } from './support/links';

/**
 * iDEAL through the sandbox bank: the return page shows what Mews reports for the link (never the
 * query string), keeps polling while the bank has not answered, and works in a browser that has
 * never seen the pay page.
 *
 * iDEAL is not on by default, and only a property with iDEAL in its Mews subscription can take it:
 * these journeys run on the second e2e app, on the Dutch hotel's token (playwright.config.ts),
 * where a manager turns it on first. The London app offers no iDEAL, and its manager reads Mews'
 * refusal when trying to turn it on.
 */

test.use({ baseURL: E2E_IDEAL_APP_URL });

const bram = SEED.customers.bram;
const bramStay = SEED.reservations.bramAmsterdam;

test.beforeAll(async ({ browser }) => {
  await ensureIdealOnInIdealApp(browser);
});

async function euroLink(page: Page, amountMinor: number) {
  return createLink(page.request, {
    customerId: bram.id,
    reservationId: bramStay.id,
    amountMinor,
    currency: 'EUR',
    description: 'Deposit for reservation SBX-4001',
    // Every journey here asks a deposit for the same stay, one after another paid: the duplicate
    // warning and the closing of siblings have their own tests.
    allowDuplicate: true,
    keepOpenWhenSiblingPaid: true,
  });
}

/** Picks iDEAL on the pay page and follows the redirect to the sandbox bank. */
async function startIdeal(page: Page, path: string, methodLabel = 'iDEAL') {
  await page.goto(path);
  await page.getByRole('radio', { name: methodLabel }).check();
  await page.getByTestId('ideal-pay-button').click();
  await page.waitForURL(/\/ideal-bank\/authenticate\//);
}

function idealPayments(amountMinor: number) {
  return chargesFor(amountMinor, 'EUR', 'payments/addAlternative');
}

test.describe('in Dutch', () => {
  test.use({ locale: 'nl-NL' });

  test('approve at the bank: the return page confirms and links to the receipt', async ({
    page,
    request,
  }) => {
    const amountMinor = uniqueAmountMinor(24_000);
    const link = await euroLink(page, amountMinor);
    await startIdeal(page, link.path);
    await page.getByRole('button', { name: 'Approve' }).click();

    await page.waitForURL(`**${link.path}/return`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByTestId('return-paid')).toContainText('Betaling ontvangen');
    await expectAccessible(page, 'return page (paid, nl)');
    await page.getByRole('link', { name: 'Bekijk je betaalbewijs' }).click();
    await expect(page.getByTestId('receipt-method')).toHaveText('iDEAL');
    await expect(page.getByTestId('receipt-amount')).toHaveText(
      new Intl.NumberFormat('nl', { style: 'currency', currency: 'EUR' }).format(amountMinor / 100),
    );
    expect(await idealPayments(amountMinor)).toHaveLength(1);
    expect((await readLink(request, link.id)).state).toBe('paid');
  });

  test('cancel at the bank: the return page offers another try and the pay page explains', async ({
    page,
  }) => {
    const amountMinor = uniqueAmountMinor(25_000);
    const link = await euroLink(page, amountMinor);
    await startIdeal(page, link.path);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`**${link.path}/return`);
    await expect(page.getByTestId('return-failed')).toContainText('Betaling geannuleerd');
    await expect(page.getByTestId('return-failed')).toContainText(
      'De iDEAL-betaling is geannuleerd',
    );
    await expectAccessible(page, 'return page (canceled, nl)');
    await page.getByRole('link', { name: 'Opnieuw proberen' }).click();
    await expect(page).toHaveURL(new RegExp(`${link.path}$`));
    await expect(page.getByTestId('payment-failure')).toContainText(
      'De iDEAL-betaling is geannuleerd',
    );
    // Back on iDEAL, not on the card form: a new attempt can start at once (the link is open again).
    await expect(page.getByRole('radio', { name: 'iDEAL' })).toBeChecked();
    await expect(page.locator('#card-number')).toBeHidden();
    await expect(page.getByTestId('ideal-pay-button')).toBeEnabled();
  });
});

test('fail at the bank: "payment not completed" and a way back to pay', async ({
  page,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(26_000);
  const link = await euroLink(page, amountMinor);
  await startIdeal(page, link.path);
  await page.getByRole('button', { name: 'Fail' }).click();
  await page.waitForURL(`**${link.path}/return`);
  await expect(page.getByTestId('return-failed')).toContainText('Payment not completed');
  await expect(page.getByTestId('return-failed')).toContainText(
    'Your bank did not approve the iDEAL payment',
  );
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', link.path);
  expect((await readLink(request, link.id)).state).toBe('open');
  // Try again: the pay page opens on iDEAL, the method that did not go through.
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page).toHaveURL(new RegExp(`${link.path}$`));
  await expect(page.getByRole('radio', { name: 'iDEAL' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Card' })).not.toBeChecked();
  await expect(page.getByTestId('ideal-pay-button')).toBeEnabled();
});

test('abandoned at the bank: "do not pay again" in a fresh browser, then canceled when iDEAL expires', async ({
  page,
  browser,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(27_000);
  const link = await euroLink(page, amountMinor);
  await startIdeal(page, link.path);
  const bankUrl = page.url();

  // The guest closes the bank page and comes back to the pay page: it waits, it does not offer to pay again.
  await page.goto(link.path);
  await expect(page.getByTestId('payment-in-progress')).toContainText('Waiting for your bank');
  await expect(page.getByTestId('payment-in-progress')).toContainText('Please do not pay again.');
  await expect(page.getByRole('link', { name: 'Continue at your bank' })).toHaveAttribute(
    'href',
    bankUrl,
  );
  await expect(page.getByTestId('ideal-pay-button')).toHaveCount(0);

  // A different browser (banking app, no cookies) opens the return URL, with a lying query string.
  const fresh = await browser.newContext({ locale: 'en-GB' });
  try {
    const other = await fresh.newPage();
    expect(await fresh.cookies()).toEqual([]);
    await other.goto(
      `${E2E_IDEAL_APP_URL}${link.path}/return?status=paid&redirect_status=succeeded`,
    );
    await expect(other.getByTestId('return-processing')).toContainText(
      'We are processing your payment',
    );
    await expect(other.getByTestId('return-processing')).toContainText('Please do not pay again.');
    await expectAccessible(other, 'return page (processing, en)');

    // iDEAL expires at the bank after 15 minutes: the page notices on its own.
    const { changedPaymentIds } = await sandbox.advanceClock(16 * 60);
    expect(changedPaymentIds.length).toBeGreaterThan(0);
    await expect(other.getByTestId('return-failed')).toContainText('Payment canceled', {
      timeout: 30_000,
    });
    await expect(other.getByRole('link', { name: 'Try again' })).toBeVisible();
  } finally {
    await fresh.close();
  }
  expect((await readLink(request, link.id)).state).toBe('open');
  expect(await idealPayments(amountMinor)).toHaveLength(1);
});

test('the return page of a paid link shows the payment in a fresh browser without cookies', async ({
  page,
  browser,
}) => {
  const amountMinor = uniqueAmountMinor(28_000);
  const link = await euroLink(page, amountMinor);
  await startIdeal(page, link.path);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(`**${link.path}/return`);

  const fresh = await browser.newContext({ locale: 'cs-CZ' });
  try {
    const other = await fresh.newPage();
    const response = await other.goto(`${E2E_IDEAL_APP_URL}${link.path}/return?status=failed`);
    expect(response?.status()).toBe(200);
    await expect(other.locator('html')).toHaveAttribute('lang', 'cs');
    await expect(other.getByTestId('return-paid')).toContainText('Platba přijata');
    await expectAccessible(other, 'return page (paid, cs)');
  } finally {
    await fresh.close();
  }
});

test.describe('London, where iDEAL is not in the Mews subscription', () => {
  test.use({ baseURL: E2E_APP_URL });

  test('a EUR pay page offers no iDEAL, only the card', async ({ page }) => {
    const link = await createLink(page.request, {
      customerId: SEED.customers.bob.id,
      reservationId: SEED.reservations.bobLondonEur.id,
      amountMinor: uniqueAmountMinor(29_000),
      currency: 'EUR',
      description: 'Deposit for reservation SBX-1002',
      allowDuplicate: true,
      keepOpenWhenSiblingPaid: true,
    });
    await page.goto(link.path);
    await waitForCardFields(page);
    await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByTestId('ideal-pay-button')).toHaveCount(0);
  });

  test("turning iDEAL on: Mews refuses it (403), the manager reads Mews' reason, it stays off", async ({
    page,
  }) => {
    const before = (await sandbox.requests('payments/addAlternative')).length;
    await signInAsManager(page);
    await openPaymentMethods(page);
    await expect(page.getByTestId('ideal-state')).toContainText(/^Off/);
    await page.getByTestId('ideal-enable').click();
    await expect(page.getByTestId('payment-settings-message')).toContainText(
      'The alternative payment method Ideal is not enabled for Sandbox Hotel London',
    );
    await expect(page.getByTestId('ideal-state')).toContainText(/^Off/);
    await expect(page.getByTestId('ideal-refusal')).toContainText(
      'not enabled for Sandbox Hotel London',
    );
    await expect(page.getByTestId('ideal-enable')).toHaveText('Try again');
    await expectAccessible(page, 'payment methods (iDEAL refused)');
    // One probe for a customer that does not exist: nothing was created at Mews.
    const probes = (await sandbox.requests('payments/addAlternative')).slice(before);
    expect(probes.filter((entry) => entry.status === 403).length).toBeGreaterThanOrEqual(1);
    expect(probes.every((entry) => entry.status !== 200)).toBe(true);
  });
});
