import { expect, test, type Page } from '@playwright/test';
import {
  CARD,
  expectAccessible,
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
import { paymentReference } from '../../lib/payments/reference';

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
    // The sandbox's demo links (and other journeys) already ask a deposit for SBX-1001: this
    // journey is not about duplicates or siblings.
    allowDuplicate: true,
    keepOpenWhenSiblingPaid: true,
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
  // A London hotel: its dates as the British write them, also to an English guest from elsewhere.
  await expect(page.getByTestId('stay')).toHaveText('12 Mar 2027 – 15 Mar 2027');
  await expect(page.getByText('Deposit for reservation SBX-1001')).toBeVisible();
  // GBP: no iDEAL, so no method choice.
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();

  // Before typing: the brands the fields take, as named images (never codes like "VIS").
  const accepted = page.getByRole('list', { name: 'Cards we accept' });
  for (const name of ['Visa', 'Mastercard', 'American Express']) {
    await expect(accepted.getByRole('img', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('card-brand')).toHaveCount(0);
  await fillCard(page, { number: CARD.visa });
  // Typed: the brand the field detected, as an icon inside the card number's box.
  const detected = page.locator('#card-number-box').getByRole('img');
  await expect(detected).toHaveAccessibleName('Visa');
  await expect(page.getByTestId('card-brand')).toHaveAttribute('data-brand', 'VIS');
  // Not the old text badge "VIS" next to the label.
  await expect(page.locator('#card-number-label')).toHaveText('Card number');
  await expect(payButton(page)).toHaveText(`Pay ${amountLabel}`);
  await payButton(page).click();

  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  const paidAround = Date.now();
  await expect(page.getByTestId('receipt-amount')).toHaveText(amountLabel);
  await expect(page.getByTestId('receipt-method')).toHaveText('VISA CREDIT ending in 4242');
  // When: London time (GMT or BST), the British way ("3 December 2026 at 14:05 GMT").
  const paidAt = (await page.getByTestId('receipt-paid-at').textContent()) ?? '';
  expect(paidAt).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} (GMT|BST)$/);
  const londonMinutes = [-2, -1, 0, 1].map((minutes) =>
    new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/London',
      timeZoneName: 'short',
    }).format(new Date(paidAround + minutes * 60_000)),
  );
  expect(londonMinutes).toContain(paidAt);

  const charges = await chargesFor(amountMinor, 'GBP');
  expect(charges).toHaveLength(1);
  // The reference: short, and the one of the attempt that was charged (its marker in Mews' notes),
  // as staff see it on the payment.
  const attemptId = /Mews Checkout attempt ([0-9a-f-]{36})/.exec(
    String(charges[0]?.request?.Notes),
  )?.[1];
  expect(attemptId).toBeDefined();
  await expect(page.getByTestId('receipt-reference')).toHaveText(paymentReference(attemptId)!);
  await expect(page.getByTestId('receipt-reference')).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  await expect(page.getByTestId('receipt')).not.toContainText(
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
    await expect(page.getByTestId('receipt-reference')).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
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

test('Pay on an empty form flags all four fields at once and takes the guest to the first', async ({
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
  await payButton(page).click();

  // One press: the card number and CVC (Secure Fields) together with expiry and name (our form).
  await expect(page.getByText('Enter a valid card number.')).toBeVisible();
  await expect(page.getByText('Enter the security code from the back of your card.')).toBeVisible();
  await expect(page.getByText('Enter the expiry date as MM/YY, for example 08/29.')).toBeVisible();
  await expect(page.getByText('Enter the name as it appears on the card.')).toBeVisible();
  for (const [box, error] of [
    ['#card-number-box', 'card-number-error'],
    ['#card-cvv-box', 'card-cvv-error'],
  ] as const) {
    await expect(page.locator(box)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(box)).toHaveAttribute('aria-describedby', error);
  }
  await expect(page.getByRole('group', { name: 'Card number' })).toHaveAccessibleDescription(
    'Enter a valid card number.',
  );
  await expect(page.getByLabel('Expiry date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Name on card')).toHaveAttribute('aria-invalid', 'true');
  // The focus is in the first field to fix: the card number's iframe, its box ringed.
  await expect(page.frameLocator('#card-number iframe').locator('input')).toBeFocused();
  await expect(page.locator('#card-number-box')).toHaveAttribute('data-focused', 'true');
  await expectAccessible(page, 'pay page with every field flagged');
  expect(actions).toEqual([]);

  // A valid number clears its own flag; the others stay until they are fixed.
  await page
    .frameLocator('#card-number iframe')
    .locator('input')
    .pressSequentially(CARD.visa, { delay: 2 });
  await page.getByLabel('Expiry date').focus();
  await expect(page.getByText('Enter a valid card number.')).toHaveCount(0);
  await expect(page.locator('#card-number-box')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#card-cvv-box')).toHaveAttribute('aria-invalid', 'true');

  // With only the CVC left, Pay takes the guest there (the expiry and name are filled first).
  await page.getByLabel('Expiry date').fill('12/30');
  await page.getByLabel('Name on card').fill('Alice Smith');
  await payButton(page).click();
  await expect(page.frameLocator('#card-cvv iframe').locator('input')).toBeFocused();
  await expect(page.getByText('Enter the security code from the back of your card.')).toBeVisible();
  await expect(page.getByText('Enter the expiry date as MM/YY, for example 08/29.')).toHaveCount(0);
  expect(actions).toEqual([]);
});

/** The container's ring as the browser draws it, and its contrast against what is behind it. */
async function focusRingOf(page: Page, selector: string) {
  return page.locator(selector).evaluate((box) => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 4).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    // The first opaque background around the box: what the ring is seen against.
    let behind = '';
    for (let el = box.parentElement; el && !behind; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      const alpha = rgb(bg)[3];
      if (bg !== 'transparent' && (alpha === undefined || alpha > 0.9)) behind = bg;
    }
    const style = getComputedStyle(box);
    const [a, b] = [
      luminance(rgb(style.outlineColor)),
      luminance(rgb(behind || 'rgb(255,255,255)')),
    ];
    return {
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    };
  });
}

test('the card number and CVC boxes show a focus ring while their iframe has the focus', async ({
  page,
  request,
}) => {
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    description: 'Deposit',
  });
  await page.goto(link.path);
  await waitForCardFields(page);
  expect((await focusRingOf(page, '#card-number-box')).style).toBe('none');

  await page.frameLocator('#card-number iframe').locator('input').click();
  const onNumber = await focusRingOf(page, '#card-number-box');
  expect(onNumber.style).toBe('solid');
  expect(onNumber.width).toBeGreaterThanOrEqual(2);
  expect(onNumber.contrast).toBeGreaterThanOrEqual(3);
  expect((await focusRingOf(page, '#card-cvv-box')).style).toBe('none');

  // By keyboard: Tab to the expiry (ours, ringed by CSS), then to the CVC iframe.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Expiry date')).toBeFocused();
  expect((await focusRingOf(page, '#card-number-box')).style).toBe('none');
  await page.keyboard.press('Tab');
  await expect(page.frameLocator('#card-cvv iframe').locator('input')).toBeFocused();
  const onCvv = await focusRingOf(page, '#card-cvv-box');
  expect(onCvv.style).toBe('solid');
  expect(onCvv.width).toBeGreaterThanOrEqual(2);
  expect(onCvv.contrast).toBeGreaterThanOrEqual(3);

  // Leaving the field takes the ring away.
  await page.getByLabel('Name on card').click();
  await expect(page.locator('#card-cvv-box')).not.toHaveAttribute('data-focused', 'true');
  expect((await focusRingOf(page, '#card-cvv-box')).style).toBe('none');
});
