import { randomUUID } from 'node:crypto';
import { enterpriseById } from './seed';
import { toUtc } from './state';

/**
 * General webhooks like Mews sends them: `PaymentUpdated` events carrying only ids, batched per
 * enterprise, delivered a little after the change, retried when the receiver fails (non-2xx or
 * no answer within 5 s), then discarded after a bounded number of tries.
 */

export interface WebhookConfig {
  url: string | null;
  /** Delay between a change and its delivery (Mews: minutes; sandbox default: 3 s). */
  delayMs: number;
  retryDelayMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  url: null,
  delayMs: 3000,
  retryDelayMs: 5000,
  maxAttempts: 5,
  timeoutMs: 5000,
};

export interface WebhookDelivery {
  id: string;
  url: string;
  attempt: number;
  atUtc: string;
  body: WebhookMessage;
  status: number | null;
  error: string | null;
  delivered: boolean;
}

export interface WebhookMessage {
  EnterpriseId: string;
  IntegrationId: string;
  Events: Array<{ Discriminator: 'PaymentUpdated'; Value: { Id: string } }>;
}

export class WebhookDispatcher {
  config: WebhookConfig;
  readonly deliveries: WebhookDelivery[] = [];
  private readonly batches = new Map<string, Set<string>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;

  constructor(config: Partial<WebhookConfig> = {}) {
    this.config = { ...DEFAULT_WEBHOOK_CONFIG, ...config };
  }

  /** Queues a `PaymentUpdated` event; events of one enterprise within `delayMs` share one message. */
  paymentUpdated(enterpriseId: string, paymentId: string): void {
    if (this.config.url === null) return;
    const batch = this.batches.get(enterpriseId);
    if (batch) {
      batch.add(paymentId);
      return;
    }
    this.batches.set(enterpriseId, new Set([paymentId]));
    this.schedule(this.config.delayMs, () => {
      const ids = this.batches.get(enterpriseId) ?? new Set<string>();
      this.batches.delete(enterpriseId);
      const message: WebhookMessage = {
        EnterpriseId: enterpriseId,
        IntegrationId: enterpriseById(enterpriseId)?.integrationId ?? enterpriseId,
        Events: [...ids].map((id) => ({ Discriminator: 'PaymentUpdated', Value: { Id: id } })),
      };
      void this.deliver(message, 1);
    });
  }

  /** True while deliveries are queued or in flight (tests wait for it to become false). */
  get busy(): boolean {
    return this.timers.size > 0 || this.inFlight > 0;
  }

  reset(config: Partial<WebhookConfig> = {}): void {
    this.cancelAll();
    this.deliveries.length = 0;
    this.config = { ...DEFAULT_WEBHOOK_CONFIG, ...config };
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.batches.clear();
  }

  private schedule(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private async deliver(message: WebhookMessage, attempt: number): Promise<void> {
    const url = this.config.url;
    if (url === null) return;
    const delivery: WebhookDelivery = {
      id: randomUUID(),
      url,
      attempt,
      atUtc: toUtc(Date.now()),
      body: message,
      status: null,
      error: null,
      delivered: false,
    };
    this.inFlight += 1;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      delivery.status = response.status;
      delivery.delivered = response.ok;
      await response.body?.cancel();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.inFlight -= 1;
    }
    this.deliveries.push(delivery);
    if (!delivery.delivered && attempt < this.config.maxAttempts) {
      this.schedule(this.config.retryDelayMs, () => void this.deliver(message, attempt + 1));
    }
  }
}
