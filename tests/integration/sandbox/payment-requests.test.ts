/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSpecValidator } from '@/sandbox/spec-validator';
import { readSandboxMail } from '@/tests/support/sandbox-mail';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/**
 * Payment requests and preauthorizations (reference §2, §3) in the sandbox: the three
 * `paymentRequests/*` operations, their lifecycle (completed by a charged payment carrying the
 * request id, expired by the clock with a staff task), Mews' e-mail, holds and
 * `preauthorizations/getAllByCustomers`.
 */

const validator = getSpecValidator();
const alice = SEED.customers.alice;
const aliceReservation = SEED.reservations.aliceLondon;
const bram = SEED.customers.bram;
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ smtp: true });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
  await fetch(`${sandbox.url}/_sandbox/mail/messages`, { method: 'DELETE' });
});

async function nowMs(): Promise<number> {
  return Date.parse((await sandbox.control.clock()).nowUtc);
}

async function item(overrides: Record<string, unknown> = {}) {
  return {
    AccountId: alice.id,
    Amount: { Currency: 'GBP', Value: 150 },
    Type: 'Payment',
    Reason: 'Deposit',
    ExpirationUtc: new Date((await nowMs()) + 24 * 3600_000).toISOString(),
    Description: 'Deposit for SBX-1001',
    Notes: 'mews-checkout 1234',
    ReservationId: aliceReservation.id,
    ...overrides,
  };
}

async function add(
  items: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
  enterprise: 'gross' | 'net' | 'dutch' | 'noPaymentRequestPermission' | 'portfolio' = 'gross',
) {
  return sandbox.connector<any>(
    'paymentRequests/add',
    { PaymentRequests: items, SendPaymentRequestEmails: false, ...extra },
    { enterprise },
  );
}

async function getAll(body: Record<string, unknown>) {
  const r = await sandbox.connector<any>('paymentRequests/getAll', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(validator.validateResponse('paymentRequests/getAll', r.body).issues).toEqual([]);
  return r.body;
}

async function requestState(id: string): Promise<string> {
  const body = await getAll({ PaymentRequestIds: [id], Limitation: { Count: 1 } });
  return body.PaymentRequests[0].State as string;
}

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as T;
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

describe('paymentRequests/add', () => {
  it('answers full PaymentRequest objects, valid against the spec', async () => {
    const r = await add([await item()]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(validator.validateResponse('paymentRequests/add', r.body).issues).toEqual([]);
    const [request] = r.body.PaymentRequests;
    expect(request).toMatchObject({
      EnterpriseId: SEED.enterprises.gross.id,
      AccountId: alice.id,
      CustomerId: alice.id,
      ReservationId: aliceReservation.id,
      ReservationGroupId: aliceReservation.groupId,
      State: 'Pending',
      Type: 'Payment',
      Reason: 'Deposit',
      Description: 'Deposit for SBX-1001',
      Notes: 'mews-checkout 1234',
      Amount: { Currency: 'GBP', GrossValue: 150, NetValue: 150, TaxValues: [] },
    });
    expect(request.CreatedUtc).toBe(request.UpdatedUtc);
  });

  it('refuses enterprises that are not on Mews Payments with 403', async () => {
    const r = await add(
      [
        await item({
          AccountId: SEED.customers.emma.id,
          ReservationId: null,
          Amount: { Currency: 'USD', Value: 20 },
        }),
      ],
      {},
      'net',
    );
    expect(r.status).toBe(403);
    expect(r.body.Message).toBe(
      'Payment requests are not available: Sandbox Hotel Washington does not use Mews Payments.',
    );
    const hostel = await sandbox.connector<any>(
      'paymentRequests/add',
      {
        PaymentRequests: [
          await item({
            AccountId: SEED.customers.greta.id,
            ReservationId: null,
            Amount: { Currency: 'EUR', Value: 1 },
          }),
        ],
      },
      { enterprise: 'noCardStorage' },
    );
    expect(hostel.status).toBe(403);
    // The Amsterdam hotel is on Mews Payments.
    const dutch = await add(
      [
        await item({
          AccountId: bram.id,
          ReservationId: null,
          Amount: { Currency: 'EUR', Value: 180 },
        }),
      ],
      {},
      'dutch',
    );
    expect(dutch.status).toBe(200);
  });

  it('answers 401 to the token without the payment-request permission, for all three operations', async () => {
    for (const [operation, body] of [
      ['paymentRequests/add', { PaymentRequests: [await item()] }],
      ['paymentRequests/getAll', { Limitation: { Count: 1 } }],
      ['paymentRequests/cancel', { PaymentRequestIds: [alice.id] }],
    ] as const) {
      const r = await sandbox.connector<any>(operation, body, {
        enterprise: 'noPaymentRequestPermission',
      });
      expect(r.status, operation).toBe(401);
      expect(r.body.Message).toBe('No permission to use this operation.');
    }
    expect(SANDBOX_TOKENS.noPaymentRequestPermission).toHaveLength(SANDBOX_TOKENS.gross.length);
    // Other operations still work for it.
    const config = await sandbox.connector(
      'configuration/get',
      {},
      {
        enterprise: 'noPaymentRequestPermission',
      },
    );
    expect(config.status).toBe(200);
  });

  it('validates items: past expiry, unknown account, foreign reservation, disabled currency, schema', async () => {
    const past = await add([
      await item({ ExpirationUtc: new Date((await nowMs()) - 1000).toISOString() }),
    ]);
    expect(past.status).toBe(400);
    expect(past.body.Message).toBe('Invalid ExpirationUtc.');

    const unknown = await add([
      await item({ AccountId: SEED.customers.emma.id, ReservationId: null }),
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.Message).toBe('Invalid AccountId.');

    const foreign = await add([await item({ ReservationId: SEED.reservations.bobLondonEur.id })]);
    expect(foreign.status).toBe(400);
    expect(foreign.body.Message).toBe('Invalid ReservationId.');

    const chf = await add([await item({ Amount: { Currency: 'CHF', Value: 10 } })]);
    expect(chf.status).toBe(403);

    const schema = await add([{ ...(await item()), Amount: { Currency: 'GBP', GrossValue: 10 } }]);
    expect(schema.status).toBe(400);
    expect(schema.body.Details.length).toBeGreaterThan(0);

    // All or nothing: one bad item creates none.
    const mixed = await add([
      await item(),
      await item({ AccountId: SEED.customers.emma.id, ReservationId: null }),
    ]);
    expect(mixed.status).toBe(400);
    expect((await getAll({ Limitation: { Count: 10 } })).PaymentRequests).toEqual([]);
  });

  it('records SendPaymentRequestEmails: default true sends Mews e-mail, false sends none', async () => {
    const silent = await add([await item()]);
    const noisy = await sandbox.connector<any>('paymentRequests/add', {
      PaymentRequests: [await item({ Description: 'Second' })],
    });
    expect(noisy.status).toBe(200);
    const listed = await control<{ paymentRequests: any[] }>('GET', '/_sandbox/payment-requests');
    const byId = new Map(listed.paymentRequests.map((r) => [r.Id, r]));
    expect(byId.get(silent.body.PaymentRequests[0].Id).sentEmail).toBe(false);
    expect(byId.get(noisy.body.PaymentRequests[0].Id).sentEmail).toBe(true);

    const emails = (await control<{ emails: any[] }>('GET', '/_sandbox/payment-requests/emails'))
      .emails;
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      paymentRequestId: noisy.body.PaymentRequests[0].Id,
      to: alice.email,
      from: 'noreply@mews.example',
    });
    expect(emails[0].url).toBe(
      `${sandbox.url}/navigator/payment-requests/detail/${noisy.body.PaymentRequests[0].Id}`,
    );
    const mail = await readSandboxMail(sandbox.url, { to: alice.email });
    expect(mail).toHaveLength(1);
    expect(mail[0]?.from).toContain('noreply@mews.example');
    expect(mail[0]?.text).toContain(emails[0].url);

    const page = await fetch(emails[0].url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Second');
  });

  it('keeps Notes under notesMode: drop', async () => {
    await sandbox.control.updateSettings({ notesMode: 'drop' });
    const r = await add([await item()]);
    expect(r.body.PaymentRequests[0].Notes).toBeNull();
  });

  it('acts for the EnterpriseId of a portfolio token', async () => {
    const r = await add(
      [
        await item({
          AccountId: bram.id,
          ReservationId: null,
          Amount: { Currency: 'EUR', Value: 5 },
        }),
      ],
      { EnterpriseId: SEED.enterprises.dutch.id },
      'portfolio',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.PaymentRequests[0].EnterpriseId).toBe(SEED.enterprises.dutch.id);
    const missing = await add([await item()], {}, 'portfolio');
    expect(missing.status).toBe(400);
  });
});

describe('paymentRequests/getAll and cancel', () => {
  it('pages newest first with the cursor of the last item; filters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await add([await item({ Description: `Request ${i}` })]);
      ids.push(r.body.PaymentRequests[0].Id);
      await sandbox.control.advanceClock(1);
    }
    const first = await getAll({ Limitation: { Count: 2 } });
    expect(first.PaymentRequests.map((r: any) => r.Id)).toEqual([ids[4], ids[3]]);
    expect(first.Cursor).toBe(ids[3]);
    const second = await getAll({ Limitation: { Count: 2, Cursor: first.Cursor } });
    expect(second.PaymentRequests.map((r: any) => r.Id)).toEqual([ids[2], ids[1]]);
    const last = await getAll({ Limitation: { Count: 2, Cursor: second.Cursor } });
    expect(last.PaymentRequests.map((r: any) => r.Id)).toEqual([ids[0]]);

    expect(
      (await getAll({ AccountIds: [bram.id], Limitation: { Count: 10 } })).PaymentRequests,
    ).toEqual([]);
    expect(
      (
        await getAll({
          ReservationIds: [aliceReservation.id],
          States: ['Pending'],
          Limitation: { Count: 10 },
        })
      ).PaymentRequests,
    ).toHaveLength(5);
    const missingLimitation = await sandbox.connector<any>('paymentRequests/getAll', {});
    expect(missingLimitation.status).toBe(400);
    const tooLong = await sandbox.connector<any>('paymentRequests/getAll', {
      UpdatedUtc: { StartUtc: '2027-01-01T00:00:00Z', EndUtc: '2027-06-01T00:00:00Z' },
      Limitation: { Count: 10 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.Message).toBe('Invalid UpdatedUtc.');
    // Another enterprise's token does not see London's requests.
    const dutch = await sandbox.connector<any>(
      'paymentRequests/getAll',
      { Limitation: { Count: 10 } },
      { enterprise: 'dutch' },
    );
    expect(dutch.body.PaymentRequests).toEqual([]);
  });

  it('cancels Pending requests only; unknown ids and other states are 400', async () => {
    const r = await add([await item()]);
    const id = r.body.PaymentRequests[0].Id as string;
    const canceled = await sandbox.connector<any>('paymentRequests/cancel', {
      PaymentRequestIds: [id],
    });
    expect(canceled.status).toBe(200);
    expect(validator.validateResponse('paymentRequests/cancel', canceled.body).issues).toEqual([]);
    expect(canceled.body.PaymentRequests[0].State).toBe('Canceled');
    const again = await sandbox.connector<any>('paymentRequests/cancel', {
      PaymentRequestIds: [id],
    });
    expect(again.status).toBe(400);
    expect(again.body.Message).toBe('Invalid PaymentRequestIds.');
    expect(String(again.body.Details)).toContain('Canceled');
    const unknown = await sandbox.connector<any>('paymentRequests/cancel', {
      PaymentRequestIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    const foreign = await sandbox.connector<any>(
      'paymentRequests/cancel',
      { PaymentRequestIds: [id] },
      { enterprise: 'dutch' },
    );
    expect(foreign.status).toBe(400);
  });
});

describe('lifecycle', () => {
  it('a Charged payment carrying the request id completes it; payments/getAll shows PaymentRequestId', async () => {
    const r = await add([await item()]);
    const id = r.body.PaymentRequests[0].Id as string;
    const paid = await control('POST', `/_sandbox/payment-requests/${id}/payments`, {
      state: 'Charged',
    });
    expect(paid.paymentRequestState).toBe('Completed');
    expect(await requestState(id)).toBe('Completed');
    const payments = await sandbox.connector<any>('payments/getAll', {
      PaymentIds: [paid.paymentId],
      Limitation: { Count: 1 },
    });
    expect(payments.status).toBe(200);
    expect(validator.validateResponse('payments/getAll', payments.body).issues).toEqual([]);
    const [payment] = payments.body.Payments;
    expect(payment).toMatchObject({
      PaymentRequestId: id,
      AccountId: alice.id,
      ReservationId: aliceReservation.id,
      State: 'Charged',
      Type: 'CreditCardPayment',
      Amount: { Currency: 'GBP', GrossValue: -150 },
      Data: { Discriminator: 'CreditCard', CreditCard: { CreditCardId: paid.paymentMethodId } },
    });
    // The card is stored for the customer, as Mews would.
    const cards = await sandbox.connector<any>('creditCards/getAll', {
      CreditCardIds: [paid.paymentMethodId],
      Limitation: { Count: 1 },
    });
    expect(cards.body.CreditCards[0]).toMatchObject({ CustomerId: alice.id, Kind: 'Gateway' });
    // A completed request cannot be paid again.
    const twice = await fetch(`${sandbox.url}/_sandbox/payment-requests/${id}/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'Charged' }),
    });
    expect(twice.status).toBe(409);
    // A completed request cannot be canceled.
    const cancel = await sandbox.connector<any>('paymentRequests/cancel', {
      PaymentRequestIds: [id],
    });
    expect(cancel.status).toBe(400);
  });

  it('a Failed payment leaves it Pending; a wallet payment is an AlternativePayment', async () => {
    const r = await add([await item()]);
    const id = r.body.PaymentRequests[0].Id as string;
    const failed = await control('POST', `/_sandbox/payment-requests/${id}/payments`, {
      state: 'Failed',
    });
    expect(await requestState(id)).toBe('Pending');
    const wallet = await control('POST', `/_sandbox/payment-requests/${id}/payments`, {
      state: 'Charged',
      method: 'GooglePay',
    });
    expect(await requestState(id)).toBe('Completed');
    const payments = await sandbox.connector<any>('payments/getAll', {
      PaymentIds: [failed.paymentId, wallet.paymentId],
      Limitation: { Count: 10 },
    });
    const byId = new Map(payments.body.Payments.map((p: any) => [p.Id, p]));
    expect(byId.get(failed.paymentId)).toMatchObject({ State: 'Failed', PaymentRequestId: id });
    expect(byId.get(wallet.paymentId)).toMatchObject({
      State: 'Charged',
      Type: 'AlternativePayment',
      Data: { Discriminator: 'Alternative', Alternative: { Type: 'GooglePay' } },
    });
  });

  it('a Pending iDEAL payment completes the request only once it settles Charged', async () => {
    const r = await add(
      [
        await item({
          AccountId: bram.id,
          ReservationId: null,
          Amount: { Currency: 'EUR', Value: 180 },
        }),
      ],
      {},
      'dutch',
    );
    const id = r.body.PaymentRequests[0].Id as string;
    const paid = await control('POST', `/_sandbox/payment-requests/${id}/payments`, {
      state: 'Pending',
      method: 'Ideal',
      returnUrl: 'http://localhost:3000/pay?x=1',
    });
    const dutchState = async () => {
      const body = await sandbox.connector<any>(
        'paymentRequests/getAll',
        { PaymentRequestIds: [id], Limitation: { Count: 1 } },
        { enterprise: 'dutch' },
      );
      return body.body.PaymentRequests[0].State;
    };
    expect(await dutchState()).toBe('Pending');
    const bank = await sandbox.control.completeIdeal(paid.paymentId, 'approve');
    expect(bank.redirectUrl).toBe(`http://localhost:3000/pay?x=1&paymentId=${paid.paymentId}`);
    expect(await dutchState()).toBe('Completed');
  });

  it('expires with the clock and leaves a staff task', async () => {
    const r = await add([
      await item({ ExpirationUtc: new Date((await nowMs()) + 3600_000).toISOString() }),
    ]);
    const id = r.body.PaymentRequests[0].Id as string;
    expect((await control<{ tasks: unknown[] }>('GET', '/_sandbox/tasks')).tasks).toEqual([]);
    await sandbox.control.advanceClock(3601);
    expect(await requestState(id)).toBe('Expired');
    const tasks = (await control<{ tasks: any[] }>('GET', '/_sandbox/tasks')).tasks;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'PaymentRequestExpired', paymentRequestId: id });
    const late = await fetch(`${sandbox.url}/_sandbox/payment-requests/${id}/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'Charged' }),
    });
    expect(late.status).toBe(409);
  });
});

describe('preauthorizations', () => {
  it('a completed Preauthorization request places a Chargeable hold read by getAllByCustomers; it expires', async () => {
    const r = await add([
      await item({ Type: 'Preauthorization', Amount: { Currency: 'GBP', Value: 300 } }),
    ]);
    const id = r.body.PaymentRequests[0].Id as string;
    const none = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id],
    });
    expect(none.status).toBe(200);
    expect(none.body.Preauthorizations).toEqual([]);

    const hold = await control('POST', `/_sandbox/payment-requests/${id}/hold`);
    expect(await requestState(id)).toBe('Completed');
    const read = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id, bram.id],
    });
    expect(
      validator.validateResponse('preauthorizations/getAllByCustomers', read.body).issues,
    ).toEqual([]);
    expect(read.body.Preauthorizations).toEqual([
      {
        Id: hold.preauthorizationId,
        CreditCardId: hold.creditCardId,
        Amount: expect.objectContaining({ Currency: 'GBP', GrossValue: 300 }),
        State: 'Chargeable',
        ReservationId: aliceReservation.id,
        Code: expect.any(String),
        CustomerId: alice.id,
        IsActive: true,
      },
    ]);
    // Another enterprise's token sees nothing of London's customers.
    const foreign = await sandbox.connector<any>(
      'preauthorizations/getAllByCustomers',
      { CustomerIds: [alice.id] },
      { enterprise: 'dutch' },
    );
    expect(foreign.body.Preauthorizations).toEqual([]);

    await sandbox.control.advanceClock(7 * 86_400 + 1);
    const expired = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id],
    });
    expect(expired.body.Preauthorizations[0]).toMatchObject({ State: 'Expired', IsActive: false });
  });

  it('staff charge or cancel a hold; a Payment request cannot take a hold; no paging, 1..1000 ids', async () => {
    const r = await add([
      await item({ Type: 'Preauthorization' }),
      await item({ Type: 'Preauthorization' }),
      await item(),
    ]);
    const [a, b, payment] = r.body.PaymentRequests.map((x: any) => x.Id as string);
    const holdA = await control('POST', `/_sandbox/payment-requests/${a}/hold`);
    const holdB = await control('POST', `/_sandbox/payment-requests/${b}/hold`);
    const wrong = await fetch(`${sandbox.url}/_sandbox/payment-requests/${payment}/hold`, {
      method: 'POST',
    });
    expect(wrong.status).toBe(409);
    const charged = await control(
      'POST',
      `/_sandbox/preauthorizations/${holdA.preauthorizationId}`,
      {
        action: 'charge',
      },
    );
    expect(charged.preauthorization.State).toBe('Charged');
    await control('POST', `/_sandbox/preauthorizations/${holdB.preauthorizationId}`, {
      action: 'cancel',
    });
    const read = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id],
    });
    const states = new Map(read.body.Preauthorizations.map((p: any) => [p.Id, p]));
    expect(states.get(holdA.preauthorizationId)).toMatchObject({ State: 'Charged' });
    expect(states.get(holdB.preauthorizationId)).toMatchObject({
      State: 'Cancelled',
      IsActive: false,
    });
    const empty = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [],
    });
    expect(empty.status).toBe(400);
    const paged = await sandbox.connector<any>('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id],
      Limitation: { Count: 1 },
    });
    expect(paged.status).toBe(400);
  });
});

describe('faults', () => {
  it('drop-after-processing on paymentRequests/add creates the request, then cuts the connection', async () => {
    await sandbox.control.addFault({
      operation: 'paymentRequests/add',
      kind: 'drop-after-processing',
      count: 1,
    });
    await expect(add([await item()])).rejects.toThrow();
    const listed = await getAll({ AccountIds: [alice.id], Limitation: { Count: 10 } });
    expect(listed.PaymentRequests).toHaveLength(1);
    const log = await sandbox.control.requests('paymentRequests/add');
    expect(log[0]).toMatchObject({ status: 0, fault: 'drop-after-processing' });
  });

  it('500 and 429 on the new operations are not processed', async () => {
    await sandbox.control.addFaults([
      { operation: 'paymentRequests/add', kind: '500', count: 1 },
      { operation: 'preauthorizations/getAllByCustomers', kind: '429', count: 1 },
    ]);
    expect((await add([await item()])).status).toBe(500);
    expect((await getAll({ Limitation: { Count: 10 } })).PaymentRequests).toEqual([]);
    const limited = await sandbox.connector('preauthorizations/getAllByCustomers', {
      CustomerIds: [alice.id],
    });
    expect(limited.status).toBe(429);
  });
});

describe('checkout settings', () => {
  it('merges on POST, validates, and reset restores the defaults', async () => {
    const defaults = (await control('GET', '/_sandbox/checkout/settings')).settings;
    expect(defaults).toEqual({
      preauthorizationCheckout: 'silent',
      walletCard: false,
      applePayDomains: ['localhost', '127.0.0.1'],
      threeDsByDefault: false,
      challengeTimeoutSeconds: 300,
      holdLifetimeDays: 7,
    });
    const merged = await control('POST', '/_sandbox/checkout/settings', {
      walletCard: true,
      holdLifetimeDays: 2,
    });
    expect(merged.settings).toMatchObject({
      walletCard: true,
      holdLifetimeDays: 2,
      preauthorizationCheckout: 'silent',
    });
    const bad = await fetch(`${sandbox.url}/_sandbox/checkout/settings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ preauthorizationCheckout: 'maybe' }),
    });
    expect(bad.status).toBe(400);
    await sandbox.control.reset();
    expect((await control('GET', '/_sandbox/checkout/settings')).settings).toEqual(defaults);
  });
});
