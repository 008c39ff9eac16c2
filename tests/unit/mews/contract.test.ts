/**
 * Contract tests: every request body the client builds validates against the official OpenAPI
 * document's request schema for its operation (strict: `additionalProperties: false`, formats,
 * `minItems`), and the fixtures the unit tests answer with validate against the response schemas.
 * The validator is the sandbox's (`sandbox/spec-validator.ts`), so client and sandbox check against
 * the same conversion of the spec.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateConnectorTypes, GENERATED_TYPES_PATH } from '@/lib/mews/spec/generate-types';
import { MEWS_OPERATION_NAMES } from '@/lib/mews/operation-catalog';
import { isOperationName, SpecValidator } from '@/sandbox/spec-validator';
import {
  IDS,
  wireAmount,
  wireCard,
  wireConfiguration,
  wireCustomer,
  wireOrderItem,
  wirePayment,
  wirePaymentRequest,
  wireReservation,
  wireResource,
} from './fixtures';
import { jsonResponse, testClient, type RecordedRequest } from './support';

let validator: SpecValidator;

beforeAll(() => {
  validator = new SpecValidator();
});

/** Canned answers for every operation, as the real API would send them. */
const RESPONSES: Record<string, () => unknown> = {
  'configuration/get': () => wireConfiguration(),
  'customers/getAll': () => ({ Customers: [wireCustomer()], Cursor: null }),
  'customers/add': () => wireCustomer(),
  'creditCards/getAll': () => ({ CreditCards: [wireCard()], Cursor: null }),
  'creditCards/addTokenized': () => ({ CreditCardId: IDS.card }),
  'creditCards/charge': () => ({ PaymentId: IDS.payment }),
  'payments/addCreditCard': () => ({ CreditCardId: IDS.card }),
  'payments/addExternal': () => ({ ExternalPaymentId: IDS.payment }),
  'payments/addAlternative': () => ({
    PaymentId: IDS.payment,
    NextAction: { Discriminator: 'RedirectToUrl', Value: 'https://bank.example/pay' },
  }),
  'payments/getAll': () => ({ Payments: [wirePayment()], Cursor: null }),
  'payments/refund': () => ({
    PaymentId: IDS.payment,
    RefundId: IDS.refund,
    Type: 'CreditCardPayment',
    Amount: { Currency: 'GBP', Value: 10 },
    State: 'Pending',
  }),
  'reservations/getAll/2023-06-06': () => ({ Reservations: [wireReservation()], Cursor: null }),
  'resources/getAll': () => ({ Resources: [wireResource()], Cursor: null }),
  'orderItems/getAll': () => ({ OrderItems: [wireOrderItem()], Cursor: null }),
  'paymentRequests/add': () => ({ PaymentRequests: [wirePaymentRequest()] }),
  'paymentRequests/getAll': () => ({ PaymentRequests: [wirePaymentRequest()], Cursor: null }),
  'paymentRequests/cancel': () => ({
    PaymentRequests: [wirePaymentRequest({ State: 'Canceled' })],
  }),
  'preauthorizations/getAllByCustomers': () => ({
    Preauthorizations: [
      {
        Id: IDS.payment2,
        CreditCardId: IDS.card,
        Amount: wireAmount(100),
        State: 'Chargeable',
        ReservationId: IDS.reservation,
        Code: null,
        CustomerId: IDS.customer,
        IsActive: true,
      },
    ],
  }),
};

function answeringClient(overrides: Parameters<typeof testClient>[1] = {}) {
  return testClient(
    [
      ...Array.from({ length: 200 }, () => (request: RecordedRequest) => {
        const make = RESPONSES[request.operation];
        if (!make) throw new Error(`No canned response for ${request.operation}`);
        return jsonResponse(make());
      }),
    ],
    overrides,
  );
}

/** Runs every operation with a spread of inputs (optional fields set and unset). */
async function exerciseEveryOperation(
  client: ReturnType<typeof testClient>['client'],
): Promise<void> {
  await client.getConfiguration();
  await client.findCustomers({ email: 'ada@example.com' });
  await client.findCustomers({ firstName: 'Ada', lastName: 'Lovelace' });
  await client.getCustomer(IDS.customer);
  await client.getCustomersByIds([IDS.customer]);
  await client.addCustomer({ lastName: 'Lovelace' });
  await client.addCustomer({
    lastName: 'Lovelace',
    firstName: 'Ada',
    email: 'ada@example.com',
    phone: '+44 20 7946 0000',
    nationalityCode: 'GB',
    preferredLanguageCode: 'en-GB',
    overwriteExisting: true,
  });
  await client.listCreditCards(IDS.customer);
  await client.addTokenizedCard({
    customerId: IDS.customer,
    transactionId: '201028230732590232',
    expiration: { year: 2030, month: 10 },
  });
  await client.chargeCreditCard({
    creditCardId: IDS.card,
    amount: { amountMinor: 1050, currency: 'EUR' },
    attemptId: 'att_1',
  });
  await client.chargeCreditCard({
    creditCardId: IDS.card,
    amount: { amountMinor: 24050, currency: 'GBP' },
    attemptId: 'att_2',
    reservationId: IDS.reservation,
    accountingCategoryId: IDS.bill,
    notes: 'Deposit',
  });
  await client.recordCardPayment({
    customerId: IDS.customer,
    amount: { amountMinor: 15000, currency: 'GBP' },
    card: { brand: 'Visa', obfuscatedNumber: '411111******1111', holderName: 'Ada Lovelace' },
  });
  await client.recordCardPayment({
    customerId: IDS.customer,
    amount: { amountMinor: 15000, currency: 'GBP' },
    card: {
      brand: 'Amex',
      obfuscatedNumber: '3782*******0005',
      holderName: 'Ada Lovelace',
      expiration: { year: 2030, month: 1 },
    },
    attemptId: 'att_3',
    receiptIdentifier: 'T-1',
    reservationId: IDS.reservation,
    billId: IDS.bill,
    notes: 'Terminal 2',
  });
  await client.recordExternalPayment({
    accountId: IDS.customer,
    amount: { amountMinor: 100, currency: 'GBP' },
    type: 'Cash',
  });
  await client.recordExternalPayment({
    accountId: IDS.customer,
    amount: { amountMinor: 100, currency: 'USD' },
    type: 'WireTransfer',
    externalIdentifier: 'att_4',
    reservationId: IDS.reservation,
    billId: IDS.bill,
    notes: 'Bank ref 42',
  });
  await client.startIdealPayment({
    customerId: IDS.customer,
    amount: { amountMinor: 12000, currency: 'EUR' },
    returnUrl: 'https://pay.example/r',
  });
  await client.startIdealPayment({
    customerId: IDS.customer,
    amount: { amountMinor: 12000, currency: 'EUR' },
    returnUrl: 'https://pay.example/r?a=1',
    reservationId: IDS.reservation,
    taxCodes: ['NL-S'],
  });
  await client.getPayments({ paymentIds: [IDS.payment] });
  await client.getPayments({
    accountIds: [IDS.customer],
    createdBetween: {
      start: new Date('2026-11-01T00:00:00Z'),
      end: new Date('2026-11-21T10:00:00.250Z'),
    },
    states: ['charged', 'pending', 'failed', 'canceled', 'verifying'],
  });
  await client.getPayments({
    reservationIds: [IDS.reservation],
    updatedBetween: {
      start: new Date('2026-11-01T00:00:00Z'),
      end: new Date('2026-11-02T00:00:00Z'),
    },
  });
  await client.refundPayment({
    paymentId: IDS.payment,
    accountId: IDS.customer,
    reason: 'Guest cancelled',
  });
  await client.refundPayment({
    paymentId: IDS.payment,
    accountId: IDS.customer,
    reason: 'Partial',
    amount: { amountMinor: 500, currency: 'GBP' },
  });
  await client.getReservation(IDS.reservation);
  await client.findReservations({ numbers: ['52'] });
  await client.findReservations({
    accountIds: [IDS.customer],
    scheduledEndBetween: {
      start: new Date('2026-11-21T10:00:00Z'),
      end: new Date('2027-02-21T10:00:00Z'),
    },
    states: ['confirmed', 'started', 'optional'],
  });
  await client.getResources([IDS.room]);
  await client.getOrderItems([IDS.reservation]);
  await client.addPaymentRequest({
    requestRowId: IDS.profile,
    accountId: IDS.customer,
    amount: { amountMinor: 10040, currency: 'GBP' },
    type: 'payment',
    reason: 'deposit',
    expiresAt: new Date('2026-12-01T12:00:00Z'),
    description: 'Deposit for your stay',
    reservationId: IDS.reservation,
    sendEmail: false,
  });
  await client.addPaymentRequest({
    requestRowId: IDS.profile,
    accountId: IDS.customer,
    amount: { amountMinor: 5000, currency: 'GBP' },
    type: 'preauthorization',
    reason: 'other',
    expiresAt: new Date('2026-12-01T12:00:00Z'),
    description: 'Hold for your stay',
    sendEmail: true,
  });
  await client.getPaymentRequests({ paymentRequestIds: [IDS.paymentRequest] });
  await client.getPaymentRequests({
    accountIds: [IDS.customer],
    states: ['pending', 'completed'],
    updatedBetween: {
      start: new Date('2026-11-01T00:00:00Z'),
      end: new Date('2026-11-02T00:00:00Z'),
    },
  });
  await client.cancelPaymentRequests([IDS.paymentRequest]);
  await client.getPreauthorizations([IDS.customer]);
  await client.probePaymentRequests();
  for await (const page of client.scanPayments(
    {
      createdBetween: {
        start: new Date('2026-11-01T00:00:00Z'),
        end: new Date('2026-11-02T00:00:00Z'),
      },
      states: ['charged'],
    },
    { pageSize: 50 },
  )) {
    expect(page).toHaveLength(1);
  }
}

const GUEST_LANGUAGE = { languageCode: 'nl-NL', cultureCode: 'nl-NL' } as const;

/**
 * Mews' docs let every request carry `LanguageCode` and `CultureCode` (both or neither), but no
 * request schema of the official spec has them (reference §4). Strip them the way the sandbox
 * does before validating (sandbox/connector/route.ts), after checking they come as a pair.
 */
function withoutLanguageEnvelope(
  body: Record<string, unknown>,
  problems: string[],
  operation: string,
): Record<string, unknown> {
  const { LanguageCode, CultureCode, ...rest } = body;
  if ((LanguageCode === undefined) !== (CultureCode === undefined))
    problems.push(`${operation}: LanguageCode and CultureCode must be sent together`);
  return rest;
}

describe('contract with the official OpenAPI document', () => {
  it('sends LanguageCode and CultureCode with a guest language, which the spec itself would refuse', async () => {
    const { client, scripted } = answeringClient({ language: GUEST_LANGUAGE });
    await client.listCreditCards(IDS.customer);
    const [request] = scripted.requests;
    expect(request?.body).toMatchObject({ LanguageCode: 'nl-NL', CultureCode: 'nl-NL' });
    // Why the validator strips them: strict schemas (additionalProperties: false) lack both.
    expect(validator.validateRequest('creditCards/getAll', request?.body).valid).toBe(false);
    const problems: string[] = [];
    const stripped = withoutLanguageEnvelope(request?.body ?? {}, problems, 'creditCards/getAll');
    expect(validator.validateRequest('creditCards/getAll', stripped).valid).toBe(true);
    expect(problems).toEqual([]);
  });

  for (const [label, overrides] of [
    ['single-enterprise token', {}],
    ['portfolio token (EnterpriseId configured)', { enterpriseId: IDS.enterprise }],
    ['guest language (LanguageCode/CultureCode)', { language: GUEST_LANGUAGE }],
  ] as const) {
    it(`every request the client builds validates against the spec (${label})`, async () => {
      const { client, scripted } = answeringClient(overrides);
      await exerciseEveryOperation(client);

      const exercised = new Set(scripted.requests.map((request) => request.operation));
      expect([...exercised].sort()).toEqual([...MEWS_OPERATION_NAMES].sort());

      const problems: string[] = [];
      for (const request of scripted.requests) {
        if (!isOperationName(request.operation))
          throw new Error(`Not a sandbox operation: ${request.operation}`);
        const result = validator.validateRequest(
          request.operation,
          withoutLanguageEnvelope(request.body, problems, request.operation),
        );
        for (const issue of result.issues)
          problems.push(`${request.operation} ${issue.path}: ${issue.message}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('the canned responses used by the unit tests are valid Mews responses', () => {
    const problems: string[] = [];
    for (const operation of MEWS_OPERATION_NAMES) {
      const make = RESPONSES[operation];
      if (!make || !isOperationName(operation))
        throw new Error(`No canned response for ${operation}`);
      for (const issue of validator.validateResponse(operation, make()).issues) {
        problems.push(`${operation} ${issue.path}: ${issue.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the validator catches what the spec forbids (sanity check)', () => {
    const envelope = { ClientToken: 'c', AccessToken: 'a', Client: 'Mews Checkout 0.1.0' };
    const removed = {
      ...envelope,
      CreditCardId: IDS.card,
      BillId: IDS.bill,
      Amount: { Currency: 'EUR', GrossValue: 1 },
    };
    expect(validator.validateRequest('creditCards/charge', removed).valid).toBe(false);
    const empty = { ...envelope, PaymentIds: [], Limitation: { Count: 10 } };
    expect(validator.validateRequest('payments/getAll', empty).valid).toBe(false);
  });

  it('the generated types are up to date with the spec and the operation catalog', async () => {
    const expected = await generateConnectorTypes();
    expect(readFileSync(GENERATED_TYPES_PATH, 'utf8') === expected, 'run npm run mews:types').toBe(
      true,
    );
  });
});
