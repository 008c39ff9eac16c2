import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MewsApiError, MewsOutcomeUnknownError } from '../errors';
import { amountParametersFor, minorToMewsDecimal, type Money } from '../money';
import type { MewsOperationName } from '../operation-catalog';
import type { MewsCallOptions, MewsLogger, MewsTransport } from '../transport';
import type { MewsConfiguration } from '../types';
import type { WirePayload } from '../wire-types';

/**
 * Which payment writes may this connection use? Mews grants some operations only on request at
 * certification (`creditCards/addTokenized`; a public integrator's probe shows `creditCards/charge`
 * refused the same way) and answers the others with `401` "No permission to use this operation."
 * while reads work (reference §1.4 and §2.2: 401 also means "no permission for the endpoint").
 * No read operation says which operations are granted, so each write is asked once with a request
 * Mews must refuse anyway.
 *
 * Why nothing can happen: every probe names entities that do not exist (fresh random UUIDs for the
 * card, customer, account and payment; the chance of hitting a real id is that of a UUID
 * collision). Mews checks the token, then the operation's permission, then the request, so a
 * granted operation answers `400 Invalid …Id` (or `403` for a business rule checked before the
 * ids) and a refused one `401`, and neither stores, charges, records nor refunds anything. The
 * amounts are one minor unit of the enterprise's default currency, so even a Mews bug that
 * ignored an id could not move more than that. Probes follow the write retry policy (resent only
 * when Mews cannot have processed them: a 429, a connection refused before sending; never after a
 * 5xx or a timeout), log their expected refusals quietly, and never run as part of a payment.
 */

/** The payment writes the app uses, in the order they are probed. */
export const PROBED_OPERATIONS = [
  'creditCards/addTokenized',
  'creditCards/charge',
  'payments/addExternal',
  'payments/addCreditCard',
  'payments/refund',
  'payments/addAlternative',
] as const satisfies readonly MewsOperationName[];

export type ProbedOperation = (typeof PROBED_OPERATIONS)[number];

export type OperationVerdict = 'allowed' | 'denied' | 'unknown';

export interface OperationPermission {
  /**
   * `allowed`: Mews refused the made-up ids (400) or a business rule (403), so the operation
   * itself is granted. `denied`: 401 while `configuration/get` works with the same token.
   * `unknown`: anything else (5xx, timeout, 429, network, or no probe was possible).
   */
  verdict: OperationVerdict;
  /** The HTTP status of the probe's answer; `null` when none came. */
  status: number | null;
  /** Mews' `Message` (or why the probe could not tell), for people; never parsed. */
  mewsMessage: string | null;
}

export interface OperationPermissions {
  checkedAt: Date;
  /**
   * Set when `configuration/get` itself answered 401: the tokens are wrong, expired or the
   * integration is disabled, and no operation verdict can be trusted.
   */
  tokenProblem: string | null;
  operations: Partial<Record<MewsOperationName, OperationPermission>>;
}

export interface ProbeOperationPermissionsOptions {
  /** Default: every operation of `PROBED_OPERATIONS`. */
  operations?: readonly ProbedOperation[];
  /** Per probe request. Default 15 s: a refusal is quick, and a start-up must not hang on one. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PermissionProbeContext {
  /** The probes' own transport: the write retry policy, expected refusals logged at debug level. */
  transport: MewsTransport;
  /** Sent as `EnterpriseId` where the operation takes it (portfolio tokens). */
  enterpriseId: string | undefined;
  /** `configuration/get`, read fresh (never from a cache): it tells a token problem from a permission. */
  readConfiguration(options: MewsCallOptions): Promise<MewsConfiguration>;
  now: () => number;
  logger: MewsLogger;
  /** Default `randomUUID`; injected by tests. */
  newId?: () => string;
}

const DEFAULT_PROBE_TIMEOUT_MS = 15_000;
/** What Mews would show next to a probe, should anybody ever look it up in its logs. */
const PROBE_NOTE = 'Mews Checkout permission check (made-up ids, nothing to process)';
/** A PCI Proxy transaction id is 18 digits; all zeros is never issued, and the customer is made up anyway. */
const PROBE_STORAGE_DATA = '000000000000000000';
/** Masked like every number the app sends (never a full card number). */
const PROBE_CARD_NUMBER = '411111******1111';
/** `.invalid` is reserved (RFC 2606): no bank page could ever send anyone there. */
const PROBE_REDIRECT_URL = 'https://mews-checkout.invalid/permission-check';
/** Probes read nothing from a success: a 200 is itself the finding. */
const anyAnswer = z.unknown();

type ProbeBody = { [Op in ProbedOperation]: WirePayload<Op> }[ProbedOperation];

/** The request each probe sends; every id in it is `newId()`, i.e. unknown to Mews. */
function probeRequest(
  operation: ProbedOperation,
  newId: () => string,
  amount: Money,
  configuration: MewsConfiguration,
  enterpriseId: string | undefined,
): ProbeBody {
  const priced = amountParametersFor(amount, configuration.pricing);
  const nextYear = new Date(configuration.serverTime).getUTCFullYear() + 1;
  switch (operation) {
    case 'creditCards/addTokenized':
      // No such customer: no card can be attached to it, whatever StorageData holds.
      return {
        EnterpriseId: enterpriseId,
        CustomerId: newId(),
        CreditCardData: { StorageData: PROBE_STORAGE_DATA, Expiration: `${nextYear}-01` },
      } satisfies WirePayload<'creditCards/addTokenized'>;
    case 'creditCards/charge':
      // No such card: nothing can be charged.
      return {
        CreditCardId: newId(),
        Amount: priced,
        Notes: PROBE_NOTE,
      } satisfies WirePayload<'creditCards/charge'>;
    case 'payments/addExternal':
      // No such account: nothing can be recorded.
      return {
        EnterpriseId: enterpriseId,
        AccountId: newId(),
        Amount: priced,
        Notes: PROBE_NOTE,
      } satisfies WirePayload<'payments/addExternal'>;
    case 'payments/addCreditCard':
      // No such customer: nothing can be recorded (and the operation never charges anyway).
      return {
        CustomerId: newId(),
        Amount: priced,
        CreditCard: { Type: 'Visa', Number: PROBE_CARD_NUMBER, Name: 'Permission check' },
        Notes: PROBE_NOTE,
      } satisfies WirePayload<'payments/addCreditCard'>;
    case 'payments/refund':
      // No such payment nor account: nothing can be refunded; and at most one minor unit.
      return {
        EnterpriseId: enterpriseId,
        PaymentId: newId(),
        AccountId: newId(),
        Reason: PROBE_NOTE,
        ValueToRefund: minorToMewsDecimal(amount),
      } satisfies WirePayload<'payments/refund'>;
    case 'payments/addAlternative':
      // No such customer: no payment can be started (a method not subscribed answers 403 first).
      return {
        CustomerId: newId(),
        Amount: { ...priced, TaxCodes: [] },
        Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: PROBE_REDIRECT_URL } },
      } satisfies WirePayload<'payments/addAlternative'>;
  }
}

function describeError(error: unknown): string {
  if (error instanceof MewsApiError || error instanceof MewsOutcomeUnknownError)
    return `${error.status ?? 'no answer'}${error.mewsMessage ? ` ${error.mewsMessage}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** A probe's answer as a verdict; a 401 is only a candidate until `configuration/get` is asked again. */
export function classifyProbeFailure(
  error: unknown,
): OperationPermission & { unauthorized: boolean } {
  if (error instanceof MewsApiError) {
    const { status, mewsMessage } = error;
    if (status === 400 || status === 403)
      return { verdict: 'allowed', status, mewsMessage, unauthorized: false };
    if (status === 401) return { verdict: 'unknown', status, mewsMessage, unauthorized: true };
    return {
      verdict: 'unknown',
      status,
      mewsMessage: mewsMessage ?? error.message,
      unauthorized: false,
    };
  }
  if (error instanceof MewsOutcomeUnknownError) {
    return {
      verdict: 'unknown',
      status: error.status,
      mewsMessage: error.mewsMessage ?? `No answer (${error.reason})`,
      unauthorized: false,
    };
  }
  return {
    verdict: 'unknown',
    status: null,
    mewsMessage: error instanceof Error ? error.message : String(error),
    unauthorized: false,
  };
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof MewsApiError && error.status === 401;
}

/**
 * Probes the payment writes (see the module comment for why nothing can happen). Never throws:
 * whatever goes wrong becomes an `unknown` verdict or a `tokenProblem`.
 */
export async function probeOperationPermissions(
  context: PermissionProbeContext,
  options: ProbeOperationPermissionsOptions = {},
): Promise<OperationPermissions> {
  const operations = options.operations ?? PROBED_OPERATIONS;
  const callOptions: MewsCallOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    signal: options.signal,
  };
  const newId = context.newId ?? randomUUID;
  const everyOperation = (permission: OperationPermission) =>
    Object.fromEntries(operations.map((operation) => [operation, { ...permission }]));

  let configuration: MewsConfiguration;
  try {
    configuration = await context.readConfiguration(callOptions);
  } catch (error) {
    const checkedAt = new Date(context.now());
    if (isUnauthorized(error)) {
      return {
        checkedAt,
        tokenProblem: `Mews refused the tokens on configuration/get (${describeError(error)}). Check MEWS_CLIENT_TOKEN and MEWS_ACCESS_TOKEN, and that the integration is enabled.`,
        operations: everyOperation({ verdict: 'unknown', status: null, mewsMessage: null }),
      };
    }
    return {
      checkedAt,
      tokenProblem: null,
      operations: everyOperation({
        verdict: 'unknown',
        status: null,
        mewsMessage: `configuration/get failed (${describeError(error)}); nothing was probed`,
      }),
    };
  }

  const currency = configuration.currencies.default ?? configuration.currencies.enabled[0] ?? 'EUR';
  const amount: Money = { amountMinor: 1, currency };
  const results: Partial<Record<MewsOperationName, OperationPermission>> = {};
  const unauthorized: ProbedOperation[] = [];
  for (const operation of operations) {
    const body = probeRequest(operation, newId, amount, configuration, context.enterpriseId);
    try {
      await context.transport.call(operation, body as never, anyAnswer, callOptions);
      // Mews accepted a request about entities that do not exist: report it loudly, trust nothing.
      context.logger.error(
        { operation },
        'Mews accepted a permission probe with made-up ids; the operation is reported as unknown',
      );
      results[operation] = {
        verdict: 'unknown',
        status: 200,
        mewsMessage: 'Mews accepted a request with made-up ids',
      };
    } catch (error) {
      const { unauthorized: was401, ...permission } = classifyProbeFailure(error);
      results[operation] = permission;
      if (was401) unauthorized.push(operation);
    }
  }

  let tokenProblem: string | null = null;
  if (unauthorized.length > 0) {
    // The same token must still read: otherwise the 401s say nothing about permissions.
    try {
      await context.readConfiguration(callOptions);
      for (const operation of unauthorized) {
        const found = results[operation];
        if (found) found.verdict = 'denied';
      }
    } catch (error) {
      if (isUnauthorized(error))
        tokenProblem = `Mews refused the tokens on configuration/get (${describeError(error)}) while checking permissions.`;
      for (const operation of unauthorized) {
        const found = results[operation];
        if (found && !tokenProblem)
          found.mewsMessage = `${found.mewsMessage ?? '401'}; configuration/get failed too (${describeError(error)})`;
      }
    }
  }
  const checked: OperationPermissions = {
    checkedAt: new Date(context.now()),
    tokenProblem,
    operations: results,
  };
  context.logger.info(
    {
      // Plain strings, not keyed objects: the log redacts every key that mentions a token, which
      // would hide both `tokenProblem` and the `creditCards/addTokenized` verdict.
      connectionRefused: tokenProblem !== null,
      verdicts: Object.entries(results).map(
        ([operation, found]) => `${operation}: ${found?.verdict} (${found?.status ?? 'no answer'})`,
      ),
    },
    'Mews operation permissions checked',
  );
  return checked;
}
