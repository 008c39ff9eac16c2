import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';
import type { Database } from '@/lib/db';
import type { PaymentContext } from '@/lib/server/context';
import { logCapture } from './log-capture';
import { requestScope } from './request-scope';
import { SEED, startTestSandbox, type TestSandbox } from './sandbox';
import { openTestPglite, type TestDatabase } from './test-database';
import { junkString, oversized, oversizedForUrl, wrongType } from './bad-input';

/**
 * Calls every server action and route handler directly, the way Next.js would, with generated bad
 * input, and checks what came back and what was written. The endpoints are described by a table
 * (tests/reliability/endpoints.ts); one more endpoint is one more entry there.
 *
 * The app runs for real: its own getPaymentContext() (database handle and Mews client from
 * configuration), its own logger (lib/log, captured by log-capture.ts), the offline Mews sandbox
 * and an in-memory PGlite database. Only Next.js' request scope (next/headers, the Auth.js session)
 * is stood in for by request-scope.ts. The test file declares the module mocks (vi.mock is per file).
 */

// ---- Endpoint table ---------------------------------------------------------------------------

export interface Fixtures {
  ctx: PaymentContext;
  db: Database;
  sandbox: TestSandbox;
  manager: { id: string; email: string };
  frontDesk: { id: string; email: string };
  apiKey: string;
  link: { id: string; token: string };
  customerId: string;
  reservationId: string;
}

/** One input field: a valid value, the values it must refuse, and whether it may be left out. */
export interface FieldSpec {
  valid: (fixtures: Fixtures) => unknown;
  invalid: fc.Arbitrary<unknown>;
  /** Default true. Leaving a required field out is one of the mutations. */
  required?: boolean;
  /** Default true: a text field, which also gets every card number shape in the card-number test. */
  text?: boolean;
}
export type Fields = Record<string, FieldSpec>;

interface EndpointBase {
  name: string;
  /** fast-check runs of bad input (default 40). */
  numRuns?: number;
  /** Tables a refused call may still add rows to (documented per endpoint). */
  mayGrow?: string[];
  /** Tables a call in the card-number test may add rows to (well-formed input with a card number inside). */
  mayGrowWithCardNumber?: string[];
  /** Who calls: a signed-in manager (default for staff endpoints) or nobody. */
  session?: 'manager' | 'none';
  /**
   * Problems known and left to the owner of a file this suite may not change: a problem matching
   * `match` (tested against "how: problem") is counted and reported, not failed.
   */
  knownIssues?: Array<{ match: RegExp; note: string }>;
}

export interface ActionEndpoint extends EndpointBase {
  kind: 'action';
  load: () => Promise<(input: unknown) => Promise<unknown>>;
  fields: Fields;
  /**
   * How the action answers: an ActionResult; `{ ok: false, message }` (sign-in); a redirect
   * (Next.js' NEXT_REDIRECT error) for actions without input; nothing (a form action).
   */
  answers: 'action-result' | 'sign-in' | 'redirect' | 'void';
  /** The input is a FormData (a plain form action). */
  formData?: boolean;
  /** The schema the valid base input must pass, to prove each refusal comes from the mutation. */
  schema?: () => Promise<z.ZodType>;
}

export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;

export interface RouteEndpoint extends EndpointBase {
  kind: 'route';
  method: 'GET' | 'POST';
  /** e.g. `/api/v1/payment-links/[id]/cancel`; `[name]` segments come from `params`. */
  path: string;
  load: () => Promise<RouteHandler>;
  params?: Fields;
  /** Query string parameters (values are strings). */
  query?: Fields;
  /** A JSON body. */
  body?: Fields;
  auth: 'staff' | 'api-key' | 'none';
  /** Statuses other than 4xx a bad request may get: endpoints that take no input answer 200. */
  alsoAccept?: number[];
  /** How the error body looks: `{ ok: false, error }`, `{ error: { code, message } }`, `{ error: 'code' }`. */
  errorBody?: 'action-result' | 'api' | 'code' | 'any';
  /** Extra ways to call it badly (raw bodies, headers, methods...). */
  extraCalls?: (fixtures: Fixtures) => fc.Arbitrary<RouteCall>;
  schema?: () => Promise<z.ZodType>;
}

export type Endpoint = ActionEndpoint | RouteEndpoint;

export interface RouteCall {
  params?: Record<string, string>;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Without the API key / session the endpoint needs. */
  anonymous?: boolean;
}

// ---- Generating bad input ---------------------------------------------------------------------

const extraFields = (known: string[]) =>
  fc.dictionary(
    fc
      .oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'role', 'amountMinor', 'state'),
      )
      .filter((key) => !known.includes(key)),
    fc.jsonValue({ maxDepth: 2 }),
    { minKeys: 1, maxKeys: 3 },
  );

export function validInput(fields: Fields, fixtures: Fixtures): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, spec]) => [key, spec.valid(fixtures)]),
  );
}

/**
 * A valid input with at least one field made invalid (left out if required, or given a value it
 * must refuse), sometimes with extra unknown fields on top. Extra fields alone are not bad input:
 * the staff schemas drop unknown keys (only a card number in one is refused, see the card test).
 */
export function mutatedObject(
  fields: Fields,
  fixtures: Fixtures,
): fc.Arbitrary<{ value: Record<string, unknown>; how: string }> {
  const keys = Object.keys(fields);
  const choice = (spec: FieldSpec) =>
    spec.required === false
      ? spec.invalid.map((value) => ({ value }))
      : fc.oneof(
          spec.invalid.map((value) => ({ value })),
          fc.constant({ missing: true as const }),
        );
  return fc
    .tuple(
      fc.subarray(keys, { minLength: 1 }),
      fc.record(
        Object.fromEntries(keys.map((key) => [key, choice(fields[key]!)])) as Record<
          string,
          fc.Arbitrary<{ value: unknown } | { missing: true }>
        >,
      ),
      fc.option(extraFields(keys), { freq: 3 }),
    )
    .map(([chosen, choices, extra]) => {
      const value: Record<string, unknown> = { ...(extra ?? {}), ...validInput(fields, fixtures) };
      for (const key of chosen) {
        const pick = choices[key]!;
        if ('missing' in pick) delete value[key];
        else value[key] = pick.value;
      }
      const how = chosen
        .map((key) => `${key}:${'missing' in choices[key]! ? 'missing' : 'invalid'}`)
        .join(',');
      return { value, how: extra ? `${how}+extra` : how };
    });
}

/** Bad input for an action: a mutated object, or no object at all. */
export function badActionInput(
  endpoint: ActionEndpoint,
  fixtures: Fixtures,
): fc.Arbitrary<{ value: unknown; how: string }> {
  const notAnObject = fc
    .oneof(wrongType, oversized, junkString, fc.constant(undefined))
    .filter((value) => Object.keys(endpoint.fields).length > 0 || value !== undefined)
    .map((value) => ({ value, how: 'not-an-object' }));
  if (Object.keys(endpoint.fields).length === 0) return notAnObject;
  const mutated = mutatedObject(endpoint.fields, fixtures);
  const asInput = endpoint.formData
    ? mutated.map(({ value, how }) => ({ value: toFormData(value), how }))
    : mutated;
  return fc.oneof({ weight: 1, arbitrary: notAnObject }, { weight: 5, arbitrary: asInput });
}

export function toFormData(value: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, inner] of Object.entries(value)) {
    form.append(key, typeof inner === 'string' ? inner : (JSON.stringify(inner) ?? ''));
  }
  return form;
}

const asQueryValue = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');

/** Bad calls for a route: mutated params, query or JSON body, plus the endpoint's own extra cases. */
export function badRouteCall(
  endpoint: RouteEndpoint,
  fixtures: Fixtures,
): fc.Arbitrary<{ value: RouteCall; how: string }> {
  const base = (): RouteCall => ({
    params: endpoint.params ? stringRecord(validInput(endpoint.params, fixtures)) : undefined,
    query: endpoint.query ? queryPairs(validInput(endpoint.query, fixtures)) : undefined,
    body: endpoint.body ? JSON.stringify(validInput(endpoint.body, fixtures)) : undefined,
  });
  const options: Array<fc.Arbitrary<{ value: RouteCall; how: string }>> = [];
  if (endpoint.params) {
    options.push(
      mutatedObject(endpoint.params, fixtures).map(({ value, how }) => ({
        value: { ...base(), params: stringRecord(value, true) },
        how: `params ${how}`,
      })),
    );
  }
  if (endpoint.query) {
    options.push(
      mutatedObject(endpoint.query, fixtures).map(({ value, how }) => ({
        value: { ...base(), query: queryPairs(value) },
        how: `query ${how}`,
      })),
    );
  }
  if (endpoint.body) {
    options.push(
      mutatedObject(endpoint.body, fixtures).map(({ value, how }) => ({
        value: { ...base(), body: JSON.stringify(value) },
        how: `body ${how}`,
      })),
    );
  }
  if (endpoint.extraCalls) {
    options.push(
      endpoint
        .extraCalls(fixtures)
        .map((call) => ({ value: { ...base(), ...call }, how: 'extra call' })),
    );
  }
  if (options.length === 0) {
    // Takes no input: junk query strings, headers and bodies must change nothing.
    options.push(
      fc
        .record({
          query: fc.array(fc.tuple(junkString, fc.oneof(junkString, oversizedForUrl)), {
            maxLength: 3,
          }),
          body: fc.option(fc.oneof(junkString, oversized), { nil: undefined }),
        })
        .map((call) => ({ value: call, how: 'junk request' })),
    );
  }
  return fc.oneof(...options);
}

function stringRecord(value: Record<string, unknown>, keepMissing = false): Record<string, string> {
  // A route parameter is always a string: a missing one arrives as an empty segment.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => keepMissing || inner !== undefined)
      .map(([key, inner]) => [key, asQueryValue(inner)]),
  );
}

function queryPairs(value: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(value)
    .filter(([, inner]) => inner !== undefined)
    .map(([key, inner]) => [key, asQueryValue(inner)]);
}

// ---- Calling ----------------------------------------------------------------------------------

export type Outcome =
  | { kind: 'result'; value: unknown }
  | { kind: 'threw'; error: unknown }
  | { kind: 'redirect'; location: string }
  | {
      kind: 'response';
      status: number;
      contentType: string;
      text: string;
      location: string | null;
    };

export function isRedirectError(error: unknown): error is Error & { digest: string } {
  return (
    error instanceof Error &&
    typeof (error as { digest?: unknown }).digest === 'string' &&
    (error as unknown as { digest: string }).digest.startsWith('NEXT_REDIRECT')
  );
}

let addressCounter = 0;
/**
 * Each call comes from its own client address, so the per-address rate limits (guest actions,
 * pay pages, sign-in) do not turn the rest of a run into 429s and hide what the input does.
 */
function nextClientAddress(): void {
  addressCounter += 1;
  requestScope.headers.set(
    'x-forwarded-for',
    `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`,
  );
}

export async function callAction(
  endpoint: ActionEndpoint,
  fixtures: Fixtures,
  input: unknown,
): Promise<Outcome> {
  nextClientAddress();
  requestScope.staffId = endpoint.session === 'none' ? undefined : fixtures.manager.id;
  const action = await endpoint.load();
  try {
    return { kind: 'result', value: await action(input) };
  } catch (error) {
    if (isRedirectError(error))
      return { kind: 'redirect', location: error.digest.split(';')[2] ?? '' };
    return { kind: 'threw', error };
  }
}

/** Lone surrogates as U+FFFD: a parameter Next.js decodes from a URL is always well-formed. */
function wellFormed(value: string): string {
  return value.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

export function routeUrl(endpoint: RouteEndpoint, call: RouteCall): string {
  const pathname = endpoint.path.replace(/\[(\w+)\]/g, (_, name: string) =>
    encodeURIComponent(call.params?.[name] ?? ''),
  );
  const url = new URL(pathname, 'http://localhost:3999');
  for (const [key, value] of call.query ?? []) url.searchParams.append(key, value);
  return url.toString();
}

export async function callRoute(
  endpoint: RouteEndpoint,
  fixtures: Fixtures,
  call: RouteCall,
): Promise<Outcome> {
  nextClientAddress();
  requestScope.staffId =
    endpoint.auth === 'staff' && !call.anonymous ? fixtures.manager.id : undefined;
  const headers = new Headers({
    'x-forwarded-for': requestScope.headers.get('x-forwarded-for') ?? '',
  });
  for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
  if (endpoint.auth === 'api-key' && !call.anonymous && !headers.has('authorization')) {
    headers.set('authorization', `Bearer ${fixtures.apiKey}`);
  }
  if (endpoint.body && call.body !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  const handler = await endpoint.load();
  call = {
    ...call,
    params:
      call.params &&
      Object.fromEntries(
        Object.entries(call.params).map(([key, value]) => [key, wellFormed(value)]),
      ),
    query: call.query?.map(([key, value]) => [wellFormed(key), wellFormed(value)]),
  };
  const request = new Request(routeUrl(endpoint, call), {
    method: endpoint.method,
    headers,
    body: endpoint.method === 'GET' ? undefined : (call.body as BodyInit | undefined),
  });
  try {
    const response = await handler(request, { params: Promise.resolve(call.params ?? {}) });
    return {
      kind: 'response',
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      location: response.headers.get('location'),
      text: await response.text(),
    };
  } catch (error) {
    if (isRedirectError(error))
      return { kind: 'redirect', location: error.digest.split(';')[2] ?? '' };
    return { kind: 'threw', error };
  }
}

// ---- Judging ----------------------------------------------------------------------------------

/** A one-word label of an outcome, for the summary table. */
export function outcomeLabel(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'threw':
      return 'THREW';
    case 'redirect':
      return 'redirect';
    case 'response':
      return String(outcome.status);
    case 'result': {
      const value = outcome.value as { ok?: boolean; error?: { code?: string } } | undefined;
      if (value === undefined) return 'void';
      if (value.ok === false) return value.error?.code ?? 'refused';
      return 'ok';
    }
  }
}

/**
 * Why an outcome is not a clean refusal, or undefined if it is one: a typed failure with a code
 * other than 'internal' and a human message, or a 4xx JSON error, never a throw or a 5xx.
 */
export function refusalProblem(endpoint: Endpoint, outcome: Outcome): string | undefined {
  if (outcome.kind === 'threw') {
    const error = outcome.error as Error;
    return `threw ${error?.name}: ${String(error?.message).slice(0, 300)}`;
  }
  if (endpoint.kind === 'action') {
    if (endpoint.answers === 'redirect')
      return outcome.kind === 'redirect'
        ? undefined
        : `expected a redirect, got ${outcomeLabel(outcome)}`;
    if (outcome.kind !== 'result') return `unexpected ${outcome.kind}`;
    if (endpoint.answers === 'void')
      return outcome.value === undefined ? undefined : 'a form action answered something';
    const value = outcome.value as {
      ok?: unknown;
      message?: unknown;
      error?: { code?: unknown; message?: unknown };
    };
    if (!value || value.ok !== false) return `not refused: ${JSON.stringify(value)?.slice(0, 300)}`;
    const message = endpoint.answers === 'sign-in' ? value.message : value.error?.message;
    const code = endpoint.answers === 'sign-in' ? 'sign-in' : value.error?.code;
    if (typeof code !== 'string' || code === '' || code === 'internal')
      return `error code ${String(code)}`;
    return messageProblem(message);
  }
  if (outcome.kind === 'redirect')
    return endpoint.alsoAccept?.includes(303) ? undefined : 'unexpected redirect';
  if (outcome.kind !== 'response') return `unexpected ${outcome.kind}`;
  if (endpoint.alsoAccept?.includes(outcome.status)) return undefined;
  if (outcome.status < 400 || outcome.status >= 500)
    return `HTTP ${outcome.status}: ${outcome.text.slice(0, 300)}`;
  if (!/json/.test(outcome.contentType))
    return `HTTP ${outcome.status} with ${outcome.contentType || 'no content type'}`;
  let body: { ok?: unknown; error?: unknown };
  try {
    body = JSON.parse(outcome.text) as typeof body;
  } catch {
    return `HTTP ${outcome.status} with a body that is not JSON`;
  }
  const shape = endpoint.errorBody ?? 'api';
  if (shape === 'any')
    return body && typeof body === 'object' ? undefined : 'error body is not an object';
  if (shape === 'code')
    return typeof body.error === 'string' && body.error
      ? undefined
      : `error body ${outcome.text.slice(0, 200)}`;
  if (shape === 'action-result' && body.ok !== false)
    return `error body without ok:false: ${outcome.text.slice(0, 200)}`;
  const error = body.error as { code?: unknown; message?: unknown } | undefined;
  if (!error || typeof error.code !== 'string' || error.code === 'internal')
    return `error body ${outcome.text.slice(0, 200)}`;
  return messageProblem(error.message);
}

function messageProblem(message: unknown): string | undefined {
  if (typeof message !== 'string' || message.trim().length < 5)
    return `no human message: ${JSON.stringify(message)}`;
  if (message.length > 500) return 'message longer than 500 characters';
  if (/\[object Object\]|undefined|TypeError|at .*\(.*:\d+:\d+\)/.test(message))
    return `message looks like a leak: ${message}`;
  return undefined;
}

// ---- The database -----------------------------------------------------------------------------

async function rowsOf<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function userTables(db: Database): Promise<Array<{ schema: string; table: string }>> {
  return rowsOf<{ schema: string; table: string }>(
    db,
    sql`select table_schema as schema, table_name as table from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1, 2`,
  );
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows per table, in one query. */
export async function rowCounts(
  db: Database,
  tables: Array<{ schema: string; table: string }>,
): Promise<Record<string, number>> {
  const columns = tables
    .map(
      ({ schema, table }) =>
        `(select count(*) from ${quoted(schema)}.${quoted(table)})::int as ${quoted(table)}`,
    )
    .join(', ');
  const [row] = await rowsOf<Record<string, number>>(db, sql.raw(`select ${columns}`));
  return row ?? {};
}

/** Tables that grew, minus the ones allowed to. */
export function unexpectedGrowth(
  before: Record<string, number>,
  after: Record<string, number>,
  allowed: string[],
): string[] {
  return Object.keys(after)
    .filter((table) => (after[table] ?? 0) !== (before[table] ?? 0) && !allowed.includes(table))
    .map((table) => `${table} ${before[table]} → ${after[table]}`);
}

/** Every row of every table as text (`row::text`), for a scan. */
export async function allRowsAsText(
  db: Database,
): Promise<{ tables: number; rows: Array<{ table: string; text: string }> }> {
  const tables = await userTables(db);
  const rows: Array<{ table: string; text: string }> = [];
  for (const { schema, table } of tables) {
    const found = await rowsOf<{ text: string }>(
      db,
      sql.raw(`select t::text as text from ${quoted(schema)}.${quoted(table)} t`),
    );
    for (const row of found) rows.push({ table: `${schema}.${table}`, text: row.text });
  }
  return { tables: tables.length, rows };
}

// ---- Set-up -----------------------------------------------------------------------------------

export interface Harness {
  fixtures: Fixtures;
  database: TestDatabase;
  sandbox: TestSandbox;
  tables: Array<{ schema: string; table: string }>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * Starts the sandbox and a fresh database, configures the app to use them (through the
 * environment and the process-wide database handle, as production does), and creates what valid
 * input refers to: a manager, a front-desk user, an API key, an open payment link.
 * Call before importing any app module (lib/log reads the configuration when it loads).
 */
export async function startEndpointHarness(): Promise<Harness> {
  const sandbox = await startTestSandbox();
  const database = await openTestPglite();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mews-harness-data-'));
  Object.assign(process.env, {
    MEWS_PLATFORM_URL: sandbox.url,
    APP_URL: 'http://localhost:3999',
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'debug',
    LOG_FILE: logCapture.logFile,
    // One API key sends every call: its per-key limits must not turn the run into 429s either.
    API_KEY_REQUESTS_PER_MINUTE: '1000000',
    API_KEY_LINKS_PER_MINUTE: '1000000',
    // The harness plays the one proxy in front of the app: the X-Forwarded-For it sets per call
    // (nextClientAddress) is the caller's address.
    TRUSTED_PROXY_HOPS: '1',
  });
  const { resetConfigForTests } = await import('@/lib/config');
  resetConfigForTests();
  (globalThis as { mewsCheckoutDb?: Promise<unknown> }).mewsCheckoutDb = Promise.resolve(database);

  const { getPaymentContext } = await import('@/lib/server/context');
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const { createApiKey } = await import('@/lib/payments/links/api-keys');
  const { createPaymentLink } = await import('@/lib/payments/links/payment-links');
  const ctx = await getPaymentContext();
  const system = { type: 'system' } as const;
  const manager = await createStaffAccount(
    ctx,
    {
      email: 'fuzz.manager@hotel.test',
      name: 'Fuzz Manager',
      role: 'manager',
      password: 'manager password 1',
    },
    system,
  );
  const frontDesk = await createStaffAccount(
    ctx,
    {
      email: 'fuzz.desk@hotel.test',
      name: 'Fuzz Desk',
      role: 'frontdesk',
      password: 'front desk password',
    },
    system,
  );
  const { key } = await createApiKey(ctx, 'fuzz-harness');
  const link = await createPaymentLink(
    ctx,
    {
      customerId: SEED.customers.bob.id,
      amountMinor: 24_050,
      currency: 'EUR',
      description: 'Deposit',
    },
    { via: 'cli', actor: system },
  );
  // The app checks its connection's operation permissions at start-up (and stores the answer);
  // done here too, so no endpoint's first request is the one that stores it.
  const { getOperationPermissions } =
    await import('@/lib/payments/installation/operation-permissions');
  await getOperationPermissions(ctx);
  const tables = await userTables(database.db);
  const fixtures: Fixtures = {
    ctx,
    db: database.db,
    sandbox,
    manager: { id: manager.id, email: manager.email },
    frontDesk: { id: frontDesk.id, email: frontDesk.email },
    apiKey: key,
    link: { id: link.link.id, token: link.token },
    customerId: SEED.customers.alice.id,
    reservationId: SEED.reservations.aliceLondon.id,
  };
  return {
    fixtures,
    database,
    sandbox,
    tables,
    counts: () => rowCounts(database.db, tables),
    async close() {
      await sandbox.stop();
      await database.close();
      delete (globalThis as { mewsCheckoutDb?: unknown }).mewsCheckoutDb;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
