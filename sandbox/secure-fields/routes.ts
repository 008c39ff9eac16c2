import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { SandboxRuntime } from '../runtime';
import { enterpriseByPublicKey } from '../seed';
import { TEST_CARDS } from '../test-cards';
import { tokenize } from '../vault';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

const FIELD_NAMES = new Set(['cardNumber', 'cvv']);
const BRANDS = new Set(['VIS', 'ECA', 'AMX', 'DIN', 'DIS', 'JCB', 'ELO', 'CUP', 'HCP']);

/** JSON inside a <script type="application/json"> must not be able to close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function escapeAttribute(value: string): string {
  return value.replace(
    /[&"<>]/g,
    (ch) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[ch] ?? ch,
  );
}

/**
 * Secure Fields stand-in: the library script, the field iframes and the vault's tokenize endpoint,
 * all on the sandbox origin (a different origin from the app).
 */
export function registerSecureFieldsRoutes(app: Hono, runtime: SandboxRuntime): void {
  const script = read('secure-fields-2.0.0.js');
  const fieldScript = read('field.js');

  const scriptHeaders = {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  for (const name of ['secure-fields-2.0.0.js', 'secure-fields-2.0.0.min.js']) {
    app.get(`/secure-fields/${name}`, (c) => c.body(script, 200, scriptHeaders));
  }
  app.get('/secure-fields/field.js', (c) => c.body(fieldScript, 200, scriptHeaders));

  app.get('/secure-fields/field.html', (c) => {
    const q = (key: string) => c.req.query(key) ?? '';
    const field = q('field');
    let parentOrigin = '';
    try {
      parentOrigin = new URL(q('parentOrigin')).origin;
    } catch {
      parentOrigin = '';
    }
    if (!FIELD_NAMES.has(field) || parentOrigin === '' || q('instance') === '') {
      return c.text('Bad Secure Fields frame request', 400);
    }
    const merchantId = q('merchantId');
    const paymentMethods = q('paymentMethods')
      .split(',')
      .filter((b) => BRANDS.has(b));
    const config = {
      field,
      instance: q('instance'),
      parentOrigin,
      merchantId,
      merchantValid: enterpriseByPublicKey(merchantId) !== undefined,
      fields: q('fields')
        .split(',')
        .filter((f) => FIELD_NAMES.has(f)),
      paymentMethods: paymentMethods.length > 0 ? paymentMethods : null,
      // Public PCI Proxy sandbox test numbers: the field marks any other number invalid.
      testCards: TEST_CARDS.map((t) => ({ pan: t.pan, brand: t.brand, cardInfo: t.cardInfo })),
    };
    const inputType = ['tel', 'text', 'number', 'password'].includes(q('inputType'))
      ? q('inputType')
      : 'tel';
    const label = q('ariaLabel') || (field === 'cardNumber' ? 'Card number' : 'CVV');
    const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${field === 'cardNumber' ? 'Card number' : 'CVV'}</title>
<style>
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
input { box-sizing: border-box; width: 100%; margin: 0; border: 0; outline: 0; padding: 0.2em 0; font: inherit; font-size: 16px; background: transparent; color: inherit; }
</style>
<style id="sf-styles"></style>
<script type="application/json" id="sf-config">${scriptJson(config)}</script>
</head>
<body>
<input id="field" type="${inputType}" inputmode="numeric" autocomplete="${field === 'cardNumber' ? 'cc-number' : 'cc-csc'}"
  aria-label="${escapeAttribute(label)}" placeholder="${escapeAttribute(q('placeholder'))}" maxlength="${field === 'cardNumber' ? 23 : 4}">
<script src="/secure-fields/field.js"></script>
</body>
</html>`;
    return c.html(page, 200, {
      // Framed by any page (the app's origin is not known to the sandbox); only own scripts run here.
      'Content-Security-Policy':
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors *",
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
  });

  app.post('/secure-fields/api/tokenize', async (c) => {
    // Only the sandbox's own frames may send card data here, never the embedding page.
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== new URL(c.req.url).origin) {
      return c.json({ error: 'Cross-origin tokenization is not allowed' }, 403);
    }
    let body: Record<string, unknown>;
    try {
      body = (await c.req.json()) as Record<string, unknown>;
    } catch {
      return c.json({ error: 'Invalid JSON' }, 400);
    }
    const result = tokenize(runtime.store, {
      merchantId: String(body.merchantId ?? ''),
      cardNumber: String(body.cardNumber ?? ''),
      cvv: String(body.cvv ?? ''),
      expm: (body.expm as string | null | undefined) ?? null,
      expy: (body.expy as string | null | undefined) ?? null,
    });
    if (!result.ok)
      return c.json({ error: result.error, field: result.field ?? null }, result.status, {
        'Cache-Control': 'no-store',
      });
    return c.json(
      {
        transactionId: result.transactionId,
        cardInfo: result.entry.cardInfo,
        maskedCard: result.entry.maskedCard,
        paymentMethod: result.entry.brand,
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
}
