import 'server-only';
import { z } from 'zod';
import type { ActionResult } from './action-result';
import type { AuditActor } from './audit';
import { getPaymentContext, type PaymentContext } from './context';
import { PaymentError } from './errors';

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
      const parsed = options.schema.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: parsed.error.issues[0]?.message ?? 'Invalid input',
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

export function actionFailure(error: unknown, name: string, ctx?: PaymentContext): ActionResult<never> {
  if (error instanceof PaymentError) {
    if (error.code === 'internal') ctx?.log.error({ err: error, action: name }, 'Action failed');
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.userVisible ? error.message : 'Something went wrong on our side. Please try again in a moment.',
        ...(error.options.fieldErrors ? { fieldErrors: error.options.fieldErrors } : {}),
      },
    };
  }
  ctx?.log.error({ err: error, action: name }, 'Action failed unexpectedly');
  return {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong on our side. Please try again in a moment.' },
  };
}
