import 'server-only';
import { z } from 'zod';
import { findPaymentLink } from '@/lib/db/payment-links';
import { findSucceededAttemptForLink } from '@/lib/db/payment-attempts';
import type { ApiKey, PaymentLink } from '@/lib/db/schema';
import {
  apiKeyMaySeeLink,
  ApiRateLimitError,
  authenticateApiKey,
  enforceApiKeyRateLimit,
  requireScope,
} from './api-keys';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { cancelPaymentLink, createPaymentLink, paymentLinkInputSchema } from './payment-links';
import { getConfig } from '@/lib/config';
import { readBodyUpTo } from '@/lib/server/request';
import {
  actionFailure,
  assertSafeInput,
  assertSafeRequest,
  firstIssueMessage,
} from '@/lib/server/validated-action';

/**
 * `/api/v1/payment-links`: integrations (a booking engine, a CRM) create deposit links with an API
 * key. JSON in, JSON out, errors as `{ error: { code, message, fieldErrors? } }` with an HTTP status
 * that says whether to fix the request (4xx) or try later (429 with Retry-After, 503).
 *
 * A key acts within its scopes (403 naming the missing one) and on the links it created: another's
 * link answers 404, as an unknown id does, unless the key has `links:read-all`. Every request counts
 * toward the key's per-minute limit, every link created toward a smaller one (api-keys.ts).
 */

const MAX_BODY_BYTES = 16 * 1024;

export function paymentLinkResource(link: PaymentLink, extra: Record<string, unknown> = {}) {
  return {
    id: link.id,
    state: link.state,
    customerId: link.mewsCustomerId,
    reservationId: link.mewsReservationId,
    amountMinor: link.amountMinor,
    currency: link.currency.trim(),
    description: link.description,
    expiresAt: link.expiresAt.toISOString(),
    createdAt: link.createdAt.toISOString(),
    paidAt: link.paidAt?.toISOString() ?? null,
    purpose: link.purpose,
    collect: link.collect,
    keepOpenWhenSiblingPaid: link.keepOpenWhenSiblingPaid,
    canceledReason: link.canceledReason,
    ...extra,
  };
}

function errorResponse(error: unknown, ctx?: PaymentContext): Response {
  const status = error instanceof PaymentError ? error.status : 500;
  const result = actionFailure(error, 'api.payment-links', ctx);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (error instanceof ApiRateLimitError) headers['Retry-After'] = String(error.retryAfterSeconds);
  return Response.json({ error: result.ok ? undefined : result.error }, { status, headers });
}

/** The key behind the request, counted toward its request limit. */
async function apiCaller(ctx: PaymentContext, request: Request): Promise<ApiKey> {
  const key = await authenticateApiKey(ctx, request.headers.get('authorization'));
  await enforceApiKeyRateLimit(ctx, key, 'request');
  return key;
}

const NO_SUCH_LINK = 'No payment link with that id';

/** The link, if this key may see it; otherwise 404 exactly as for an id that does not exist. */
async function linkForKey(ctx: PaymentContext, key: ApiKey, id: string): Promise<PaymentLink> {
  if (!z.uuid().safeParse(id).success) throw new PaymentError('not_found', NO_SUCH_LINK);
  const link = await findPaymentLink(ctx.db, id);
  if (!link || !apiKeyMaySeeLink(key, link)) throw new PaymentError('not_found', NO_SUCH_LINK);
  return link;
}

const TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES} bytes`;

/** The body as JSON: `application/json` (or no Content-Type), at most MAX_BODY_BYTES, read no further. */
async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw new PaymentError(
      'invalid_input',
      'Send the request body as JSON with "Content-Type: application/json"',
    );
  }
  const bytes = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (bytes === null) throw new PaymentError('invalid_input', TOO_LARGE);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PaymentError('invalid_input', 'The request body is not valid UTF-8 text');
  }
  if (text.trim() === '')
    throw new PaymentError(
      'invalid_input',
      'The request body is empty; send the payment link as JSON',
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PaymentError('invalid_input', 'The request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new PaymentError('invalid_input', 'The request body must be a JSON object');
  }
  // A card number anywhere in the body (a known field or not) is refused, never stored or echoed.
  assertSafeInput(body);
  return body;
}

export async function handleCreatePaymentLink(request: Request): Promise<Response> {
  let ctx: PaymentContext | undefined;
  try {
    ctx = await getPaymentContext();
    const key = await apiCaller(ctx, request);
    requireScope(key, 'links:create', 'create payment links');
    assertSafeRequest(request);
    const body = await readJson(request);
    const parsed = paymentLinkInputSchema.safeParse(body);
    if (!parsed.success) {
      throw new PaymentError(
        'invalid_input',
        firstIssueMessage(parsed.error, 'Invalid payment link'),
        {
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        },
      );
    }
    // Counted once the request is valid: what the limit spares is the Mews reads and the new row.
    await enforceApiKeyRateLimit(ctx, key, 'link');
    const created = await createPaymentLink(ctx, parsed.data, {
      via: 'api',
      actor: { type: 'api', keyName: key.name },
      apiKeyId: key.id,
    });
    return Response.json(
      paymentLinkResource(created.link, { url: created.url, token: created.token }),
      {
        status: 201,
        headers: {
          'Cache-Control': 'no-store',
          Location: `/api/v1/payment-links/${created.link.id}`,
        },
      },
    );
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

export async function handleGetPaymentLink(request: Request, id: string): Promise<Response> {
  let ctx: PaymentContext | undefined;
  try {
    ctx = await getPaymentContext();
    const key = await apiCaller(ctx, request);
    requireScope(key, 'links:read', 'read payment links');
    assertSafeRequest(request, { id });
    const link = await linkForKey(ctx, key, id);
    const paid =
      link.state === 'paid' ? await findSucceededAttemptForLink(ctx.db, link.id) : undefined;
    return Response.json(
      paymentLinkResource(link, {
        mewsPaymentId: paid?.mewsPaymentId ?? null,
        paymentMethod: paid?.method ?? null,
      }),
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

/** Cancels an open link, e.g. when the booking is canceled or paid another way. */
export async function handleCancelPaymentLink(request: Request, id: string): Promise<Response> {
  let ctx: PaymentContext | undefined;
  try {
    ctx = await getPaymentContext();
    const key = await apiCaller(ctx, request);
    requireScope(key, 'links:cancel', 'cancel payment links');
    assertSafeRequest(request, { id });
    // Who made a link never changes, so checking it before the cancel cannot race.
    const link = await linkForKey(ctx, key, id);
    const canceled = await cancelPaymentLink(ctx, link.id, { type: 'api', keyName: key.name });
    return Response.json(paymentLinkResource(canceled), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

/** The OpenAPI document of /api/v1, with the request schema taken from the zod schema we validate with. */
export function paymentLinksOpenApiDocument(serverUrl: string, version: string) {
  const errorSchema = {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          fieldErrors: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  };
  const linkSchema = {
    type: 'object',
    required: [
      'id',
      'state',
      'customerId',
      'amountMinor',
      'currency',
      'description',
      'expiresAt',
      'createdAt',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      state: { type: 'string', enum: ['open', 'processing', 'paid', 'expired', 'canceled'] },
      customerId: { type: 'string', format: 'uuid' },
      reservationId: { type: ['string', 'null'], format: 'uuid' },
      amountMinor: {
        type: 'integer',
        description: 'Amount in minor units of the currency (12550 = 125.50 EUR)',
      },
      currency: { type: 'string', description: 'ISO 4217' },
      description: { type: 'string' },
      expiresAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      paidAt: { type: ['string', 'null'], format: 'date-time' },
      collect: {
        type: 'string',
        enum: ['payment', 'hold'],
        description:
          'What the guest is asked for: a payment, or a hold on their card (a Mews preauthorization; capture and release are done in Mews Operations)',
      },
    },
  };
  const limits = getConfig().apiKeyRateLimits;
  const ERROR_MEANING: Record<number, string> = {
    400: 'The request is malformed or invalid',
    401: 'No API key, or an unknown or revoked one',
    403: 'The API key lacks the scope this operation needs (the message names it)',
    404: "No such link, or one this key may not see (another key's or staff's link without links:read-all)",
    409: 'The link is in a state that does not allow this; on create: the reservation already has an open or paid link for the same purpose (the message names it; send "allowDuplicate": true to create it anyway)',
    422: 'Mews refused (currency not enabled, unknown customer...)',
    429: `Too many requests for this key (at most ${limits.requestsPerMinute} requests and ${limits.linksPerMinute} new links a minute); wait Retry-After seconds`,
    503: 'Mews is unavailable; try again later',
  };
  const errors = (codes: number[]) =>
    Object.fromEntries(
      codes.map((code) => [
        String(code),
        {
          description: ERROR_MEANING[code] ?? String(code),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          ...(code === 429
            ? {
                headers: {
                  'Retry-After': {
                    description: 'Seconds to wait before trying again',
                    schema: { type: 'integer', minimum: 1 },
                  },
                },
              }
            : {}),
        },
      ]),
    );
  const needs = (scope: string, more = '') => `Needs the \`${scope}\` scope${more}.`;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mews Checkout API',
      version,
      description:
        'Create deposit payment links for Mews customers. Authenticate with an API key created by `npm run apikey:create -- <integration> --scopes links:create,links:read,links:cancel`. ' +
        'Scopes: `links:create`, `links:read` and `links:cancel` act on the links the key created; `links:read-all` extends reading and canceling to every link. ' +
        `Each key may send ${limits.requestsPerMinute} requests and create ${limits.linksPerMinute} links a minute; over that the API answers 429 with Retry-After.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'mck_… API key, with scopes among links:create, links:read, links:cancel, links:read-all',
        },
      },
      schemas: {
        PaymentLinkInput: z.toJSONSchema(paymentLinkInputSchema, { io: 'input' }),
        PaymentLink: linkSchema,
        CreatedPaymentLink: {
          allOf: [
            { $ref: '#/components/schemas/PaymentLink' },
            {
              type: 'object',
              required: ['url', 'token'],
              properties: {
                url: { type: 'string', format: 'uri', description: 'Send this to the guest' },
                token: { type: 'string' },
              },
            },
          ],
        },
        Error: errorSchema,
      },
    },
    paths: {
      '/api/v1/payment-links': {
        post: {
          operationId: 'createPaymentLink',
          summary: 'Create a payment link',
          description: needs(
            'links:create',
            `; counts toward the key's ${limits.linksPerMinute} new links a minute`,
          ),
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/PaymentLinkInput' } },
            },
          },
          responses: {
            '201': {
              description: 'Created',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/CreatedPaymentLink' } },
              },
            },
            ...errors([400, 401, 403, 409, 422, 429, 503]),
          },
        },
      },
      '/api/v1/payment-links/{id}': {
        get: {
          operationId: 'getPaymentLink',
          summary: 'Read a payment link and whether it was paid',
          description: needs(
            'links:read',
            '; a link another key or staff made needs `links:read-all` too (404 without it)',
          ),
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': {
              description: 'The link',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/PaymentLink' } },
              },
            },
            ...errors([401, 403, 404, 429]),
          },
        },
      },
      '/api/v1/payment-links/{id}/cancel': {
        post: {
          operationId: 'cancelPaymentLink',
          summary: 'Cancel an open or expired link (a link being paid or paid cannot be canceled)',
          description: needs(
            'links:cancel',
            '; a link another key or staff made needs `links:read-all` too (404 without it)',
          ),
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': {
              description: 'The canceled link',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/PaymentLink' } },
              },
            },
            ...errors([401, 403, 404, 409, 429]),
          },
        },
      },
    },
  };
}
