import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createSandboxApp } from './app';
import type { FaultSpec } from './faults';
import { SandboxRuntime, type SandboxSettings } from './runtime';
import type { WebhookConfig } from './webhooks';

export interface SandboxOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /**
   * Interface to listen on. The default, `localhost`, listens on both 127.0.0.1 and ::1 so that
   * http://localhost:4010 works whichever address a client resolves localhost to.
   */
  hostname?: string;
  /** Folder of the state file; `null` keeps the state in memory only. Default `.data/sandbox`. */
  dataDir?: string | null;
  /** Where `PaymentUpdated` webhooks go; none when unset. */
  webhookUrl?: string;
  webhook?: Partial<Omit<WebhookConfig, 'url'>>;
  /** Latency added to every Connector API answer. */
  latencyMs?: number;
  faults?: FaultSpec[];
  settings?: Partial<Omit<SandboxSettings, 'latencyMs'>>;
  rateLimit?: { limit?: number; windowSeconds?: number };
}

export interface RunningSandbox {
  url: string;
  runtime: SandboxRuntime;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Hanging requests (timeout faults) must not keep the sandbox from stopping.
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const runtime = new SandboxRuntime({
    dataDir: options.dataDir === undefined ? '.data/sandbox' : options.dataDir,
    webhook: { ...options.webhook, url: options.webhookUrl ?? null },
    faults: options.faults,
    settings: { ...options.settings, latencyMs: options.latencyMs ?? 0 },
    rateLimit: options.rateLimit,
  });
  const app = createSandboxApp(runtime);
  const listener = getRequestListener((request, env) => app.fetch(request, env));
  const hostname = options.hostname ?? 'localhost';
  const servers: Server[] = [];
  const make = () => {
    const server = createServer(listener);
    servers.push(server);
    return server;
  };

  let port: number;
  try {
    if (hostname === 'localhost') {
      port = await listen(make(), options.port ?? 4010, '127.0.0.1');
      // IPv6 loopback may be missing (some containers): then IPv4 alone has to do.
      await listen(make(), port, '::1').catch(() => servers.pop());
    } else {
      port = await listen(make(), options.port ?? 4010, hostname);
    }
  } catch (error) {
    runtime.close();
    await Promise.all(servers.filter((s) => s.listening).map(closeServer));
    throw error;
  }

  const urlHost = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${urlHost}:${port}`,
    runtime,
    async close() {
      runtime.close();
      await Promise.all(servers.map(closeServer));
      // Requests that were still running when the close began may have changed the state since.
      runtime.store.flush();
    },
  };
}
