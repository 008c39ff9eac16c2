import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MewsApiError, MewsOutcomeUnknownError, USER_MESSAGES } from '@/lib/mews/errors';
import { rateLimitKeyOf } from '@/lib/mews/rate-limiter';
import { classifyNetworkError, MewsTransport } from '@/lib/mews/transport';
import {
  errorResponse,
  fakeClock,
  jsonResponse,
  networkError,
  recordingLogger,
  scriptedFetch,
  TOKENS,
  unlimited,
  type ScriptStep,
} from './support';

const anything = z.looseObject({});
const withId = z.looseObject({ PaymentId: z.string() });

function transport(
  steps: ScriptStep[],
  overrides: Partial<ConstructorParameters<typeof MewsTransport>[0]> = {},
) {
  const scripted = scriptedFetch(steps);
  const clock = fakeClock();
  const logger = recordingLogger();
  const limiter = unlimited();
  const instance = new MewsTransport({
    platformUrl: 'https://api.mews-demo.com/',
    clientToken: TOKENS.clientToken,
    accessToken: TOKENS.accessToken,
    client: 'Mews Checkout 0.1.0',
    fetch: scripted.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    limiter,
    logger,
    ...overrides,
  });
  return { transport: instance, scripted, clock, logger, limiter };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('transport: request envelope', () => {
  it('POSTs JSON to {platform}/api/connector/v1/{operation} with the token envelope in the body', async () => {
    const { transport: t, scripted } = transport([jsonResponse({})]);
    await t.call('configuration/get', { EnterpriseId: 'e1' } as never, anything);
    const [request] = scripted.requests;
    expect(request?.url).toBe('https://api.mews-demo.com/api/connector/v1/configuration/get');
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      ClientToken: TOKENS.clientToken,
      AccessToken: TOKENS.accessToken,
      Client: 'Mews Checkout 0.1.0',
      EnterpriseId: 'e1',
    });
  });

  it('never puts tokens in headers or in the URL', async () => {
    const { transport: t, scripted } = transport([jsonResponse({})]);
    await t.call('configuration/get', {}, anything);
    const [request] = scripted.requests;
    expect(request?.url).not.toContain(TOKENS.accessToken);
    expect(JSON.stringify(request?.headers)).not.toContain(TOKENS.accessToken);
    expect(JSON.stringify(request?.headers)).not.toContain(TOKENS.clientToken);
  });

  it('leaves out undefined fields rather than sending them', async () => {
    const { transport: t, scripted } = transport([jsonResponse({ PaymentId: 'p' })]);
    await t.call(
      'creditCards/charge',
      {
        CreditCardId: 'c',
        Amount: { Currency: 'EUR', GrossValue: 1 },
        ReservationId: undefined,
        Notes: undefined,
      },
      withId,
    );
    expect(scripted.requests[0]?.body).not.toHaveProperty('ReservationId');
    expect(scripted.requests[0]?.body).not.toHaveProperty('Notes');
  });

  it('captures the Request-Id header', async () => {
    const { transport: t } = transport([jsonResponse({}, { headers: { 'Request-Id': 'abc-1' } })]);
    const result = await t.call('configuration/get', {}, anything);
    expect(result.requestId).toBe('abc-1');
    expect(result.attempts).toBe(1);
  });

  it('takes one limiter slot per attempt, keyed by a hash of the access token', async () => {
    const { transport: t, limiter } = transport([errorResponse(503, 'down'), jsonResponse({})]);
    await t.call('configuration/get', {}, anything);
    expect(limiter.acquired).toEqual([
      rateLimitKeyOf(TOKENS.accessToken),
      rateLimitKeyOf(TOKENS.accessToken),
    ]);
    expect(limiter.acquired[0]).not.toContain(TOKENS.accessToken);
  });

  it('treats an empty 204 body as an empty object', async () => {
    const { transport: t } = transport([new Response(null, { status: 204 })]);
    const result = await t.call('configuration/get', {}, anything);
    expect(result.data).toEqual({});
  });
});

describe('transport: error statuses', () => {
  const cases = [
    {
      status: 400,
      kind: 'bad-request',
      visible: false,
      message: USER_MESSAGES['bad-request'],
      level: 'error',
    },
    {
      status: 401,
      kind: 'unauthorized',
      visible: false,
      message: USER_MESSAGES.unauthorized,
      level: 'error',
    },
    {
      status: 403,
      kind: 'business-rule',
      visible: true,
      message: 'The card has expired.',
      level: 'info',
    },
    {
      status: 404,
      kind: 'not-found',
      visible: false,
      message: USER_MESSAGES['not-found'],
      level: 'error',
    },
    {
      status: 409,
      kind: 'conflict',
      visible: false,
      message: USER_MESSAGES.conflict,
      level: 'error',
    },
    {
      status: 413,
      kind: 'payload-too-large',
      visible: false,
      message: USER_MESSAGES['payload-too-large'],
      level: 'error',
    },
  ] as const;

  it.each(cases)(
    'maps HTTP $status on a read to $kind, without retrying',
    async ({ status, kind, visible, message, level }) => {
      const {
        transport: t,
        scripted,
        logger,
      } = transport([
        errorResponse(status, 'The card has expired.', { 'Request-Id': `hdr-${status}` }),
      ]);
      const error = await failure(t.call('customers/getAll', {} as never, anything));
      expect(error).toBeInstanceOf(MewsApiError);
      const apiError = error as MewsApiError;
      expect(apiError.kind).toBe(kind);
      expect(apiError.status).toBe(status);
      expect(apiError.operation).toBe('customers/getAll');
      expect(apiError.mewsMessage).toBe('The card has expired.');
      expect(apiError.requestId).toBe(`hdr-${status}`);
      expect(apiError.retryable).toBe(false);
      expect(apiError.userVisible).toBe(visible);
      expect(apiError.userMessage).toBe(message);
      expect(scripted.requests).toHaveLength(1);
      expect(logger.entries.at(-1)?.level).toBe(level);
      expect(logger.entries.at(-1)?.object).toMatchObject({
        operation: 'customers/getAll',
        status,
        requestId: `hdr-${status}`,
      });
    },
  );

  it.each(cases)(
    'maps HTTP $status on a write the same way: it was refused, not processed',
    async ({ status, kind }) => {
      const { transport: t, scripted } = transport([
        errorResponse(status, 'The card has expired.'),
      ]);
      const error = await failure(
        t.call(
          'creditCards/charge',
          { CreditCardId: 'c', Amount: { Currency: 'EUR', GrossValue: 1 } },
          withId,
        ),
      );
      expect(error).toBeInstanceOf(MewsApiError);
      expect((error as MewsApiError).kind).toBe(kind);
      expect(scripted.requests).toHaveLength(1);
    },
  );

  it('falls back to the body RequestId when the header is missing', async () => {
    const { transport: t } = transport([
      new Response(JSON.stringify({ Message: 'Invalid CreditCardId.', RequestId: 'from-body' }), {
        status: 400,
      }),
    ]);
    const error = (await failure(t.call('configuration/get', {}, anything))) as MewsApiError;
    expect(error.requestId).toBe('from-body');
  });

  it('shows a generic message on 403 when Mews sends no message', async () => {
    const { transport: t } = transport([errorResponse(403, null)]);
    const error = (await failure(t.call('configuration/get', {}, anything))) as MewsApiError;
    expect(error.userVisible).toBe(false);
    expect(error.userMessage).toBe(USER_MESSAGES['business-rule']);
  });

  it('copes with an error body that is not JSON', async () => {
    const { transport: t } = transport([new Response('<html>Bad gateway</html>', { status: 400 })]);
    const error = (await failure(t.call('configuration/get', {}, anything))) as MewsApiError;
    expect(error.kind).toBe('bad-request');
    expect(error.mewsMessage).toBeNull();
  });

  it.each([408, 500, 503])(
    'maps HTTP %i on a read to a retryable error once retries are used up',
    async (status) => {
      const { transport: t, scripted } = transport(
        Array.from({ length: 4 }, () => errorResponse(status, 'busy')),
      );
      const error = (await failure(
        t.call('payments/getAll', {} as never, anything),
      )) as MewsApiError;
      expect(error.kind).toBe(status === 408 ? 'request-timeout' : 'server-error');
      expect(error.retryable).toBe(true);
      expect(error.attempts).toBe(4);
      expect(error.userMessage).toBe(USER_MESSAGES[error.kind]);
      expect(scripted.requests).toHaveLength(4);
    },
  );

  it('turns a 429 that outlasts the retries into "busy, try again in a moment"', async () => {
    const { transport: t, scripted } = transport(
      Array.from({ length: 4 }, () =>
        errorResponse(429, 'Too many requests', { 'Retry-After': '1' }),
      ),
    );
    const error = (await failure(t.call('payments/getAll', {} as never, anything))) as MewsApiError;
    expect(error.kind).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.userMessage).toBe('The payment service is busy. Please try again in a moment.');
    expect(scripted.requests).toHaveLength(4);
  });

  it('logs the failure without the request body or tokens', async () => {
    const { transport: t, logger } = transport([errorResponse(401, 'Invalid access token')]);
    await failure(t.call('configuration/get', {}, anything));
    const logged = JSON.stringify(logger.entries);
    expect(logged).not.toContain(TOKENS.accessToken);
    expect(logged).not.toContain(TOKENS.clientToken);
    expect(logged).toContain('Invalid access token');
  });
});

describe('transport: response validation', () => {
  it('tolerates unknown fields and keeps them', async () => {
    const { transport: t } = transport([
      jsonResponse({ PaymentId: 'p', SomethingNew: { Nested: true } }),
    ]);
    const result = await t.call(
      'creditCards/charge',
      { CreditCardId: 'c', Amount: { Currency: 'EUR' } },
      withId,
    );
    expect(result.data).toMatchObject({ PaymentId: 'p', SomethingNew: { Nested: true } });
  });

  it('reports a read whose response lacks a field we rely on as invalid-response (not retried)', async () => {
    const { transport: t, scripted, logger } = transport([jsonResponse({ Payments: 'nope' })]);
    const error = (await failure(
      t.call('payments/getAll', {} as never, z.looseObject({ Payments: z.array(z.unknown()) })),
    )) as MewsApiError;
    expect(error.kind).toBe('invalid-response');
    expect(error.retryable).toBe(false);
    expect(scripted.requests).toHaveLength(1);
    expect(logger.entries.at(-1)?.object.problems).toEqual([expect.stringContaining('Payments')]);
  });

  it('reports a write whose success body is unreadable as outcome unknown', async () => {
    const { transport: t } = transport([new Response('{"PaymentId":', { status: 200 })]);
    const error = await failure(
      t.call('creditCards/charge', { CreditCardId: 'c', Amount: { Currency: 'EUR' } }, withId),
    );
    expect(error).toBeInstanceOf(MewsOutcomeUnknownError);
    expect((error as MewsOutcomeUnknownError).reason).toBe('unreadable-response');
  });
});

describe('transport: timeouts and network failures', () => {
  it('aborts an attempt after the operation timeout (reads: retried, then a network error)', async () => {
    const { transport: t, scripted } = transport(['hang', 'hang', 'hang', 'hang'], {
      timeouts: { 'payments/getAll': 20 },
    });
    const error = (await failure(t.call('payments/getAll', {} as never, anything))) as MewsApiError;
    expect(error).toBeInstanceOf(MewsApiError);
    expect(error.kind).toBe('network');
    expect(error.status).toBeNull();
    expect(error.retryable).toBe(true);
    expect(scripted.requests).toHaveLength(4);
    expect(scripted.requests.every((request) => request.signal?.aborted)).toBe(true);
  });

  it('accepts a per-call timeout', async () => {
    const { transport: t } = transport(['hang']);
    const error = await failure(
      t.call('creditCards/charge', { CreditCardId: 'c', Amount: { Currency: 'EUR' } }, withId, {
        timeoutMs: 10,
      }),
    );
    expect(error).toBeInstanceOf(MewsOutcomeUnknownError);
    expect((error as MewsOutcomeUnknownError).reason).toBe('timeout');
  });

  it('rethrows the caller abort for reads', async () => {
    const { transport: t } = transport(['hang']);
    const controller = new AbortController();
    const call = t.call('payments/getAll', {} as never, anything, { signal: controller.signal });
    controller.abort(new Error('page closed'));
    await expect(call).rejects.toThrow('page closed');
  });

  it('turns a caller abort of an in-flight write into outcome unknown', async () => {
    const { transport: t } = transport(['hang']);
    const controller = new AbortController();
    const call = t.call('payments/refund', {} as never, anything, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutdown')), 5);
    const error = await failure(call);
    expect(error).toBeInstanceOf(MewsOutcomeUnknownError);
    expect((error as MewsOutcomeUnknownError).reason).toBe('aborted');
  });

  it('classifies fetch errors by their cause code', () => {
    expect(classifyNetworkError(networkError('ECONNREFUSED'))).toEqual({
      type: 'connection-refused',
    });
    expect(classifyNetworkError(networkError('ENOTFOUND'))).toEqual({ type: 'connection-refused' });
    expect(classifyNetworkError(networkError('UND_ERR_CONNECT_TIMEOUT'))).toEqual({
      type: 'connection-refused',
    });
    expect(classifyNetworkError(networkError('ECONNRESET'))).toEqual({ type: 'connection-lost' });
    expect(classifyNetworkError(networkError('UND_ERR_SOCKET'))).toEqual({
      type: 'connection-lost',
    });
    expect(classifyNetworkError(networkError('UND_ERR_HEADERS_TIMEOUT'))).toEqual({
      type: 'timeout',
    });
    expect(classifyNetworkError(new TypeError('fetch failed'))).toEqual({
      type: 'connection-lost',
    });
    expect(classifyNetworkError(new DOMException('t', 'TimeoutError'))).toEqual({
      type: 'timeout',
    });
  });
});
