import net from 'node:net';

/**
 * A loopback TCP proxy to put between an app's database pool and PostgreSQL, so a test can take
 * the database away and give it back: `cut()` destroys every open connection and refuses new ones
 * (accepted and closed at once, as a database that went away would look), `restore()` lets
 * connections through again. Listens on 127.0.0.1 only.
 */
export interface TcpProxy {
  port: number;
  host: '127.0.0.1';
  /** `postgres://…` with host and port replaced by the proxy's. */
  rewriteUrl(url: string): string;
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections accepted so far (including refused ones). */
  readonly accepted: number;
  /** Connections refused while cut. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  let accepted = 0;
  let refused = 0;

  const server = net.createServer((client) => {
    accepted += 1;
    if (cut) {
      refused += 1;
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    host: '127.0.0.1',
    rewriteUrl(url: string) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    get isCut() {
      return cut;
    },
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    async close() {
      cut = true;
      for (const socket of open) socket.destroy();
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
