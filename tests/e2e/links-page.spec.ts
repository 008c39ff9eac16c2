import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { E2E_SANDBOX_URL } from './support/e2e-env';
import { readSandboxMail, waitForSandboxMail, type SandboxMail } from '../support/sandbox-mail';

/**
 * Issue 23's links page as a clerk uses it, at 1280 px and at 390 px: a link is made right on the
 * page by picking reservation SBX-1002 (Bob), with the warning that the reservation already has a
 * deposit link; it is listed with Bob's name and reservation; it is e-mailed, sent again, shown as
 * a QR code, canceled (after a question) and the cancel undone within the minute, before Bob hears
 * of it.
 */

test.describe.configure({ mode: 'serial' });

const FRONT_DESK = DEMO_STAFF[1];
const run = Date.now().toString(36);

async function signIn(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(FRONT_DESK.email);
  await page.getByLabel('Password', { exact: true }).fill(FRONT_DESK.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
}

function mailsTo(address: string): Promise<SandboxMail[]> {
  return readSandboxMail(E2E_SANDBOX_URL).then((mails) =>
    mails.filter((mail) => mail.to.includes(address)),
  );
}

function linkIn(mail: SandboxMail): string {
  const match = /https?:\/\/[^\s"<>]+\/pay\/[A-Za-z0-9_-]+/.exec(mail.text ?? '');
  expect(match, `a pay link in "${mail.subject}"`).not.toBeNull();
  return match![0];
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`links page at ${viewport.width} px: create for SBX-1002, e-mail, send again, QR, cancel and undo`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page);
    await page.goto('/staff/links');
    await expect(page.getByRole('heading', { level: 1, name: 'Payment links' })).toBeVisible();
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page);

    // New payment link, right on the page: pick the reservation by its number.
    await page.getByRole('button', { name: 'New payment link' }).click();
    await page.getByRole('combobox', { name: 'Guest or reservation' }).fill('SBX-1002');
    await page.getByRole('option', { name: /SBX-1002 · Bob Jansen/ }).click();
    await expect(page.getByTestId('link-form-for')).toHaveText(
      'For Bob Jansen, reservation SBX-1002',
    );
    const description = `Deposit ${run} ${viewport.name}`;
    const form = page.getByRole('form', { name: 'Create a payment link' });
    await form.getByLabel('Amount').fill('240.50');
    await form.getByLabel('Currency').selectOption('EUR');
    await form.getByLabel('Description (shown to the guest)').fill(description);
    await expect(form.getByLabel('What the link is for')).toHaveValue('deposit');
    // E-mailed later from the list, to an address of this run.
    await form.getByLabel('E-mail the link to the guest').uncheck();
    await form.getByRole('button', { name: 'Create payment link' }).click();

    // SBX-1002 already has a deposit link (the demo link, or one an earlier journey made): warned,
    // nothing made yet.
    const warning = page.getByTestId('duplicate-link-warning');
    await expect(warning).toContainText(
      /SBX-1002 already has (an open|a paid) deposit link of €[\d,.]+ \((expires|paid) \d{1,2} \w{3}\)/,
    );
    await expect(page.getByTestId('created-link')).toHaveCount(0);
    await warning.getByLabel('Create anyway').check();
    await form.getByRole('button', { name: 'Create payment link' }).click();
    await expect(page.getByTestId('created-link-url')).toContainText('/pay/');
    await expect(page.getByTestId('link-qr').locator('svg')).toBeVisible();
    await expectAxeClean(page);

    // Listed with the guest's name and reservation number, by whom, waiting for payment.
    const row = page.getByTestId('links-table').getByRole('row', { name: new RegExp(description) });
    await expect(row).toContainText('Bob Jansen');
    await expect(row).toContainText('Reservation SBX-1002');
    await expect(row).toContainText('240.50 EUR');
    await expect(row).toContainText(`by ${FRONT_DESK.name}`);
    await expect(row.getByTestId('link-status')).toContainText('Waiting for the guest to pay');
    await expect(row.getByTestId('link-email-state')).toContainText('Not e-mailed');

    // E-mail it: a link never e-mailed gets a new address, and says so first.
    const address = `bob.${run}.${viewport.name}@example.com`;
    await row.getByRole('button', { name: /to the guest/ }).click();
    const sendDialog = page.getByRole('dialog');
    await expect(sendDialog.getByTestId('send-link-new-address')).toBeVisible();
    await sendDialog.getByLabel('Guest’s e-mail address').fill(address);
    await sendDialog.getByRole('button', { name: 'Send with a new address' }).click();
    const first = await waitForSandboxMail(
      E2E_SANDBOX_URL,
      (mail) => mail.to.includes(address),
      30_000,
    );
    const emailedUrl = linkIn(first);
    await expect(row.getByTestId('link-email-state')).toContainText(address, { timeout: 20_000 });

    // "Send again": the same link, a second e-mail.
    await row.getByRole('button', { name: /again/ }).click();
    const againDialog = page.getByRole('dialog');
    await expect(againDialog.getByLabel('Guest’s e-mail address')).toHaveValue(address);
    await againDialog.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(async () => (await mailsTo(address)).length, { timeout: 30_000 }).toBe(2);
    expect(linkIn((await mailsTo(address))[1]!)).toBe(emailedUrl);

    // "Show QR / copy": the address Bob was e-mailed, with its QR code.
    await row.getByRole('button', { name: /Show the QR code/ }).click();
    const qrDialog = page.getByRole('dialog');
    await expect(qrDialog.getByTestId('shown-link-url')).toHaveText(emailedUrl);
    await expect(qrDialog.getByTestId('shown-link-qr').locator('svg')).toBeVisible();
    await expectAxeClean(page);
    await qrDialog.getByRole('button', { name: 'Close' }).click();

    // Cancel asks first; then it can be undone for a minute, before Bob is told.
    await row.getByRole('button', { name: /^Cancel/ }).click();
    const cancelDialog = page.getByRole('dialog');
    await expect(cancelDialog).toContainText('You can undo this for one minute');
    await cancelDialog.getByRole('button', { name: 'Cancel link' }).click();
    await expect(row.getByTestId('link-status')).toContainText(`Canceled by ${FRONT_DESK.name}`);
    const undo = row.getByRole('button', { name: /Undo canceling/ });
    await expect(undo).toContainText(/Undo \(\d+ s\)/);
    await expectAxeClean(page);
    await undo.click();
    await expect(row.getByTestId('link-status')).toContainText('Waiting for the guest to pay', {
      timeout: 20_000,
    });
    // The cancellation notice was never sent: it shows as "Not sent" among the link's e-mails.
    await row.getByRole('button', { name: /E-mails \(/ }).click();
    const emails = page.locator(
      `[id="${(await row.getAttribute('id'))!.replace('link-', 'link-emails-')}"]`,
    );
    await expect(emails).toContainText('Cancellation notice');
    await expect(emails).toContainText('Not sent');
    expect(
      (await mailsTo(address)).filter((mail) => /cancel|geannuleerd/i.test(mail.subject)),
    ).toEqual([]);
    await expectNoSidewaysScroll(page);

    // Found again by the guest's name and by the reservation number.
    await page.getByLabel('Guest, reservation number or description').fill('bob jansen');
    await expect(
      page.getByTestId('links-table').getByRole('row', { name: new RegExp(description) }),
    ).toBeVisible();
    await page.getByLabel('Guest, reservation number or description').fill(description);
    await expect(page.getByTestId('links-table').locator('tbody > tr[data-link-id]')).toHaveCount(
      1,
    );

    // Leave it canceled, so the next journeys find SBX-1002 as before.
    await row.getByRole('button', { name: /^Cancel/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel link' }).click();
    await expect(row.getByTestId('link-status')).toContainText('Canceled');
  });
}
