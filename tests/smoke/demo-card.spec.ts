import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  platformProblem,
  SMOKE_ACCESS_TOKEN,
  SMOKE_API_KEY,
  SMOKE_CLIENT_TOKEN,
  SMOKE_CUSTOMER,
  SMOKE_PLATFORM_URL,
} from './smoke-env';

/**
 * A guest pays a payment link by card against real Mews (demo), through PCI Proxy's real Secure
 * Fields script (its sandbox, chosen by the Mews mode) and PCI Proxy's Visa test card.
 */

const TEST_CARD = { number: '4242424242424242', cvv: '123', expiry: '12/30' };

async function connector<T>(
  request: APIRequestContext,
  operation: string,
  body: Record<string, unknown>,
): Promise<T> {
  const response = await request.post(`${SMOKE_PLATFORM_URL}/api/connector/v1/${operation}`, {
    data: {
      ClientToken: SMOKE_CLIENT_TOKEN,
      AccessToken: SMOKE_ACCESS_TOKEN,
      Client: 'Mews Checkout browser smoke',
      ...body,
    },
  });
  expect(response.status(), `${operation}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

/** The smoke customer, found by e-mail or added once (like `npm run smoke`). */
async function smokeCustomerId(request: APIRequestContext): Promise<string> {
  const found = await connector<{ Customers: Array<{ Id: string }> }>(request, 'customers/getAll', {
    Emails: [SMOKE_CUSTOMER.email],
    Limitation: { Count: 10 },
  });
  if (found.Customers[0]) return found.Customers[0].Id;
  const added = await connector<{ Id: string }>(request, 'customers/add', {
    FirstName: SMOKE_CUSTOMER.firstName,
    LastName: SMOKE_CUSTOMER.lastName,
    Email: SMOKE_CUSTOMER.email,
    OverwriteExisting: false,
  });
  return added.Id;
}

const problem = platformProblem();
// Decided before any fixture: offline, no browser is launched and no app was started.
test.skip(
  problem !== null,
  `Skipped: the Mews platform ${SMOKE_PLATFORM_URL} is ${problem}. The browser smoke needs the internet (and valid tokens).`,
);

test('a guest pays a demo link by card through PCI Proxy Secure Fields', async ({
  page,
  request,
}) => {
  const configuration = await connector<{
    Enterprise: { Currencies: Array<{ Currency: string; IsDefault: boolean; IsEnabled: boolean }> };
    PaymentCardStorage: { PublicKey: string } | null;
  }>(request, 'configuration/get', {});
  test.skip(
    configuration.PaymentCardStorage === null,
    'Skipped: this enterprise has no card storage (PaymentCardStorage is null), so it takes no cards.',
  );
  const currency =
    configuration.Enterprise.Currencies.find((c) => c.IsDefault && c.IsEnabled)?.Currency ?? 'EUR';

  const created = await request.post('/api/v1/payment-links', {
    headers: { Authorization: `Bearer ${SMOKE_API_KEY}` },
    data: {
      customerId: await smokeCustomerId(request),
      amountMinor: 100,
      currency,
      description: 'Mews Checkout browser smoke',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const link = (await created.json()) as { url: string };

  await page.goto(new URL(link.url).pathname);
  // The real script, from PCI Proxy's sandbox: Mews demo stores cards there.
  await expect(page.locator('script[src*="pay.sandbox.datatrans.com"]')).toHaveCount(1);
  const numberFrame = page.frameLocator('#card-number iframe');
  await expect(page.locator('#card-number iframe')).toHaveAttribute('src', /datatrans\.com/);
  await numberFrame.locator('input').first().pressSequentially(TEST_CARD.number, { delay: 20 });
  await page
    .frameLocator('#card-cvv iframe')
    .locator('input')
    .first()
    .pressSequentially(TEST_CARD.cvv, { delay: 20 });
  await page.getByLabel('Expiry date').fill(TEST_CARD.expiry);
  await page
    .getByLabel('Name on card')
    .fill(`${SMOKE_CUSTOMER.firstName} ${SMOKE_CUSTOMER.lastName}`);
  await page.getByTestId('pay-button').click();

  // Charged (receipt), or a state Mews decides later (pending / verification by e-mail): what
  // must never happen on a working connection is an error.
  await expect(
    page
      .getByTestId('receipt')
      .or(page.getByTestId('payment-in-progress'))
      .or(page.getByRole('alert')),
  ).toBeVisible({ timeout: 60_000 });
  const alert = page.getByRole('alert');
  if (await alert.isVisible()) {
    throw new Error(`The payment failed on ${SMOKE_PLATFORM_URL}: ${await alert.innerText()}`);
  }
});
