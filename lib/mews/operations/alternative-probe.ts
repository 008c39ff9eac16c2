import 'server-only';
import { randomUUID } from 'node:crypto';
import { MewsApiError, MewsError, MewsRequestError } from '../errors';
import { amountParametersFor } from '../money';
import { alternativePaymentResultSchema } from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { MewsContext } from './context';

/**
 * Whether the enterprise may take an alternative payment method (iDEAL), learned from one real
 * `payments/addAlternative` for a customer that does not exist. No API field says whether the
 * property has the method in its Mews subscription (Stripe gateway and the add-on), so asking is
 * the only way; an unknown customer means Mews can only refuse, so nothing is ever created.
 */
export type AlternativeProbeVerdict =
  /** 400 (the made-up customer): Mews got past the method check. Confirmed by the first real payment. */
  | 'available'
  /** 403: the method is not in the property's subscription; `mewsMessage` says so in Mews' words. */
  | 'refused'
  /** 401: the connection may not use `payments/addAlternative` at all. */
  | 'no-permission'
  /** No answer we can read (timeout, 5xx, 429) or a request we would not send: ask again later. */
  | 'unknown';

export interface AlternativeProbeResult {
  verdict: AlternativeProbeVerdict;
  /** HTTP status Mews answered, `null` when no answer came back or nothing was sent. */
  status: number | null;
  mewsMessage: string | null;
  /** For the log and the manager: what happened, in one line. */
  detail: string;
}

export interface AlternativeProbeInput {
  /** Only iDEAL today (the only method the app offers). */
  method: 'ideal';
  /** A redirect URL of ours (absolute http(s)); Mews validates it like a real one. */
  redirectUrl: string;
}

/** A cent: the smallest amount Mews takes, for a payment that can never be created. */
const PROBE_AMOUNT = { amountMinor: 1, currency: 'EUR' } as const;

export async function probeAlternativeMethod(
  context: MewsContext,
  input: AlternativeProbeInput,
  options: MewsCallOptions = {},
): Promise<AlternativeProbeResult> {
  const operation = 'payments/addAlternative';
  try {
    const configuration = await context.configuration(options);
    if (!configuration.currencies.enabled.includes(PROBE_AMOUNT.currency)) {
      return {
        verdict: 'refused',
        status: null,
        mewsMessage: null,
        detail: 'iDEAL takes euros, and EUR is not an accepted currency of the hotel in Mews.',
      };
    }
    const returnUrl = new URL(input.redirectUrl);
    if (returnUrl.protocol !== 'https:' && returnUrl.protocol !== 'http:') {
      throw new MewsRequestError('invalid-input', 'redirectUrl must be an http(s) URL', operation);
    }
    await context.transport.call(
      operation,
      {
        // A fresh id no customer has: Mews can only refuse the payment.
        CustomerId: randomUUID(),
        Amount: { ...amountParametersFor(PROBE_AMOUNT, configuration.pricing), TaxCodes: [] },
        Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: returnUrl.href } },
      },
      alternativePaymentResultSchema,
      options,
    );
    // Never expected (the customer does not exist); Mews took the request, so the method works.
    return {
      verdict: 'available',
      status: 200,
      mewsMessage: null,
      detail: 'Mews accepted an iDEAL payment for an unknown customer.',
    };
  } catch (error) {
    if (error instanceof MewsApiError) {
      if (error.status === 400) {
        return {
          verdict: 'available',
          status: 400,
          mewsMessage: error.mewsMessage,
          detail: 'Mews refused only the made-up customer, not iDEAL.',
        };
      }
      if (error.status === 403) {
        return {
          verdict: 'refused',
          status: 403,
          mewsMessage: error.mewsMessage,
          detail: error.mewsMessage ?? 'Mews refused iDEAL for this property.',
        };
      }
      if (error.status === 401) {
        return {
          verdict: 'no-permission',
          status: 401,
          mewsMessage: error.mewsMessage,
          detail: 'The connection has no permission to use payments/addAlternative.',
        };
      }
      return {
        verdict: 'unknown',
        status: error.status,
        mewsMessage: error.mewsMessage,
        detail: error.message,
      };
    }
    if (error instanceof MewsError) {
      const status = 'status' in error && typeof error.status === 'number' ? error.status : null;
      return { verdict: 'unknown', status, mewsMessage: null, detail: error.message };
    }
    if (error instanceof TypeError) {
      return { verdict: 'unknown', status: null, mewsMessage: null, detail: error.message };
    }
    throw error;
  }
}
