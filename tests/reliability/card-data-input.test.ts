/**
 * Card data sent the way an attacker (or a careless paste) would: straight to the real server
 * actions and route handlers, past any form, with a signed-in manager stood in. A card number in
 * any notation (`4242.4242.4242.4242`, `4242_4242_4242_4242`, `4242/4242/4242/4242`…) or a
 * security code after its name (`cvv 123`) in a note, a receipt id, an external identifier, a
 * refund reason, a link description (staff form and v1 API) or a customer search is refused with
 * the card-data message: nothing is written to the ledger (or any table but the rate limits),
 * nothing reaches Mews, the answer never echoes it, and no table, log line or Mews request holds
 * it afterwards. Ordinary text with long numbers in it (a booking reference, a stay, a phone
 * number) still goes through.
 *
 * Runs on the endpoint harness of the bad-input suite (../support/endpoint-harness.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CARD_DATA_REFUSED } from '@/lib/validation/text';
import { panPattern } from '../support/bad-input';
import {
  allRowsAsText,
  callAction,
  callRoute,
  startEndpointHarness,
  unexpectedGrowth,
  validInput,
  type ActionEndpoint,
  type Harness,
  type Outcome,
  type RouteEndpoint,
} from '../support/endpoint-harness';
import { captureConsole, logCapture } from '../support/log-capture';
import { ENDPOINTS } from './endpoints';

vi.mock('next/headers', async () => (await import('../support/request-scope')).nextHeadersModule);
vi.mock('next-auth', async () => (await import('../support/auth-stand-in')).nextAuthModule);
vi.mock('@/lib/auth/index', async () => (await import('../support/auth-stand-in')).authModule);
vi.mock('pino', async (importOriginal) =>
  (await import('../support/log-capture')).capturingPino(await importOriginal()),
);

/** Luhn-valid: the Visa test number and a 15-digit Amex. */
const VISA = '4242424242424242';
const AMEX = '378282246310005';
const SENT_PANS = [VISA, AMEX];

let harness: Harness;
let restoreConsole: () => void = () => undefined;

beforeAll(async () => {
  restoreConsole = captureConsole();
  harness = await startEndpointHarness();
}, 60_000);

afterAll(async () => {
  restoreConsole();
  await harness?.close();
  logCapture.cleanUp();
});

function endpoint<K extends 'action' | 'route'>(
  kind: K,
  name: string,
): K extends 'action' ? ActionEndpoint : RouteEndpoint {
  const found = ENDPOINTS.find((e) => e.kind === kind && e.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found as K extends 'action' ? ActionEndpoint : RouteEndpoint;
}

async function mewsRequestCount(): Promise<number> {
  return (await harness.sandbox.control.requests()).length;
}

/** Calls, and checks nothing but the rate limits was written and nothing was sent to Mews. */
async function callWritingNothing(call: () => Promise<Outcome>): Promise<Outcome> {
  const before = await harness.counts();
  const mewsBefore = await mewsRequestCount();
  const outcome = await call();
  expect(unexpectedGrowth(before, await harness.counts(), ['rate_limit_windows'])).toEqual([]);
  expect(await mewsRequestCount()).toBe(mewsBefore);
  return outcome;
}

function expectRefusedAsCardData(outcome: Outcome): void {
  expect(outcome.kind).toBe('result');
  const value = (outcome as { value: { ok: boolean; error?: { code: string; message: string } } })
    .value;
  expect(value.ok).toBe(false);
  expect(value.error).toMatchObject({ code: 'invalid_input', message: CARD_DATA_REFUSED });
  expectNoEcho(JSON.stringify(value));
}

function expectNoEcho(answer: string): void {
  for (const pan of SENT_PANS) expect(answer).not.toMatch(panPattern(pan));
  expect(answer).not.toMatch(/cvv\W*123/i);
}

describe('staff server actions refuse card data in any notation, writing and sending nothing', () => {
  const cases: Array<{ action: string; field: string; text: string }> = [
    { action: 'recordTerminalCardPaymentAction', field: 'notes', text: '4242.4242.4242.4242' },
    {
      action: 'recordTerminalCardPaymentAction',
      field: 'receiptIdentifier',
      text: '4242_4242_4242_4242',
    },
    { action: 'recordTerminalCardPaymentAction', field: 'holderName', text: 'Alice Smith cvv 123' },
    {
      action: 'recordTerminalCardPaymentAction',
      field: 'notes',
      text: 'order 1234 4242424242424242',
    },
    {
      action: 'recordExternalPaymentAction',
      field: 'externalIdentifier',
      text: '4242/4242/4242/4242',
    },
    {
      action: 'recordExternalPaymentAction',
      field: 'notes',
      text: 'Amex 3782\u00a0822463\u201310005',
    },
    { action: 'chargeStoredCardAction', field: 'notes', text: 'card 4242•4242•4242•4242' },
    { action: 'refundPaymentAction', field: 'reason', text: 'guest read the CVC: 123 to us' },
    {
      action: 'createPaymentLinkAction',
      field: 'description',
      text: '4242/4242/4242/4242 cvv 123',
    },
    {
      action: 'createPaymentLinkAction',
      field: 'description',
      text: 'Deposit, security code 1234',
    },
  ];
  for (const { action, field, text } of cases) {
    it(`${action} ${field}: ${JSON.stringify(text)}`, async () => {
      const target = endpoint('action', action);
      const input = { ...validInput(target.fields, harness.fixtures), [field]: text };
      expectRefusedAsCardData(
        await callWritingNothing(() => callAction(target, harness.fixtures, input)),
      );
    });
  }

  it('both fields of the brief at once, and card data in a field the form does not have', async () => {
    const target = endpoint('action', 'recordTerminalCardPaymentAction');
    const base = validInput(target.fields, harness.fixtures);
    for (const input of [
      { ...base, notes: '4242.4242.4242.4242', receiptIdentifier: '4242_4242_4242_4242' },
      { ...base, comment: { nested: ['cvv: 1234'] } },
    ]) {
      expectRefusedAsCardData(
        await callWritingNothing(() => callAction(target, harness.fixtures, input)),
      );
    }
  });
});

describe('route handlers refuse card data in any notation', () => {
  it('POST /api/v1/payment-links: a description with a card number and its code, in JSON', async () => {
    const target = endpoint('route', 'POST /api/v1/payment-links');
    const body = validInput(target.body!, harness.fixtures);
    for (const description of [
      '4242/4242/4242/4242 cvv 123',
      'cvv 123',
      '4242 _ 4242 _ 4242 _ 4242',
    ]) {
      const outcome = await callWritingNothing(() =>
        callRoute(target, harness.fixtures, { body: JSON.stringify({ ...body, description }) }),
      );
      expect(outcome.kind).toBe('response');
      const response = outcome as Extract<Outcome, { kind: 'response' }>;
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        error: { code: 'invalid_input', message: CARD_DATA_REFUSED },
      });
      expectNoEcho(response.text);
    }
  });

  it('GET /api/staff/customers: a search for a card number is refused before Mews is asked', async () => {
    const target = endpoint('route', 'GET /api/staff/customers');
    for (const query of ['4242.4242.4242.4242', 'Smith cvv 123']) {
      const outcome = await callWritingNothing(() =>
        callRoute(target, harness.fixtures, { query: [['query', query]] }),
      );
      const response = outcome as Extract<Outcome, { kind: 'response' }>;
      expect(response.status).toBe(400);
      expect(response.text).toContain(CARD_DATA_REFUSED);
      expectNoEcho(response.text);
    }
  });
});

describe('ordinary text with long numbers still goes through the server', () => {
  const ORDINARY =
    'Booking 1234 5678 9012 3456, stay 02.12.2026 – 05.12.2026, call +49 151 12345678';

  it('a terminal payment with it in the notes is recorded (and its masked number accepted)', async () => {
    const target = endpoint('action', 'recordTerminalCardPaymentAction');
    const outcome = await callAction(target, harness.fixtures, {
      ...validInput(target.fields, harness.fixtures),
      obfuscatedNumber: '411111******1111',
      receiptIdentifier: 'T-2026-000123',
      notes: ORDINARY,
    });
    expect(outcome).toMatchObject({ kind: 'result', value: { ok: true } });
  });

  it('a link, from the staff form and from the v1 API, with it in the description', async () => {
    const action = endpoint('action', 'createPaymentLinkAction');
    expect(
      await callAction(action, harness.fixtures, {
        ...validInput(action.fields, harness.fixtures),
        description: ORDINARY,
      }),
    ).toMatchObject({ kind: 'result', value: { ok: true } });
    const route = endpoint('route', 'POST /api/v1/payment-links');
    const outcome = await callRoute(route, harness.fixtures, {
      // The staff form just made a deposit link for the same reservation: say a second one is meant.
      body: JSON.stringify({
        ...validInput(route.body!, harness.fixtures),
        description: ORDINARY,
        allowDuplicate: true,
      }),
    });
    expect(outcome).toMatchObject({ kind: 'response', status: 201 });
  });
});

describe('afterwards', () => {
  it('no card number sent is in any table, any log line or any request to Mews', async () => {
    const { logger } = await import('@/lib/log');
    // The canary proves the capture works and that the logger masks any notation and the code.
    logger.info(
      { canary: 'card-data-suite', note: 'guest said 4242.4242.4242.4242 cvv 123' },
      'canary 4242_4242_4242_4242',
    );
    logger.flush();
    const patterns = SENT_PANS.map((pan) => ({ pan, pattern: panPattern(pan) }));
    const { rows } = await allRowsAsText(harness.database.db);
    const lines = logCapture.lines();
    const requests = await harness.sandbox.control.requests();
    const hits = [
      ...rows.flatMap(({ table, text }) =>
        patterns.filter(({ pattern }) => pattern.test(text)).map(({ pan }) => `${table}: ${pan}`),
      ),
      ...lines.flatMap((line, i) =>
        patterns
          .filter(({ pattern }) => pattern.test(line))
          .map(({ pan }) => `log line ${i}: ${pan}`),
      ),
      ...requests.flatMap((entry) =>
        patterns
          .filter(({ pattern }) => pattern.test(JSON.stringify(entry.request)))
          .map(({ pan }) => `sent to Mews (${entry.operation}): ${pan}`),
      ),
      ...lines.filter((line) => /cvv\W{0,3}123/i.test(line)).map(() => 'a log line holds cvv 123'),
    ];
    expect(lines.some((line) => line.includes('card-data-suite'))).toBe(true);
    expect(hits).toEqual([]);
  });
});
