/**
 * `probeOperationPermissions` (lib/mews/operations/permissions.ts): how Mews' answers to requests
 * with made-up ids become verdicts, that every probe is valid against the official spec, names
 * only ids nobody has, moves at most one minor unit, and is never sent twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBED_OPERATIONS } from '@/lib/mews/operations/permissions';
import { isOperationName, SpecValidator } from '@/sandbox/spec-validator';
import { IDS, wireConfiguration } from './fixtures';
import {
  errorResponse,
  jsonResponse,
  networkError,
  testClient,
  type RecordedRequest,
  type ScriptStep,
} from './support';

const NO_PERMISSION = 'No permission to use this operation.';

let validator: SpecValidator;
beforeAll(() => {
  validator = new SpecValidator();
});

/** A fetch that answers configuration/get with the fixture and each probe by `answers` (400 otherwise). */
function probing(
  answers: Partial<Record<string, ScriptStep[]>> = {},
  configuration: ScriptStep[] = [
    jsonResponse(wireConfiguration()),
    jsonResponse(wireConfiguration()),
  ],
) {
  const steps: Record<string, ScriptStep[]> = { 'configuration/get': configuration };
  for (const operation of PROBED_OPERATIONS)
    steps[operation] = answers[operation] ?? [errorResponse(400, 'Invalid Id.')];
  return testClient(steps);
}

const KNOWN_IDS = new Set<string>(Object.values(IDS));

function idsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) idsIn(item, out);
  else if (value && typeof value === 'object')
    for (const inner of Object.values(value)) idsIn(inner, out);
  return out;
}

function probes(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.operation !== 'configuration/get');
}

describe('probeOperationPermissions', () => {
  it('reads 400 (made-up ids) and 403 (a business rule) as allowed, one request per operation', async () => {
    const { client, scripted } = probing({
      'payments/addAlternative': [
        errorResponse(403, 'The alternative payment method Ideal is not enabled.'),
      ],
    });
    const permissions = await client.probeOperationPermissions();

    expect(permissions.tokenProblem).toBeNull();
    for (const operation of PROBED_OPERATIONS)
      expect(permissions.operations[operation]?.verdict, operation).toBe('allowed');
    expect(permissions.operations['payments/addAlternative']).toEqual({
      verdict: 'allowed',
      status: 403,
      mewsMessage: 'The alternative payment method Ideal is not enabled.',
    });
    for (const operation of PROBED_OPERATIONS) expect(scripted.count(operation)).toBe(1);
    // Nothing refused with a 401: configuration/get is not asked again.
    expect(scripted.count('configuration/get')).toBe(1);
  });

  it('reads 401 while configuration/get still works as denied, and only for those operations', async () => {
    const { client, scripted } = probing({
      'creditCards/addTokenized': [errorResponse(401, NO_PERMISSION)],
      'creditCards/charge': [errorResponse(401, NO_PERMISSION)],
    });
    const permissions = await client.probeOperationPermissions();

    expect(permissions.tokenProblem).toBeNull();
    expect(permissions.operations['creditCards/charge']).toEqual({
      verdict: 'denied',
      status: 401,
      mewsMessage: NO_PERMISSION,
    });
    expect(permissions.operations['creditCards/addTokenized']?.verdict).toBe('denied');
    for (const operation of [
      'payments/addExternal',
      'payments/addCreditCard',
      'payments/refund',
      'payments/addAlternative',
    ] as const)
      expect(permissions.operations[operation]?.verdict, operation).toBe('allowed');
    // The token was checked again after the 401s, fresh (not from the client's cache).
    expect(scripted.count('configuration/get')).toBe(2);
  });

  it('calls a 401 on configuration/get a token problem and sends no probe', async () => {
    const { client, scripted } = probing({}, [errorResponse(401, 'Invalid AccessToken.')]);
    const permissions = await client.probeOperationPermissions();

    expect(permissions.tokenProblem).toContain('Invalid AccessToken.');
    for (const operation of PROBED_OPERATIONS)
      expect(permissions.operations[operation]?.verdict).toBe('unknown');
    expect(probes(scripted.requests)).toHaveLength(0);
  });

  it('calls 401s a token problem, not a denial, when configuration/get fails with 401 afterwards', async () => {
    const { client } = probing(
      {
        'creditCards/charge': [errorResponse(401, 'Invalid AccessToken.')],
      },
      [jsonResponse(wireConfiguration()), errorResponse(401, 'Invalid AccessToken.')],
    );
    const permissions = await client.probeOperationPermissions();

    expect(permissions.tokenProblem).not.toBeNull();
    expect(permissions.operations['creditCards/charge']?.verdict).toBe('unknown');
    expect(permissions.operations['payments/refund']?.verdict).toBe('allowed');
  });

  it('reads 5xx, 408, a timeout and even a 200 as unknown, sent once; resends only what Mews cannot have processed', async () => {
    const { client, scripted, logger } = probing({
      'creditCards/addTokenized': [
        errorResponse(429, 'Too many requests', { 'Retry-After': '1' }),
        errorResponse(400, 'Invalid CustomerId.'),
      ],
      'creditCards/charge': [errorResponse(500, 'Internal error')],
      'payments/addExternal': [errorResponse(408, 'Request timeout')],
      // A reused keep-alive socket the server had closed: nothing reached Mews.
      'payments/addCreditCard': [networkError('ECONNREFUSED'), errorResponse(400, 'Invalid Id.')],
      'payments/refund': ['hang'],
      'payments/addAlternative': [jsonResponse({ PaymentId: IDS.payment, NextAction: null })],
    });
    const permissions = await client.probeOperationPermissions({ timeoutMs: 50 });

    // Unprocessed by Mews (429, refused connection): sent again, like any write, and answered.
    for (const operation of ['creditCards/addTokenized', 'payments/addCreditCard'] as const) {
      expect(permissions.operations[operation]?.verdict, operation).toBe('allowed');
      expect(scripted.count(operation), operation).toBe(2);
    }
    // Possibly processed (5xx, 408, timeout) or answered: never sent twice.
    for (const operation of [
      'creditCards/charge',
      'payments/addExternal',
      'payments/refund',
      'payments/addAlternative',
    ] as const) {
      expect(permissions.operations[operation]?.verdict, operation).toBe('unknown');
      expect(scripted.count(operation), operation).toBe(1);
    }
    expect(permissions.operations['creditCards/charge']?.status).toBe(500);
    expect(permissions.operations['payments/refund']?.status).toBeNull();
    expect(permissions.operations['payments/addAlternative']?.status).toBe(200);
    expect(
      logger.entries.some(
        (entry) => entry.level === 'error' && entry.message?.includes('made-up ids'),
      ),
    ).toBe(true);
  });

  it('works with a logger whose methods live on its prototype, as pino keeps them', async () => {
    // A 403 is logged at info level; copying the logger's own properties lost `info`, and the
    // start-up probe of a hotel without iDEAL read 'unknown' instead of 'allowed (403)'.
    class PrototypeLogger {
      readonly lines: string[] = [];
      debug(_object: object, message?: string) {
        this.lines.push(`debug ${message}`);
      }
      info(_object: object, message?: string) {
        this.lines.push(`info ${message}`);
      }
      warn(_object: object, message?: string) {
        this.lines.push(`warn ${message}`);
      }
      error(_object: object, message?: string) {
        this.lines.push(`error ${message}`);
      }
    }
    const logger = new PrototypeLogger();
    const steps: Record<string, ScriptStep[]> = {
      'configuration/get': [jsonResponse(wireConfiguration())],
    };
    for (const operation of PROBED_OPERATIONS)
      steps[operation] = [errorResponse(400, 'Invalid Id.')];
    steps['payments/addAlternative'] = [errorResponse(403, 'Ideal is not enabled.')];
    const { client } = testClient(steps, { logger });
    const permissions = await client.probeOperationPermissions();

    expect(permissions.operations['payments/addAlternative']).toEqual({
      verdict: 'allowed',
      status: 403,
      mewsMessage: 'Ideal is not enabled.',
    });
    // Expected refusals stay out of the warning and error levels.
    expect(logger.lines.filter((line) => /^(warn|error) /.test(line))).toEqual([]);
  });

  it('reports every operation unknown, sending nothing, when configuration/get cannot be read', async () => {
    const { client, scripted } = probing({}, [
      errorResponse(500, 'down'),
      errorResponse(500, 'down'),
      errorResponse(500, 'down'),
      errorResponse(500, 'down'),
    ]);
    const permissions = await client.probeOperationPermissions();
    expect(permissions.tokenProblem).toBeNull();
    for (const operation of PROBED_OPERATIONS)
      expect(permissions.operations[operation]?.verdict).toBe('unknown');
    expect(probes(scripted.requests)).toHaveLength(0);
  });

  it('sends only spec-valid requests naming fresh ids, for one minor unit of the default currency', async () => {
    const { client, scripted } = probing();
    await client.probeOperationPermissions();
    const sent = probes(scripted.requests);
    expect(sent.map((request) => request.operation).sort()).toEqual([...PROBED_OPERATIONS].sort());

    const seen = new Set<string>();
    for (const request of sent) {
      if (!isOperationName(request.operation)) throw new Error(request.operation);
      const { issues } = validator.validateRequest(request.operation, request.body);
      expect(issues, request.operation).toEqual([]);
      const ids = idsIn(request.body);
      expect(ids.length, request.operation).toBeGreaterThan(0);
      for (const id of ids) {
        expect(KNOWN_IDS.has(id), `${request.operation} names a known id`).toBe(false);
        expect(seen.has(id), `${request.operation} reuses an id`).toBe(false);
        seen.add(id);
      }
      const amount = request.body.Amount as { Currency: string; GrossValue?: number } | undefined;
      if (amount)
        expect(amount, request.operation).toMatchObject({ Currency: 'GBP', GrossValue: 0.01 });
    }
    const refund = sent.find((request) => request.operation === 'payments/refund');
    expect(refund?.body.ValueToRefund).toBe(0.01);
    const addCreditCard = sent.find((request) => request.operation === 'payments/addCreditCard');
    expect(JSON.stringify(addCreditCard?.body)).not.toMatch(/\d{13,19}/);
  });
});

describe('configuration/get IsPortfolio', () => {
  it('maps IsPortfolio, and a missing flag as a single enterprise', async () => {
    const portfolio = wireConfiguration();
    const { client } = testClient({
      'configuration/get': [
        jsonResponse({ ...portfolio, Enterprise: { ...portfolio.Enterprise, IsPortfolio: true } }),
        jsonResponse(wireConfiguration()),
      ],
    });
    expect((await client.getConfiguration()).isPortfolio).toBe(true);
    expect((await client.getConfiguration({ refresh: true })).isPortfolio).toBe(false);
  });
});
