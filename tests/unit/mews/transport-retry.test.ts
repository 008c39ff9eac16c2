import { describe, expect, it } from 'vitest';
import { MewsApiError, MewsOutcomeUnknownError } from '@/lib/mews/errors';
import { IDS, wireConfiguration, wirePayment } from './fixtures';
import { errorResponse, jsonResponse, networkError, testClient, type ScriptStep } from './support';

const configured = (steps: ScriptStep[]) => ({
  'configuration/get': [jsonResponse(wireConfiguration())],
  '*': steps,
});

const charge = {
  creditCardId: IDS.card,
  amount: { amountMinor: 1050, currency: 'EUR' },
  attemptId: 'att_1',
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('writes are never sent twice when Mews may have processed them', () => {
  const ambiguous: Array<[string, ScriptStep, string]> = [
    ['a timeout', 'hang', 'timeout'],
    ['a connection reset', networkError('ECONNRESET'), 'connection-lost'],
    ['a socket closed mid-answer', networkError('UND_ERR_SOCKET'), 'connection-lost'],
    ['an unknown fetch failure', new TypeError('fetch failed'), 'connection-lost'],
    ['HTTP 500', errorResponse(500, 'Internal error'), 'server-error'],
    ['HTTP 503', errorResponse(503, 'Unavailable'), 'server-error'],
    ['HTTP 408', errorResponse(408, 'Request timeout'), 'server-error'],
  ];

  it.each(ambiguous)('charge after %s: one request, outcome unknown', async (_, step, reason) => {
    const { client, scripted } = testClient(
      configured([step, jsonResponse({ PaymentId: IDS.payment })]),
      {
        timeouts: { 'creditCards/charge': 20 },
      },
    );
    const error = await failure(client.chargeCreditCard(charge));
    expect(error).toBeInstanceOf(MewsOutcomeUnknownError);
    const unknown = error as MewsOutcomeUnknownError;
    expect(unknown.reason).toBe(reason);
    expect(unknown.operation).toBe('creditCards/charge');
    expect(unknown.retryable).toBe(false);
    expect(unknown.userMessage).toMatch(/confirming your payment/);
    expect(scripted.count('creditCards/charge')).toBe(1);
  });

  it.each([
    [
      'refundPayment',
      (c: ReturnType<typeof testClient>['client']) =>
        c.refundPayment({
          paymentId: IDS.payment,
          accountId: IDS.customer,
          reason: 'Guest cancelled',
        }),
    ],
    [
      'recordExternalPayment',
      (c: ReturnType<typeof testClient>['client']) =>
        c.recordExternalPayment({
          accountId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          type: 'Cash',
        }),
    ],
    [
      'startIdealPayment',
      (c: ReturnType<typeof testClient>['client']) =>
        c.startIdealPayment({
          customerId: IDS.customer,
          amount: { amountMinor: 100, currency: 'EUR' },
          returnUrl: 'https://pay.example/r',
        }),
    ],
    [
      'addTokenizedCard',
      (c: ReturnType<typeof testClient>['client']) =>
        c.addTokenizedCard({
          customerId: IDS.customer,
          transactionId: '201028230732590232',
          expiration: { year: 2030, month: 1 },
        }),
    ],
    [
      'addCustomer',
      (c: ReturnType<typeof testClient>['client']) => c.addCustomer({ lastName: 'Lovelace' }),
    ],
    [
      'recordCardPayment',
      (c: ReturnType<typeof testClient>['client']) =>
        c.recordCardPayment({
          customerId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          card: { brand: 'Visa', obfuscatedNumber: '411111******1111', holderName: 'Ada Lovelace' },
        }),
    ],
  ] as const)('%s after a timeout: one request, outcome unknown', async (_, run) => {
    const { client, scripted } = testClient(configured(['hang', jsonResponse({})]), {
      timeouts: {
        'payments/refund': 20,
        'payments/addExternal': 20,
        'payments/addAlternative': 20,
        'creditCards/addTokenized': 20,
        'customers/add': 20,
        'payments/addCreditCard': 20,
      },
    });
    await expect(run(client)).rejects.toBeInstanceOf(MewsOutcomeUnknownError);
    const writes = scripted.requests.filter((request) => request.operation !== 'configuration/get');
    expect(writes).toHaveLength(1);
  });
});

describe('writes are retried when Mews cannot have processed them', () => {
  it('retries a charge after 429, waiting for Retry-After', async () => {
    const { client, scripted, clock } = testClient(
      configured([
        errorResponse(429, 'Too many requests', { 'Retry-After': '2' }),
        jsonResponse({ PaymentId: IDS.payment }),
      ]),
    );
    await expect(client.chargeCreditCard(charge)).resolves.toEqual({ paymentId: IDS.payment });
    expect(scripted.count('creditCards/charge')).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('honours a Retry-After HTTP date', async () => {
    const { client, clock } = testClient(
      configured([
        errorResponse(429, 'Too many requests', { 'Retry-After': 'Sat, 21 Nov 2026 10:00:04 GMT' }),
        jsonResponse({ PaymentId: IDS.payment }),
      ]),
    );
    await client.chargeCreditCard(charge);
    expect(clock.sleeps).toEqual([4000]);
  });

  it('backs off exponentially when 429 has no Retry-After', async () => {
    const { client, clock, scripted } = testClient(
      configured([
        errorResponse(429, null),
        errorResponse(429, null),
        errorResponse(429, null),
        jsonResponse({ PaymentId: IDS.payment }),
      ]),
    );
    await client.chargeCreditCard(charge);
    // random() is 0.5: three-quarters of each step (500, 1000, 2000 ms).
    expect(clock.sleeps).toEqual([375, 750, 1500]);
    expect(scripted.count('creditCards/charge')).toBe(4);
  });

  it('retries a charge whose connection was refused', async () => {
    const { client, scripted } = testClient(
      configured([networkError('ECONNREFUSED'), jsonResponse({ PaymentId: IDS.payment })]),
    );
    await expect(client.chargeCreditCard(charge)).resolves.toEqual({ paymentId: IDS.payment });
    expect(scripted.count('creditCards/charge')).toBe(2);
  });

  it('gives up on a refused connection after the retries with a retryable network error', async () => {
    const { client, scripted } = testClient(
      configured(Array.from({ length: 4 }, () => networkError('ECONNREFUSED'))),
    );
    const error = (await failure(client.chargeCreditCard(charge))) as MewsApiError;
    expect(error).toBeInstanceOf(MewsApiError);
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
    expect(scripted.count('creditCards/charge')).toBe(4);
  });

  it('does not wait longer than the total wait budget', async () => {
    const { client, scripted } = testClient(
      configured([errorResponse(429, 'Too many requests', { 'Retry-After': '120' })]),
    );
    const error = (await failure(client.chargeCreditCard(charge))) as MewsApiError;
    expect(error.kind).toBe('rate-limited');
    expect(scripted.count('creditCards/charge')).toBe(1);
  });
});

describe('reads are retried on transient failures', () => {
  it.each([
    ['HTTP 408', errorResponse(408, 'Heavy')],
    ['HTTP 429', errorResponse(429, 'Slow down')],
    ['HTTP 500', errorResponse(500, 'Oops')],
    ['HTTP 502', new Response('bad gateway', { status: 502 })],
    ['a timeout', 'hang' as const],
    ['a connection reset', networkError('ECONNRESET')],
    ['a refused connection', networkError('ECONNREFUSED')],
  ])('getPayments retries after %s', async (_, step) => {
    const { client, scripted } = testClient(
      configured([step, jsonResponse({ Payments: [wirePayment()], Cursor: null })]),
      { timeouts: { 'payments/getAll': 20 } },
    );
    const payments = await client.getPayments({ paymentIds: [IDS.payment] });
    expect(payments).toHaveLength(1);
    expect(scripted.count('payments/getAll')).toBe(2);
  });

  it('retries configuration/get on 503 and then caches the answer', async () => {
    const { client, scripted } = testClient({
      'configuration/get': [errorResponse(503, 'Unavailable'), jsonResponse(wireConfiguration())],
    });
    await client.getConfiguration();
    await client.getConfiguration();
    expect(scripted.count('configuration/get')).toBe(2);
  });
});
