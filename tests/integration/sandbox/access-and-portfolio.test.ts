/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSpecValidator, type OperationName } from '@/sandbox/spec-validator';
import {
  CARDS,
  SANDBOX_PUBLIC_KEYS,
  SEED,
  startTestSandbox,
  type SandboxTokenKey,
  type TestSandbox,
} from '@/tests/support/sandbox';

/**
 * What an access token reaches: iDEAL only where the subscription has it (London and Washington
 * refuse it with Mews' 403), the Dutch enterprise, a token without the card permissions Mews grants
 * at certification (401 before anything else), and a portfolio token over London and Amsterdam.
 */

const validator = getSpecValidator();
const { alice, bram, sanne, emma } = SEED.customers;
const { gross: london, dutch, net: washington } = SEED.enterprises;
const RETURN_URL = 'http://127.0.0.1:3000/return';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

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

async function call<T = Record<string, any>>(
  enterprise: SandboxTokenKey,
  operation: OperationName,
  body: Record<string, unknown> = {},
) {
  const response = await sandbox.connector<T>(operation, body, { enterprise });
  if (response.status === 200) {
    expect(validator.validateResponse(operation, response.body).issues).toEqual([]);
  } else {
    expect(validator.validateError(response.body).valid).toBe(true);
  }
  return response;
}

function ideal(customerId: string, currency = 'EUR') {
  return {
    CustomerId: customerId,
    Amount: { Currency: currency, GrossValue: 25, TaxCodes: [] },
    Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: RETURN_URL } },
  };
}

async function storeCard(enterprise: SandboxTokenKey, customerId: string, merchantId: string) {
  const { transactionId } = await sandbox.control.tokenize({
    cardNumber: CARDS.visaCharged,
    merchantId,
  });
  const card = await call<{ CreditCardId: string }>(enterprise, 'creditCards/addTokenized', {
    CustomerId: customerId,
    CreditCardData: { StorageData: transactionId, Expiration: '2030-12' },
    ...(enterprise === 'portfolio'
      ? { EnterpriseId: merchantId === SANDBOX_PUBLIC_KEYS.dutch ? dutch.id : london.id }
      : {}),
  });
  expect(card.status, JSON.stringify(card.body)).toBe(200);
  return card.body.CreditCardId;
}

describe('iDEAL availability', () => {
  it('London and Washington refuse iDEAL with 403, before looking at the customer', async () => {
    const londonRefusal = await call('gross', 'payments/addAlternative', ideal(alice.id));
    expect(londonRefusal.status).toBe(403);
    expect(londonRefusal.body.Message).toBe(
      'The alternative payment method Ideal is not enabled for Sandbox Hotel London (Gross pricing).',
    );
    // A probe with a made-up customer learns the same, without creating anything.
    const probe = await call('gross', 'payments/addAlternative', ideal(UNKNOWN_ID));
    expect(probe.status).toBe(403);
    const net = await call('net', 'payments/addAlternative', {
      ...ideal(emma.id),
      Amount: { Currency: 'EUR', NetValue: 25, TaxCodes: [] },
    });
    expect(net.status).toBe(403);
    expect(net.body.Message).toContain('Sandbox Hotel Washington');
  });

  it('the Dutch hotel and the Amsterdam hostel take iDEAL', async () => {
    const dutchIdeal = await call('dutch', 'payments/addAlternative', ideal(bram.id));
    expect(dutchIdeal.status).toBe(200);
    expect(dutchIdeal.body.NextAction.Value).toContain('/ideal-bank/authenticate/');
    const hostel = await call(
      'noCardStorage',
      'payments/addAlternative',
      ideal(SEED.customers.greta.id),
    );
    expect(hostel.status).toBe(200);
  });
});

describe('the Dutch enterprise', () => {
  it('configuration/get: Gross, EUR only, card storage 1100016829, Amsterdam, nl-NL', async () => {
    const r = await call('dutch', 'configuration/get');
    expect(r.status).toBe(200);
    expect(r.body.Enterprise).toMatchObject({
      Id: dutch.id,
      Name: 'Sandbox Hotel Amsterdam',
      Pricing: 'Gross',
      TimeZoneIdentifier: 'Europe/Amsterdam',
      DefaultLanguageCode: 'nl-NL',
      Currencies: [{ Currency: 'EUR', IsDefault: true, IsEnabled: true }],
      IsPortfolio: false,
    });
    expect(r.body.Enterprise.AccountingConfiguration.EnabledExternalPaymentTypes).toEqual([
      'Unspecified',
      'Cash',
      'WireTransfer',
    ]);
    expect(r.body.PaymentCardStorage).toEqual({ PublicKey: '1100016829' });
  });

  it('has Bram with reservation SBX-4001 (EUR 180.00 deposit on an open bill) and Sanne', async () => {
    const customers = await call<{ Customers: Array<Record<string, any>> }>(
      'dutch',
      'customers/getAll',
      {
        Emails: [bram.email, sanne.email, alice.email],
        Extent: { Customers: true },
        Limitation: { Count: 10 },
      },
    );
    expect(
      customers.body.Customers.map((c) => `${c.FirstName} ${c.LastName} ${c.Email}`).sort(),
    ).toEqual(['Bram de Vries bram.devries@example.com', 'Sanne Bakker sanne.bakker@example.com']);
    const reservations = await call<{ Reservations: Array<Record<string, any>> }>(
      'dutch',
      'reservations/getAll/2023-06-06',
      { AccountIds: [bram.id, sanne.id], Limitation: { Count: 10 } },
    );
    expect(reservations.body.Reservations.map((r) => r.Number)).toEqual(['SBX-4001']);
    const bills = await call<{ Bills: Array<Record<string, any>> }>('dutch', 'bills/getAll', {
      CustomerIds: [bram.id],
      State: 'Open',
      Limitation: { Count: 10 },
    });
    expect(bills.body.Bills.map((b) => b.Id)).toEqual([SEED.reservations.bramAmsterdam.billId]);
    const deposit = sandbox.runtime.store.state.revenueItems.find(
      (i) => i.reservationId === SEED.reservations.bramAmsterdam.id,
    );
    expect(deposit).toMatchObject({
      billId: SEED.reservations.bramAmsterdam.billId,
      currency: 'EUR',
      grossValue: 180,
    });
  });

  it('Secure Fields tokenizes for merchant 1100016829 and the card charges in EUR', async () => {
    const cardId = await storeCard('dutch', bram.id, SANDBOX_PUBLIC_KEYS.dutch);
    const charge = await call<{ PaymentId: string }>('dutch', 'creditCards/charge', {
      CreditCardId: cardId,
      Amount: { Currency: 'EUR', GrossValue: 180 },
      ReservationId: SEED.reservations.bramAmsterdam.id,
    });
    expect(charge.status).toBe(200);
    // London's merchant id cannot be redeemed by the Dutch enterprise.
    const { transactionId } = await sandbox.control.tokenize({ cardNumber: CARDS.visaCharged });
    const foreign = await call('dutch', 'creditCards/addTokenized', {
      CustomerId: bram.id,
      CreditCardData: { StorageData: transactionId, Expiration: '2030-12' },
    });
    expect(foreign.status).toBe(400);
  });
});

describe('a token without the card permissions', () => {
  it('gets 401 "No permission to use this operation." for addTokenized and charge, whatever the body', async () => {
    const bodies: Array<[OperationName, Record<string, unknown>]> = [
      ['creditCards/addTokenized', {}],
      [
        'creditCards/addTokenized',
        {
          CustomerId: UNKNOWN_ID,
          CreditCardData: { StorageData: '123', Expiration: '2030-12' },
          LanguageCode: 'nl-NL',
          CultureCode: 'nl-NL',
        },
      ],
      ['creditCards/charge', { CreditCardId: 'not-a-uuid' }],
      [
        'creditCards/charge',
        { CreditCardId: UNKNOWN_ID, Amount: { Currency: 'GBP', GrossValue: 1 } },
      ],
    ];
    for (const [operation, body] of bodies) {
      const r = await call('noCardPermission', operation, body);
      expect(r.status, `${operation} ${JSON.stringify(body)}`).toBe(401);
      expect(r.body).toEqual({
        Message: 'No permission to use this operation.',
        RequestId: r.headers.get('Request-Id'),
        Details: null,
      });
    }
  });

  it('refuses a real card of its own enterprise too, and charges nothing', async () => {
    const cardId = await storeCard('gross', alice.id, SANDBOX_PUBLIC_KEYS.gross);
    const r = await call('noCardPermission', 'creditCards/charge', {
      CreditCardId: cardId,
      Amount: { Currency: 'GBP', GrossValue: 10 },
    });
    expect(r.status).toBe(401);
    const payments = await call<{ Payments: unknown[] }>('gross', 'payments/getAll', {
      AccountIds: [alice.id],
      Limitation: { Count: 10 },
    });
    expect(payments.body.Payments).toEqual([]);
  });

  it('may use every other operation, on the London enterprise', async () => {
    const config = await call('noCardPermission', 'configuration/get');
    expect(config.status).toBe(200);
    expect(config.body.Enterprise).toMatchObject({ Id: london.id, IsPortfolio: false });
    expect(config.body.PaymentCardStorage).toEqual({ PublicKey: SANDBOX_PUBLIC_KEYS.gross });
    const external = await call('noCardPermission', 'payments/addExternal', {
      AccountId: alice.id,
      Amount: { Currency: 'GBP', GrossValue: 5 },
      Type: 'Cash',
    });
    expect(external.status).toBe(200);
    const cards = await call('noCardPermission', 'creditCards/getAll', {
      CustomerIds: [SEED.customers.chloe.id],
      Limitation: { Count: 10 },
    });
    expect(cards.status).toBe(200);
    expect(cards.body.CreditCards).toHaveLength(1);
  });
});

describe('configuration/get reports IsPortfolio', () => {
  it('false for every single-enterprise token', async () => {
    for (const key of ['gross', 'net', 'noCardStorage', 'dutch', 'noCardPermission'] as const) {
      const r = await call(key, 'configuration/get');
      expect(r.body.Enterprise.IsPortfolio, key).toBe(false);
    }
  });
});

describe('a portfolio access token over London and Amsterdam', () => {
  it('configuration/get without EnterpriseId answers the placeholder portfolio enterprise', async () => {
    const r = await call('portfolio', 'configuration/get');
    expect(r.status).toBe(200);
    expect(r.body.Enterprise).toMatchObject({
      Id: SEED.portfolio.id,
      Name: 'Sandbox Portfolio',
      IsPortfolio: true,
    });
    expect(r.body.Enterprise.Id).not.toBe(london.id);
    expect(r.body.PaymentCardStorage).toBeNull();
  });

  it('configuration/get with EnterpriseId answers that enterprise; one out of scope is 400', async () => {
    const amsterdam = await call('portfolio', 'configuration/get', { EnterpriseId: dutch.id });
    expect(amsterdam.body.Enterprise).toMatchObject({
      Id: dutch.id,
      Name: 'Sandbox Hotel Amsterdam',
      IsPortfolio: false,
    });
    expect(amsterdam.body.PaymentCardStorage).toEqual({ PublicKey: SANDBOX_PUBLIC_KEYS.dutch });
    const uk = await call('portfolio', 'configuration/get', { EnterpriseId: london.id });
    expect(uk.body.Enterprise).toMatchObject({ Id: london.id, IsPortfolio: false });
    const outside = await call('portfolio', 'configuration/get', { EnterpriseId: washington.id });
    expect(outside.status).toBe(400);
    expect(outside.body.Message).toBe('Invalid EnterpriseId.');
  });

  it('getAll without EnterpriseIds covers both enterprises; EnterpriseIds narrows it', async () => {
    const reservations = await call<{ Reservations: Array<Record<string, any>> }>(
      'portfolio',
      'reservations/getAll/2023-06-06',
      { AccountIds: [alice.id, bram.id, emma.id], Limitation: { Count: 10 } },
    );
    expect(reservations.body.Reservations.map((r) => r.Number).sort()).toEqual([
      'SBX-1001',
      'SBX-4001',
    ]);
    const onlyDutch = await call<{ Reservations: Array<Record<string, any>> }>(
      'portfolio',
      'reservations/getAll/2023-06-06',
      { AccountIds: [alice.id, bram.id], EnterpriseIds: [dutch.id], Limitation: { Count: 10 } },
    );
    expect(onlyDutch.body.Reservations.map((r) => r.Number)).toEqual(['SBX-4001']);
    const customers = await call<{ Customers: Array<Record<string, any>> }>(
      'portfolio',
      'customers/getAll',
      {
        Emails: [alice.email, bram.email, emma.email],
        Extent: { Customers: true },
        Limitation: { Count: 10 },
      },
    );
    expect(customers.body.Customers.map((c) => c.Id).sort()).toEqual([alice.id, bram.id].sort());
    const categories = await call<{ AccountingCategories: Array<Record<string, any>> }>(
      'portfolio',
      'accountingCategories/getAll',
      { Limitation: { Count: 100 } },
    );
    expect(new Set(categories.body.AccountingCategories.map((a) => a.EnterpriseId))).toEqual(
      new Set([london.id, dutch.id]),
    );
    const bills = await call<{ Bills: Array<Record<string, any>> }>('portfolio', 'bills/getAll', {
      CustomerIds: [alice.id, bram.id],
      Limitation: { Count: 10 },
    });
    expect(bills.body.Bills.map((b) => b.EnterpriseId).sort()).toEqual(
      [london.id, dutch.id].sort(),
    );
  });

  it('writes act for EnterpriseId; missing, unknown or out of scope is 400 Invalid EnterpriseId', async () => {
    const payment = (extra: Record<string, unknown>) =>
      call<{ ExternalPaymentId: string }>('portfolio', 'payments/addExternal', {
        AccountId: bram.id,
        Amount: { Currency: 'EUR', GrossValue: 50 },
        Type: 'WireTransfer',
        ...extra,
      });
    const inAmsterdam = await payment({ EnterpriseId: dutch.id });
    expect(inAmsterdam.status).toBe(200);
    for (const enterpriseId of [undefined, washington.id, UNKNOWN_ID, SEED.portfolio.id]) {
      const r = await payment(enterpriseId === undefined ? {} : { EnterpriseId: enterpriseId });
      expect(r.status, String(enterpriseId)).toBe(400);
      expect(r.body).toMatchObject({ Message: 'Invalid EnterpriseId.' });
    }
    // Bram is not a London customer.
    const wrongEnterprise = await payment({ EnterpriseId: london.id });
    expect(wrongEnterprise.status).toBe(400);
    expect(wrongEnterprise.body).toMatchObject({ Message: 'Invalid AccountId.' });

    const all = await call<{ Payments: Array<Record<string, any>> }>(
      'portfolio',
      'payments/getAll',
      { AccountIds: [bram.id], Limitation: { Count: 10 } },
    );
    expect(all.body.Payments.map((p) => [p.Id, p.EnterpriseId])).toEqual([
      [inAmsterdam.body.ExternalPaymentId, dutch.id],
    ]);
  });

  it('customers/add acts in the chain it names', async () => {
    const added = await call<{ Id: string; ChainId: string }>('portfolio', 'customers/add', {
      LastName: 'Janssen',
      Email: 'lotte.janssen@example.com',
      ChainId: dutch.chainId,
      OverwriteExisting: false,
    });
    expect(added.status).toBe(200);
    expect(added.body.ChainId).toBe(dutch.chainId);
    const seenByDutch = await call<{ Customers: unknown[] }>('dutch', 'customers/getAll', {
      CustomerIds: [added.body.Id],
      Extent: { Customers: true },
      Limitation: { Count: 1 },
    });
    expect(seenByDutch.body.Customers).toHaveLength(1);
    const noChain = await call('portfolio', 'customers/add', {
      LastName: 'Nobody',
      OverwriteExisting: false,
    });
    expect(noChain.status).toBe(400);
    expect(noChain.body.Message).toBe('Invalid ChainId.');
  });

  it('creditCards/charge acts in the enterprise of the card, payments/addAlternative in the customer’s', async () => {
    const dutchCard = await storeCard('portfolio', bram.id, SANDBOX_PUBLIC_KEYS.dutch);
    const londonCard = await storeCard('portfolio', alice.id, SANDBOX_PUBLIC_KEYS.gross);
    const eur = await call<{ PaymentId: string }>('portfolio', 'creditCards/charge', {
      CreditCardId: dutchCard,
      Amount: { Currency: 'EUR', GrossValue: 180 },
    });
    const gbp = await call<{ PaymentId: string }>('portfolio', 'creditCards/charge', {
      CreditCardId: londonCard,
      Amount: { Currency: 'GBP', GrossValue: 150 },
    });
    expect([eur.status, gbp.status]).toEqual([200, 200]);
    // GBP is not a Dutch currency: the charge really runs in the card's (Dutch) enterprise.
    const gbpOnDutchCard = await call('portfolio', 'creditCards/charge', {
      CreditCardId: dutchCard,
      Amount: { Currency: 'GBP', GrossValue: 1 },
    });
    expect(gbpOnDutchCard.status).toBe(403);

    const idealDutch = await call<{ PaymentId: string }>(
      'portfolio',
      'payments/addAlternative',
      ideal(bram.id),
    );
    expect(idealDutch.status).toBe(200);
    const idealLondon = await call('portfolio', 'payments/addAlternative', ideal(alice.id));
    expect(idealLondon.status).toBe(403);
    expect(idealLondon.body.Message).toContain('Sandbox Hotel London');
    const unknownCustomer = await call('portfolio', 'payments/addAlternative', ideal(emma.id));
    expect(unknownCustomer.status).toBe(400);

    const payments = await call<{ Payments: Array<Record<string, any>> }>(
      'portfolio',
      'payments/getAll',
      {
        PaymentIds: [eur.body.PaymentId, gbp.body.PaymentId, idealDutch.body.PaymentId],
        Limitation: { Count: 10 },
      },
    );
    expect(Object.fromEntries(payments.body.Payments.map((p) => [p.Id, p.EnterpriseId]))).toEqual({
      [eur.body.PaymentId]: dutch.id,
      [gbp.body.PaymentId]: london.id,
      [idealDutch.body.PaymentId]: dutch.id,
    });
    // Single-enterprise tokens see only their own.
    const seenByLondon = await call<{ Payments: Array<{ Id: string }> }>(
      'gross',
      'payments/getAll',
      {
        PaymentIds: [eur.body.PaymentId, gbp.body.PaymentId],
        Limitation: { Count: 10 },
      },
    );
    expect(seenByLondon.body.Payments.map((p) => p.Id)).toEqual([gbp.body.PaymentId]);
  });
});

describe('webhooks of a portfolio', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: any[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('carry each payment’s own EnterpriseId', async () => {
    received.length = 0;
    await sandbox.control.setWebhook({ url: receiverUrl, delayMs: 20 });
    const dutchPayment = await call<{ ExternalPaymentId: string }>(
      'portfolio',
      'payments/addExternal',
      {
        EnterpriseId: dutch.id,
        AccountId: bram.id,
        Amount: { Currency: 'EUR', GrossValue: 10 },
      },
    );
    const londonPayment = await call<{ ExternalPaymentId: string }>(
      'portfolio',
      'payments/addExternal',
      {
        EnterpriseId: london.id,
        AccountId: alice.id,
        Amount: { Currency: 'GBP', GrossValue: 10 },
      },
    );
    await sandbox.control.waitForWebhooks();
    const byEnterprise = Object.fromEntries(
      received.map((m) => [m.EnterpriseId, m.Events.map((e: any) => e.Value.Id)]),
    );
    expect(byEnterprise).toEqual({
      [dutch.id]: [dutchPayment.body.ExternalPaymentId],
      [london.id]: [londonPayment.body.ExternalPaymentId],
    });
  });
});
