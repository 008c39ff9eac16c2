import { describe, expect, it } from 'vitest';
import { MewsApiError, MewsOutcomeUnknownError, MewsRequestError } from '@/lib/mews/errors';
import { normalizeObfuscatedCardNumber } from '@/lib/mews/operations/payments';
import {
  IDS,
  wireAmount,
  wireCard,
  wireConfiguration,
  wireCustomer,
  wirePayment,
  wireReservation,
} from './fixtures';
import { errorResponse, jsonResponse, testClient, type ScriptStep } from './support';

const config = (overrides?: Parameters<typeof wireConfiguration>[0]) => ({
  'configuration/get': [jsonResponse(wireConfiguration(overrides))],
});

function bodyOf(scripted: ReturnType<typeof testClient>['scripted'], operation: string, index = 0) {
  const request = scripted.requests.filter((r) => r.operation === operation)[index];
  if (!request) throw new Error(`no ${operation} request`);
  const { ClientToken, AccessToken, Client, ...payload } = request.body;
  expect(ClientToken).toBeTruthy();
  expect(AccessToken).toBeTruthy();
  expect(Client).toBe('Mews Checkout 0.1.0');
  return payload;
}

describe('getConfiguration', () => {
  it('maps the enterprise, pricing, currencies, card storage and external payment types', async () => {
    const { client } = testClient(config());
    const configuration = await client.getConfiguration();
    expect(configuration).toMatchObject({
      enterprise: {
        id: IDS.enterprise,
        chainId: IDS.chain,
        name: 'Connector API Hotel (Gross Pricing)',
        timeZone: 'Europe/London',
      },
      pricing: 'gross',
      currencies: { enabled: ['GBP', 'EUR', 'USD'], default: 'GBP' },
      cardStorage: { publicKey: '1100007006' },
      enabledExternalPaymentTypes: ['Cash', 'WireTransfer', 'Invoice'],
    });
    expect(configuration.serverTime).toEqual(new Date('2026-11-21T10:00:00Z'));
  });

  it('reports a missing PCI storage as null', async () => {
    const { client } = testClient(config({ publicKey: null }));
    expect((await client.getConfiguration()).cardStorage).toBeNull();
  });

  it('caches for five minutes and shares concurrent requests', async () => {
    const { client, scripted, clock } = testClient({
      'configuration/get': [
        jsonResponse(wireConfiguration()),
        jsonResponse(wireConfiguration({ pricing: 'Net' })),
      ],
    });
    const [a, b] = await Promise.all([client.getConfiguration(), client.getConfiguration()]);
    expect(a).toBe(b);
    clock.advance(4 * 60_000);
    await client.getConfiguration();
    expect(scripted.count('configuration/get')).toBe(1);
    clock.advance(2 * 60_000);
    expect((await client.getConfiguration()).pricing).toBe('net');
    expect(scripted.count('configuration/get')).toBe(2);
  });

  it('does not cache failures', async () => {
    const { client, scripted } = testClient({
      'configuration/get': [errorResponse(401, 'Invalid token'), jsonResponse(wireConfiguration())],
    });
    await expect(client.getConfiguration()).rejects.toBeInstanceOf(MewsApiError);
    await expect(client.getConfiguration()).resolves.toMatchObject({ pricing: 'gross' });
    expect(scripted.count('configuration/get')).toBe(2);
  });

  it('sends EnterpriseId for a portfolio token', async () => {
    const { client, scripted } = testClient(config(), { enterpriseId: IDS.enterprise });
    await client.getConfiguration();
    expect(bodyOf(scripted, 'configuration/get')).toEqual({ EnterpriseId: IDS.enterprise });
  });

  it('refuses an enterprise pricing it does not know', async () => {
    const { client } = testClient(config({ pricing: 'Mixed' }));
    await expect(client.getConfiguration()).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});

describe('customers', () => {
  it('findCustomers searches active customers by email and name', async () => {
    const { client, scripted } = testClient({
      'customers/getAll': [jsonResponse({ Customers: [wireCustomer()], Cursor: null })],
    });
    const customers = await client.findCustomers({
      email: ' ada@example.com ',
      lastName: 'Lovelace',
    });
    expect(customers).toEqual([
      {
        id: IDS.customer,
        chainId: IDS.chain,
        number: '1042',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        phone: null,
        isActive: true,
        languageCode: null,
      },
    ]);
    expect(bodyOf(scripted, 'customers/getAll')).toEqual({
      Extent: { Customers: true, Addresses: false },
      ActivityStates: ['Active'],
      Emails: ['ada@example.com'],
      LastNames: ['Lovelace'],
      Limitation: { Count: 1000 },
    });
  });

  it('findCustomers refuses a search without email or last name', async () => {
    const { client, scripted } = testClient([]);
    await expect(client.findCustomers({ firstName: 'Ada' })).rejects.toBeInstanceOf(
      MewsRequestError,
    );
    expect(scripted.requests).toHaveLength(0);
  });

  it('findCustomers sends the chain of the configured enterprise with a portfolio token', async () => {
    const { client, scripted } = testClient(
      { ...config(), 'customers/getAll': [jsonResponse({ Customers: [], Cursor: null })] },
      { enterpriseId: IDS.enterprise },
    );
    await client.findCustomers({ email: 'ada@example.com' });
    expect(bodyOf(scripted, 'customers/getAll')).toMatchObject({ ChainIds: [IDS.chain] });
  });

  it('getCustomer returns the customer or null', async () => {
    const { client, scripted } = testClient({
      'customers/getAll': [
        jsonResponse({ Customers: [wireCustomer()], Cursor: IDS.customer }),
        jsonResponse({ Customers: [], Cursor: null }),
      ],
    });
    expect((await client.getCustomer(IDS.customer))?.id).toBe(IDS.customer);
    expect(await client.getCustomer(IDS.customer)).toBeNull();
    expect(bodyOf(scripted, 'customers/getAll')).toMatchObject({ CustomerIds: [IDS.customer] });
  });

  it('addCustomer sends the minimal fields and never overwrites by default', async () => {
    const { client, scripted } = testClient({ 'customers/add': [jsonResponse(wireCustomer())] });
    const customer = await client.addCustomer({
      lastName: 'Lovelace',
      firstName: 'Ada',
      email: 'ada@example.com',
    });
    expect(customer.id).toBe(IDS.customer);
    expect(bodyOf(scripted, 'customers/add')).toEqual({
      LastName: 'Lovelace',
      FirstName: 'Ada',
      Email: 'ada@example.com',
      OverwriteExisting: false,
    });
  });

  it('addCustomer surfaces the duplicate-email refusal (403) with Mews’ message for the user', async () => {
    const { client } = testClient({
      'customers/add': [errorResponse(403, 'A customer with this email already exists.')],
    });
    const error = await client
      .addCustomer({ lastName: 'Lovelace', email: 'ada@example.com' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'business-rule',
      userVisible: true,
      userMessage: 'A customer with this email already exists.',
    });
  });
});

describe('credit cards', () => {
  it('listCreditCards marks only enabled, active Gateway cards chargeable and parses both expiry formats', async () => {
    const { client, scripted } = testClient({
      'creditCards/getAll': [
        jsonResponse({
          CreditCards: [
            wireCard(),
            wireCard({ Id: IDS.terminalCard, Kind: 'Terminal', Expiration: '2031-02', Type: null }),
            wireCard({ Id: IDS.payment, State: 'Disabled', IsActive: false }),
            wireCard({ Id: IDS.payment2, Kind: 'Virtualized', State: 'Frozen', Expiration: null }),
          ],
          Cursor: null,
        }),
      ],
    });
    const cards = await client.listCreditCards(IDS.customer);
    expect(cards.map((card) => [card.kind, card.state, card.chargeable])).toEqual([
      ['gateway', 'enabled', true],
      ['terminal', 'enabled', false],
      ['gateway', 'disabled', false],
      ['unknown', 'unknown', false],
    ]);
    expect(cards[0]).toMatchObject({
      brand: 'Visa',
      obfuscatedNumber: '************1111',
      expiration: { year: 2030, month: 12 },
    });
    expect(cards[1]?.expiration).toEqual({ year: 2031, month: 2 });
    expect(bodyOf(scripted, 'creditCards/getAll')).toEqual({
      CustomerIds: [IDS.customer],
      Limitation: { Count: 1000 },
    });
  });

  it('addTokenizedCard sends the PCI Proxy transactionId as StorageData and the expiry as yyyy-MM', async () => {
    const { client, scripted } = testClient(
      { 'creditCards/addTokenized': [jsonResponse({ CreditCardId: IDS.card })] },
      {
        enterpriseId: IDS.enterprise,
      },
    );
    const result = await client.addTokenizedCard({
      customerId: IDS.customer,
      transactionId: '201028230732590232',
      expiration: { year: 2030, month: 3 },
    });
    expect(result).toEqual({ creditCardId: IDS.card });
    expect(bodyOf(scripted, 'creditCards/addTokenized')).toEqual({
      EnterpriseId: IDS.enterprise,
      CustomerId: IDS.customer,
      CreditCardData: { StorageData: '201028230732590232', Expiration: '2030-03' },
    });
  });

  it('addTokenizedCard maps a missing permission (401) to "not configured correctly"', async () => {
    const { client } = testClient({
      'creditCards/addTokenized': [errorResponse(401, 'Forbidden operation')],
    });
    const error = await client
      .addTokenizedCard({
        customerId: IDS.customer,
        transactionId: '1',
        expiration: { year: 2030, month: 3 },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', userVisible: false });
    expect((error as MewsApiError).userMessage).toMatch(/not configured correctly/);
  });

  it('chargeCreditCard sends GrossValue for gross pricing and carries the attempt id', async () => {
    const { client, scripted } = testClient({
      ...config(),
      'creditCards/charge': [jsonResponse({ PaymentId: IDS.payment })],
    });
    const result = await client.chargeCreditCard({
      creditCardId: IDS.card,
      amount: { amountMinor: 24050, currency: 'EUR' },
      attemptId: 'att_42',
      reservationId: IDS.reservation,
    });
    expect(result).toEqual({ paymentId: IDS.payment });
    expect(bodyOf(scripted, 'creditCards/charge')).toEqual({
      CreditCardId: IDS.card,
      Amount: { Currency: 'EUR', GrossValue: 240.5 },
      ReservationId: IDS.reservation,
      ReceiptIdentifier: 'att_42',
      Notes: 'Mews Checkout attempt att_42',
    });
  });

  it('chargeCreditCard sends NetValue for net pricing and never an EnterpriseId', async () => {
    const { client, scripted } = testClient(
      {
        ...config({ pricing: 'Net' }),
        'creditCards/charge': [jsonResponse({ PaymentId: IDS.payment })],
      },
      { enterpriseId: IDS.enterprise },
    );
    await client.chargeCreditCard({
      creditCardId: IDS.card,
      amount: { amountMinor: 1000, currency: 'USD' },
      attemptId: 'a',
    });
    const body = bodyOf(scripted, 'creditCards/charge');
    expect(body.Amount).toEqual({ Currency: 'USD', NetValue: 10 });
    expect(body).not.toHaveProperty('EnterpriseId');
  });

  it.each([
    [
      'a currency the enterprise has not enabled',
      { amountMinor: 100, currency: 'JPY' },
      'currency-not-enabled',
    ],
    ['an unknown currency', { amountMinor: 100, currency: 'XYZ' }, 'unknown-currency'],
    ['a zero amount', { amountMinor: 0, currency: 'EUR' }, 'invalid-amount'],
    ['a fractional amount', { amountMinor: 10.5, currency: 'EUR' }, 'invalid-amount'],
  ])('chargeCreditCard refuses %s without sending it', async (_, amount, code) => {
    const { client, scripted } = testClient(config());
    const error = await client
      .chargeCreditCard({ creditCardId: IDS.card, amount, attemptId: 'a' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MewsRequestError);
    expect((error as MewsRequestError).code).toBe(code);
    expect(scripted.count('creditCards/charge')).toBe(0);
  });

  it('chargeCreditCard refuses ids that are not UUIDs and attempt ids that would not survive Notes', async () => {
    const { client, scripted } = testClient(config());
    await expect(
      client.chargeCreditCard({
        creditCardId: 'card-1',
        amount: { amountMinor: 1, currency: 'EUR' },
        attemptId: 'a',
      }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(
      client.chargeCreditCard({
        creditCardId: IDS.card,
        amount: { amountMinor: 1, currency: 'EUR' },
        attemptId: 'a b',
      }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(scripted.count('creditCards/charge')).toBe(0);
  });

  it('a declined charge (403) shows Mews’ message', async () => {
    const { client } = testClient({
      ...config(),
      'creditCards/charge': [errorResponse(403, 'The card was declined.')],
    });
    const error = await client
      .chargeCreditCard({
        creditCardId: IDS.card,
        amount: { amountMinor: 100, currency: 'EUR' },
        attemptId: 'a',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'business-rule',
      userVisible: true,
      userMessage: 'The card was declined.',
    });
  });
});

describe('recordCardPayment', () => {
  it.each([
    '411111******1111',
    '4111 11** **** 1111',
    '************1111',
    '411111xxxxxx1111',
    '4111-11XX-XXXX-1111',
  ])('accepts the obfuscated number %s', (number) => {
    expect(normalizeObfuscatedCardNumber(number)).toMatch(/^\d{0,6}\*+\d{0,4}$/);
  });

  it.each([
    ['a full card number', '4111111111111111'],
    ['seven leading digits', '4111111*****1111'],
    ['five trailing digits', '41111******11111'],
    ['digits in the middle', '411111**1***1111'],
    ['too short', '4111**1111'],
    ['letters', '4111abcd****1111'],
    ['empty', ''],
  ])('refuses %s, without echoing it', async (_, number) => {
    const { client, scripted } = testClient(config());
    const error = await client
      .recordCardPayment({
        customerId: IDS.customer,
        amount: { amountMinor: 100, currency: 'GBP' },
        card: { brand: 'Visa', obfuscatedNumber: number, holderName: 'Ada Lovelace' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MewsRequestError);
    expect((error as MewsRequestError).code).toBe('full-card-number');
    if (number.length > 4) expect((error as Error).message).not.toContain(number);
    expect(scripted.requests).toHaveLength(0);
  });

  it('sends payments/addCreditCard with the masked number and MM/YYYY expiry', async () => {
    const { client, scripted } = testClient({
      ...config(),
      'payments/addCreditCard': [jsonResponse({ CreditCardId: IDS.card })],
    });
    const result = await client.recordCardPayment({
      customerId: IDS.customer,
      amount: { amountMinor: 15000, currency: 'GBP' },
      card: {
        brand: 'MasterCard',
        obfuscatedNumber: '5555 55** **** 4444',
        holderName: 'Ada Lovelace',
        expiration: { year: 2029, month: 7 },
      },
      receiptIdentifier: 'T-0042',
      attemptId: 'att_7',
    });
    expect(result).toEqual({ creditCardId: IDS.card });
    expect(bodyOf(scripted, 'payments/addCreditCard')).toEqual({
      CustomerId: IDS.customer,
      Amount: { Currency: 'GBP', GrossValue: 150 },
      CreditCard: {
        Type: 'MasterCard',
        Number: '555555******4444',
        Name: 'Ada Lovelace',
        Expiration: '07/2029',
      },
      ReceiptIdentifier: 'T-0042',
      Notes: 'Mews Checkout attempt att_7',
    });
  });
});

describe('recordExternalPayment', () => {
  it('sends AccountId, the type and the amount', async () => {
    const { client, scripted } = testClient(
      { ...config(), 'payments/addExternal': [jsonResponse({ ExternalPaymentId: IDS.payment })] },
      { enterpriseId: IDS.enterprise },
    );
    const result = await client.recordExternalPayment({
      accountId: IDS.customer,
      amount: { amountMinor: 8000, currency: 'GBP' },
      type: 'Cash',
      externalIdentifier: 'att_9',
      reservationId: IDS.reservation,
    });
    expect(result).toEqual({ paymentId: IDS.payment });
    expect(bodyOf(scripted, 'payments/addExternal')).toEqual({
      EnterpriseId: IDS.enterprise,
      AccountId: IDS.customer,
      Amount: { Currency: 'GBP', GrossValue: 80 },
      Type: 'Cash',
      ExternalIdentifier: 'att_9',
      ReservationId: IDS.reservation,
    });
  });

  it('refuses a type the enterprise has not enabled', async () => {
    const { client, scripted } = testClient(config({ enabledTypes: ['Cash'] }));
    const error = await client
      .recordExternalPayment({
        accountId: IDS.customer,
        amount: { amountMinor: 100, currency: 'GBP' },
        type: 'WireTransfer',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'external-payment-type-not-enabled' });
    expect(scripted.count('payments/addExternal')).toBe(0);
  });
});

describe('startIdealPayment', () => {
  it('sends Data.Ideal.RedirectUrl and TaxCodes, and returns the bank URL', async () => {
    const { client, scripted } = testClient({
      ...config(),
      'payments/addAlternative': [
        jsonResponse({
          PaymentId: IDS.payment,
          NextAction: { Discriminator: 'RedirectToUrl', Value: 'https://bank.example/pay/1' },
        }),
      ],
    });
    const result = await client.startIdealPayment({
      customerId: IDS.customer,
      amount: { amountMinor: 12000, currency: 'EUR' },
      returnUrl: 'https://pay.example-hotel.com/return?attempt=att_1',
      reservationId: IDS.reservation,
    });
    expect(result).toEqual({ paymentId: IDS.payment, redirectUrl: 'https://bank.example/pay/1' });
    expect(bodyOf(scripted, 'payments/addAlternative')).toEqual({
      CustomerId: IDS.customer,
      Amount: { Currency: 'EUR', GrossValue: 120, TaxCodes: [] },
      ReservationId: IDS.reservation,
      Data: {
        Discriminator: 'Ideal',
        Ideal: { RedirectUrl: 'https://pay.example-hotel.com/return?attempt=att_1' },
      },
    });
  });

  it('returns a null redirect when Mews gives no next action', async () => {
    const { client } = testClient({
      ...config(),
      'payments/addAlternative': [jsonResponse({ PaymentId: IDS.payment, NextAction: null })],
    });
    const result = await client.startIdealPayment({
      customerId: IDS.customer,
      amount: { amountMinor: 100, currency: 'EUR' },
      returnUrl: 'https://pay.example/r',
    });
    expect(result.redirectUrl).toBeNull();
  });

  it('refuses a relative return URL', async () => {
    const { client } = testClient(config());
    await expect(
      client.startIdealPayment({
        customerId: IDS.customer,
        amount: { amountMinor: 100, currency: 'EUR' },
        returnUrl: '/return',
      }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('getPayments', () => {
  const page = (payments: unknown[], cursor: string | null): ScriptStep =>
    jsonResponse({ Payments: payments, Cursor: cursor });

  it('maps payments: positive amounts with direction, lower-case states, attempt id from the notes', async () => {
    const { client } = testClient({
      ...config(),
      'payments/getAll': [
        page(
          [
            wirePayment(),
            wirePayment({
              Id: IDS.payment2,
              State: 'Refunding',
              Amount: wireAmount(12.5, 'EUR'),
              Type: 'AlternativePayment',
              Kind: 'Refund',
              Notes: null,
              Data: { Discriminator: 'Alternative', Alternative: { Type: 'Ideal' } },
              SettlementUtc: null,
              ChargedUtc: null,
              NewField: 'tolerated',
            }),
          ],
          null,
        ),
      ],
    });
    const [card, ideal] = await client.getPayments({ paymentIds: [IDS.payment, IDS.payment2] });
    expect(card).toMatchObject({
      id: IDS.payment,
      accountId: IDS.customer,
      accountType: 'customer',
      reservationId: IDS.reservation,
      amount: { amountMinor: 3750, currency: 'GBP' },
      direction: 'incoming',
      state: 'charged',
      method: 'credit-card',
      kind: 'payment',
      creditCardId: IDS.card,
      attemptId: 'att_42',
      chargedAt: new Date('2026-11-21T09:59:00Z'),
    });
    expect(ideal).toMatchObject({
      amount: { amountMinor: 1250, currency: 'EUR' },
      direction: 'outgoing',
      state: 'unknown',
      method: 'alternative',
      kind: 'refund',
      alternativeMethod: 'ideal',
      attemptId: null,
      chargedAt: null,
    });
    expect(JSON.stringify(card)).not.toContain('GrossValue');
  });

  it('follows the cursor until a short page', async () => {
    const full = Array.from({ length: 1000 }, (_, i) =>
      wirePayment({ Id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }),
    );
    const { client, scripted } = testClient({
      ...config(),
      'payments/getAll': [
        page(full, '00000000-0000-4000-8000-000000000999'),
        page([wirePayment()], IDS.payment),
      ],
    });
    const payments = await client.getPayments({ accountIds: [IDS.customer] });
    expect(payments).toHaveLength(1001);
    expect(bodyOf(scripted, 'payments/getAll', 0).Limitation).toEqual({ Count: 1000 });
    expect(bodyOf(scripted, 'payments/getAll', 1).Limitation).toEqual({
      Count: 1000,
      Cursor: '00000000-0000-4000-8000-000000000999',
    });
  });

  it('queries by account and half-open time window', async () => {
    const { client, scripted } = testClient(
      { ...config(), 'payments/getAll': [page([], null)] },
      { enterpriseId: IDS.enterprise },
    );
    await client.getPayments({
      accountIds: [IDS.customer],
      createdBetween: {
        start: new Date('2026-11-21T00:00:00Z'),
        end: new Date('2026-11-22T00:00:00.500Z'),
      },
      states: ['charged', 'pending'],
    });
    expect(bodyOf(scripted, 'payments/getAll')).toEqual({
      EnterpriseIds: [IDS.enterprise],
      AccountIds: [IDS.customer],
      CreatedUtc: { StartUtc: '2026-11-21T00:00:00Z', EndUtc: '2026-11-22T00:00:00.500Z' },
      States: ['Charged', 'Pending'],
      Limitation: { Count: 1000 },
    });
  });

  it('splits more than 100 account ids into several requests and merges the answers', async () => {
    const accountIds = Array.from(
      { length: 150 },
      (_, i) => `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const { client, scripted } = testClient({
      ...config(),
      'payments/getAll': [
        page([wirePayment()], null),
        page([wirePayment(), wirePayment({ Id: IDS.payment2 })], null),
      ],
    });
    const payments = await client.getPayments({ accountIds });
    expect(payments.map((p) => p.id)).toEqual([IDS.payment, IDS.payment2]);
    expect((bodyOf(scripted, 'payments/getAll', 0).AccountIds as string[]).length).toBe(100);
    expect((bodyOf(scripted, 'payments/getAll', 1).AccountIds as string[]).length).toBe(50);
  });

  it('never sends empty arrays: an empty id list matches nothing', async () => {
    const { client, scripted } = testClient([]);
    expect(await client.getPayments({ paymentIds: [] })).toEqual([]);
    expect(await client.getPayments({ accountIds: [IDS.customer], states: [] })).toEqual([]);
    expect(scripted.requests).toHaveLength(0);
  });

  it('refuses a query without filters, and windows longer than three months or reversed', async () => {
    const { client, scripted } = testClient(config());
    await expect(client.getPayments({})).rejects.toMatchObject({ code: 'invalid-filter' });
    await expect(
      client.getPayments({
        createdBetween: {
          start: new Date('2026-01-01T00:00:00Z'),
          end: new Date('2026-04-01T00:00:01Z'),
        },
      }),
    ).rejects.toMatchObject({ code: 'invalid-filter' });
    await expect(
      client.getPayments({
        createdBetween: {
          start: new Date('2026-02-01T00:00:00Z'),
          end: new Date('2026-01-01T00:00:00Z'),
        },
      }),
    ).rejects.toMatchObject({ code: 'invalid-filter' });
    expect(scripted.count('payments/getAll')).toBe(0);
  });

  it('accepts exactly three months as Mews counts them (31 January + 3 months = 30 April)', async () => {
    const { client, scripted } = testClient({ ...config(), 'payments/getAll': [page([], null)] });
    await expect(
      client.getPayments({
        createdBetween: {
          start: new Date('2026-01-31T00:00:00Z'),
          end: new Date('2026-04-30T00:00:00Z'),
        },
      }),
    ).resolves.toEqual([]);
    // JavaScript's month overflow would allow 1 May ("31 April"); Mews' AddMonths clamps.
    await expect(
      client.getPayments({
        createdBetween: {
          start: new Date('2026-01-31T00:00:00Z'),
          end: new Date('2026-04-30T00:00:00.001Z'),
        },
      }),
    ).rejects.toMatchObject({ code: 'invalid-filter' });
    expect(scripted.count('payments/getAll')).toBe(1);
  });

  it('tolerates null in required fields and unknown enum values, but not a missing amount', async () => {
    const { client } = testClient({
      ...config(),
      'payments/getAll': [
        page(
          [
            wirePayment({
              SettlementUtc: null,
              Type: 'CryptoPayment',
              AccountType: 'Group',
              Kind: null,
            }),
          ],
          null,
        ),
        page([wirePayment({ Amount: undefined })], null),
      ],
    });
    const [payment] = await client.getPayments({ paymentIds: [IDS.payment] });
    expect(payment).toMatchObject({ method: 'unknown', accountType: 'unknown', kind: null });
    await expect(client.getPayments({ paymentIds: [IDS.payment] })).rejects.toMatchObject({
      kind: 'invalid-response',
    });
  });
});

describe('refundPayment', () => {
  it('sends the refund and maps the result', async () => {
    const { client, scripted } = testClient({
      'payments/refund': [
        jsonResponse({
          PaymentId: IDS.payment,
          RefundId: IDS.refund,
          Type: 'CreditCardPayment',
          Amount: { Currency: 'EUR', Value: 12.5 },
          State: 'Pending',
        }),
      ],
    });
    const result = await client.refundPayment({
      paymentId: IDS.payment,
      accountId: IDS.customer,
      reason: 'Guest cancelled',
      amount: { amountMinor: 1250, currency: 'EUR' },
    });
    expect(result).toEqual({
      paymentId: IDS.payment,
      refundId: IDS.refund,
      method: 'credit-card',
      amount: { amountMinor: 1250, currency: 'EUR' },
      state: 'pending',
    });
    expect(bodyOf(scripted, 'payments/refund')).toEqual({
      PaymentId: IDS.payment,
      AccountId: IDS.customer,
      Reason: 'Guest cancelled',
      ValueToRefund: 12.5,
    });
  });

  it('refunds the whole payment when no amount is given', async () => {
    const { client, scripted } = testClient({
      'payments/refund': [
        jsonResponse({
          PaymentId: IDS.payment,
          RefundId: IDS.refund,
          Type: 'AlternativePayment',
          Amount: { Currency: 'EUR', Value: -40 },
          State: 'Charged',
        }),
      ],
    });
    const result = await client.refundPayment({
      paymentId: IDS.payment,
      accountId: IDS.customer,
      reason: 'Duplicate',
    });
    expect(result.amount).toEqual({ amountMinor: 4000, currency: 'EUR' });
    expect(bodyOf(scripted, 'payments/refund')).not.toHaveProperty('ValueToRefund');
  });

  it('treats an unmappable refund answer as outcome unknown, never as a failure to retry', async () => {
    const { client } = testClient({
      'payments/refund': [
        jsonResponse({
          PaymentId: IDS.payment,
          RefundId: IDS.refund,
          Type: 'CreditCardPayment',
          Amount: { Currency: 'ZZZ', Value: 1 },
          State: 'Charged',
        }),
      ],
    });
    await expect(
      client.refundPayment({ paymentId: IDS.payment, accountId: IDS.customer, reason: 'x' }),
    ).rejects.toBeInstanceOf(MewsOutcomeUnknownError);
  });
});

describe('getReservation', () => {
  it('reads the reservation with the current operation version, and nothing from bills', async () => {
    const { client, scripted } = testClient(
      {
        'reservations/getAll/2023-06-06': [
          jsonResponse({ Reservations: [wireReservation()], Cursor: null }),
        ],
      },
      { enterpriseId: IDS.enterprise },
    );
    expect(await client.getReservation(IDS.reservation)).toMatchObject({
      id: IDS.reservation,
      number: '52',
      accountId: IDS.customer,
      state: 'confirmed',
      scheduledStart: new Date('2026-12-01T14:00:00Z'),
    });
    expect(bodyOf(scripted, 'reservations/getAll/2023-06-06')).toEqual({
      ReservationIds: [IDS.reservation],
      EnterpriseIds: [IDS.enterprise],
      Limitation: { Count: 1000 },
    });
    // bills/getAll with Extent.Items was discontinued on 2025-01-10: the client never sends it.
    expect(scripted.requests.map((request) => request.operation)).toEqual([
      'reservations/getAll/2023-06-06',
    ]);
  });

  it('returns null for a reservation Mews does not know', async () => {
    const { client } = testClient({
      'reservations/getAll/2023-06-06': [jsonResponse({ Reservations: [], Cursor: null })],
    });
    expect(await client.getReservation(IDS.reservation)).toBeNull();
  });

  it('refuses an id that is not a UUID without sending anything', async () => {
    const { client, scripted } = testClient([]);
    await expect(client.getReservation('SBX-1001')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(scripted.requests).toHaveLength(0);
  });
});

describe('scanPayments', () => {
  const window = {
    start: new Date('2026-10-01T00:00:00Z'),
    end: new Date('2026-11-01T00:00:00Z'),
  };

  it('yields one page per request and follows the cursor, the caller pulling each page', async () => {
    const { client, scripted } = testClient({
      ...config(),
      'payments/getAll': [
        jsonResponse({
          Payments: [wirePayment(), wirePayment({ Id: IDS.payment2 })],
          Cursor: IDS.payment2,
        }),
        jsonResponse({ Payments: [wirePayment({ Id: IDS.refund })], Cursor: IDS.refund }),
      ],
    });
    const pages = client.scanPayments({ createdBetween: window }, { pageSize: 2 });
    const first = await pages.next();
    expect(first.done).toBe(false);
    expect((first.value as Array<{ id: string }>).map((p) => p.id)).toEqual([
      IDS.payment,
      IDS.payment2,
    ]);
    // Nothing more is read until the caller asks for the next page.
    expect(scripted.count('payments/getAll')).toBe(1);
    const second = await pages.next();
    expect((second.value as Array<{ id: string }>).map((p) => p.id)).toEqual([IDS.refund]);
    expect((await pages.next()).done).toBe(true);
    expect(scripted.count('payments/getAll')).toBe(2);
    expect(bodyOf(scripted, 'payments/getAll', 0)).toEqual({
      CreatedUtc: { StartUtc: '2026-10-01T00:00:00Z', EndUtc: '2026-11-01T00:00:00Z' },
      Limitation: { Count: 2 },
    });
    expect(bodyOf(scripted, 'payments/getAll', 1).Limitation).toEqual({
      Count: 2,
      Cursor: IDS.payment2,
    });
  });

  it('refuses a window Mews would refuse, and a scan without a window', async () => {
    const { client, scripted } = testClient(config());
    await expect(
      client
        .scanPayments({
          createdBetween: {
            start: new Date('2025-11-30T00:00:00Z'),
            end: new Date('2026-03-01T00:00:00Z'),
          },
        })
        .next(),
    ).rejects.toMatchObject({ code: 'invalid-filter' });
    await expect(client.scanPayments({}).next()).rejects.toMatchObject({ code: 'invalid-filter' });
    expect(scripted.count('payments/getAll')).toBe(0);
  });
});
