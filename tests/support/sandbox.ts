import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FaultRule, FaultSpec } from '@/sandbox/faults';
import type { RequestLogEntry } from '@/sandbox/request-log';
import type { NotesMode, SandboxRuntime } from '@/sandbox/runtime';
import type { VerificationView } from '@/sandbox/sca-verification';
import {
  DEMO_CLIENT_TOKENS,
  GROSS_ACCESS_TOKENS,
  NET_ACCESS_TOKENS,
  NO_CARD_STORAGE_ACCESS_TOKEN,
  DUTCH_ACCESS_TOKEN,
  NO_CARD_PERMISSION_ACCESS_TOKEN,
  NO_PAYMENT_REQUEST_PERMISSION_ACCESS_TOKEN,
  PORTFOLIO_ACCESS_TOKEN,
  SEED,
} from '@/sandbox/seed';
import { startSandbox, type SandboxOptions } from '@/sandbox/server';
import type { WebhookConfig, WebhookDelivery } from '@/sandbox/webhooks';

/**
 * Test helper: an in-process offline Mews sandbox on a free loopback port with a fresh temp data
 * folder, plus a typed wrapper over its `/_sandbox` control API.
 *
 *   const sandbox = await startTestSandbox();
 *   // point the Mews client at sandbox.url, with SANDBOX_TOKENS.gross
 *   await sandbox.control.addFault({ operation: 'creditCards/charge', kind: 'drop-after-processing', count: 1 });
 *   ...
 *   await sandbox.control.reset();   // between tests
 *   await sandbox.stop();            // afterAll
 *
 * See sandbox/README.md for what each control call does.
 */

export { SEED } from '@/sandbox/seed';
export { CARDS, TEST_CARDS } from '@/sandbox/test-cards';
export type { VerificationView } from '@/sandbox/sca-verification';
export type { NotesMode } from '@/sandbox/runtime';

/** Tokens the sandbox accepts. `gross`/`net` are Mews' public demo tokens (reference §1.2). */
export const SANDBOX_TOKENS = {
  clientToken: DEMO_CLIENT_TOKENS[0],
  gross: GROSS_ACCESS_TOKENS[0],
  net: NET_ACCESS_TOKENS[0],
  noCardStorage: NO_CARD_STORAGE_ACCESS_TOKEN,
  /** Sandbox Hotel Amsterdam: EUR, card storage, iDEAL enabled. */
  dutch: DUTCH_ACCESS_TOKEN,
  /** London, but `creditCards/addTokenized` and `creditCards/charge` answer 401. */
  noCardPermission: NO_CARD_PERMISSION_ACCESS_TOKEN,
  /** Portfolio access token over London and the Dutch enterprise. */
  portfolio: PORTFOLIO_ACCESS_TOKEN,
  /** London, but the three `paymentRequests/*` operations answer 401. */
  noPaymentRequestPermission: NO_PAYMENT_REQUEST_PERMISSION_ACCESS_TOKEN,
} as const;

/** Whose tokens `connector()` sends. */
export type SandboxTokenKey = Exclude<keyof typeof SANDBOX_TOKENS, 'clientToken'>;

export const SANDBOX_PUBLIC_KEYS = {
  gross: SEED.enterprises.gross.publicKey,
  net: SEED.enterprises.net.publicKey,
  dutch: SEED.enterprises.dutch.publicKey,
} as const;

export interface ConnectorResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TokenizeResponse {
  transactionId: string;
  maskedCard: string;
  paymentMethod: string;
  cardInfo: { brand: string; type: string; usage: string; country: string; issuer: string };
}

export interface SandboxControl {
  /** Back to the seed: state, faults, request log, rate limits, webhooks, clock. */
  reset(): Promise<void>;
  addFault(spec: FaultSpec): Promise<FaultRule>;
  addFaults(specs: FaultSpec[]): Promise<FaultRule[]>;
  faults(): Promise<FaultRule[]>;
  clearFaults(): Promise<void>;
  /** Connector API calls received, oldest first (optionally of one operation). */
  requests(operation?: string): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  clock(): Promise<{ nowUtc: string; offsetSeconds: number }>;
  /** Moves the sandbox clock; due settlements and expiries happen at once. */
  advanceClock(seconds: number): Promise<{ nowUtc: string; changedPaymentIds: string[] }>;
  /** Settles pending test-card payments and refunds now (to their planned outcome unless `state` is given). */
  settlePayments(options?: {
    paymentIds?: string[];
    state?: 'Charged' | 'Failed';
  }): Promise<string[]>;
  /** Answers the iDEAL bank page without a browser. */
  completeIdeal(
    paymentId: string,
    outcome: 'approve' | 'cancel' | 'fail',
  ): Promise<{ changed: boolean; state: string; redirectUrl: string }>;
  /** The verification links Mews would have e-mailed for `Verifying` card payments, oldest first. */
  listVerifications(filter?: { customerId?: string; email?: string }): Promise<VerificationView[]>;
  /** Answers a verification link without a browser: `approve` → Charged, `fail` → Failed. */
  completeVerification(
    paymentId: string,
    outcome: 'approve' | 'fail',
  ): Promise<{ changed: boolean; state: string }>;
  setWebhook(config: Partial<WebhookConfig>): Promise<WebhookConfig>;
  webhookDeliveries(): Promise<WebhookDelivery[]>;
  /** Resolves once no webhook is queued or in flight (or rejects after `timeoutMs`). */
  waitForWebhooks(timeoutMs?: number): Promise<WebhookDelivery[]>;
  updateSettings(settings: {
    pendingSettleSeconds?: number;
    idealExpiryMinutes?: number;
    latencyMs?: number;
    rateLimit?: number;
    rateLimitWindowSeconds?: number;
    notesMode?: NotesMode;
    refundSettleSeconds?: number;
    verificationHours?: number;
  }): Promise<void>;
  /** Tokenizes a test card through the fake vault, as the card frame does (no browser needed). */
  tokenize(input: {
    cardNumber: string;
    cvv?: string;
    merchantId?: string;
    expm?: string;
    expy?: string;
  }): Promise<TokenizeResponse>;
}

export interface TestSandbox {
  url: string;
  /**
   * The mail catcher's SMTP server (`smtp://127.0.0.1:<port>`) when started with `{ smtp: true }`
   * or `{ smtpPort }`; reading either without one throws. Read the mail with
   * tests/support/sandbox-mail.ts.
   */
  readonly smtpUrl: string;
  readonly smtpPort: number;
  control: SandboxControl;
  /** The in-process runtime, for assertions a black box cannot make. Prefer `control`. */
  runtime: SandboxRuntime;
  dataDir: string;
  /**
   * Calls a Connector API operation with the demo tokens of `enterprise` (default gross) merged
   * into the body; pass `ClientToken`/`AccessToken` in the body to override them.
   */
  connector<T = unknown>(
    operation: string,
    body?: Record<string, unknown>,
    options?: { enterprise?: SandboxTokenKey; headers?: Record<string, string> },
  ): Promise<ConnectorResponse<T>>;
  /** Stops the server; `keepData` leaves the data folder for a restart test. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export type TestSandboxOptions = Omit<SandboxOptions, 'port' | 'hostname'> & {
  port?: number;
  /** Runs the mail catcher's SMTP server on a free port (same as `smtpPort: 0`). */
  smtp?: boolean;
};

async function controlCall<T>(
  url: string,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok)
    throw new Error(
      `Sandbox control ${method} ${pathname} failed (${response.status}): ${json.error ?? ''}`,
    );
  return json;
}

export function createSandboxControl(url: string): SandboxControl {
  const call = <T>(method: string, pathname: string, body?: unknown) =>
    controlCall<T>(url, method, pathname, body);
  const control: SandboxControl = {
    reset: async () => {
      await call('POST', '/_sandbox/reset');
    },
    addFault: async (spec) =>
      (await call<{ faults: FaultRule[] }>('POST', '/_sandbox/faults', spec))
        .faults[0] as FaultRule,
    addFaults: async (specs) =>
      (await call<{ faults: FaultRule[] }>('POST', '/_sandbox/faults', specs)).faults,
    faults: async () => (await call<{ faults: FaultRule[] }>('GET', '/_sandbox/faults')).faults,
    clearFaults: async () => {
      await call('DELETE', '/_sandbox/faults');
    },
    requests: async (operation) =>
      (
        await call<{ requests: RequestLogEntry[] }>(
          'GET',
          `/_sandbox/requests${operation ? `?operation=${encodeURIComponent(operation)}` : ''}`,
        )
      ).requests,
    clearRequests: async () => {
      await call('DELETE', '/_sandbox/requests');
    },
    clock: () => call('GET', '/_sandbox/clock'),
    advanceClock: (seconds) => call('POST', '/_sandbox/clock/advance', { seconds }),
    settlePayments: async (options = {}) =>
      (await call<{ changedPaymentIds: string[] }>('POST', '/_sandbox/payments/settle', options))
        .changedPaymentIds,
    completeIdeal: (paymentId, outcome) =>
      call('POST', `/_sandbox/ideal/${paymentId}`, { outcome }),
    listVerifications: async (filter = {}) => {
      const query = new URLSearchParams(
        Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ).toString();
      return (
        await call<{ verifications: VerificationView[] }>(
          'GET',
          `/_sandbox/verifications${query ? `?${query}` : ''}`,
        )
      ).verifications;
    },
    completeVerification: (paymentId, outcome) =>
      call('POST', `/_sandbox/verifications/${paymentId}`, { outcome }),
    setWebhook: async (config) =>
      (await call<{ config: WebhookConfig }>('PUT', '/_sandbox/webhooks', config)).config,
    webhookDeliveries: async () =>
      (await call<{ deliveries: WebhookDelivery[] }>('GET', '/_sandbox/webhooks/deliveries'))
        .deliveries,
    waitForWebhooks: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await call<{ deliveries: WebhookDelivery[]; busy: boolean }>(
          'GET',
          '/_sandbox/webhooks/deliveries',
        );
        if (!state.busy) return state.deliveries;
        if (Date.now() > deadline) throw new Error('Sandbox webhooks still busy after timeout');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    updateSettings: async (settings) => {
      await call('PUT', '/_sandbox/settings', settings);
    },
    tokenize: (input) =>
      call('POST', '/_sandbox/secure-fields/tokenize', {
        merchantId: SANDBOX_PUBLIC_KEYS.gross,
        cvv: input.cardNumber.startsWith('37') ? '1234' : '123',
        ...input,
      }),
  };
  return control;
}

/**
 * Calls a Connector API operation of the sandbox at `url` with the demo tokens of `enterprise`
 * (default gross) merged into the body; pass `ClientToken`/`AccessToken` in the body to override them.
 */
export async function callConnector<T = unknown>(
  url: string,
  operation: string,
  body: Record<string, unknown> = {},
  callOptions: {
    enterprise?: SandboxTokenKey;
    headers?: Record<string, string>;
  } = {},
): Promise<ConnectorResponse<T>> {
  const response = await fetch(`${url}/api/connector/v1/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...callOptions.headers },
    body: JSON.stringify({
      ClientToken: SANDBOX_TOKENS.clientToken,
      AccessToken: SANDBOX_TOKENS[callOptions.enterprise ?? 'gross'],
      Client: 'Mews Checkout tests 0.1.0',
      ...body,
    }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'mews-sandbox-'));
  const { port, smtp, ...rest } = options;
  const running = await startSandbox({
    webhook: { delayMs: 50, retryDelayMs: 100, maxAttempts: 3, ...rest.webhook },
    ...rest,
    dataDir,
    port: port ?? 0,
    hostname: '127.0.0.1',
    smtpPort: rest.smtpPort ?? (smtp ? 0 : undefined),
  });
  const url = running.url;
  return {
    url,
    get smtpUrl() {
      return running.smtpUrl;
    },
    get smtpPort() {
      return running.smtpPort;
    },
    dataDir,
    runtime: running.runtime,
    control: createSandboxControl(url),
    connector: (operation, body, callOptions) => callConnector(url, operation, body, callOptions),
    async stop(stopOptions = {}) {
      await running.close();
      if (!stopOptions.keepData && options.dataDir === undefined)
        rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
