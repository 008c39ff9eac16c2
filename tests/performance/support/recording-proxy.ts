import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between the app and the sandbox that notes when each Connector API request
 * arrived and when its answer was sent back, on the bench's own clock (`performance.now()`), so
 * the time of a guest's request can be split into "waiting for Mews" and "our server".
 */
export interface ConnectorCall {
  /** `/api/connector/v1/creditCards/charge` → `creditCards/charge`. */
  operation: string;
  status: number;
  startMs: number;
  endMs: number;
}

export interface RecordingProxy {
  url: string;
  calls: ConnectorCall[];
  /** Calls that started and ended within [fromMs, toMs]. */
  callsWithin(fromMs: number, toMs: number): ConnectorCall[];
  close(): Promise<void>;
}

const CONNECTOR_PREFIX = '/api/connector/v1/';

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const calls: ConnectorCall[] = [];

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, startMs: number) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        outgoing.once('finish', () => {
          const path = incoming.url ?? '';
          if (path.startsWith(CONNECTOR_PREFIX)) {
            calls.push({
              operation: path.slice(CONNECTOR_PREFIX.length).split('?')[0] as string,
              status: answer.statusCode ?? 0,
              startMs,
              endMs: performance.now(),
            });
          }
        });
      },
    );
    upstream.once('error', (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end(String(error));
    });
    incoming.pipe(upstream);
  };

  const server = createServer({ keepAlive: true }, (incoming, outgoing) => forward(incoming, outgoing, performance.now()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsWithin: (fromMs, toMs) => calls.filter((call) => call.startMs >= fromMs && call.endMs <= toMs),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Total time covered by the intervals (overlaps counted once). */
export function coveredMs(intervals: { startMs: number; endMs: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let currentStart = Number.NEGATIVE_INFINITY;
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const { startMs, endMs } of sorted) {
    if (startMs > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = startMs;
      currentEnd = endMs;
    } else {
      currentEnd = Math.max(currentEnd, endMs);
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}
