/**
 * The smoke run behind `npm run smoke`: the seed's flows that need no browser, against any
 * Connector API, one table row per request that matters. It talks to Mews only: no database, no
 * files, no log file (see lib/cli/smoke.ts for the command line).
 */
import type { OperationPermissions } from '@/lib/mews';
// The client module, not the `@/lib/mews` index: the index builds the app's logger from the whole
// app configuration (database, Secure Fields, log file), which a smoke run neither needs nor writes.
import { createMewsClient, type MewsClient } from '@/lib/mews/client';
import { MewsApiError, MewsOutcomeUnknownError, MewsRequestError } from '@/lib/mews/errors';
import { nodeHttpSend, type MewsHttpSend } from '@/lib/mews/http-client';
import { SlidingWindowRateLimiter } from '@/lib/mews/rate-limiter';
import type { ExternalPaymentType, MewsConfiguration, MewsPayment, Money } from '@/lib/mews/types';
import { formatAmount } from '@/lib/money';
import packageJson from '../../package.json' with { type: 'json' };

export interface SmokeOptions {
  platformUrl: string;
  clientToken: string;
  accessToken: string;
  enterpriseId?: string;
  clientName?: string;
  /** Where the table goes; default console.log. */
  print?: (line: string) => void;
  /** The HTTP client; default node:http like the app. */
  fetch?: MewsHttpSend;
  now?: () => Date;
}

export type SmokeResult = 'ok' | 'FAILED' | 'not available' | 'skipped' | 'denied' | 'unknown';

export interface SmokeRow {
  step: string;
  operation: string;
  /** HTTP status of Mews' answer; `null` when no request went out or none came back. */
  status: number | null;
  /** What Mews answered (or why nothing was sent). */
  answer: string;
  /** Mews' `Request-Id` of the answer, to quote to Mews support. */
  requestId: string | null;
  result: SmokeResult;
  /** A failure of this row fails the run (exit code 1). */
  required: boolean;
}

export interface SmokeReport {
  rows: SmokeRow[];
  ok: boolean;
  customerId: string | null;
  idealRedirectUrl: string | null;
}

/** Found again by this e-mail on the next run, so the smoke customer is added only once. */
export const SMOKE_CUSTOMER = {
  email: 'mews-checkout-smoke@example.com',
  firstName: 'Smoke Test',
  lastName: 'Mews Checkout',
} as const;

/** `example.com` is reserved (RFC 2606): the bank page may send a tester there, nobody else. */
const IDEAL_RETURN_URL = 'https://example.com/mews-checkout-smoke/return';

interface Exchange {
  operation: string;
  status: number | null;
  requestId: string | null;
}

/** Wraps the HTTP client to remember each answer's status and Request-Id for the table. */
function recordingSend(send: MewsHttpSend, exchanges: Exchange[]): MewsHttpSend {
  return async (url, init) => {
    const operation = url.replace(/^.*\/api\/connector\/v1\//, '');
    try {
      const response = await send(url, init);
      exchanges.push({
        operation,
        status: response.status,
        requestId: response.headers.get('Request-Id'),
      });
      return response;
    } catch (error) {
      exchanges.push({ operation, status: null, requestId: null });
      throw error;
    }
  };
}

function describeFailure(error: unknown): {
  status: number | null;
  answer: string;
  requestId: string | null;
} {
  if (error instanceof MewsApiError || error instanceof MewsOutcomeUnknownError) {
    return {
      status: error.status,
      answer: error.mewsMessage ?? error.message,
      requestId: error.requestId,
    };
  }
  if (error instanceof MewsRequestError)
    return { status: null, answer: `not sent: ${error.message}`, requestId: null };
  return {
    status: null,
    answer: error instanceof Error ? error.message : String(error),
    requestId: null,
  };
}

function smallestAmount(currency: string): Money {
  return { amountMinor: 1, currency };
}

function describeConfiguration(configuration: MewsConfiguration): string {
  const currencies = configuration.currencies.enabled
    .map((code) => (code === configuration.currencies.default ? `${code} (default)` : code))
    .join(', ');
  const storage = configuration.cardStorage
    ? `card storage on (PublicKey ${configuration.cardStorage.publicKey})`
    : 'no card storage (cards cannot be taken)';
  return [
    `${configuration.enterprise.name}${configuration.isPortfolio ? ' [portfolio placeholder]' : ''}`,
    `${configuration.pricing} pricing`,
    `currencies ${currencies || 'none'}`,
    storage,
    `external types ${configuration.enabledExternalPaymentTypes.join(', ') || 'none'}`,
  ].join('; ');
}

/** Runs every step in order and prints the table. Never throws for what Mews answers. */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const print = options.print ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const exchanges: Exchange[] = [];
  const client: MewsClient = createMewsClient({
    platformUrl: options.platformUrl,
    clientToken: options.clientToken,
    accessToken: options.accessToken,
    clientName: options.clientName ?? 'Mews Checkout',
    version: `${packageJson.version} smoke`,
    enterpriseId: options.enterpriseId,
    fetch: recordingSend(options.fetch ?? nodeHttpSend, exchanges),
    // Its own limiter: the smoke sends a couple of dozen requests, well inside Mews' 200 per 30 s.
    limiter: new SlidingWindowRateLimiter(),
  });
  const rows: SmokeRow[] = [];
  const startedAt = now();

  /** The last answer to `operation` since `from`, for the row of a step that succeeded. */
  const answered = (operation: string, from: number) =>
    exchanges
      .slice(from)
      .filter((exchange) => exchange.operation === operation)
      .at(-1);

  async function step<T>(
    name: string,
    operation: string,
    required: boolean,
    run: () => Promise<T>,
    describe: (value: T) => string,
  ): Promise<T | undefined> {
    const from = exchanges.length;
    try {
      const value = await run();
      const exchange = answered(operation, from);
      rows.push({
        step: name,
        operation,
        status: exchange?.status ?? null,
        answer: describe(value),
        requestId: exchange?.requestId ?? null,
        result: 'ok',
        required,
      });
      return value;
    } catch (error) {
      rows.push({ step: name, operation, ...describeFailure(error), result: 'FAILED', required });
      return undefined;
    }
  }

  const skip = (name: string, operation: string, why: string) =>
    rows.push({
      step: name,
      operation,
      status: null,
      answer: why,
      requestId: null,
      result: 'skipped',
      required: false,
    });

  // 1. What the property is.
  const configuration = await step(
    'configuration',
    'configuration/get',
    true,
    () => client.getConfiguration({ refresh: true }),
    describeConfiguration,
  );
  if (configuration?.isPortfolio && !options.enterpriseId) {
    rows.push({
      step: 'portfolio',
      operation: 'configuration/get',
      status: null,
      answer:
        'A portfolio access token without an enterprise: pass --enterprise-id (or MEWS_ENTERPRISE_ID) of the property to test',
      requestId: null,
      result: 'FAILED',
      required: true,
    });
  }
  const usable = configuration && !(configuration.isPortfolio && !options.enterpriseId);

  // 2. The smoke customer, found again by e-mail rather than added on every run.
  let customerId: string | null = null;
  if (usable) {
    const found = await step(
      'find customer',
      'customers/getAll',
      true,
      () => client.findCustomers({ email: SMOKE_CUSTOMER.email }),
      (customers) =>
        customers.length > 0
          ? `found ${SMOKE_CUSTOMER.email} (${customers[0]?.id})`
          : `no customer ${SMOKE_CUSTOMER.email} yet`,
    );
    customerId = found?.[0]?.id ?? null;
    if (found && !customerId) {
      const added = await step(
        'add customer',
        'customers/add',
        true,
        () => client.addCustomer({ ...SMOKE_CUSTOMER }),
        (customer) =>
          `added ${SMOKE_CUSTOMER.firstName} ${SMOKE_CUSTOMER.lastName} (${customer.id})`,
      );
      customerId = added?.id ?? null;
    }
  } else {
    skip('find customer', 'customers/getAll', 'configuration/get did not work');
  }

  // 3. An external payment of the smallest amount: Cash, or the first type the property enables.
  const marker = `smoke-${startedAt.getTime().toString(36)}`;
  let externalRecorded = false;
  if (usable && customerId) {
    const types = configuration.enabledExternalPaymentTypes;
    const type = types.includes('Cash') ? 'Cash' : types[0];
    const currency = configuration.currencies.default ?? configuration.currencies.enabled[0];
    if (!type || !currency) {
      skip(
        'external payment',
        'payments/addExternal',
        `the property enables no ${type ? 'currency' : 'external payment type'}`,
      );
    } else {
      const amount = smallestAmount(currency);
      externalRecorded = Boolean(
        await step(
          'external payment',
          'payments/addExternal',
          true,
          () =>
            client.recordExternalPayment({
              accountId: customerId as string,
              amount,
              type: type as ExternalPaymentType,
              externalIdentifier: marker,
              notes: 'Mews Checkout smoke run',
            }),
          (result) =>
            `recorded ${type} ${formatAmount(amount.amountMinor, currency)} (${result.paymentId})`,
        ),
      );
    }
  } else if (usable) {
    skip('external payment', 'payments/addExternal', 'no smoke customer');
  }

  // 4. iDEAL, where EUR is enabled: a 403 means the property's subscription has no iDEAL.
  let idealRedirectUrl: string | null = null;
  let idealPaymentId: string | null = null;
  if (usable && customerId && configuration.currencies.enabled.includes('EUR')) {
    const from = exchanges.length;
    try {
      const started = await client.startIdealPayment({
        customerId,
        amount: { amountMinor: 100, currency: 'EUR' },
        returnUrl: IDEAL_RETURN_URL,
      });
      idealPaymentId = started.paymentId;
      idealRedirectUrl = started.redirectUrl;
      const exchange = answered('payments/addAlternative', from);
      rows.push({
        step: 'iDEAL payment',
        operation: 'payments/addAlternative',
        status: exchange?.status ?? null,
        answer: `started ${started.paymentId}; NextAction ${started.redirectUrl ?? '(none)'}`,
        requestId: exchange?.requestId ?? null,
        result: 'ok',
        required: true,
      });
    } catch (error) {
      const failure = describeFailure(error);
      const notSubscribed = error instanceof MewsApiError && error.status === 403;
      rows.push({
        step: 'iDEAL payment',
        operation: 'payments/addAlternative',
        ...failure,
        answer: notSubscribed
          ? `iDEAL not available for this property: ${failure.answer}`
          : failure.answer,
        result: notSubscribed ? 'not available' : 'FAILED',
        required: true,
      });
    }
  } else if (usable && customerId) {
    skip('iDEAL payment', 'payments/addAlternative', 'EUR is not enabled for this property');
  }

  // 5. Everything read back from Mews.
  if (usable && customerId) {
    const end = new Date(now().getTime() + 60_000);
    const start = new Date(startedAt.getTime() - 10 * 60_000);
    const payments = await step(
      'read back',
      'payments/getAll',
      true,
      () =>
        client.getPayments({ accountIds: [customerId as string], createdBetween: { start, end } }),
      (found: MewsPayment[]) => {
        const external = found.find((payment) => payment.externalIdentifier === marker);
        const ideal = found.find((payment) => payment.id === idealPaymentId);
        return [
          `${found.length} payment(s) of the smoke customer in the last 10 minutes`,
          externalRecorded ? `external ${external ? external.state : 'NOT FOUND'}` : null,
          idealPaymentId ? `iDEAL ${ideal ? ideal.state : 'NOT FOUND'}` : null,
        ]
          .filter(Boolean)
          .join('; ');
      },
    );
    const readBack = rows.at(-1);
    if (payments && readBack) {
      const missing =
        (externalRecorded && !payments.some((payment) => payment.externalIdentifier === marker)) ||
        (idealPaymentId !== null && !payments.some((payment) => payment.id === idealPaymentId));
      if (missing) readBack.result = 'FAILED';
    }
  }

  // 6. Which payment writes this connection may use (item 1 of the app's permission check).
  if (configuration) {
    const permissions: OperationPermissions = await client.probeOperationPermissions();
    if (permissions.tokenProblem) {
      rows.push({
        step: 'permissions',
        operation: 'configuration/get',
        status: 401,
        answer: permissions.tokenProblem,
        requestId: null,
        result: 'FAILED',
        required: true,
      });
    }
    for (const [operation, permission] of Object.entries(permissions.operations)) {
      if (!permission) continue;
      rows.push({
        step: 'permission',
        operation,
        status: permission.status,
        answer: `${permission.verdict}${permission.mewsMessage ? `: ${permission.mewsMessage}` : ''}`,
        requestId: null,
        result:
          permission.verdict === 'allowed'
            ? 'ok'
            : permission.verdict === 'denied'
              ? 'denied'
              : 'unknown',
        required: false,
      });
    }
  } else {
    skip('permissions', '(payment writes)', 'configuration/get did not work');
  }

  const ok = rows.every((row) => !row.required || row.result !== 'FAILED');
  for (const line of formatTable(rows)) print(line);
  print('');
  print(
    ok
      ? `Smoke run against ${options.platformUrl} passed.`
      : `Smoke run against ${options.platformUrl} FAILED: ${rows
          .filter((row) => row.required && row.result === 'FAILED')
          .map((row) => row.step)
          .join(', ')}.`,
  );
  if (idealRedirectUrl) print(`iDEAL bank page (NextAction): ${idealRedirectUrl}`);
  return { rows, ok, customerId, idealRedirectUrl };
}

const MAX_ANSWER = 110;

/** A plain-text table that survives a CI log: no colours, no box drawing. */
export function formatTable(rows: SmokeRow[]): string[] {
  const header = ['Step', 'Operation', 'HTTP', 'What Mews answered / request id', 'Result'];
  const cells = rows.map((row) => [
    row.step,
    row.operation,
    row.status === null ? '-' : String(row.status),
    `${row.answer.length > MAX_ANSWER ? `${row.answer.slice(0, MAX_ANSWER - 1)}…` : row.answer}${
      row.requestId ? ` (request ${row.requestId})` : ''
    }`,
    row.result,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(line)];
}
