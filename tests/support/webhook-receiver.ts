import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server standing in for our webhook route, for the sandbox to deliver to. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port><path>`: what `sandbox.control.setWebhook` is pointed at. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a receiver on a free port that hands each delivered body, as sent, to `onBody` and
 * answers `status` (Mews only cares that it is 2xx).
 */
export async function startWebhookReceiver(
  path: string,
  onBody: (raw: string) => void,
  status = 200,
): Promise<WebhookReceiver> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      onBody(raw);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The payment ids in one delivered `PaymentUpdated` message (`Events[].Value.Id`). */
export function webhookPaymentIds(raw: string): string[] {
  const body = JSON.parse(raw) as { Events: Array<{ Value: { Id: string } }> };
  return body.Events.map((event) => event.Value.Id);
}
