/**
 * The app's HTTP server: Next.js (production build, or development with --dev) behind a plain Node
 * server, started by `npm start` / `npm run dev` (lib/cli/start.ts) instead of `next start`.
 *
 *   node --import tsx lib/server/node-server.ts --port 3000 [--hostname 0.0.0.0] [--dev]
 *
 * It exists for one thing Next.js does not do: hand route handlers and server actions the address
 * of the connection. Each request first has every client copy of PEER_ADDRESS_HEADER removed and
 * the header set from `req.socket.remoteAddress` (lib/server/client-address.ts), then goes to
 * Next.js' own request handler unchanged. Everything else (routing, proxy.ts, caching, streaming)
 * is Next.js as `next start` runs it: the same `next()` handler under a `node:http` server.
 *
 * Runs outside the Next.js bundle, so it imports nothing that needs the react-server condition
 * and reads no configuration (lib/config.ts validated it in start.ts, which passes the port).
 */
import { createServer } from 'node:http';
import next from 'next';
import { stampPeerAddress, trustPeerAddressHeader } from './client-address';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const dev = process.argv.includes('--dev');
const port = Number(option('--port') ?? '3000');
const hostname = option('--hostname');

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`Not a port: ${option('--port')}`);
  // Before any request: from here on, PEER_ADDRESS_HEADER is ours on every request of this process.
  trustPeerAddressHeader();

  const server = createServer((request, response) => {
    stampPeerAddress(request);
    handle(request, response).catch((error: unknown) => {
      console.error(`Failed to handle request for ${request.url}`, error);
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end('Internal Server Error');
      } else {
        response.destroy();
      }
    });
  });
  // `httpServer` lets Next.js attach its WebSocket upgrades (hot reload in development).
  const app = next({
    dev,
    dir: process.cwd(),
    hostname: hostname ?? 'localhost',
    port,
    httpServer: server,
  });
  const handle = app.getRequestHandler();
  await app.prepare();

  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    // Stop accepting connections, let requests under way finish (at most 10 s), then stop Next.js.
    const deadline = setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 10_000);
    deadline.unref();
    server.close(() => {
      void app
        .close()
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
