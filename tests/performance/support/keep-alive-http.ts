import { Agent, request } from 'node:http';

/**
 * The bench's HTTP client: node:http over kept-alive loopback connections, as a browser keeps its
 * connection to a site open. `fetch` (undici) costs the bench process several milliseconds more
 * per request in its worst percentiles on this 2-core machine, and that time would be counted as
 * the app's overhead; measured in docs/performance.md.
 */
// Idle connections are closed after 1 s, well before the servers' 5 s keep-alive timeout: a
// request sent on a connection the server is closing at that moment would fail ("socket hang up")
// and be counted as the app's error, though neither side did anything wrong.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 1_000 });

export interface HttpAnswer {
  status: number;
  text: string;
}

export function httpRequest(
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: { ...options.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
        agent,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
