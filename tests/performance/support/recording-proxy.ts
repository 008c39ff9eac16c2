import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A proxy between the app and the sandbox that notes when each Connector API request arrived and
 * when its answer was sent back, on the bench's own clock (`performance.now()`), so the time of a
 * guest's request can be split into "waiting for Mews" and "our server".
 *
 * It relays bytes over TCP, one upstream connection per app connection, and reads only as much
 * HTTP as it needs to find where each request starts and each answer ends. Whatever the proxy
 * spends before it notes a request's arrival or after it notes the answer's departure is counted
 * as our server's time, and it slows the payment it measures, so it must spend little. An HTTP
 * proxy that parsed each request and wrote it out again (node:http on both sides) made the pay
 * action 1.0 ms slower at p50 than no proxy at all; this one does not (docs/performance.md).
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
const HEADER_END = Buffer.from('\r\n\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

/** Where an answer ends: after `Content-Length` bytes of body, or after the last chunk. */
class AnswerReader {
  private head = Buffer.alloc(0);
  private headerDone = false;
  private bodyLeft = 0;
  private chunked = false;
  private tail = Buffer.alloc(0);
  status = 0;

  /** Feeds bytes of the answer; true once it is complete. */
  take(chunk: Buffer): boolean {
    let body = chunk;
    if (!this.headerDone) {
      this.head = Buffer.concat([this.head, chunk]);
      const end = this.head.indexOf(HEADER_END);
      if (end < 0) return false;
      this.headerDone = true;
      const header = this.head.subarray(0, end).toString('latin1');
      this.status = Number(header.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
      this.chunked = !length && /\r\ntransfer-encoding:\s*chunked/i.test(header);
      this.bodyLeft = length ? Number(length[1]) : 0;
      body = this.head.subarray(end + HEADER_END.length);
    }
    if (this.chunked) {
      this.tail = Buffer.concat([this.tail, body]).subarray(-LAST_CHUNK.length);
      return this.tail.equals(LAST_CHUNK);
    }
    this.bodyLeft -= body.length;
    return this.bodyLeft <= 0;
  }
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const calls: ConnectorCall[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    // The app sends a request on a connection only once the previous answer on it has arrived.
    let current: { path: string; startMs: number; answer: AnswerReader } | undefined;
    client.on('data', (chunk: Buffer) => {
      if (!current) {
        const startMs = performance.now();
        const requestLine = chunk
          .subarray(0, Math.max(0, chunk.indexOf('\r\n')))
          .toString('latin1');
        current = { path: requestLine.split(' ')[1] ?? '', startMs, answer: new AnswerReader() };
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      if (!current || !current.answer.take(chunk)) return;
      const endMs = performance.now();
      if (current.path.startsWith(CONNECTOR_PREFIX)) {
        calls.push({
          operation: current.path.slice(CONNECTOR_PREFIX.length).split('?')[0] as string,
          status: current.answer.status,
          startMs: current.startMs,
          endMs,
        });
      }
      current = undefined;
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsWithin: (fromMs, toMs) =>
      calls.filter((call) => call.startMs >= fromMs && call.endMs <= toMs),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
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
