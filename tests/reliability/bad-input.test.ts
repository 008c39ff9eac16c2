/**
 * Bad input (issue 7): every server action and route handler, called directly with malformed,
 * oversized, missing, extra and wrongly typed fields (fast-check), answers with a typed failure
 * (`{ ok: false, error: { code, message } }`, code not 'internal') or an HTTP 4xx with a JSON
 * error body: never a throw, never a 5xx, and nothing is written. A full card number sent in any
 * field of any endpoint is refused, and a scan of every table and every log line afterwards finds
 * none of the card numbers sent.
 *
 * Rows a refused call may still write, by design (per endpoint in endpoints.ts):
 * - sign_in_attempts and audit_events for sign-in, in the card-number test only: a well-formed but
 *   wrong sign-in (a card number typed as the password) is counted for throttling and audited,
 *   with the email masked; input the sign-in schema refuses is never recorded.
 * - rate_limit_windows for every endpoint: rate limits count requests, refused or not.
 *
 * The endpoint table is in ./endpoints.ts; the harness in ../support/endpoint-harness.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { panPattern, panVariants, TEST_PANS } from '../support/bad-input';
import {
  badActionInput,
  badRouteCall,
  callAction,
  callRoute,
  outcomeLabel,
  refusalProblem,
  allRowsAsText,
  startEndpointHarness,
  toFormData,
  unexpectedGrowth,
  validInput,
  type Endpoint,
  type Fields,
  type Harness,
  type Outcome,
  type RouteCall,
} from '../support/endpoint-harness';
import { captureConsole, logCapture } from '../support/log-capture';
import { ENDPOINTS } from './endpoints';

vi.mock('next/headers', async () => (await import('../support/request-scope')).nextHeadersModule);
vi.mock('next-auth', async () => (await import('../support/auth-stand-in')).nextAuthModule);
vi.mock('@/lib/auth/index', async () => (await import('../support/auth-stand-in')).authModule);
// The card cases send one account many wrong passwords from as many addresses, which the sign-in
// answers ever more slowly (seconds each); that delay has its own tests (sign-in-throttling).
vi.mock('@/lib/auth/sign-in-delay', () => ({ waitBeforePasswordCheck: async () => undefined }));
vi.mock('pino', async (importOriginal) =>
  (await import('../support/log-capture')).capturingPino(await importOriginal()),
);

/** fast-check runs per endpoint; BAD_INPUT_RUNS=500 for a deeper local run. */
const DEFAULT_RUNS = Number(process.env.BAD_INPUT_RUNS) || 40;
/** Tables any refused call may add to: rate limits count refused requests too. */
const ALWAYS_MAY_GROW = ['rate_limit_windows'];

let harness: Harness;
const knownIssuesSeen = new Map<string, number>();

/** The problems not listed as known issues of the endpoint (those are counted for the summary). */
function unknown(endpoint: Endpoint, how: string, problems: string[]): string[] {
  return problems.filter((problem) => {
    const known = endpoint.knownIssues?.find(({ match }) => match.test(`${how}: ${problem}`));
    if (known)
      knownIssuesSeen.set(
        `${endpoint.name}: ${known.note}`,
        (knownIssuesSeen.get(`${endpoint.name}: ${known.note}`) ?? 0) + 1,
      );
    return !known;
  });
}
let restoreConsole: () => void = () => undefined;
const summary = new Map<
  string,
  { runs: number; outcomes: Map<string, number>; cardCases: number }
>();

function record(endpoint: Endpoint, outcome: Outcome, kind: 'fuzz' | 'card'): void {
  const entry = summary.get(endpoint.name) ?? { runs: 0, outcomes: new Map(), cardCases: 0 };
  if (kind === 'fuzz') entry.runs += 1;
  else entry.cardCases += 1;
  const label = outcomeLabel(outcome);
  entry.outcomes.set(label, (entry.outcomes.get(label) ?? 0) + 1);
  summary.set(endpoint.name, entry);
}

async function call(endpoint: Endpoint, input: unknown): Promise<Outcome> {
  return endpoint.kind === 'action'
    ? callAction(endpoint, harness.fixtures, input)
    : callRoute(endpoint, harness.fixtures, input as RouteCall);
}

/** Calls once and returns what is wrong with the outcome (empty when it is a clean refusal). */
async function refusedCleanly(
  endpoint: Endpoint,
  input: unknown,
  kind: 'fuzz' | 'card',
): Promise<{ problems: string[]; outcome: Outcome }> {
  const before = await harness.counts();
  const outcome = await call(endpoint, input);
  record(endpoint, outcome, kind);
  const after = await harness.counts();
  const problems = unexpectedGrowth(before, after, [
    ...ALWAYS_MAY_GROW,
    ...(endpoint.mayGrow ?? []),
    ...(kind === 'card' ? (endpoint.mayGrowWithCardNumber ?? []) : []),
  ]).map((growth) => `wrote: ${growth}`);
  const problem = refusalProblem(endpoint, outcome);
  if (problem) problems.push(problem);
  return { problems, outcome };
}

beforeAll(async () => {
  restoreConsole = captureConsole();
  harness = await startEndpointHarness();
}, 60_000);

afterAll(async () => {
  restoreConsole();
  const rows = [...summary].map(([name, entry]) => {
    const outcomes = [...entry.outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([label, count]) => `${label}×${count}`)
      .join(' ');
    return `  ${name.padEnd(42)} ${String(entry.runs).padStart(4)} fuzz ${String(entry.cardCases).padStart(4)} card  ${outcomes}`;
  });
  process.stdout.write(`\nBad-input outcomes per endpoint:\n${rows.join('\n')}\n`);
  if (knownIssuesSeen.size > 0) {
    process.stdout.write(
      `Known issues (left to their owners):\n${[...knownIssuesSeen].map(([note, count]) => `  ${count}× ${note}`).join('\n')}\n`,
    );
  }
  await harness?.close();
  logCapture.cleanUp();
});

describe('bad input never gets a 500, a throw or a write', () => {
  it('the valid base input of each endpoint passes its schema (so every refusal comes from the bad part)', async () => {
    for (const endpoint of ENDPOINTS) {
      if (!endpoint.schema) continue;
      const fields = endpoint.kind === 'action' ? endpoint.fields : (endpoint.body ?? {});
      const parsed = (await endpoint.schema()).safeParse(validInput(fields, harness.fixtures));
      expect(parsed.success, `${endpoint.name}: ${parsed.error?.issues[0]?.message}`).toBe(true);
    }
  });

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name}`, async () => {
      const input =
        endpoint.kind === 'action'
          ? badActionInput(endpoint, harness.fixtures)
          : badRouteCall(endpoint, harness.fixtures);
      const details = await fc.check(
        fc.asyncProperty(input, async ({ value, how }) => {
          const problems = unknown(
            endpoint,
            how,
            (await refusedCleanly(endpoint, value, 'fuzz')).problems,
          );
          if (problems.length > 0) throw new Error(`(${how}) ${problems.join('; ')}`);
        }),
        { numRuns: process.env.BAD_INPUT_RUNS ? DEFAULT_RUNS : (endpoint.numRuns ?? DEFAULT_RUNS) },
      );
      if (details.failed) {
        // Counterexamples can hold a megabyte of text: report them short.
        const example = JSON.stringify(
          details.counterexample?.[0]?.value,
          (_key, inner: unknown) =>
            typeof inner === 'string' && inner.length > 120
              ? `${inner.slice(0, 60)}…(${inner.length} chars)`
              : inner instanceof Uint8Array
                ? `bytes(${inner.length})`
                : inner,
        );
        throw new Error(
          `${endpoint.name}: ${(details.errorInstance as Error | undefined)?.message ?? 'failed'}\n  input: ${example?.slice(0, 1500)}\n  seed: ${details.seed}, path: ${details.counterexamplePath}`,
        );
      }
    });
  }
});

// ---- Card numbers -----------------------------------------------------------------------------

/** Two card shapes (a 16-digit Visa, a 15-digit Amex), each bare, spaced, dashed and in a sentence. */
const PANS_SENT = [
  TEST_PANS.find((pan) => pan.length === 16)!,
  TEST_PANS.find((pan) => pan.length === 15)!,
];
const CARD_TEXTS = PANS_SENT.flatMap(panVariants);

/** The valid input with a card number in one text field (nested objects included), and as extra fields. */
function withCardNumbers(
  fields: Fields,
  base: Record<string, unknown>,
): Array<{ value: Record<string, unknown>; how: string }> {
  const cases: Array<{ value: Record<string, unknown>; how: string }> = [];
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.text === false) continue;
    const valid = base[key];
    for (const text of CARD_TEXTS) {
      if (valid && typeof valid === 'object') {
        for (const inner of Object.keys(valid)) {
          cases.push({
            value: { ...base, [key]: { ...valid, [inner]: text } },
            how: `${key}.${inner}=${text}`,
          });
        }
      } else {
        cases.push({ value: { ...base, [key]: text }, how: `${key}=${text}` });
      }
    }
  }
  for (const text of CARD_TEXTS.slice(0, 2)) {
    cases.push({ value: { ...base, cardNumber: text }, how: `extra cardNumber=${text}` });
    cases.push({ value: { ...base, comment: { note: [text] } }, how: `extra nested ${text}` });
  }
  return cases;
}

function cardCases(endpoint: Endpoint): Array<{ value: unknown; how: string }> {
  const f = harness.fixtures;
  if (endpoint.kind === 'action') {
    const base = validInput(endpoint.fields, f);
    const cases: Array<{ value: unknown; how: string }> = withCardNumbers(endpoint.fields, base);
    cases.push({ value: CARD_TEXTS[0], how: 'the input is a card number' });
    return endpoint.formData
      ? cases.map(({ value, how }) => ({
          value:
            value && typeof value === 'object'
              ? toFormData(value as Record<string, unknown>)
              : value,
          how,
        }))
      : cases;
  }
  const params = endpoint.params ? validInput(endpoint.params, f) : undefined;
  const query = endpoint.query ? validInput(endpoint.query, f) : {};
  const body = endpoint.body ? validInput(endpoint.body, f) : undefined;
  const asCall = (
    p: Record<string, unknown> | undefined,
    q: Record<string, unknown>,
    b: Record<string, unknown> | undefined,
  ): RouteCall => ({
    params: p
      ? (Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])) as Record<
          string,
          string
        >)
      : undefined,
    query: Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]),
    body: b ? JSON.stringify(b) : undefined,
  });
  const cases: Array<{ value: RouteCall; how: string }> = [];
  if (endpoint.params && params) {
    for (const { value, how } of withCardNumbers(endpoint.params, params).filter(
      (c) => !c.how.startsWith('extra'),
    )) {
      cases.push({ value: asCall(value, query, body), how: `params ${how}` });
    }
  }
  for (const { value, how } of withCardNumbers(endpoint.query ?? {}, query).filter(
    (c) => !c.how.startsWith('extra nested'),
  )) {
    cases.push({ value: asCall(params, value, body), how: `query ${how}` });
  }
  if (endpoint.body && body) {
    for (const { value, how } of withCardNumbers(endpoint.body, body))
      cases.push({ value: asCall(params, query, value), how: `body ${how}` });
  }
  return cases;
}

describe('a full card number is refused everywhere and never stored or logged', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name} refuses a card number in every field`, async () => {
      const failures: string[] = [];
      for (const { value, how } of cardCases(endpoint)) {
        const { problems, outcome } = await refusedCleanly(endpoint, value, 'card');
        // Endpoints without input (redirect-only actions) have nothing to refuse; they must just not fail.
        const answered =
          outcome.kind === 'response'
            ? outcome.text
            : outcome.kind === 'result'
              ? (JSON.stringify(outcome.value) ?? '')
              : '';
        if (PANS_SENT.some((pan) => panPattern(pan).test(answered)))
          problems.push('the answer echoes the card number');
        if (
          endpoint.kind === 'route' &&
          outcome.kind === 'response' &&
          outcome.status < 400 &&
          endpoint.alsoAccept?.includes(outcome.status)
        ) {
          problems.push(`accepted with HTTP ${outcome.status}`);
        }
        const remaining = unknown(endpoint, how, problems);
        if (remaining.length > 0) failures.push(`${how}: ${remaining.join('; ')}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('no card number sent is in any table of the database or any log line', async () => {
    const { logger } = await import('@/lib/log');
    // A canary proves the capture works, and that a card number handed to the logger is masked.
    logger.info(
      { canary: 'bad-input-suite', note: `guest said ${PANS_SENT[0]}` },
      `log capture canary ${PANS_SENT[1]}`,
    );
    logger.flush();
    const patterns = TEST_PANS.map((pan) => ({ pan, pattern: panPattern(pan) }));
    const { tables, rows } = await allRowsAsText(harness.database.db);
    const lines = logCapture.lines();
    const mewsRequests = await harness.sandbox.control.requests();
    const hits = [
      ...rows.flatMap(({ table, text }) =>
        patterns.filter(({ pattern }) => pattern.test(text)).map(({ pan }) => `${table}: ${pan}`),
      ),
      ...lines.flatMap((line, index) =>
        patterns
          .filter(({ pattern }) => pattern.test(line))
          .map(({ pan }) => `log line ${index}: ${pan}`),
      ),
      ...mewsRequests.flatMap((entry) =>
        patterns
          .filter(({ pattern }) => pattern.test(JSON.stringify(entry.request)))
          .map(({ pan }) => `sent to Mews (${entry.operation}): ${pan}`),
      ),
    ];
    process.stdout.write(
      `\nCard-number scan: ${tables} tables, ${rows.length} rows, ${lines.length} log lines, ${mewsRequests.length} requests to Mews, ${CARD_TEXTS.length} card texts sent per field, ${hits.length} hits\n`,
    );
    expect(tables).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('bad-input-suite'))).toBe(true);
    expect(hits).toEqual([]);
  });
});
