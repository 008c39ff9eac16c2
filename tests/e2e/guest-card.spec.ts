import { expect, test } from '@playwright/test';
import {
  CARD,
  chargesFor,
  expectNoCardNumber,
  fillCard,
  payButton,
  recordActionBodies,
  recordAppRequests,
  sandbox,
  SEED,
  waitForCardFields,
} from './support/guest';
import { createLink, readLink, uniqueAmountMinor } from './support/links';

/**
 * Card payments on the guest pay page against the sandbox: the outcome shown is the one Mews
 * reports, a charge happens at most once per link, and the card number never reaches the app.
 */

const alice = SEED.customers.alice;
const aliceStay = SEED.reservations.aliceLondon;

test('a guest pays by card and gets a receipt; nothing of the card reaches the app', async ({
  page,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(12_000);
  const link = await createLink(request, {
    customerId: alice.id,
    reservationId: aliceStay.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit for reservation SBX-1001',
  });
  const appRequests = recordAppRequests(page);
  const response = await page.goto(link.path);
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The summary is server-rendered: hotel, guest, stay and the amount in the guest's format.
  const amountLabel = new Intl.NumberFormat('en', { style: 'currency', currency: 'GBP' }).format(
    amountMinor / 100,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Sandbox Hotel London (Gross pricing)',
  );
  await expect(page.getByTestId('amount')).toContainText(amountLabel);
  await expect(page.getByText('Alice Smith')).toBeVisible();
  await expect(page.getByTestId('stay')).toHaveText('Mar 12, 2027 – Mar 15, 2027');
  await expect(page.getByText('Deposit for reservation SBX-1001')).toBeVisible();
  // GBP: no iDEAL, so no method choice.
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();

  await fillCard(page, { number: CARD.visa });
  await expect(page.getByTestId('card-brand')).toHaveText('VIS');
  await expect(payButton(page)).toHaveText(`Pay ${amountLabel}`);
  await payButton(page).click();

  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await expect(page.getByTestId('receipt-amount')).toHaveText(amountLabel);
  await expect(page.getByTestId('receipt-method')).toHaveText('VISA CREDIT ending in 4242');
  await expect(page.getByTestId('receipt-paid-at')).toContainText(/GMT|BST/);

  const charges = await chargesFor(amountMinor, 'GBP');
  expect(charges).toHaveLength(1);
  await expect(page.getByTestId('receipt-payment-id')).toHaveText(
    String(charges[0]?.response?.PaymentId),
  );
  expect((await readLink(request, link.id)).state).toBe('paid');

  // Opened again: still the receipt, never a form.
  await page.reload();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await expect(page.locator('#card-number')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible();

  await expectNoCardNumber(page, appRequests, CARD.visa);
  expect(appRequests.some((r) => r.method() === 'POST')).toBe(true);
  expect((await sandbox.requests()).every((entry) => !entry.cardNumberDetected)).toBe(true);
});

test.describe('in Dutch', () => {
  test.use({ locale: 'nl-NL' });

  test('a declined card is explained, nothing is charged, and another card can pay with a new attempt', async ({
    page,
    request,
  }) => {
    const amountMinor = uniqueAmountMinor(20_000);
    const link = await createLink(request, {
      customerId: alice.id,
      amountMinor,
      currency: 'GBP',
      description: 'Aanbetaling',
    });
    const actions = recordActionBodies(page);
    await page.goto(link.path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByRole('heading', { name: 'Betalen met kaart' })).toBeVisible();

    const labels = { expiry: 'Vervaldatum', name: 'Naam op de kaart' };
    await fillCard(page, { number: CARD.declined }, labels);
    await payButton(page).click();
    await expect(page.getByTestId('payment-failure')).toContainText(
      'Je kaart is geweigerd en er is geen geld afgeschreven',
    );
    expect((await readLink(request, link.id)).state).toBe('open');
    await expect(payButton(page)).toBeEnabled();

    await fillCard(page, { number: CARD.visa }, labels);
    await payButton(page).click();
    await expect(page.getByRole('heading', { name: 'Betaling ontvangen' })).toBeVisible();
    await expect(page.getByTestId('receipt-method')).toHaveText('VISA CREDIT eindigend op 4242');

    // One attempt per card: the retry after a final failure carried a new idempotency key.
    const keys = actions.map(
      (body) => (JSON.parse(body) as Array<{ idempotencyKey: string }>)[0]?.idempotencyKey,
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(2);
  });
});

test('insufficient funds is a decline: the link stays open and says so', async ({
  page,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(30_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit',
  });
  await page.goto(link.path);
  await fillCard(page, { number: CARD.insufficientFunds });
  await payButton(page).click();
  await expect(page.getByTestId('payment-failure')).toContainText(
    'Your card was declined and no money was taken',
  );
  expect((await readLink(request, link.id)).state).toBe('open');
  // The page after a reload still explains the last failure and offers the form again.
  await page.reload();
  await expect(page.getByTestId('payment-failure')).toContainText('Your card was declined');
  await waitForCardFields(page);
});

test('a pending card shows "do not pay again", polls, and shows the receipt once Mews settles it', async ({
  page,
  request,
}) => {
  await sandbox.updateSettings({ pendingSettleSeconds: 3_600 });
  try {
    const amountMinor = uniqueAmountMinor(40_000);
    const link = await createLink(request, {
      customerId: alice.id,
      amountMinor,
      currency: 'GBP',
      description: 'Deposit',
    });
    await page.goto(link.path);
    await fillCard(page, { number: CARD.pending });
    await payButton(page).click();
    const progress = page.getByTestId('payment-in-progress');
    await expect(progress).toContainText('We are confirming your payment');
    await expect(progress).toContainText('Please do not pay again.');

    // Reloading keeps the guest in the waiting state: no second form to pay with.
    await page.reload();
    await expect(page.getByTestId('payment-in-progress')).toBeVisible();
    await expect(page.locator('#card-number')).toHaveCount(0);
    expect((await readLink(request, link.id)).state).toBe('processing');

    const [charge] = await chargesFor(amountMinor, 'GBP');
    const paymentId = String(charge?.response?.PaymentId);
    expect(await sandbox.settlePayments([paymentId])).toEqual([paymentId]);
    await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByTestId('receipt-payment-id')).toHaveText(paymentId);
    expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(1);
  } finally {
    await sandbox.updateSettings({ pendingSettleSeconds: 60 });
  }
});

test('a double click on Pay charges once', async ({ page, request }) => {
  const amountMinor = uniqueAmountMinor(50_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit',
  });
  await page.goto(link.path);
  await fillCard(page, { number: CARD.visa });
  await payButton(page).dblclick();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(1);
  expect(
    await sandbox.requests('creditCards/addTokenized').then((all) => all.length),
  ).toBeGreaterThan(0);
});

test('two tabs paying the same link at once produce exactly one charge', async ({
  context,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(60_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit',
  });
  const [first, second] = [await context.newPage(), await context.newPage()];
  for (const tab of [first, second]) {
    await tab.goto(link.path);
    await fillCard(tab, { number: CARD.visa });
  }
  await Promise.all([payButton(first).click(), payButton(second).click()]);
  for (const tab of [first, second]) {
    await expect(tab.getByRole('heading', { name: 'Payment received' })).toBeVisible({
      timeout: 20_000,
    });
  }
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(1);
  expect((await readLink(request, link.id)).state).toBe('paid');
});

test('an amount added to the request is refused; the charge is always the link amount', async ({
  page,
  request,
}) => {
  const amountMinor = uniqueAmountMinor(70_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit',
  });
  await page.goto(link.path);
  await fillCard(page, { number: CARD.visa });

  let tampered = 0;
  await page.route(`**${link.path}`, async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    const args = JSON.parse(req.postData() ?? '[]') as Array<Record<string, unknown>>;
    args[0] = { ...args[0], amountMinor: 1, currency: 'EUR' };
    tampered += 1;
    return route.continue({ postData: JSON.stringify(args) });
  });
  await payButton(page).click();
  await expect(page.getByTestId('payment-failure')).toContainText(
    'Please check the details you entered.',
  );
  expect(tampered).toBe(1);
  expect(
    await sandbox.requests('creditCards/charge').then((all) =>
      all.filter(
        (e) =>
          JSON.stringify(e.request).includes('"GrossValue":0.01') &&
          // The app's start-up permission check charges a made-up card 0.01: not a payment.
          !String(e.request?.Notes ?? '').includes('permission check'),
      ),
    ),
  ).toEqual([]);
  expect((await readLink(request, link.id)).state).toBe('open');

  await page.unroute(`**${link.path}`);
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  const charges = await chargesFor(amountMinor, 'GBP');
  expect(charges).toHaveLength(1);
});

test('our own fields are validated in the guest language before anything is sent', async ({
  page,
  request,
}) => {
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    description: 'Deposit',
  });
  const actions = recordActionBodies(page);
  await page.goto(link.path);
  await waitForCardFields(page);
  await page.getByLabel('Expiry date').fill('13/30');
  await page.getByLabel('Name on card').fill('4242 4242 4242 4242');
  await payButton(page).click();
  await expect(page.getByText('Enter the expiry date as MM/YY, for example 08/29.')).toBeVisible();
  await expect(page.getByText('This looks like a card number.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Expiry date')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Expiry date').fill('01/20');
  await expect(page.getByText('This card has expired.')).toBeVisible();
  // Typing digits only gets the slash inserted.
  await page.getByLabel('Expiry date').fill('');
  await page.getByLabel('Expiry date').pressSequentially('0830');
  await expect(page.getByLabel('Expiry date')).toHaveValue('08/30');
  expect(actions).toEqual([]);
});
