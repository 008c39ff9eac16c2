/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS, getSpecValidator, type OperationName } from '@/sandbox/spec-validator';
import {
  CARDS,
  SANDBOX_PUBLIC_KEYS,
  SANDBOX_TOKENS,
  SEED,
  startTestSandbox,
  type TestSandbox,
} from '@/tests/support/sandbox';

/**
 * Contract: every operation the sandbox implements takes a request that is valid against the
 * official Connector API spec and answers with a body that is valid against it too; errors come
 * back the way Mews sends them.
 */

const validator = getSpecValidator();
const alice = SEED.customers.alice;
const aliceReservation = SEED.reservations.aliceLondon;
const auth = {
  ClientToken: SANDBOX_TOKENS.clientToken,
  AccessToken: SANDBOX_TOKENS.gross,
  Client: 'Contract test 1.0',
};

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
});

async function exchange(operation: OperationName, request: Record<string, unknown>) {
  const body = { ...auth, ...request };
  const requestCheck = validator.validateRequest(operation, body);
  expect(requestCheck.issues, `request of ${operation}`).toEqual([]);
  const response = await sandbox.connector<Record<string, unknown>>(operation, body);
  expect(response.status, `${operation}: ${JSON.stringify(response.body)}`).toBe(200);
  const responseCheck = validator.validateResponse(operation, response.body);
  expect(responseCheck.issues, `response of ${operation}`).toEqual([]);
  expect(response.headers.get('Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  return response.body;
}

describe('every operation validates against the official spec', () => {
  it('request and response of each of the 20 operations', async () => {
    const covered = new Set<OperationName>();
    const run = async (operation: OperationName, request: Record<string, unknown>) => {
      covered.add(operation);
      return exchange(operation, request);
    };

    const config = await run('configuration/get', {});
    expect((config.PaymentCardStorage as { PublicKey: string }).PublicKey).toBe(
      SANDBOX_PUBLIC_KEYS.gross,
    );

    await run('customers/getAll', {
      Extent: { Customers: true, Addresses: false },
      Emails: [alice.email],
      Limitation: { Count: 10 },
    });
    const added = await run('customers/add', {
      FirstName: 'Zoe',
      LastName: 'Contract',
      Email: 'zoe.contract@example.com',
      OverwriteExisting: false,
    });

    const { transactionId } = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    const card = await run('creditCards/addTokenized', {
      CustomerId: added.Id,
      CreditCardData: { StorageData: transactionId, Expiration: '2030-12' },
    });
    await run('creditCards/getAll', { CustomerIds: [added.Id], Limitation: { Count: 10 } });
    const charge = await run('creditCards/charge', {
      CreditCardId: card.CreditCardId,
      Amount: { Currency: 'GBP', GrossValue: 12.5 },
      Notes: 'order-1',
      ReceiptIdentifier: 'receipt-1',
    });
    await run('payments/addCreditCard', {
      CustomerId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 10 },
      CreditCard: {
        Type: 'Visa',
        Number: '411111******1111',
        Expiration: '12/2030',
        Name: 'Alice Smith',
      },
    });
    await run('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 20 },
      Type: 'Cash',
      ReservationId: aliceReservation.id,
    });
    // iDEAL is in the Dutch enterprise's subscription only.
    await run('payments/addAlternative', {
      AccessToken: SANDBOX_TOKENS.dutch,
      CustomerId: SEED.customers.bram.id,
      Amount: { Currency: 'EUR', GrossValue: 30, TaxCodes: [] },
      Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: 'http://127.0.0.1:3000/return' } },
    });
    const all = await run('payments/getAll', {
      AccountIds: [alice.id, added.Id as string],
      Limitation: { Count: 100 },
    });
    expect((all.Payments as unknown[]).length).toBe(3);
    await run('payments/refund', {
      PaymentId: charge.PaymentId,
      AccountId: added.Id,
      Reason: 'Contract test',
    });
    await run('reservations/getAll/2023-06-06', {
      ReservationIds: [aliceReservation.id],
      Limitation: { Count: 10 },
    });
    await run('bills/getAll', {
      BillIds: [aliceReservation.billId],
      Limitation: { Count: 10 },
    });
    await run('accountingCategories/getAll', { Limitation: { Count: 10 } });
    await run('resources/getAll', {
      ResourceIds: [SEED.rooms.london101.id],
      Extent: { Resources: true },
      Limitation: { Count: 10 },
    });
    await run('orderItems/getAll', {
      ServiceOrderIds: [aliceReservation.id],
      Limitation: { Count: 10 },
    });

    const clock = await sandbox.control.clock();
    const requests = await run('paymentRequests/add', {
      PaymentRequests: [
        {
          AccountId: alice.id,
          Amount: { Currency: 'GBP', Value: 150 },
          Type: 'Payment',
          Reason: 'Deposit',
          ExpirationUtc: new Date(Date.parse(clock.nowUtc) + 86_400_000).toISOString(),
          Description: 'Deposit for SBX-1001',
          Notes: 'contract',
          ReservationId: aliceReservation.id,
        },
      ],
      SendPaymentRequestEmails: false,
    });
    const requestId = (requests.PaymentRequests as Array<{ Id: string }>)[0]?.Id;
    await run('paymentRequests/getAll', { AccountIds: [alice.id], Limitation: { Count: 10 } });
    await run('paymentRequests/cancel', { PaymentRequestIds: [requestId] });
    await run('preauthorizations/getAllByCustomers', { CustomerIds: [alice.id] });

    expect([...covered].sort()).toEqual([...OPERATIONS].sort());
    const log = await sandbox.control.requests();
    expect(log.every((e) => e.status === 200)).toBe(true);
  });

  it('payments read back negative, with State, Type and the Data discriminator', async () => {
    await exchange('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 42.1 },
      Type: 'Invoice',
    });
    const body = await exchange('payments/getAll', {
      AccountIds: [alice.id],
      Limitation: { Count: 10 },
    });
    const [payment] = body.Payments as Array<Record<string, any>>;
    expect(payment?.Amount).toMatchObject({ Currency: 'GBP', GrossValue: -42.1, NetValue: -42.1 });
    expect(payment).toMatchObject({
      State: 'Charged',
      Type: 'ExternalPayment',
      AccountType: 'Customer',
      SettlementUtc: null,
    });
    expect(payment?.Data).toEqual({
      Discriminator: 'External',
      External: { Type: 'Invoice', ExternalIdentifier: null },
    });
  });

  it('accepts LanguageCode and CultureCode although no request schema lists them', async () => {
    await sandbox
      .connector('configuration/get', { LanguageCode: 'en-US', CultureCode: 'en-US' })
      .then((r) => expect(r.status).toBe(200));
  });

  it('Net-pricing and no-card-storage enterprises answer with their own configuration', async () => {
    const net = await sandbox.connector<Record<string, any>>(
      'configuration/get',
      {},
      { enterprise: 'net' },
    );
    expect(net.body.Enterprise.Pricing).toBe('Net');
    expect(net.body.Enterprise.Currencies.find((c: any) => c.IsDefault).Currency).toBe('USD');
    expect(validator.validateResponse('configuration/get', net.body).valid).toBe(true);
    const gross = await sandbox.connector<Record<string, any>>('configuration/get');
    expect(gross.body.Enterprise.Pricing).toBe('Gross');
    expect(
      gross.body.Enterprise.Currencies.filter((c: any) => c.IsEnabled).map((c: any) => c.Currency),
    ).toEqual(['GBP', 'EUR', 'USD']);
    expect(gross.body.Enterprise.AccountingConfiguration.EnabledExternalPaymentTypes).toContain(
      'Cash',
    );
    const none = await sandbox.connector<Record<string, any>>(
      'configuration/get',
      {},
      { enterprise: 'noCardStorage' },
    );
    expect(none.body.PaymentCardStorage).toBeNull();
  });

  it('every demo AccessToken and ClientToken of Mews demo is accepted', async () => {
    for (const token of SEED.enterprises.net.accessTokens) {
      const r = await sandbox.connector<Record<string, any>>('configuration/get', {
        AccessToken: token,
      });
      expect(r.body.Enterprise.Id).toBe(SEED.enterprises.net.id);
    }
    for (const clientToken of [
      'E916C341431C4D28A866AD200152DBD3-A046EB5583FFBE94DE1172237763712',
      '07AB1F14B55C49B8BDD6AD200158423B-273A4497AFF5E20566D7199DB3DC2BA',
    ]) {
      const r = await sandbox.connector('configuration/get', { ClientToken: clientToken });
      expect(r.status).toBe(200);
    }
  });
});

describe('errors look like Mews', () => {
  async function expectError(
    operation: string,
    body: Record<string, unknown>,
    status: number,
    options: Parameters<TestSandbox['connector']>[2] = {},
  ) {
    const response = await sandbox.connector<{
      Message: string;
      RequestId: string;
      Details: unknown;
    }>(operation, body, options);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(validator.validateError(response.body).valid).toBe(true);
    expect(response.body.Message).toEqual(expect.any(String));
    expect(response.body.RequestId).toBe(response.headers.get('Request-Id'));
    return response;
  }

  it('400 for a body that breaks the schema, naming the field', async () => {
    const r = await expectError(
      'payments/getAll',
      { PaymentIds: [], Limitation: { Count: 10 } },
      400,
    );
    expect(r.body.Message).toBe('Invalid PaymentIds.');
    expect(r.body.Details).toEqual([
      { path: '/PaymentIds', message: 'must NOT have fewer than 1 items' },
    ]);
    await expectError(
      'creditCards/addTokenized',
      {
        CustomerId: alice.id,
        CreditCardData: { StorageData: '1', Expiration: '2030-12' },
        ObfuscatedNumber: '4242',
      },
      400,
    );
    await expectError('configuration/get', { EnterpriseId: 'not-a-uuid' }, 400);
  });

  it('400 Invalid JSON for malformed JSON', async () => {
    const response = await fetch(`${sandbox.url}/api/connector/v1/configuration/get`, {
      method: 'POST',
      body: '{"ClientToken": "x",}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Message: string }).Message).toBe('Invalid JSON.');
  });

  it('400 for unknown ids', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const r = await expectError(
      'creditCards/charge',
      { CreditCardId: unknown, Amount: { Currency: 'GBP', GrossValue: 1 } },
      400,
    );
    expect(r.body.Message).toBe('Invalid CreditCardId.');
    await expectError(
      'payments/addExternal',
      { AccountId: unknown, Amount: { Currency: 'GBP', GrossValue: 1 } },
      400,
    );
    await expectError(
      'payments/refund',
      { PaymentId: unknown, AccountId: alice.id, Reason: 'x' },
      400,
    );
    // A customer of another enterprise's chain is unknown here.
    await expectError(
      'payments/addExternal',
      { AccountId: SEED.customers.emma.id, Amount: { Currency: 'GBP', GrossValue: 1 } },
      400,
    );
  });

  it('401 for unknown tokens', async () => {
    const r = await expectError('configuration/get', { AccessToken: 'nope' }, 401);
    expect(r.body.Message).toBe('Invalid AccessToken.');
    await expectError('configuration/get', { ClientToken: 'nope' }, 401);
  });

  it('403 for business refusals', async () => {
    const r = await expectError(
      'payments/addExternal',
      { AccountId: alice.id, Amount: { Currency: 'GBP', GrossValue: 5 }, Type: 'Bancontact' },
      403,
    );
    expect(r.body.Message).toContain('Bancontact');
    const terminal = await expectError(
      'creditCards/charge',
      { CreditCardId: SEED.terminalCard.id, Amount: { Currency: 'GBP', GrossValue: 5 } },
      403,
    );
    expect(terminal.body.Message).toContain('payment gateway');
    await expectError(
      'payments/addExternal',
      { AccountId: alice.id, Amount: { Currency: 'CHF', GrossValue: 5 } },
      403,
    );
    const { transactionId } = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    await expectError(
      'creditCards/addTokenized',
      {
        CustomerId: SEED.customers.greta.id,
        CreditCardData: { StorageData: transactionId, Expiration: '2030-12' },
      },
      403,
      { enterprise: 'noCardStorage' },
    );
  });

  it('404 for unknown paths, wrong case, trailing slash or another method', async () => {
    for (const path of [
      'payments/getall',
      'Payments/getAll',
      'payments/getAll/',
      'payments/chargeCreditCard',
    ]) {
      const r = await expectError(path, {}, 404);
      expect(r.headers.get('Request-Id')).toBeTruthy();
    }
    const get = await fetch(`${sandbox.url}/api/connector/v1/payments/getAll`);
    expect(get.status).toBe(404);
    expect(get.headers.get('Request-Id')).toBeTruthy();
  });

  it('429 with Retry-After beyond 200 requests in 30 s per AccessToken, other tokens unaffected', async () => {
    for (let i = 0; i < 200; i++) {
      const r = await sandbox.connector('configuration/get');
      expect(r.status).toBe(200);
    }
    const limited = await expectError('configuration/get', {}, 429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('Retry-After'))).toBeLessThanOrEqual(30);
    expect((await sandbox.connector('configuration/get', {}, { enterprise: 'net' })).status).toBe(
      200,
    );
    // The window slides: 30 s later the token may call again.
    await sandbox.control.advanceClock(31);
    expect((await sandbox.connector('configuration/get')).status).toBe(200);
  });
});

describe('business rules of the request', () => {
  it('Gross-pricing enterprises need GrossValue, Net-pricing ones NetValue', async () => {
    const gross = await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', NetValue: 5 },
    });
    expect(gross.status).toBe(400);
    const net = await sandbox.connector(
      'payments/addExternal',
      { AccountId: SEED.customers.emma.id, Amount: { Currency: 'USD', NetValue: 5 } },
      { enterprise: 'net' },
    );
    expect(net.status).toBe(200);
  });

  it('addExternal requires AccountId and still accepts the deprecated CustomerId next to it', async () => {
    const onlyCustomer = await sandbox.connector('payments/addExternal', {
      CustomerId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 5 },
    });
    expect(onlyCustomer.status).toBe(400);
    const both = await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      CustomerId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 5 },
    });
    expect(both.status).toBe(200);
    const mismatch = await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      CustomerId: SEED.customers.bob.id,
      Amount: { Currency: 'GBP', GrossValue: 5 },
    });
    expect(mismatch.status).toBe(400);
  });

  it('addAlternative accepts the legacy top-level Method/RedirectUrl form', async () => {
    const legacy = await sandbox.connector<{
      PaymentId: string;
      NextAction: { Discriminator: string; Value: string };
    }>('payments/addAlternative', {
      AccessToken: SANDBOX_TOKENS.dutch,
      CustomerId: SEED.customers.bram.id,
      Method: 'Ideal',
      RedirectUrl: 'https://mews.com',
      Amount: { Currency: 'EUR', GrossValue: 100 },
    });
    expect(legacy.status).toBe(200);
    expect(legacy.body.NextAction.Discriminator).toBe('RedirectToUrl');
    expect(validator.validateResponse('payments/addAlternative', legacy.body).valid).toBe(true);
  });

  it('customers/add refuses a duplicate email unless OverwriteExisting', async () => {
    const duplicate = await sandbox.connector('customers/add', {
      LastName: 'Other',
      Email: alice.email,
      OverwriteExisting: false,
    });
    expect(duplicate.status).toBe(403);
    const overwrite = await sandbox.connector<{ Id: string; LastName: string }>('customers/add', {
      LastName: 'Smith-Jones',
      Email: alice.email,
      OverwriteExisting: true,
    });
    expect(overwrite.body).toMatchObject({ Id: alice.id, LastName: 'Smith-Jones' });
  });

  it('payments/addCreditCard refuses a full card number and never logs it', async () => {
    const r = await sandbox.connector('payments/addCreditCard', {
      CustomerId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 10 },
      CreditCard: { Type: 'Visa', Number: CARDS.visaCharged, Name: 'Alice Smith' },
    });
    expect(r.status).toBe(400);
    const [entry] = await sandbox.control.requests('payments/addCreditCard');
    expect(entry?.cardNumberDetected).toBe(true);
    expect(JSON.stringify(entry)).not.toContain(CARDS.visaCharged);
  });

  it('payments/getAll needs a filter, pages newest first with a cursor, and filters by State and Type', async () => {
    const none = await sandbox.connector('payments/getAll', { Limitation: { Count: 10 } });
    expect(none.status).toBe(400);
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await sandbox.connector<{ ExternalPaymentId: string }>('payments/addExternal', {
        AccountId: alice.id,
        Amount: { Currency: 'GBP', GrossValue: i },
      });
      ids.push(r.body.ExternalPaymentId);
      await sandbox.control.advanceClock(1);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const r: { body: { Payments: Array<{ Id: string }>; Cursor: string | null } } =
        await sandbox.connector('payments/getAll', {
          AccountIds: [alice.id],
          Limitation: { Count: 2, Cursor: cursor },
        });
      seen.push(...r.body.Payments.map((p) => p.Id));
      if (r.body.Payments.length < 2) break;
      cursor = r.body.Cursor;
    }
    expect(seen).toEqual([...ids].reverse());
    const failedOnly = await sandbox.connector<{ Payments: unknown[] }>('payments/getAll', {
      AccountIds: [alice.id],
      States: ['Failed'],
      Limitation: { Count: 10 },
    });
    expect(failedOnly.body.Payments).toEqual([]);
    const cards = await sandbox.connector<{ Payments: unknown[] }>('payments/getAll', {
      AccountIds: [alice.id],
      Type: 'CreditCardPayment',
      Limitation: { Count: 10 },
    });
    expect(cards.body.Payments).toEqual([]);
    const tooLong = await sandbox.connector('payments/getAll', {
      CreatedUtc: { StartUtc: '2026-01-01T00:00:00Z', EndUtc: '2026-06-01T00:00:00Z' },
      Limitation: { Count: 10 },
    });
    expect(tooLong.status).toBe(400);
  });

  it('refunds only charged card or alternative payments, up to what was charged', async () => {
    const { transactionId } = await sandbox.control.tokenize({
      cardNumber: CARDS.mastercardCharged,
    });
    const card = await sandbox.connector<{ CreditCardId: string }>('creditCards/addTokenized', {
      CustomerId: alice.id,
      CreditCardData: { StorageData: transactionId, Expiration: '2031-01' },
    });
    const charge = await sandbox.connector<{ PaymentId: string }>('creditCards/charge', {
      CreditCardId: card.body.CreditCardId,
      Amount: { Currency: 'GBP', GrossValue: 100 },
    });
    const partial = await sandbox.connector<Record<string, unknown>>('payments/refund', {
      PaymentId: charge.body.PaymentId,
      AccountId: alice.id,
      Reason: 'Partial',
      ValueToRefund: 40,
    });
    expect(partial.body).toMatchObject({
      Type: 'CreditCardPayment',
      Amount: { Currency: 'GBP', Value: 40 },
      // Mews answers a refund Pending; it settles later.
      State: 'Pending',
    });
    const tooMuch = await sandbox.connector('payments/refund', {
      PaymentId: charge.body.PaymentId,
      AccountId: alice.id,
      Reason: 'More',
      ValueToRefund: 61,
    });
    expect(tooMuch.status).toBe(403);
    const refund = await sandbox.connector<{ Payments: Array<Record<string, any>> }>(
      'payments/getAll',
      {
        PaymentIds: [partial.body.RefundId as string],
        Limitation: { Count: 1 },
      },
    );
    expect(refund.body.Payments[0]).toMatchObject({
      Kind: 'Refund',
      State: 'Pending',
      Amount: { GrossValue: 40 },
    });
    const external = await sandbox.connector<{ ExternalPaymentId: string }>(
      'payments/addExternal',
      { AccountId: alice.id, Amount: { Currency: 'GBP', GrossValue: 5 } },
    );
    const refuseExternal = await sandbox.connector('payments/refund', {
      PaymentId: external.body.ExternalPaymentId,
      AccountId: alice.id,
      Reason: 'x',
    });
    expect(refuseExternal.status).toBe(403);
  });

  it('seeded reservations have an open bill', async () => {
    const reservations = await sandbox.connector<{ Reservations: Array<Record<string, any>> }>(
      'reservations/getAll/2023-06-06',
      {
        AccountIds: [alice.id],
        Limitation: { Count: 10 },
      },
    );
    expect(reservations.body.Reservations.map((r) => r.Number)).toEqual([aliceReservation.number]);
    const bills = await sandbox.connector<{ Bills: Array<Record<string, any>> }>('bills/getAll', {
      CustomerIds: [alice.id],
      State: 'Open',
      Limitation: { Count: 10 },
    });
    const bill = bills.body.Bills[0];
    expect(bill).toMatchObject({ Id: aliceReservation.billId, State: 'Open', Revenue: null });
  });
});
