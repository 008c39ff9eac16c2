import { expect, test } from '@playwright/test';
import {
  CARD,
  chargesFor,
  expectAccessible,
  fillCard,
  payButton,
  sandbox,
  SEED,
  waitForCardFields,
} from './support/guest';
import { cancelLink, createLink, uniqueAmountMinor } from './support/links';

/**
 * The guest pages as pages: languages, 404, accessibility (axe, keyboard), a phone-sized screen,
 * no layout shift when the card iframes arrive, the printable receipt, and the give-up message
 * when a payment stays unconfirmed.
 */

const alice = SEED.customers.alice;
const bob = SEED.customers.bob;
const UNKNOWN_TOKEN = 'A'.repeat(43);

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('an unknown link is a real 404 page in the guest language', async ({ page }) => {
    for (const path of [
      `/pay/${UNKNOWN_TOKEN}`,
      '/pay/not-a-token',
      `/pay/${UNKNOWN_TOKEN}/return`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Zahlungslink nicht gefunden',
      );
    }
    await expectAccessible(page, 'not found (de)');
  });

  test('the language follows the browser and the picker switches it, cookie and <html lang> included', async ({
    page,
    request,
    context,
  }) => {
    const link = await createLink(request, {
      customerId: bob.id,
      amountMinor: uniqueAmountMinor(),
      currency: 'EUR',
      description: 'Anzahlung',
    });
    await page.goto(link.path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { name: 'Mit Karte bezahlen' })).toBeVisible();
    await expect(page.getByTestId('amount')).toContainText(/\d+,\d{2}\s€/);
    await waitForCardFields(page);

    await page.getByRole('button', { name: /Français/ }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { name: 'Payer par carte' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Français/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
    // The card fields are rebuilt with French labels.
    await expect(page.locator('#card-number iframe')).toHaveAttribute('title', 'Numéro de carte');
    expect((await context.cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('fr');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await waitForCardFields(page);
    await expectAccessible(page, 'pay page (fr)');

    await page.getByRole('button', { name: /Čeština/ }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
    await expect(page.getByRole('heading', { name: 'Zaplatit kartou' })).toBeVisible();
  });
});

test('the pay page and the receipt are axe-clean, keyboard-only payable, and the iframes do not shift the layout', async ({
  page,
  request,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >) {
        if (!entry.hadRecentInput) w.__cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const amountMinor = uniqueAmountMinor(80_000);
  const link = await createLink(request, {
    customerId: alice.id,
    reservationId: SEED.reservations.aliceLondon.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit for reservation SBX-1001',
    allowDuplicate: true,
    keepOpenWhenSiblingPaid: true,
  });
  await page.goto(link.path);
  await waitForCardFields(page);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(
    0.05,
  );
  await expectAccessible(page, 'pay page (en)');
  await expect(page.locator('#card-number iframe')).toHaveAttribute('title', 'Card number');
  await expect(page.locator('#card-cvv iframe')).toHaveAttribute('title', 'Security code (CVC)');

  // Keyboard only: Tab into the card number iframe, then through expiry, CVC and name; Enter pays.
  const inCardNumber = () =>
    page.evaluate(
      () =>
        document.activeElement?.tagName === 'IFRAME' &&
        document.activeElement.parentElement?.id === 'card-number',
    );
  for (let i = 0; i < 20 && !(await inCardNumber()); i++) await page.keyboard.press('Tab');
  expect(await inCardNumber()).toBe(true);
  await page.keyboard.type(CARD.visa, { delay: 2 });
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Expiry date')).toBeFocused();
  await page.keyboard.type('1230');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Name on card')).toBeFocused();
  await page.keyboard.type('Alice Smith');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(1);
  // The refresh that brings the receipt streams its metadata after the body: wait for the title.
  await expect(page).toHaveTitle(/\S/);
  await expectAccessible(page, 'receipt (en)');

  // Printable: the Print button prints, and print media hides everything but the receipt.
  await page.evaluate(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Print receipt' }).click();
  expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeHidden();
  await expect(page.getByRole('button', { name: /English/ })).toBeHidden();
  await expect(page.getByTestId('receipt-reference')).toBeVisible();
});

test.describe('on a 375-px phone in Dutch', () => {
  test.use({ viewport: { width: 375, height: 740 }, locale: 'nl-NL' });

  test('everything fits the screen and a card payment works', async ({ page, request }) => {
    const amountMinor = uniqueAmountMinor(90_000);
    const link = await createLink(request, {
      customerId: bob.id,
      amountMinor,
      currency: 'EUR',
      description: 'Aanbetaling voor reservering SBX-1002',
    });
    await page.goto(link.path);
    await waitForCardFields(page);
    const fits = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await expectAccessible(page, 'pay page (nl, 375px)');
    await fillCard(
      page,
      { number: CARD.visa, name: 'Bob Jansen' },
      { expiry: 'Vervaldatum', name: 'Naam op de kaart' },
    );
    await payButton(page).scrollIntoViewIfNeeded();
    await payButton(page).click();
    await expect(page.getByRole('heading', { name: 'Betaling ontvangen' })).toBeVisible();
    expect(await fits()).toBe(true);
    expect(await chargesFor(amountMinor, 'EUR')).toHaveLength(1);
  });
});

test('a payment that stays unconfirmed for minutes says the hotel will confirm by email, and can check again', async ({
  page,
  request,
}) => {
  await sandbox.updateSettings({ pendingSettleSeconds: 3_600 });
  try {
    await page.clock.install();
    const amountMinor = uniqueAmountMinor(95_000);
    const link = await createLink(request, {
      customerId: alice.id,
      amountMinor,
      currency: 'GBP',
      description: 'Deposit',
    });
    await page.goto(link.path);
    await fillCard(page, { number: CARD.pending });
    await payButton(page).click();
    await expect(page.getByTestId('payment-in-progress')).toContainText(
      'We are confirming your payment',
    );
    await page.clock.fastForward('03:05');
    await expect(page.getByTestId('payment-in-progress')).toContainText(
      'Sandbox Hotel London (Gross pricing) will confirm your payment by email.',
    );
    await expect(page.getByTestId('payment-in-progress')).toContainText('Please do not pay again.');
    await expectAccessible(page, 'pay page (unconfirmed)');

    const [charge] = await chargesFor(amountMinor, 'GBP');
    await sandbox.settlePayments([String(charge?.response?.PaymentId)]);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible({
      timeout: 20_000,
    });
  } finally {
    await sandbox.updateSettings({ pendingSettleSeconds: 60 });
  }
});

test('an expired link says so and offers no way to pay', async ({ page, request }) => {
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    description: 'Deposit that expires',
    expiresAt: new Date(Date.now() + 3_000).toISOString(),
  });
  await page.waitForTimeout(3_500);
  await page.goto(link.path);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This payment link has expired' }),
  ).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /pay/i })).toHaveCount(0);
  await expectAccessible(page, 'expired link');
});

test('a link the hotel canceled says so and offers no way to pay', async ({ page, request }) => {
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    description: 'Deposit that is canceled',
  });
  await cancelLink(request, link.id);
  await page.goto(link.path);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This payment link was canceled' }),
  ).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  await expectAccessible(page, 'canceled link');
});
