import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import {
  CARD,
  chargesFor,
  expectAccessible,
  fillCard,
  payButton,
  SEED,
  waitForCardFields,
} from './support/guest';
import { cancelLink, createLink, uniqueAmountMinor } from './support/links';

/**
 * The hotel's face on the guest pages, set the way a hotel sets it: a manager on the Property
 * settings page (/staff/settings/property) and the logo upload behind it. Then, as a guest: the
 * logo, name, colour and contact on the pay page (axe-clean with a dark and a light colour), the
 * favicon, the hotel's phone and e-mail on the pages that end a guest's path, and a required
 * deposit policy that stops the payment until it is ticked. The settings are put back at the end:
 * the other journeys expect the plain look and no policy.
 */

test.describe.configure({ mode: 'serial' });

const MANAGER = DEMO_STAFF[0];
const alice = SEED.customers.alice;
const UNKNOWN_TOKEN = 'B'.repeat(43);

const HOTEL = {
  name: 'Hotel Aurora London',
  phone: '+44 20 7946 0958',
  email: 'frontdesk@aurora.example',
  website: 'https://aurora.example',
  address: '1 Aurora Street\nLondon W1 1AA',
};
const POLICY_EN = 'The deposit is refundable until 48 hours before arrival.';
const POLICY_NL = 'De aanbetaling wordt tot 48 uur voor aankomst terugbetaald.';
const DARK = '#1b2a4a';
const LIGHT = '#f3c84b';

interface PropertyForm {
  displayName?: string;
  brandColor?: string;
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  policyEn?: string;
  policyNl?: string;
  policyRequired?: boolean;
}

/** A manager's page on its own browser context, signed in once for the whole file. */
let manager: Page;

async function signInManager(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(MANAGER.email);
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  return page;
}

/** Fills the Property settings form with what is given (other fields as they are) and saves. */
async function saveProperty(form: PropertyForm): Promise<void> {
  await manager.goto('/staff/settings/property');
  await expect(manager.getByRole('heading', { level: 1, name: 'Property' })).toBeVisible();
  // The form fills its fields with the stored values when it starts: type only after that.
  await manager.waitForLoadState('networkidle');
  const fill = async (id: string, value: string | undefined) => {
    if (value === undefined) return;
    const field = manager.locator(`#${id}`);
    await expect(async () => {
      await field.fill(value);
      await expect(field).toHaveValue(value, { timeout: 1_000 });
    }).toPass();
  };
  await fill('property-name', form.displayName);
  await fill('property-color', form.brandColor);
  await fill('property-phone', form.phone);
  await fill('property-email', form.email);
  await fill('property-website', form.website);
  await fill('property-address', form.address);
  await fill('property-policy-en', form.policyEn);
  await fill('property-policy-nl', form.policyNl);
  if (form.policyRequired !== undefined)
    await manager.locator('#property-policy-required').setChecked(form.policyRequired);
  await manager.getByRole('button', { name: 'Save property settings' }).click();
  await expect(manager.getByTestId('property-message')).toHaveText(/^Saved/);
}

/** Uploads a logo through the page's file field, as a manager would. */
async function uploadLogo(): Promise<void> {
  const png = await sharp({
    create: { width: 320, height: 96, channels: 3, background: DARK },
  })
    .png()
    .toBuffer();
  await manager.goto('/staff/settings/property');
  await manager
    .getByTestId('logo-input')
    .setInputFiles({ name: 'aurora.png', mimeType: 'image/png', buffer: png });
  await expect(manager.getByTestId('current-logo')).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  manager = await signInManager(browser);
  await uploadLogo();
  await saveProperty({
    displayName: HOTEL.name,
    brandColor: DARK,
    phone: HOTEL.phone,
    email: HOTEL.email,
    website: HOTEL.website,
    address: HOTEL.address,
    policyEn: POLICY_EN,
    policyNl: POLICY_NL,
    policyRequired: false,
  });
});

test.afterAll(async () => {
  if (!manager) return;
  // The plain look again, for the journeys that run after this file.
  await saveProperty({
    displayName: '',
    brandColor: '',
    phone: '',
    email: '',
    website: '',
    address: '',
    policyRequired: false,
    policyEn: '',
    policyNl: '',
  });
  const remove = manager.getByRole('button', { name: 'Remove the logo' });
  if (await remove.count()) {
    await remove.click();
    await expect(manager.getByTestId('current-logo')).toHaveCount(0);
  }
  await manager.context().close();
});

async function expectContactLinks(page: Page, scope = page.getByTestId('status-contact')) {
  await expect(scope.locator(`a[href="tel:+442079460958"]`)).toHaveText(HOTEL.phone);
  await expect(scope.locator(`a[href="mailto:${HOTEL.email}"]`)).toHaveText(HOTEL.email);
}

async function newLink(request: Parameters<typeof createLink>[0], description = 'Deposit') {
  const amountMinor = uniqueAmountMinor(30_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description,
  });
  return { link, amountMinor };
}

test('the pay page wears the hotel: logo, name, colour, contact and favicon, axe-clean on a dark colour', async ({
  page,
  request,
}) => {
  const { link } = await newLink(request);
  await page.goto(link.path);

  const logo = page.getByTestId('hotel-logo');
  await expect(logo).toBeVisible();
  await expect(logo).toHaveAttribute('alt', HOTEL.name);
  await expect(logo).toHaveAttribute('width', /^\d+$/);
  await expect(logo).toHaveAttribute('height', /^\d+$/);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
    true,
  );
  await expect(page.getByTestId('hotel-name')).toHaveText(HOTEL.name);
  // The display name replaces Mews' enterprise name everywhere, the title included.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOTEL.name);
  await expect(page).toHaveTitle(new RegExp(HOTEL.name));
  await expect(page.getByText('Sandbox Hotel London')).toHaveCount(0);

  // The colour: on the band and on the pay button, with white text on the dark blue.
  await expect(page.getByTestId('hotel-band')).toHaveCSS('background-color', 'rgb(27, 42, 74)');
  await waitForCardFields(page);
  await expect(payButton(page)).toHaveCSS('background-color', 'rgb(27, 42, 74)');
  await expect(payButton(page)).toHaveCSS('color', 'rgb(255, 255, 255)');

  const contact = page.getByTestId('hotel-contact');
  await expect(contact.getByRole('heading')).toHaveText(`Contact ${HOTEL.name}`);
  await expectContactLinks(page, contact);
  await expect(contact.getByRole('link', { name: 'https://aurora.example' })).toHaveAttribute(
    'href',
    'https://aurora.example/',
  );
  await expect(contact).toContainText('1 Aurora Street');

  const favicon = page.locator('link[rel="icon"]');
  await expect(favicon).toHaveAttribute('href', /\/api\/property\/favicon\/[0-9a-f]+/);
  const icon = await request.get((await favicon.getAttribute('href')) as string);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/png');

  // Shown, not required: no box to tick, and the policy folded away.
  await expect(page.getByTestId('policy')).toBeVisible();
  await expect(page.getByTestId('policy-accept')).toHaveCount(0);

  await expectAccessible(page, `pay page, brand ${DARK}`);
});

test('a light colour gets dark text and stays axe-clean, on the pay page and the 404', async ({
  page,
  request,
}) => {
  await saveProperty({ brandColor: LIGHT });
  const { link } = await newLink(request);
  await page.goto(link.path);
  await waitForCardFields(page);
  await expect(payButton(page)).toHaveCSS('background-color', 'rgb(243, 200, 75)');
  await expect(payButton(page)).toHaveCSS('color', 'rgb(26, 26, 26)');
  await expect(page.getByTestId('hotel-band')).toHaveCSS('color', 'rgb(26, 26, 26)');
  await expectAccessible(page, `pay page, brand ${LIGHT}`);

  const response = await page.goto(`/pay/${UNKNOWN_TOKEN}`);
  expect(response?.status()).toBe(404);
  await expectAccessible(page, `not found, brand ${LIGHT}`);
  await saveProperty({ brandColor: DARK });
});

test('a required policy stops the payment until it is ticked, then the card is charged once', async ({
  page,
  request,
}) => {
  await saveProperty({ policyRequired: true });
  const { link, amountMinor } = await newLink(request, 'Deposit under the policy');
  await page.goto(link.path);

  const policy = page.getByTestId('policy');
  await expect(policy).toHaveAttribute('open', '');
  await expect(page.getByTestId('policy-text')).toHaveText(POLICY_EN);
  await expectAccessible(page, 'pay page with a required policy');

  await fillCard(page, { number: CARD.visa });
  await payButton(page).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'I accept the deposit policy' }),
  ).toHaveText('Please tick “I accept the deposit policy” to pay.');
  await expect(page.getByTestId('policy-accept')).toBeFocused();
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(0);

  await page.getByTestId('policy-accept').check();
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(1);
  // The receipt says how to reach the hotel too.
  await expectContactLinks(page);
  await expectAccessible(page, 'receipt, branded');
});

test('a policy the hotel did not write in the guest language is shown in its own, marked so', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const { link } = await newLink(request);
  await page.goto(link.path);
  await expect(page.getByTestId('policy-text')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('policy-text')).toHaveText(POLICY_EN);
  await expect(page.getByLabel('Ich akzeptiere die Anzahlungsbedingungen')).toBeVisible();
  await context.close();
  await saveProperty({ policyRequired: false });
});

test('canceled, expired and unknown links say how to reach the hotel', async ({
  page,
  request,
}) => {
  const canceled = await newLink(request, 'Deposit that is canceled');
  await cancelLink(request, canceled.link.id);
  await page.goto(canceled.link.path);
  await expect(page.getByTestId('link-canceled')).toBeVisible();
  await expectContactLinks(page);

  const expiring = await createLink(request, {
    customerId: alice.id,
    amountMinor: uniqueAmountMinor(),
    currency: 'GBP',
    description: 'Deposit that expires',
    expiresAt: new Date(Date.now() + 3_000).toISOString(),
  });
  await page.waitForTimeout(3_500);
  await page.goto(expiring.path);
  await expect(page.getByTestId('link-expired')).toBeVisible();
  await expectContactLinks(page);

  const response = await page.goto(`/pay/${UNKNOWN_TOKEN}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('link-not-found')).toContainText(
    `please contact ${HOTEL.name} at ${HOTEL.phone} or ${HOTEL.email}.`,
  );
  await expectContactLinks(page);
  // The frame is there on every guest page, the 404 included: logo, name and contact block.
  await expect(page.getByTestId('hotel-logo')).toBeVisible();
  await expect(page.getByTestId('hotel-contact')).toBeVisible();
  await expectAccessible(page, 'not found, branded');
});
