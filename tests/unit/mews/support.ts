/**
 * Test doubles for the Mews client: a scripted `fetch` that records what the client sends, a fake
 * clock whose `sleep` advances time instantly, and a limiter that never waits.
 */
import { createMewsClient, type MewsClient, type MewsClientOptions } from '@/lib/mews/client';
import type { RateLimiter } from '@/lib/mews/rate-limiter';
import type { MewsLogger } from '@/lib/mews/transport';

export const TOKENS = {
  clientToken: 'CLIENT-TOKEN-E0D439EE522F44368DC78E1BFB03710C',
  accessToken: 'ACCESS-TOKEN-C66EF7B239D24632943D115EDE9CB810',
} as const;

export interface RecordedRequest {
  url: string;
  /** The operation, e.g. `creditCards/charge`. */
  operation: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  signal: AbortSignal | undefined;
}

export type ScriptStep =
  | Response
  | Error
  | ((request: RecordedRequest) => Response | Promise<Response>)
  /** Never answers; rejects when the request's signal aborts (like a real fetch). */
  | 'hang';

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', 'Request-Id': 'req-123', ...init.headers },
  });
}

export function errorResponse(
  status: number,
  message: string | null,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(
    { Message: message, RequestId: `body-${status}`, Details: null },
    { status, headers },
  );
}

/** A `fetch` rejection shaped like undici's, with a `cause.code`. */
export function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
  return new TypeError('fetch failed', { cause });
}

export interface ScriptedFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Requests per operation. */
  count(operation: string): number;
}

/**
 * Answers requests in order from `steps`; a `Record` of operation → steps answers per operation.
 * Running out of steps fails the test loudly.
 */
export function scriptedFetch(steps: ScriptStep[] | Record<string, ScriptStep[]>): ScriptedFetch {
  const requests: RecordedRequest[] = [];
  const queues = Array.isArray(steps)
    ? { '*': [...steps] }
    : Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, [...v]]));
  const fetchImpl = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = String(input);
    const operation = url.replace(/^.*\/api\/connector\/v1\//, '');
    const request: RecordedRequest = {
      url,
      operation,
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>,
      signal: init?.signal ?? undefined,
    };
    requests.push(request);
    const queue = queues[operation] ?? queues['*'];
    const step = queue?.shift();
    if (step === undefined)
      throw new Error(`Unexpected request to ${operation} (no scripted answer left)`);
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step;
  };
  return {
    fetch: fetchImpl as typeof fetch,
    requests,
    count: (operation) => requests.filter((request) => request.operation === operation).length,
  };
}

export interface FakeClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = Date.parse('2026-11-21T10:00:00Z')): FakeClock {
  let current = start;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      current += ms;
    },
    sleeps,
    advance(ms) {
      current += ms;
    },
  };
}

export function unlimited(): RateLimiter & { acquired: string[] } {
  const acquired: string[] = [];
  return {
    acquired,
    async acquire(key) {
      acquired.push(key);
    },
  };
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  object: Record<string, unknown>;
  message?: string;
}

export function recordingLogger(): MewsLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (object: object, message?: string) => {
    entries.push({ level, object: object as Record<string, unknown>, message });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TestClient {
  client: MewsClient;
  scripted: ScriptedFetch;
  clock: FakeClock;
  logger: ReturnType<typeof recordingLogger>;
  limiter: ReturnType<typeof unlimited>;
}

export function testClient(
  steps: ScriptStep[] | Record<string, ScriptStep[]>,
  overrides: Partial<MewsClientOptions> = {},
): TestClient {
  const scripted = scriptedFetch(steps);
  const clock = fakeClock();
  const logger = recordingLogger();
  const limiter = unlimited();
  const client = createMewsClient({
    platformUrl: 'https://api.mews-demo.com/',
    clientToken: TOKENS.clientToken,
    accessToken: TOKENS.accessToken,
    clientName: 'Mews Checkout',
    version: '0.1.0',
    fetch: scripted.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    limiter,
    logger,
    ...overrides,
  });
  return { client, scripted, clock, logger, limiter };
}
