import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import type { SandboxRuntime } from '../runtime';
import { enterpriseById, type CheckoutMethod } from '../seed';
import { HOSTED_PAGE_PATH } from '../connector/payment-requests';
import {
  answerChallenge,
  findRequest,
  payByCard,
  payByIdeal,
  payByWallet,
  type ChallengeAnswer,
} from './service';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

const CHECKOUT_METHODS: readonly CheckoutMethod[] = [
  'paymentCard',
  'ideal',
  'sepaDirectDebit',
  'applePay',
  'googlePay',
];

/** Languages the frame has strings for; any other `languageCode` falls back to English. */
const LANGUAGES = ['en-GB', 'en-US', 'nl-NL', 'de-DE', 'fr-FR', 'es-ES'];

/** JSON inside a <script type="application/json"> must not be able to close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function parseJson(value: string | undefined): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** The few style tokens the frame applies (colours must be hex, as Mews requires). */
function pickStyles(raw: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  const styles = raw as Record<string, Record<string, unknown> | undefined>;
  const colour = (value: unknown, key: string) => {
    if (typeof value === 'string' && HEX_COLOUR.test(value)) out[key] = value;
  };
  const global = styles.global ?? {};
  colour(global.textColorPrimary, 'text');
  colour(global.textColorSecondary, 'muted');
  colour(global.backgroundColor, 'background');
  if (typeof global.borderRadius === 'number' && global.borderRadius >= 0)
    out.radius = Math.min(100, global.borderRadius);
  const button = styles.button ?? {};
  colour(button.backgroundColor, 'buttonBackground');
  colour(button.textColor, 'buttonText');
  const input = styles.input ?? {};
  colour(input.borderColor, 'inputBorder');
  return out;
}

interface FramePageInput {
  mode: 'embedded' | 'hosted';
  parentOrigin: string;
  requestId: string | null;
  paymentId: string | null;
  languageCode: string | null;
  enabledPaymentMethods: string[] | null;
  idealRedirectUrl: string | null;
  parentUrl: string | null;
  returnUrl: string | null;
  styles: unknown;
  layout: unknown;
  directPayment: boolean;
}

/**
 * Mews Payments Checkout stand-in: the embed script, the checkout frame (sandbox origin), the
 * frame's same-origin API and the Mews-hosted payment-request page.
 */
export function registerCheckoutRoutes(app: Hono, runtime: SandboxRuntime): void {
  const embed = read('checkout-embed.js');
  const frameScript = read('frame.js');
  const scriptHeaders = {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  app.get('/payments/checkout-embed.js', (c) => c.body(embed, 200, scriptHeaders));
  app.get('/payments/checkout/frame.js', (c) => c.body(frameScript, 200, scriptHeaders));

  const framePage = (c: Context, input: FramePageInput) => {
    runtime.tick();
    const origin = new URL(c.req.url).origin;
    const record = input.requestId ? findRequest(runtime, input.requestId) : undefined;
    const r = record?.request;
    const enterprise = r ? enterpriseById(r.EnterpriseId) : undefined;
    const settings = runtime.store.state.checkoutSettings;
    const wanted =
      input.enabledPaymentMethods === null
        ? null
        : input.enabledPaymentMethods.filter((m): m is CheckoutMethod =>
            (CHECKOUT_METHODS as readonly string[]).includes(m),
          );
    let methods: CheckoutMethod[] = (enterprise?.checkoutMethods ?? []).filter(
      (m) => wanted === null || wanted.includes(m),
    );
    // SEPA Direct Debit is not simulated; the hosted page offers cards only.
    methods = methods.filter((m) => m !== 'sepaDirectDebit');
    if (input.mode === 'hosted') methods = methods.filter((m) => m === 'paymentCard');
    const language =
      input.languageCode && LANGUAGES.includes(input.languageCode)
        ? input.languageCode
        : input.languageCode
          ? 'en-GB'
          : (enterprise?.defaultLanguageCode ?? 'en-GB');
    let error: string | null = null;
    if (input.directPayment && !input.requestId)
      error =
        'Direct payments (Flow 2, `context`) are not simulated by the sandbox: create a payment request.';
    else if (!r) error = 'notFound';
    else if (r.State !== 'Pending') error = `state:${r.State}`;
    const payment = input.paymentId
      ? runtime.store.state.payments.find((p) => p.payment.Id === input.paymentId)?.payment
      : undefined;
    const parentHost = (() => {
      try {
        return new URL(input.parentOrigin).hostname;
      } catch {
        return '';
      }
    })();
    const config = {
      mode: input.mode,
      parentOrigin: input.parentOrigin,
      parentUrl: input.parentUrl,
      idealRedirectUrl: input.idealRedirectUrl,
      returnUrl: input.returnUrl,
      language,
      request: r
        ? {
            id: r.Id,
            state: r.State,
            type: r.Type,
            currency: r.Amount.Currency,
            value: record.value,
            description: r.Description,
            hotel: enterprise?.name.replace(/ \(.*\)$/, '') ?? '',
          }
        : null,
      error,
      methods,
      walletCard: settings.walletCard,
      applePayDomain: settings.applePayDomains.includes(parentHost),
      preauthorizationCheckout: settings.preauthorizationCheckout,
      challengeTimeoutSeconds: settings.challengeTimeoutSeconds,
      payment: payment
        ? { id: payment.Id, state: payment.State, requestId: payment.PaymentRequestId }
        : input.paymentId
          ? { id: input.paymentId, state: 'Unknown', requestId: null }
          : null,
      styles: pickStyles(input.styles),
      layout: input.layout,
    };
    const frameAncestors = input.mode === 'hosted' ? "'none'" : input.parentOrigin;
    const page = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mews Payments Checkout (sandbox stand-in)</title>
<style>
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--text, #1b1b1f); background: var(--background, #fff); overflow-x: hidden; }
main { padding: 16px; max-width: 640px; margin: 0 auto; }
main.hosted { margin: 2rem auto; }
h1 { font-size: 1.15rem; margin: 0 0 4px; }
.muted { color: var(--muted, #5b5b66); font-size: 0.92rem; margin: 0; }
.amount { font-size: 1.6rem; font-weight: 650; margin: 8px 0 16px; }
.stub { font-size: 0.78rem; color: var(--muted, #5b5b66); border: 1px dashed #b9b9c3; border-radius: 6px; padding: 4px 8px; margin: 0 0 16px; }
.methods { display: grid; gap: 8px; margin-bottom: 16px; }
button { font: inherit; min-height: 44px; padding: 10px 14px; border-radius: var(--radius, 8px); border: 1px solid #8d8d99; background: #fff; color: #1b1b1f; cursor: pointer; width: 100%; }
button.primary { background: var(--button-bg, #1f3fbf); border-color: var(--button-bg, #1f3fbf); color: var(--button-text, #fff); font-weight: 600; }
button.danger { border-color: #a3001b; color: #a3001b; }
button:disabled { opacity: 0.6; cursor: progress; }
button:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
form { display: grid; gap: 12px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
label { display: grid; gap: 4px; font-size: 0.92rem; font-weight: 550; min-width: 0; }
input { font: inherit; font-size: 16px; font-weight: 400; min-height: 44px; padding: 8px 10px; border-radius: var(--radius, 8px); border: 1px solid var(--input-border, #8d8d99); width: 100%; min-width: 0; }
input[aria-invalid="true"] { border-color: #a3001b; }
.field-error { color: #a3001b; font-size: 0.85rem; font-weight: 400; }
.banner { border-radius: 8px; padding: 10px 12px; margin: 0 0 16px; }
.banner.error { background: #fde8eb; color: #7a0014; }
.banner.ok { background: #e5f5ea; color: #0f5a26; }
.banner.info { background: #eef1fb; color: #1b2a66; }
.challenge { display: grid; gap: 10px; border: 1px solid #b9b9c3; border-radius: 8px; padding: 16px; }
.divider { text-align: center; color: var(--muted, #5b5b66); font-size: 0.85rem; margin: 4px 0 12px; }
[hidden] { display: none !important; }
</style>
<script type="application/json" id="checkout-config">${scriptJson(config)}</script>
</head>
<body>
<main id="app" class="${input.mode}"></main>
<script src="/payments/checkout/frame.js"></script>
</body>
</html>`;
    return c.html(page, 200, {
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors ${frameAncestors}`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      // The iframe origin is cross-origin to the app by design.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      Vary: 'Origin',
      'X-Sandbox-Origin': origin,
    });
  };

  app.get('/payments/checkout/frame', (c) => {
    const q = (key: string) => c.req.query(key) ?? null;
    const parentOrigin = originOf(q('parentOrigin') ?? undefined);
    if (parentOrigin === null) return c.text('Bad checkout frame request: parentOrigin', 400);
    const methods = q('enabledPaymentMethods');
    return framePage(c, {
      mode: 'embedded',
      parentOrigin,
      requestId: q('requestId'),
      paymentId: q('paymentId'),
      languageCode: q('languageCode'),
      enabledPaymentMethods: methods === null ? null : methods.split(',').filter(Boolean),
      idealRedirectUrl: q('idealRedirectUrl'),
      parentUrl: q('parentUrl'),
      returnUrl: null,
      styles: parseJson(q('styles') ?? undefined),
      layout: parseJson(q('layout') ?? undefined),
      directPayment: q('context') === '1',
    });
  });

  // Mews' hosted payment-request page (reference §2.6), for requests paid from Mews' e-mail.
  app.get(`${HOSTED_PAGE_PATH}/:id`, (c) => {
    let returnUrl: string | null = null;
    const encoded = c.req.query('returnUrl');
    if (encoded) {
      try {
        const decoded = Buffer.from(encoded, 'base64').toString('utf8');
        if (originOf(decoded) !== null) returnUrl = decoded;
      } catch {
        returnUrl = null;
      }
    }
    const origin = new URL(c.req.url).origin;
    return framePage(c, {
      mode: 'hosted',
      parentOrigin: origin,
      requestId: c.req.param('id'),
      paymentId: null,
      languageCode: null,
      enabledPaymentMethods: null,
      idealRedirectUrl: null,
      parentUrl: null,
      returnUrl,
      styles: null,
      layout: null,
      directPayment: false,
    });
  });

  // The frame's API: same origin only (the embedding page can never call it directly).
  const api = async (
    c: Context,
    handler: (body: Record<string, unknown>, origin: string) => unknown,
  ) => {
    const origin = new URL(c.req.url).origin;
    const from = c.req.header('Origin');
    if (from !== undefined && from !== origin)
      return c.json({ error: 'Only the checkout frame may call this' }, 403);
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = await c.req.json();
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      return c.json({ error: 'Invalid JSON' }, 400);
    }
    return c.json(handler(body, origin) as object, 200, { 'Cache-Control': 'no-store' });
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  app.post('/payments/checkout/api/card', (c) =>
    api(c, (body, origin) => {
      const card = (body.card ?? {}) as Record<string, unknown>;
      return payByCard(
        runtime,
        origin,
        text(body.requestId),
        {
          number: text(card.number),
          expiry: text(card.expiry),
          cvc: text(card.cvc),
          name: text(card.name),
        },
        body.hosted === true,
      );
    }),
  );
  app.post('/payments/checkout/api/challenge', (c) =>
    api(c, (body, origin) => {
      const answer = text(body.answer);
      if (answer !== 'pass' && answer !== 'fail' && answer !== 'abandon')
        return { status: 'failed', error: 'Unknown answer' };
      return answerChallenge(runtime, origin, text(body.challengeId), answer as ChallengeAnswer);
    }),
  );
  app.post('/payments/checkout/api/wallet', (c) =>
    api(c, (body, origin) => {
      const wallet = text(body.wallet);
      if (wallet !== 'GooglePay' && wallet !== 'ApplePay')
        return { status: 'failed', error: 'Unknown wallet' };
      return payByWallet(runtime, origin, text(body.requestId), wallet);
    }),
  );
  app.post('/payments/checkout/api/ideal', (c) =>
    api(c, (body, origin) =>
      payByIdeal(
        runtime,
        origin,
        text(body.requestId),
        text(body.returnUrl),
        originOf(text(body.parentOrigin)) ?? '',
      ),
    ),
  );
  app.get('/payments/checkout/api/payments/:id', (c) => {
    runtime.tick();
    const payment = runtime.store.state.payments.find(
      (p) => p.payment.Id === c.req.param('id'),
    )?.payment;
    return c.json(
      payment
        ? { id: payment.Id, state: payment.State, requestId: payment.PaymentRequestId }
        : { id: c.req.param('id'), state: 'Unknown', requestId: null },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
}
