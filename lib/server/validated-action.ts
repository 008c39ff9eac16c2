import 'server-only';
import { z } from 'zod';
import type { ActionResult } from './action-result';
import type { AuditActor } from './audit';
import { getPaymentContext, type PaymentContext } from './context';
import { PaymentError } from './errors';
import { CARD_DATA_REFUSED, containsCardData } from '@/lib/validation/text';

export interface ActionEnvironment {
  ctx: PaymentContext;
  actor: AuditActor;
}

/**
 * The one wrapper every server action and API handler goes through: who is calling (and may they),
 * input parsed by the same zod schema the form uses, and a typed result instead of a thrown error,
 * so bad input gets a clear message and internal faults never leak details.
 */
export function validatedAction<Schema extends z.ZodType, Output>(options: {
  name: string;
  schema: Schema;
  /** Resolves the caller or throws a PaymentError ('unauthenticated', 'forbidden'). */
  authorize: (ctx: PaymentContext) => Promise<AuditActor>;
  run: (input: z.output<Schema>, env: ActionEnvironment) => Promise<Output>;
}): (input: unknown) => Promise<ActionResult<Output>> {
  return async (input: unknown) => {
    let ctx: PaymentContext | undefined;
    try {
      ctx = await getPaymentContext();
      const actor = await options.authorize(ctx);
      assertSafeInput(input);
      const parsed = options.schema.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: firstIssueMessage(parsed.error, 'Invalid input'),
            fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
          },
        };
      }
      return { ok: true, data: await options.run(parsed.data, { ctx, actor }) };
    } catch (error) {
      return actionFailure(error, options.name, ctx);
    }
  };
}

/**
 * The first problem of a failed parse in words: the schema's own message, or for a missing or
 * wrongly typed field (zod's "Invalid input: expected string, received undefined") one that names
 * the field.
 */
export function firstIssueMessage(error: z.ZodError, fallback: string): string {
  const issue = error.issues[0];
  if (!issue) return fallback;
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input'))
    return issue.message;
  const field = issue.path.map(String).join('.');
  if (!field) return `${fallback}: send an object with the fields of the form`;
  return /received undefined$/.test(issue.message)
    ? `${field} is required`
    : `${field} must be a ${issue.expected}`;
}

export function actionFailure(
  error: unknown,
  name: string,
  ctx?: PaymentContext,
): ActionResult<never> {
  if (error instanceof PaymentError) {
    if (error.code === 'internal') ctx?.log.error({ err: error, action: name }, 'Action failed');
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.userVisible
          ? error.message
          : 'Something went wrong on our side. Please try again in a moment.',
        ...(error.options.fieldErrors ? { fieldErrors: error.options.fieldErrors } : {}),
      },
    };
  }
  ctx?.log.error({ err: error, action: name }, 'Action failed unexpectedly');
  return {
    ok: false,
    error: {
      code: 'internal',
      message: 'Something went wrong on our side. Please try again in a moment.',
    },
  };
}

/** No form or API field is anywhere near this long; anything longer is refused before it is read. */
export const MAX_INPUT_STRING_LENGTH = 10_000;
const MAX_INPUT_DEPTH = 8;
const MAX_INPUT_NODES = 2_000;
/** PCI Proxy (Secure Fields) transaction ids: `YYMMDDhhmmss` and 6 digits. Opaque, never a card number. */
const SECURE_FIELDS_TRANSACTION_ID = /^\d{18}$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** fieldErrors for the forms, only under a name that looks like a field (never echo junk keys). */
function fieldError(key: string, message: string): { fieldErrors?: Record<string, string[]> } {
  return /^[A-Za-z][\w.-]{0,40}$/.test(key) ? { fieldErrors: { [key]: [message] } } : {};
}

/**
 * The guard every action input and API body passes before its schema: card data in any field or
 * field name, known or not, is refused with a clear message and never echoed — a full card number
 * (Luhn-valid, 13 to 19 digits, in any notation: spaces, dots, underscores, slashes… between the
 * digits) or a security code after its name (`cvv 123`), by `containsCardData` of
 * lib/validation/text.ts, the same test the forms run — and oversized or absurdly nested input is
 * refused before anything reads it. Mews ids (UUIDs) and Secure Fields transaction ids are ids,
 * not card numbers. Throws PaymentError('invalid_input').
 */
export function assertSafeInput(input: unknown): void {
  let nodes = 0;
  const visit = (value: unknown, key: string, depth: number): void => {
    if (++nodes > MAX_INPUT_NODES || depth > MAX_INPUT_DEPTH) {
      throw new PaymentError('invalid_input', 'The input is too large or too deeply nested');
    }
    if (typeof value === 'string') {
      if (value.length > MAX_INPUT_STRING_LENGTH) {
        throw new PaymentError(
          'invalid_input',
          `A value is too long (at most ${MAX_INPUT_STRING_LENGTH} characters)`,
          fieldError(key, 'Too long'),
        );
      }
      if (value.includes('\u0000')) {
        throw new PaymentError(
          'invalid_input',
          'A value contains a character that is not allowed (NUL)',
          fieldError(key, 'Contains a character that is not allowed'),
        );
      }
      if (UUID_SHAPE.test(value)) return;
      if (key === 'transactionId' && SECURE_FIELDS_TRANSACTION_ID.test(value)) return;
      if (containsCardData(value))
        throw new PaymentError(
          'invalid_input',
          CARD_DATA_REFUSED,
          fieldError(key, CARD_DATA_REFUSED),
        );
      return;
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (containsCardData(String(value)))
        throw new PaymentError('invalid_input', CARD_DATA_REFUSED);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const entries: Iterable<[string, unknown]> =
      typeof FormData !== 'undefined' && value instanceof FormData
        ? value.entries()
        : Array.isArray(value)
          ? value.map((item) => [key, item] as [string, unknown])
          : Object.entries(value);
    for (const [innerKey, inner] of entries) {
      if (innerKey.length > 200 || containsCardData(innerKey)) {
        throw new PaymentError(
          'invalid_input',
          innerKey.length > 200 ? 'A field name is too long' : CARD_DATA_REFUSED,
        );
      }
      visit(inner, innerKey, depth + 1);
    }
  };
  visit(input, '', 0);
}

/** assertSafeInput for a route handler's query string and path parameters. */
export function assertSafeRequest(request: Request, params: Record<string, unknown> = {}): void {
  const query = [...new URL(request.url).searchParams].map(([key, value]) => ({ [key]: value }));
  assertSafeInput({ query, ...params });
}
