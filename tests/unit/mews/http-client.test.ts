import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_CONNECTION_TIMEOUT_MS, nodeHttpSend } from '@/lib/mews/http-client';

/**
 * A Connector call sent on a kept-alive connection the server is closing at that moment is cut
 * off, and a cut-off write has an unknown outcome. The client must give idle connections up
 * before a server does: Node's servers close them after 5 s, and say so only in a hint.
 */
describe('the Mews HTTP client and idle connections', () => {
  let server: Server;
  let url: string;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('{}'));
    });
    server.keepAliveTimeout = 5_000; // Node's default, spelled out
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/connector/v1/payments/getAll`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const send = () =>
    nodeHttpSend(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(2_000),
    });

  it('reuses a connection between calls close together', async () => {
    const before = connections;
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(connections - before).toBe(1);
  });

  it('drops an idle connection before the server would, so the next call opens a fresh one', async () => {
    expect(IDLE_CONNECTION_TIMEOUT_MS).toBeLessThan(server.keepAliveTimeout);
    expect((await send()).status).toBe(200);
    const before = connections;
    await new Promise((resolve) => setTimeout(resolve, IDLE_CONNECTION_TIMEOUT_MS + 300));
    const response = await send();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{}');
    expect(connections - before).toBe(1);
  }, 10_000);
});
