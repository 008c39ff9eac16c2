import { expect, test } from '@playwright/test';
import { CARDS } from '../../sandbox/test-cards';
import { E2E_SANDBOX_URL } from './support/e2e-env';
import { chargesFor, fillCard, payButton, SEED } from './support/guest';
import { createLink, readLink, uniqueAmountMinor } from './support/links';

/**
 * SCA by e-mail (Mews help centre, "PSD2 compliance" and "3DS FAQ"): the guest's card issuer
 * wants them to authenticate the charge, Mews holds the payment in `Verifying` and e-mails them a
 * verification link. The pay page says where the next step is (their inbox, a link from the
 * hotel, valid 24 hours), not to pay again, and turns to the receipt by itself once they verify.
 * The sandbox lists the link Mews would have e-mailed at `GET /_sandbox/verifications`.
 */

const alice = SEED.customers.alice;
const HOTEL = 'Sandbox Hotel London (Gross pricing)';

interface Verification {
  paymentId: string;
  customerId: string;
  url: string;
  expiresUtc: string;
  state: string;
}

async function verificationsOf(customerId: string): Promise<Verification[]> {
  const response = await fetch(
    `${E2E_SANDBOX_URL}/_sandbox/verifications?customerId=${encodeURIComponent(customerId)}`,
  );
  expect(response.ok).toBe(true);
  return ((await response.json()) as { verifications: Verification[] }).verifications;
}

test('a guest whose bank asks for verification is sent to their e-mail, verifies, and the page shows the receipt', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const amountMinor = uniqueAmountMinor(18_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit needing card verification',
  });
  await page.goto(link.path);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await fillCard(page, { number: CARDS.visaVerifying });
  await payButton(page).click();

  // Not "we are confirming": the next step is in the guest's inbox.
  const notice = page.getByTestId('payment-verifying');
  await expect(notice).toBeVisible();
  await expect(
    notice.getByRole('heading', { name: 'Confirm this payment with your bank' }),
  ).toBeVisible();
  await expect(notice).toContainText(
    `Look in your e-mail for a message from ${HOTEL} with a verification link`,
  );
  await expect(notice).toContainText('Please do not pay again');
  await expect(notice).toContainText('This page updates by itself');
  // Until when, in the hotel's time zone (London), once the page has it from the server.
  await expect(page.getByTestId('verification-valid-until')).toContainText(
    /valid for 24 hours, until .*(GMT|BST|UTC)/,
    { timeout: 20_000 },
  );
  await expect(payButton(page)).toHaveCount(0);
  expect((await readLink(request, link.id)).state).toBe('processing');

  // Opened again (another tab, a reload): the same notice, rendered by the server.
  await page.reload();
  await expect(page.getByTestId('payment-verifying')).toBeVisible();
  await expect(page.getByTestId('verification-valid-until')).toContainText(/until .*(GMT|BST|UTC)/);
  await expect(payButton(page)).toHaveCount(0);

  // The e-mail Mews would have sent: the sandbox lists its link.
  const [charge] = await chargesFor(amountMinor, 'GBP');
  const paymentId = String(charge?.response?.PaymentId);
  const verification = (await verificationsOf(alice.id)).find((v) => v.paymentId === paymentId);
  expect(verification?.state).toBe('Verifying');

  const mail = await context.newPage();
  await mail.goto(verification!.url);
  await expect(mail.getByRole('heading', { name: 'Verify your card payment' })).toBeVisible();
  await mail.getByRole('button', { name: 'Verify payment' }).click();
  await expect(mail.getByRole('heading', { name: 'Payment verified' })).toBeVisible();
  await mail.close();

  // The pay page keeps polling and turns by itself (its poll backs off to 15 s).
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible({
    timeout: 45_000,
  });
  expect((await readLink(request, link.id)).state).toBe('paid');
  await expect(page.getByTestId('receipt-reference')).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  // Charged once: the guest never paid again.
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(1);
});
