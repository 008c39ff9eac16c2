import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createSandboxApp } from './app';
import { caughtMewsMail } from './checkout/mews-mail';
import type { FaultSpec } from './faults';
import { MailCatcher } from './mail/catcher';
import { registerMailRoutes } from './mail/routes';
import { SandboxSmtpServer } from './mail/smtp';
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
  /**
   * The mail catcher's SMTP server (same host as the HTTP server); 0 picks a free port. Without
   * it no SMTP server runs (the inbox pages still answer, empty).
   */
  smtpPort?: number;
}

export interface RunningSandbox {
  url: string;
  runtime: SandboxRuntime;
  /** The SMTP server's port. Reading it throws when the sandbox was started without `smtpPort`. */
  readonly smtpPort: number;
  /** `smtp://<host>:<port>`, the host as in `url`. Throws like `smtpPort` without an SMTP server. */
  readonly smtpUrl: string;
  /** The inbox, the acceptance log and the SMTP server's fault mode. */
  mail: MailCatcher;
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

const NO_SMTP =
  'This sandbox was started without an SMTP server (pass smtpPort, 0 for a free port)';

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
  const catcher = new MailCatcher();
  const hostname = options.hostname ?? 'localhost';
  const urlHost = hostname.includes(':') ? `[${hostname}]` : hostname;
  const smtp =
    options.smtpPort === undefined
      ? null
      : new SandboxSmtpServer(catcher, { port: options.smtpPort, hostname });
  const smtpUrl = () => (smtp ? `smtp://${urlHost}:${smtp.port}` : null);
  if (smtp) runtime.mewsMail = (mail) => catcher.add(caughtMewsMail(mail));
  registerMailRoutes(app as unknown as Hono, {
    catcher,
    smtp,
    get smtpUrl() {
      return smtpUrl();
    },
  });
  const listener = getRequestListener((request, env) => app.fetch(request, env));
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
    await smtp?.start();
  } catch (error) {
    runtime.close();
    await Promise.all(servers.filter((s) => s.listening).map(closeServer));
    throw error;
  }

  return {
    url: `http://${urlHost}:${port}`,
    runtime,
    get smtpPort() {
      if (!smtp) throw new Error(NO_SMTP);
      return smtp.port;
    },
    get smtpUrl() {
      if (!smtp) throw new Error(NO_SMTP);
      return smtpUrl() as string;
    },
    mail: catcher,
    async close() {
      runtime.close();
      await Promise.all([...servers.map(closeServer), smtp?.close()]);
      // Requests that were still running when the close began may have changed the state since.
      runtime.store.flush();
    },
  };
}
