import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { SandboxRuntime } from '../runtime';
import { DEMO_CLIENT_TOKENS, accessGrant } from '../seed';
import { CONNECTOR_PREFIX, isOperationName, type OperationName } from '../spec-validator';
import { toUtc } from '../state';
import { NO_PERMISSION_MESSAGE, actingEnterprise, isOperationDenied } from './access';
import { ApiError, type Body, type OperationContext } from './context';
import { OPERATION_HANDLERS } from './index';
import { normaliseLegacyAddAlternative } from './payments';

type Env = { Bindings: Partial<HttpBindings> };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Cuts the TCP connection without an HTTP answer, as a network failure would. */
function dropConnection(c: Context<Env>): void {
  c.env?.incoming?.socket.destroy();
}

/**
 * The Connector API stand-in: POST `/api/connector/v1/{operation}`, tokens in the JSON body,
 * case-sensitive paths, each request validated against the official spec before a handler sees it
 * and each answer validated before it leaves.
 */
export function registerConnectorRoutes(app: Hono<Env>, runtime: SandboxRuntime): void {
  app.all(`${CONNECTOR_PREFIX}*`, async (c) => {
    const requestId = randomUUID();
    const pathname = new URL(c.req.url).pathname;
    const operation = pathname.slice(CONNECTOR_PREFIX.length);
    const startedUtc = toUtc(runtime.store.nowMs());
    let rawBody = '';

    const answer = (
      status: number,
      body: unknown,
      fault: string | null = null,
      headers: Record<string, string> = {},
    ) => {
      runtime.log.add({
        requestId,
        atUtc: startedUtc,
        operation,
        status,
        fault,
        rawBody,
        response: body,
      });
      return c.json(body as object, status as 200, { 'Request-Id': requestId, ...headers });
    };
    const error = (
      status: number,
      message: string,
      details: unknown = null,
      fault: string | null = null,
      headers: Record<string, string> = {},
    ) =>
      answer(status, { Message: message, RequestId: requestId, Details: details }, fault, headers);

    // Mews matches the path exactly: wrong case, a trailing slash or another method is a 404.
    if (c.req.method !== 'POST' || !isOperationName(operation)) {
      return error(404, `The endpoint ${c.req.method} ${pathname} does not exist.`);
    }

    rawBody = await c.req.text();
    const faults = runtime.faults.take(operation);
    const latency = runtime.settings.latencyMs + faults.latencyMs;
    if (latency > 0) await sleep(latency);
    const fault = faults.outcome;
    if (fault?.kind === '429') {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      return error(429, 'Too many requests. Please retry later.', null, '429', headers);
    }
    if (fault?.kind === '500') return error(500, 'An unexpected error occurred.', null, '500');
    if (fault?.kind === '408')
      return error(
        408,
        'The request took too long to process. Please narrow it down.',
        null,
        '408',
      );
    if (fault?.kind === 'timeout-before-processing') {
      runtime.log.add({
        requestId,
        atUtc: startedUtc,
        operation,
        status: 0,
        fault: fault.kind,
        rawBody,
        response: null,
      });
      await sleep(fault.timeoutMs);
      dropConnection(c);
      return c.body(null, 504);
    }

    let body: Body;
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Body;
    } catch {
      return error(400, 'Invalid JSON.');
    }

    const accessToken = typeof body.AccessToken === 'string' ? body.AccessToken : '';
    const retryAfter = runtime.rateLimiter.check(accessToken, runtime.store.nowMs());
    if (retryAfter !== null) {
      return error(429, 'Too many requests. Please retry later.', null, null, {
        'Retry-After': String(retryAfter),
      });
    }

    const grant = accessGrant(accessToken);
    if (
      typeof body.ClientToken !== 'string' ||
      !(DEMO_CLIENT_TOKENS as readonly string[]).includes(body.ClientToken)
    ) {
      return error(401, 'Invalid ClientToken.');
    }
    if (!grant) return error(401, 'Invalid AccessToken.');
    // Before anything reads the body: a request with made-up ids learns the missing permission
    // without side effects, as a permission probe against Mews does.
    if (isOperationDenied(grant, operation)) return error(401, NO_PERMISSION_MESSAGE);

    // The docs allow LanguageCode/CultureCode, the spec's schemas do not (reference §4).
    delete body.LanguageCode;
    delete body.CultureCode;
    if (operation === 'payments/addAlternative') body = normaliseLegacyAddAlternative(body);

    const checked = runtime.validator.validateRequest(operation, body);
    if (!checked.valid) {
      const first = checked.issues[0];
      const where =
        first && first.path !== '(body)' ? first.path.slice(1).replace(/\//g, '.') : 'request';
      return error(400, `Invalid ${where}.`, checked.issues);
    }

    runtime.tick();
    let result: unknown;
    try {
      const ctx: OperationContext = {
        enterprise: actingEnterprise(operation, body, grant, runtime.store),
        scope: grant.enterprises,
        store: runtime.store,
        requestId,
        origin: new URL(c.req.url).origin,
        events: runtime.events,
        settings: runtime.settings,
        mail: runtime.mewsMail,
      };
      result = OPERATION_HANDLERS[operation as OperationName](body, ctx);
    } catch (e) {
      if (faults.latencyAfterProcessingMs > 0) await sleep(faults.latencyAfterProcessingMs);
      if (e instanceof ApiError) return error(e.status, e.message, e.details);
      return error(
        500,
        'An unexpected error occurred.',
        e instanceof Error ? e.message : String(e),
      );
    }
    // `latency-after-processing`: the change exists now; the answer is held back (a slow network
    // or gateway on the way back), so a client can die or lose its database in between.
    if (faults.latencyAfterProcessingMs > 0) await sleep(faults.latencyAfterProcessingMs);

    const sent = runtime.validator.validateResponse(operation, result);
    if (!sent.valid) {
      // A sandbox bug, never a client's: make it loud rather than hand out off-spec data.
      return error(500, 'Sandbox answer does not match the Connector API spec.', sent.issues);
    }

    if (fault?.kind === 'drop-after-processing') {
      runtime.log.add({
        requestId,
        atUtc: startedUtc,
        operation,
        status: 0,
        fault: fault.kind,
        rawBody,
        response: result,
      });
      dropConnection(c);
      return c.body(null, 502);
    }
    return answer(200, result);
  });
}
