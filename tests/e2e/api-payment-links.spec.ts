import { expect, test } from '@playwright/test';
import { E2E_API_KEY, E2E_APP_URL } from './support/e2e-env';

const alice = '3c1e2a90-0001-4c5e-8a1b-000000000001';
const auth = { Authorization: `Bearer ${E2E_API_KEY}` };

test('an integration creates a payment link with its API key and the guest can open it', async ({
  request,
  page,
}) => {
  const created = await request.post('/api/v1/payment-links', {
    headers: auth,
    data: {
      customerId: alice,
      amountMinor: 9_900,
      currency: 'GBP',
      description: 'Deposit via API',
      expiresInHours: 24,
    },
  });
  expect(created.status()).toBe(201);
  const link = await created.json();
  expect(link).toMatchObject({
    state: 'open',
    amountMinor: 9_900,
    currency: 'GBP',
    customerId: alice,
  });
  expect(link.url.startsWith(`${E2E_APP_URL}/pay/`)).toBe(true);
  expect(link.url).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);

  const read = await request.get(`/api/v1/payment-links/${link.id}`, { headers: auth });
  expect(read.status()).toBe(200);
  expect(await read.json()).toMatchObject({ id: link.id, state: 'open', paidAt: null });

  const response = await page.goto(new URL(link.url).pathname);
  expect(response?.status()).toBe(200);
});

test('an integration cancels an open link once', async ({ request }) => {
  const created = await request.post('/api/v1/payment-links', {
    headers: auth,
    data: { customerId: alice, amountMinor: 1_000, currency: 'GBP', description: 'To be canceled' },
  });
  const link = await created.json();
  const canceled = await request.post(`/api/v1/payment-links/${link.id}/cancel`, { headers: auth });
  expect(canceled.status()).toBe(200);
  expect((await canceled.json()).state).toBe('canceled');
  expect(
    (await request.post(`/api/v1/payment-links/${link.id}/cancel`, { headers: auth })).status(),
  ).toBe(409);
  expect(
    (await request.get(`/api/v1/payment-links/${link.id}`, { headers: auth }).then((r) => r.json()))
      .state,
  ).toBe('canceled');
});

test('the API refuses a missing or wrong key, bad JSON and invalid links with clear errors', async ({
  request,
}) => {
  const body = { customerId: alice, amountMinor: 100, currency: 'GBP', description: 'x' };
  expect((await request.post('/api/v1/payment-links', { data: body })).status()).toBe(401);
  const wrongKey = await request.post('/api/v1/payment-links', {
    headers: { Authorization: `Bearer mck_${'x'.repeat(43)}` },
    data: body,
  });
  expect(wrongKey.status()).toBe(401);
  expect((await wrongKey.json()).error.code).toBe('unauthenticated');

  const badJson = await request.post('/api/v1/payment-links', {
    headers: { ...auth, 'Content-Type': 'application/json' },
    data: Buffer.from('{"customerId":'),
  });
  expect(badJson.status()).toBe(400);
  expect((await badJson.json()).error.message).toMatch(/not valid JSON/);

  const invalid = await request.post('/api/v1/payment-links', {
    headers: auth,
    data: { ...body, amountMinor: 12.5, extra: true },
  });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.code).toBe('invalid_input');

  const currency = await request.post('/api/v1/payment-links', {
    headers: auth,
    data: { ...body, currency: 'JPY' },
  });
  expect(currency.status()).toBe(422);
  expect((await currency.json()).error.code).toBe('currency_not_enabled');

  const customer = await request.post('/api/v1/payment-links', {
    headers: auth,
    data: { ...body, customerId: '00000000-0000-4000-8000-000000000000' },
  });
  expect(customer.status()).toBe(422);
});

test('the API is described by an OpenAPI document', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths)).toEqual([
    '/api/v1/payment-links',
    '/api/v1/payment-links/{id}',
    '/api/v1/payment-links/{id}/cancel',
  ]);
  expect(document.components.schemas.PaymentLinkInput.required).toEqual(
    expect.arrayContaining(['customerId', 'amountMinor', 'currency', 'description']),
  );
});
