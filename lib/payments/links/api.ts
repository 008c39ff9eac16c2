import 'server-only';
import { z } from 'zod';
import { findPaymentLink } from '@/lib/db/payment-links';
import { findSucceededAttemptForLink } from '@/lib/db/payment-attempts';
import type { PaymentLink } from '@/lib/db/schema';
import { authenticateApiKey } from './api-keys';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { cancelPaymentLink, createPaymentLink, paymentLinkInputSchema } from './payment-links';
import { readBodyUpTo } from '@/lib/server/request';
import { actionFailure, assertSafeInput, assertSafeRequest, firstIssueMessage } from '@/lib/server/validated-action';

/**
 * `/api/v1/payment-links`: integrations (a booking engine, a CRM) create deposit links with an API
 * key. JSON in, JSON out, errors as `{ error: { code, message, fieldErrors? } }` with an HTTP status
 * that says whether to fix the request (4xx) or try later (503).
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
    ...extra,
  };
}

function errorResponse(error: unknown, ctx?: PaymentContext): Response {
  const status = error instanceof PaymentError ? error.status : 500;
  const result = actionFailure(error, 'api.payment-links', ctx);
  return Response.json({ error: result.ok ? undefined : result.error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

const TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES} bytes`;

/** The body as JSON: `application/json` (or no Content-Type), at most MAX_BODY_BYTES, read no further. */
async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw new PaymentError('invalid_input', 'Send the request body as JSON with "Content-Type: application/json"');
  }
  const bytes = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (bytes === null) throw new PaymentError('invalid_input', TOO_LARGE);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PaymentError('invalid_input', 'The request body is not valid UTF-8 text');
  }
  if (text.trim() === '') throw new PaymentError('invalid_input', 'The request body is empty; send the payment link as JSON');
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
    const key = await authenticateApiKey(ctx, request.headers.get('authorization'));
    assertSafeRequest(request);
    const body = await readJson(request);
    const parsed = paymentLinkInputSchema.safeParse(body);
    if (!parsed.success) {
      throw new PaymentError('invalid_input', firstIssueMessage(parsed.error, 'Invalid payment link'), {
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      });
    }
    const created = await createPaymentLink(ctx, parsed.data, { via: 'api', actor: { type: 'api', keyName: key.name } });
    return Response.json(paymentLinkResource(created.link, { url: created.url, token: created.token }), {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/api/v1/payment-links/${created.link.id}` },
    });
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

export async function handleGetPaymentLink(request: Request, id: string): Promise<Response> {
  let ctx: PaymentContext | undefined;
  try {
    ctx = await getPaymentContext();
    await authenticateApiKey(ctx, request.headers.get('authorization'));
    assertSafeRequest(request, { id });
    if (!z.uuid().safeParse(id).success) throw new PaymentError('not_found', 'No payment link with that id');
    const link = await findPaymentLink(ctx.db, id);
    if (!link) throw new PaymentError('not_found', 'No payment link with that id');
    const paid = link.state === 'paid' ? await findSucceededAttemptForLink(ctx.db, link.id) : undefined;
    return Response.json(
      paymentLinkResource(link, { mewsPaymentId: paid?.mewsPaymentId ?? null, paymentMethod: paid?.method ?? null }),
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
    const key = await authenticateApiKey(ctx, request.headers.get('authorization'));
    assertSafeRequest(request, { id });
    if (!z.uuid().safeParse(id).success) throw new PaymentError('not_found', 'No payment link with that id');
    const canceled = await cancelPaymentLink(ctx, id, { type: 'api', keyName: key.name });
    return Response.json(paymentLinkResource(canceled), { headers: { 'Cache-Control': 'no-store' } });
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
          fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
  };
  const linkSchema = {
    type: 'object',
    required: ['id', 'state', 'customerId', 'amountMinor', 'currency', 'description', 'expiresAt', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      state: { type: 'string', enum: ['open', 'processing', 'paid', 'expired', 'canceled'] },
      customerId: { type: 'string', format: 'uuid' },
      reservationId: { type: ['string', 'null'], format: 'uuid' },
      amountMinor: { type: 'integer', description: 'Amount in minor units of the currency (12550 = 125.50 EUR)' },
      currency: { type: 'string', description: 'ISO 4217' },
      description: { type: 'string' },
      expiresAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      paidAt: { type: ['string', 'null'], format: 'date-time' },
    },
  };
  const errors = (codes: number[]) =>
    Object.fromEntries(
      codes.map((code) => [String(code), { description: String(code), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
    );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mews Checkout API',
      version,
      description:
        'Create deposit payment links for Mews customers. Authenticate with an API key created by `npm run apikey:create -- --name <integration>`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'mck_… API key' } },
      schemas: {
        PaymentLinkInput: z.toJSONSchema(paymentLinkInputSchema, { io: 'input' }),
        PaymentLink: linkSchema,
        CreatedPaymentLink: {
          allOf: [
            { $ref: '#/components/schemas/PaymentLink' },
            {
              type: 'object',
              required: ['url', 'token'],
              properties: { url: { type: 'string', format: 'uri', description: 'Send this to the guest' }, token: { type: 'string' } },
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
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PaymentLinkInput' } } } },
          responses: {
            '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatedPaymentLink' } } } },
            ...errors([400, 401, 409, 422, 503]),
          },
        },
      },
      '/api/v1/payment-links/{id}': {
        get: {
          operationId: 'getPaymentLink',
          summary: 'Read a payment link and whether it was paid',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'The link', content: { 'application/json': { schema: { $ref: '#/components/schemas/PaymentLink' } } } },
            ...errors([401, 404]),
          },
        },
      },
      '/api/v1/payment-links/{id}/cancel': {
        post: {
          operationId: 'cancelPaymentLink',
          summary: 'Cancel an open or expired link (a link being paid or paid cannot be canceled)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'The canceled link', content: { 'application/json': { schema: { $ref: '#/components/schemas/PaymentLink' } } } },
            ...errors([401, 404, 409]),
          },
        },
      },
    },
  };
}
