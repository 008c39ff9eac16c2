import type { MewsMailSink, PaymentEvents } from './connector/context';
import { FaultRegistry, type FaultSpec } from './faults';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { runDueTransitions } from './settlement';
import { getSpecValidator, type SpecValidator } from './spec-validator';
import { SandboxStore } from './state';
import { WebhookDispatcher, type WebhookConfig } from './webhooks';

export interface SandboxSettings {
  /** Sandbox-clock seconds after which a pending test-card payment settles (default 60). */
  pendingSettleSeconds: number;
  /** Minutes after which an unfinished iDEAL payment is `Canceled` (default 15). */
  idealExpiryMinutes: number;
  /** Latency added to every Connector API answer. */
  latencyMs: number;
  /**
   * What happens to `Notes` of charges and recorded payments and to a refund's `Reason`. Mews
   * documents neither that it keeps them unchanged for gateway charges nor a length limit, so
   * the app must not depend on them: `keep` (default), `drop` (stored as null) or `truncate`
   * (first 16 characters).
   */
  notesMode: NotesMode;
  /** Sandbox-clock seconds after which a `Pending` refund settles (default 30). */
  refundSettleSeconds: number;
  /** Hours after which an unverified `Verifying` payment is `Canceled` (default 24, as Mews). */
  verificationHours: number;
}

export type NotesMode = 'keep' | 'drop' | 'truncate';
export const NOTES_MODES: readonly NotesMode[] = ['keep', 'drop', 'truncate'];

export const DEFAULT_SETTINGS: Readonly<SandboxSettings> = {
  pendingSettleSeconds: 60,
  idealExpiryMinutes: 15,
  latencyMs: 0,
  notesMode: 'keep',
  refundSettleSeconds: 30,
  verificationHours: 24,
};

export interface RuntimeOptions {
  dataDir: string | null;
  webhook?: Partial<WebhookConfig>;
  faults?: FaultSpec[];
  settings?: Partial<SandboxSettings>;
  rateLimit?: { limit?: number; windowSeconds?: number };
}

/** Everything one running sandbox holds; the HTTP routes are thin layers over it. */
export class SandboxRuntime {
  readonly store: SandboxStore;
  readonly faults = new FaultRegistry();
  readonly rateLimiter: RateLimiter;
  readonly log = new RequestLog();
  readonly webhooks: WebhookDispatcher;
  readonly validator: SpecValidator;
  readonly settings: SandboxSettings;
  readonly events: PaymentEvents;
  /** Set by the server when the mail catcher's SMTP server runs: Mews' payment-request e-mails. */
  mewsMail: MewsMailSink | null = null;
  private readonly initial: RuntimeOptions;
  private readonly ticker: NodeJS.Timeout;

  constructor(options: RuntimeOptions) {
    this.initial = options;
    this.validator = getSpecValidator();
    this.store = new SandboxStore(options.dataDir);
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.rateLimiter = new RateLimiter(
      options.rateLimit?.limit ?? 200,
      (options.rateLimit?.windowSeconds ?? 30) * 1000,
    );
    this.webhooks = new WebhookDispatcher(options.webhook);
    this.events = {
      paymentUpdated: (enterpriseId, paymentId) =>
        this.webhooks.paymentUpdated(enterpriseId, paymentId),
    };
    for (const fault of options.faults ?? []) this.faults.add(fault);
    // Pending payments and refunds settle, iDEAL and verification links expire even when nobody
    // is asking.
    this.ticker = setInterval(() => this.tick(), 1000);
    this.ticker.unref();
  }

  tick(): string[] {
    return runDueTransitions(this.store, this.events);
  }

  advanceClock(seconds: number): string[] {
    this.store.advanceClock(seconds * 1000);
    return this.tick();
  }

  /** Back to the seed and the start-up configuration: used between tests. */
  reset(): void {
    this.store.reset();
    this.faults.clear();
    for (const fault of this.initial.faults ?? []) this.faults.add(fault);
    this.rateLimiter.reset();
    this.rateLimiter.limit = this.initial.rateLimit?.limit ?? 200;
    this.rateLimiter.windowMs = (this.initial.rateLimit?.windowSeconds ?? 30) * 1000;
    this.log.clear();
    this.webhooks.reset(this.initial.webhook);
    Object.assign(this.settings, DEFAULT_SETTINGS, this.initial.settings);
  }

  close(): void {
    clearInterval(this.ticker);
    this.webhooks.cancelAll();
    this.store.flush();
  }
}
