import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { CARD, waitForCardFields } from './support/guest';
import { createLink, uniqueAmountMinor } from './support/links';

/**
 * The Secure Fields boxes of both card forms look and behave like the inputs around them: the
 * same height, border and radius as the expiry input, the text inside the iframe in the same font
 * and size (not the browser's serif) and centred, a focus ring while the iframe has the focus, the
 * brands accepted before typing and the detected brand as a named icon.
 */

const [, FRONT_DESK] = DEMO_STAFF;
const alice = SEED.customers.alice;

interface Look {
  height: number;
  borderWidth: string;
  borderColor: string;
  borderRadius: string;
  fontSize: string;
  fontFamily: string;
}

async function lookOf(page: Page, selector: string): Promise<Look> {
  return page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      height: el.getBoundingClientRect().height,
      borderWidth: s.borderTopWidth,
      borderColor: s.borderTopColor,
      borderRadius: s.borderTopLeftRadius,
      fontSize: s.fontSize,
      fontFamily: s.fontFamily,
    };
  });
}

/** The box looks like the form's own input, and the text inside its iframe like the input's text. */
async function expectLikeTheInput(
  page: Page,
  field: { box: string; frame: string },
  input: string,
) {
  const [box, other] = [await lookOf(page, field.box), await lookOf(page, input)];
  expect(Math.abs(box.height - other.height), `${field.box} height`).toBeLessThanOrEqual(0.5);
  expect(box.borderWidth).toBe(other.borderWidth);
  expect(box.borderColor).toBe(other.borderColor);
  expect(box.borderRadius).toBe(other.borderRadius);

  const inner = await page
    .frameLocator(`${field.frame} iframe`)
    .locator('input')
    .evaluate((el) => {
      const s = getComputedStyle(el);
      const placeholder = getComputedStyle(el, '::placeholder');
      return { fontSize: s.fontSize, fontFamily: s.fontFamily, placeholder: placeholder.color };
    });
  expect(inner.fontSize).toBe(other.fontSize);
  expect(inner.fontFamily.split(',')[0]?.trim()).toBe(other.fontFamily.split(',')[0]?.trim());
  // Not the browser's default serif the staff form used to show.
  expect(inner.fontFamily).not.toMatch(/^\s*"?(Times|serif)/i);
  expect(inner.placeholder).toBe('rgb(107, 114, 128)');

  // The frame sits in the middle of the box, not stuck to its top.
  const [outer, frame] = await Promise.all([
    page.locator(field.box).boundingBox(),
    page.locator(`${field.frame} iframe`).boundingBox(),
  ]);
  const above = frame!.y - outer!.y;
  const below = outer!.y + outer!.height - (frame!.y + frame!.height);
  expect(Math.abs(above - below), `${field.box} text centred`).toBeLessThanOrEqual(1.5);
}

async function ringOf(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
}

test('staff: the new-card form has the same field styles as the guest form', async ({ page }) => {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(FRONT_DESK!.email);
  await page.getByLabel('Password', { exact: true }).fill(FRONT_DESK!.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.goto(`/staff/customers/${alice.id}`);
  await page.getByRole('tab', { name: 'New card' }).click();
  await expect(page.locator('#staff-card-number iframe')).toHaveCount(1);
  await expect(page.locator('#staff-card-cvv iframe')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Review charge' })).toBeVisible();

  const expiry = '#new-card-expiry';
  await expectLikeTheInput(
    page,
    { box: '#staff-card-number-box', frame: '#staff-card-number' },
    expiry,
  );
  await expectLikeTheInput(page, { box: '#staff-card-cvv-box', frame: '#staff-card-cvv' }, expiry);

  const accepted = page.getByRole('list', { name: 'Cards accepted' });
  await expect(accepted.getByRole('img', { name: 'Visa', exact: true })).toBeVisible();
  await expect(accepted.getByRole('img', { name: 'Mastercard', exact: true })).toBeVisible();

  // A focus ring from Secure Fields' focus event, gone on blur.
  const number = page.frameLocator('#staff-card-number iframe').locator('input');
  await number.click();
  const ring = await ringOf(page, '#staff-card-number-box');
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await number.pressSequentially(CARD.visa, { delay: 2 });
  await expect(page.locator('#staff-card-number-box').getByRole('img')).toHaveAccessibleName(
    'Visa',
  );
  await page.locator(expiry).click();
  expect((await ringOf(page, '#staff-card-number-box')).style).toBe('none');
  await page.frameLocator('#staff-card-cvv iframe').locator('input').click();
  expect((await ringOf(page, '#staff-card-cvv-box')).style).toBe('solid');
});

test('guest: the card boxes look like the expiry and name inputs', async ({ page, request }) => {
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    description: 'Deposit',
  });
  await page.goto(link.path);
  await waitForCardFields(page);
  await expectLikeTheInput(
    page,
    { box: '#card-number-box', frame: '#card-number' },
    '#card-expiry',
  );
  await expectLikeTheInput(page, { box: '#card-cvv-box', frame: '#card-cvv' }, '#card-expiry');
});
