import 'server-only';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * What the transport needs of an HTTP client: POST a body, read the status, a header and the text.
 * Node's `fetch` fits; `nodeHttpSend` is the default because undici's fetch spends several times
 * node:http's CPU on every Connector API call (web streams around every body), CPU the app shares
 * with everything else on a small machine, and the card payment path makes three calls
 * (docs/performance.md).
 */
export interface MewsHttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type MewsHttpSend = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<MewsHttpResponse>;

/**
 * How long an idle kept-alive connection is kept. It must end before the server's own idle
 * timeout: a request sent on a connection the server is closing at that moment is cut off
 * (ECONNRESET), and for a write that means an outcome nobody knows. Node's agent only honours a
 * server's `Keep-Alive: timeout=` hint when it is shorter than the agent's own timeout, and without
 * one it keeps idle connections forever; Node's HTTP servers close them after 5 s.
 */
export const IDLE_CONNECTION_TIMEOUT_MS = 4_000;

// Kept-alive connections: Mews is one host, and a new TLS handshake per call would cost more than the call.
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64, timeout: IDLE_CONNECTION_TIMEOUT_MS }),
  'https:': new HttpsAgent({
    keepAlive: true,
    maxSockets: 64,
    timeout: IDLE_CONNECTION_TIMEOUT_MS,
  }),
};

function collectBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.once('error', reject);
    message.once('aborted', () =>
      reject(Object.assign(new Error('The answer was cut off'), { code: 'ECONNRESET' })),
    );
  });
}

/**
 * Resolves when the status and headers arrive, like fetch; the body is read by `text()`, so a body
 * that breaks off still leaves the status known. Rejects with Node's network errors (their `code`
 * is what the transport classifies) or, on abort, with the signal's reason.
 */
export const nodeHttpSend: MewsHttpSend = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    if (!isHttps && target.protocol !== 'http:') {
      reject(new TypeError(`Unsupported protocol ${target.protocol}`));
      return;
    }
    const body = Buffer.from(init.body, 'utf8');
    const request = (isHttps ? httpsRequest : httpRequest)(
      target,
      {
        method: init.method,
        headers: { ...init.headers, 'Content-Length': String(body.byteLength) },
        agent: agents[target.protocol as 'http:' | 'https:'],
        signal: init.signal,
      },
      (message) => {
        const text = collectBody(message);
        // Read or not, a failed body must not become an unhandled rejection.
        text.catch(() => undefined);
        resolve({
          status: message.statusCode ?? 0,
          headers: {
            get(name) {
              const value = message.headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(', ') : (value ?? null);
            },
          },
          text: () => text,
        });
      },
    );
    request.once('error', (error) => reject(init.signal.aborted ? init.signal.reason : error));
    request.end(body);
  });
