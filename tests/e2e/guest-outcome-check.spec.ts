import { expect, test } from '@playwright/test';
import { E2E_SANDBOX_URL } from './support/e2e-env';
import { CARD, chargesFor, fillCard, payButton, SEED } from './support/guest';
import { createLink, readLink, uniqueAmountMinor } from './support/links';

/**
 * A guest on a phone whose charge got a `500` from Mews: the answer is lost, so the page may not
 * say "failed" (the money may have moved) and tells them not to pay again. It must not leave them
 * there for the reconciler's horizon: the server reads Mews back while the page polls, the page
 * counts down the check (at most a minute after the lost answer), and once Mews shows nothing was
 * charged the link opens again and the same card pays, charged exactly once.
 */

const alice = SEED.customers.alice;

async function addFault(fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${E2E_SANDBOX_URL}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.ok).toBe(true);
}

test('after a 500 on the charge, the guest sees a countdown, is released within two minutes and pays once', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const amountMinor = uniqueAmountMinor(31_000);
  const link = await createLink(request, {
    customerId: alice.id,
    amountMinor,
    currency: 'GBP',
    description: 'Deposit',
  });
  await page.goto(link.path);
  await fillCard(page, { number: CARD.visa });
  await addFault({ operation: 'creditCards/charge', kind: '500', count: 1 });
  const clickedAt = Date.now();
  await payButton(page).click();

  const check = page.getByTestId('outcome-check');
  await expect(check).toBeVisible({ timeout: 20_000 });
  await expect(check).toContainText('Please do not pay again until the check is done.');
  const countdown = page.getByTestId('outcome-check-countdown');
  await expect(countdown).toHaveText(/This takes at most \d+ more seconds?\./);
  const shown = Number(/(\d+)/.exec((await countdown.textContent()) ?? '')?.[1]);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThanOrEqual(60);
  // Nothing to pay with while the check runs, and the link is held.
  await expect(payButton(page)).toBeHidden();
  expect((await readLink(request, link.id)).state).toBe('processing');

  // Mews has no charge: the page itself releases the link once the check is over.
  await expect(page.getByTestId('payment-failure')).toContainText('no money was taken', {
    timeout: 100_000,
  });
  const blockedMs = Date.now() - clickedAt;
  expect(blockedMs).toBeLessThan(120_000);
  test.info().annotations.push({
    type: 'blocked',
    description: `guest blocked ${Math.round(blockedMs / 1000)} s`,
  });
  expect((await readLink(request, link.id)).state).toBe('open');

  await fillCard(page, { number: CARD.visa });
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible({
    timeout: 20_000,
  });
  expect(await chargesFor(amountMinor, 'GBP')).toHaveLength(2);
  const charged = (await chargesFor(amountMinor, 'GBP')).filter((entry) => entry.status === 200);
  expect(charged).toHaveLength(1);
});
