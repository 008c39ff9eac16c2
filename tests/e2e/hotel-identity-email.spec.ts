import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { E2E_APP_URL, E2E_SANDBOX_URL } from './support/e2e-env';
import { expectAccessible, fillCard, payButton, sandbox } from './support/guest';
import { waitForSandboxMail, type SandboxMail } from '../support/sandbox-mail';

/**
 * Issue 22's journey, as a hotel would live it on a fresh `npm start`: a manager gives the
 * property its name, logo, colour, contact and a required deposit policy; a clerk makes a link and
 * has it e-mailed; the e-mail arrives in the guest's language (Chloé's Mews profile is French) with
 * the hotel's look; the guest opens it, accepts the policy and pays; the receipt arrives; an
 * unpaid link is reminded when the hotel's (Mews') clock reaches a day before it expires; canceled
 * and unknown links say how to reach the hotel. Everything is read from the sandbox's mail
 * catcher, which is the SMTP server the app sends to.
 */

test.describe.configure({ mode: 'serial' });

const [MANAGER, FRONT_DESK] = DEMO_STAFF;
const chloe = SEED.customers.chloe;
const HOTEL = 'Hôtel Beaumont Riverside';
const BRAND = '#1b2a4a';
const PHONE = '+44 20 7946 0958';
const DESK_EMAIL = 'desk@beaumont-riverside.example';
const run = Date.now().toString(36);
const guestEmail = `chloe.${run}@example.com`;
const secondEmail = `chloe.reminder.${run}@example.com`;

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

async function staffPage(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: E2E_APP_URL });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

function mailTo(address: string, subject: RegExp, timeoutMs = 30_000): Promise<SandboxMail> {
  return waitForSandboxMail(
    E2E_SANDBOX_URL,
    (mail) => mail.to.includes(address) && subject.test(mail.subject),
    timeoutMs,
  );
}

function linkIn(mail: SandboxMail): string {
  const match = /https?:\/\/[^\s"<>]+\/pay\/[A-Za-z0-9_-]+/.exec(mail.text ?? '');
  expect(match, `a pay link in the text part of "${mail.subject}"`).not.toBeNull();
  return match![0];
}

async function saveProperty(page: Page) {
  await page.getByRole('button', { name: 'Save property settings' }).click();
  await expect(page.getByTestId('property-message')).toContainText('Saved');
}

async function createEmailedLink(
  page: Page,
  input: { amount: string; description: string; email: string; hours: number },
) {
  await page.goto(`/staff/customers/${chloe.id}`);
  await page.getByRole('tab', { name: 'Payment link' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Amount').fill(input.amount);
  await panel.getByLabel('Description (shown to the guest)').fill(input.description);
  await panel.getByLabel('Expires after (hours)').fill(String(input.hours));
  await expect(panel.getByLabel('E-mail the link to the guest')).toBeChecked();
  // Prefilled from Chloé's Mews profile; each run e-mails its own address.
  await expect(panel.getByLabel('Guest’s e-mail address')).toHaveValue(chloe.email);
  await panel.getByLabel('Guest’s e-mail address').fill(input.email);
  await expect(panel.getByLabel('Language of the e-mail')).toHaveValue('fr');
  await panel.getByRole('button', { name: 'Create payment link' }).click();
  await expect(page.getByTestId('created-link-emailed')).toContainText(input.email);
}

test('a manager brands the property, a clerk e-mails a link, the guest pays, is reminded and can always reach the hotel', async ({
  browser,
  page,
}) => {
  test.setTimeout(330_000);

  // The landing page of a fresh start leads to the back office and to the sandbox's inbox.
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Open the sandbox inbox' })).toHaveAttribute(
    'href',
    `${E2E_SANDBOX_URL}/_sandbox/mail`,
  );

  // The manager: name, colour, contact, a required policy in English and French, and a logo.
  const manager = await staffPage(browser, MANAGER);
  await manager.goto('/staff/settings/property');
  await manager.locator('#property-name').fill(HOTEL);
  await manager.locator('#property-color').fill(BRAND);
  await manager.locator('#property-phone').fill(PHONE);
  await manager.locator('#property-email').fill(DESK_EMAIL);
  await manager.locator('#property-website').fill('https://beaumont-riverside.example');
  await manager.locator('#property-address').fill('1 River Walk\nLondon SE1 9PX');
  await manager
    .getByLabel('Policy in English')
    .fill('The deposit is refundable until 7 days before arrival.');
  await manager
    .getByLabel('Policy in Français')
    .fill('L’acompte est remboursable jusqu’à 7 jours avant l’arrivée.');
  await manager.locator('#property-policy-required').check();
  await saveProperty(manager);
  const logo = await sharp({
    create: { width: 600, height: 200, channels: 4, background: BRAND },
  })
    .png()
    .toBuffer();
  await manager
    .getByTestId('logo-input')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
  await expect(manager.getByTestId('current-logo')).toBeVisible({ timeout: 20_000 });

  // The clerk makes a link for Chloé and has it e-mailed.
  const clerk = await staffPage(browser, FRONT_DESK);
  await createEmailedLink(clerk, {
    amount: '120.00',
    description: `Deposit ${run}`,
    email: guestEmail,
    hours: 72,
  });

  // It arrives in French, with the hotel's name, logo, colour and contact.
  const linkMail = await mailTo(guestEmail, /lien de paiement/);
  expect(linkMail.subject).toContain(HOTEL);
  expect(linkMail.subject).toMatch(/120[,.]00/);
  expect(linkMail.html).toContain('/api/property/logo/');
  expect(linkMail.html?.toLowerCase()).toContain(BRAND);
  expect(linkMail.text).toContain(PHONE);
  expect(linkMail.text).toContain(DESK_EMAIL);
  const payUrl = linkIn(linkMail);

  // The guest, on a phone in French, opens it: the hotel's face, the policy to accept, then pays.
  const guestContext = await browser.newContext({
    baseURL: E2E_APP_URL,
    locale: 'fr-FR',
    viewport: { width: 390, height: 844 },
  });
  const guest = await guestContext.newPage();
  await guest.goto(payUrl);
  await expect(guest.getByRole('banner')).toContainText(HOTEL);
  await expect(guest.locator('img[src*="/api/property/logo/"]').first()).toBeVisible();
  await expect(guest.locator('link[rel="icon"][href*="/api/property/favicon/"]')).toHaveCount(1);
  await expect(guest.getByText('L’acompte est remboursable')).toBeVisible();
  await expect(guest.getByRole('contentinfo')).toContainText(PHONE);
  await expectAccessible(guest, 'branded pay page');
  await fillCard(
    guest,
    { number: '4242424242424242', name: 'Chloé Martin' },
    { expiry: 'Date d’expiration', name: 'Nom sur la carte' },
  );
  await payButton(guest).click();
  await expect(
    guest.getByText('Veuillez cocher « J’accepte les conditions d’acompte »'),
  ).toBeVisible();
  await guest.getByLabel('J’accepte les conditions d’acompte').check();
  await payButton(guest).click();
  await expect(guest.getByTestId('receipt')).toBeVisible({ timeout: 30_000 });

  // The receipt e-mail follows, in French.
  const receipt = await mailTo(guestEmail, /reçu/);
  expect(receipt.subject).toContain(HOTEL);
  expect(receipt.text ?? '').not.toMatch(/4242\s?4242\s?4242/);

  // A second link left unpaid, due in 30 hours: reminded once Mews' clock is a day before.
  await createEmailedLink(clerk, {
    amount: '80.00',
    description: `Balance ${run}`,
    email: secondEmail,
    hours: 30,
  });
  const secondLinkMail = await mailTo(secondEmail, /lien de paiement/);
  const secondUrl = linkIn(secondLinkMail);
  await sandbox.advanceClock(7 * 3600);
  const reminder = await mailTo(secondEmail, /rappel/, 60_000);
  expect(reminder.subject).toContain(HOTEL);
  expect(linkIn(reminder)).toBe(secondUrl);

  // Canceled: the guest who had been sent it hears so, and the page says how to reach the hotel.
  await clerk.goto('/staff/links');
  const row = clerk
    .getByTestId('links-table')
    .getByRole('row', { name: new RegExp(`Balance ${run}`) });
  await row.getByRole('button', { name: /Cancel/ }).click();
  await clerk.getByRole('dialog').getByRole('button', { name: 'Cancel link' }).click();
  await expect(row).toContainText('Canceled', { timeout: 20_000 });
  // The notice waits out the minute in which the cancel can be undone.
  await mailTo(secondEmail, /annulé/, 120_000);
  await guest.goto(secondUrl);
  await expect(guest.getByTestId('link-canceled')).toContainText(PHONE);
  await expect(guest.getByTestId('link-canceled')).toContainText(DESK_EMAIL);

  // An unknown link says the same.
  await guest.goto(`/pay/${'x'.repeat(43)}`);
  await expect(guest.getByTestId('link-not-found')).toContainText(PHONE);

  // The journey leaves the shared app as it found it: other journeys pay without a policy.
  await manager.goto('/staff/settings/property');
  await manager.locator('#property-policy-required').uncheck();
  await manager.locator('#property-name').fill('');
  await saveProperty(manager);
  await guestContext.close();
});
