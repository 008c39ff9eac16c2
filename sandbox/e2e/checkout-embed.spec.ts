/* eslint-disable @typescript-eslint/no-explicit-any -- browser-side values are read loosely here */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { CHECKOUT_CARDS } from '../checkout-cards';
import { DEMO_CLIENT_TOKENS, GROSS_ACCESS_TOKENS, SEED } from '../seed';
import { startSandbox, type RunningSandbox } from '../server';

/**
 * The Mews Payments Checkout stand-in in Chromium: a plain page on one origin (standing in for the
 * app) loads checkout-embed.js from the sandbox on another and pays payment requests in the frame.
 */

let sandbox: RunningSandbox;
let host: Server;
let hostUrl: string;
let dataDir: string;

const HOST_JS = `
window.events = [];
window.startCheckout = function (requestId, extra) {
  window.Mews.PaymentCheckout.load(Object.assign({
    containerId: 'checkout',
    requestId: requestId,
    languageCode: 'en-GB',
    onSuccess: function (e) { window.events.push({ callback: 'onSuccess', event: e }); },
    onFailure: function (e) { window.events.push({ callback: 'onFailure', event: e }); },
  }, extra || {}));
};
window.stopCheckout = function () { window.Mews.PaymentCheckout.destroy(); };
`;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mews-sandbox-checkout-e2e-'));
  sandbox = await startSandbox({ port: 0, hostname: '127.0.0.1', dataDir });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout host</title>
<script src="${sandbox.url}/payments/checkout-embed.js"></script>
<script src="/host.js"></script>
<style>body { margin: 0; padding: 8px; font-family: sans-serif; }</style>
</head><body><h1>Host page</h1><div id="checkout"></div></body></html>`;
  host = createServer((req, res) => {
    if (req.url?.startsWith('/host.js')) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(HOST_JS);
      return;
    }
    res
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        // What the app would send: only the sandbox origin may provide the script and the frame.
        'Content-Security-Policy': `default-src 'self'; script-src 'self' ${sandbox.url}; frame-src ${sandbox.url}; style-src 'self' 'unsafe-inline'`,
      })
      .end(html);
  });
  // "localhost" vs 127.0.0.1: same machine, another origin than the sandbox's.
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => host?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

test.beforeEach(async () => {
  sandbox.runtime.reset();
});

async function connector(operation: string, body: Record<string, unknown>): Promise<any> {
  const r = await fetch(`${sandbox.url}/api/connector/v1/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ClientToken: DEMO_CLIENT_TOKENS[0],
      AccessToken: GROSS_ACCESS_TOKENS[0],
      Client: 'Checkout e2e 1.0',
      ...body,
    }),
  });
  expect(r.status).toBe(200);
  return r.json();
}

async function createRequest(): Promise<string> {
  const now = Date.parse(sandbox.runtime.store.nowUtc());
  const body = await connector('paymentRequests/add', {
    PaymentRequests: [
      {
        AccountId: SEED.customers.bob.id,
        Amount: { Currency: 'EUR', Value: 240.5 },
        Type: 'Payment',
        Reason: 'Deposit',
        ExpirationUtc: new Date(now + 86_400_000).toISOString(),
        Description: 'Deposit for SBX-1002',
        ReservationId: SEED.reservations.bobLondonEur.id,
      },
    ],
    SendPaymentRequestEmails: false,
  });
  return body.PaymentRequests[0].Id as string;
}

async function paymentState(id: string): Promise<string> {
  const body = await connector('payments/getAll', { PaymentIds: [id], Limitation: { Count: 1 } });
  return body.Payments[0].State as string;
}

async function open(page: Page, requestId: string): Promise<FrameLocator> {
  await page.goto(`${hostUrl}/`);
  await page.evaluate((id) => (window as any).startCheckout(id), requestId);
  const frame = page.frameLocator('iframe[title="Mews Payments Checkout (sandbox stand-in)"]');
  await expect(frame.getByTestId('amount')).toHaveText('€240.50');
  return frame;
}

async function fillCard(frame: FrameLocator, number: string) {
  await frame.getByLabel('Card number').fill(number);
  await frame.getByLabel('Expiry date').fill('12/30');
  await frame.getByLabel('CVC').fill('123');
  await frame.getByLabel('Name on card').fill('Bob Jansen');
}

async function events(page: Page): Promise<any[]> {
  return page.evaluate(() => (window as any).events);
}

test('card, frictionless: onSuccess payment-charged, fits a 390 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const requestId = await createRequest();
  const frame = await open(page, requestId);
  await fillCard(frame, CHECKOUT_CARDS.frictionless);
  await frame.getByRole('button', { name: 'Pay €240.50' }).click();
  await expect(frame.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await expect.poll(() => events(page)).toHaveLength(1);
  const [{ callback, event }] = await events(page);
  expect(callback).toBe('onSuccess');
  expect(Object.keys(event).sort()).toEqual(['paymentId', 'paymentMethodId', 'type']);
  expect(event.type).toBe('payment-charged');
  expect(await paymentState(event.paymentId)).toBe('Charged');
  // No horizontal overflow; the frame grew to its content (no inner scrollbar).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const sizes = await page.evaluate(() => {
    const iframe = document.querySelector('iframe') as HTMLIFrameElement;
    return {
      width: iframe.getBoundingClientRect().width,
      height: iframe.getBoundingClientRect().height,
    };
  });
  expect(sizes.width).toBeLessThanOrEqual(390);
  expect(sizes.height).toBeGreaterThanOrEqual(300);
});

test('3-D Secure challenge passed in the frame: payment-charged', async ({ page }) => {
  const frame = await open(page, await createRequest());
  await fillCard(frame, CHECKOUT_CARDS.challenge);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await frame.getByRole('button', { name: 'Authenticate' }).click();
  await expect.poll(() => events(page)).toHaveLength(1);
  const [{ callback, event }] = await events(page);
  expect(callback).toBe('onSuccess');
  expect(await paymentState(event.paymentId)).toBe('Charged');
});

test('3-D Secure challenge failed: onFailure, then a retry with another card works', async ({
  page,
}) => {
  const frame = await open(page, await createRequest());
  await fillCard(frame, CHECKOUT_CARDS.challenge);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await frame.getByRole('button', { name: 'Fail authentication' }).click();
  await expect.poll(() => events(page)).toHaveLength(1);
  const [failure] = await events(page);
  expect(failure.callback).toBe('onFailure');
  expect(Object.keys(failure.event).sort()).toEqual(['error', 'type']);
  expect(failure.event.type).toBe('payment-failure');
  await expect(frame.getByRole('alert')).toBeVisible();

  await frame.getByLabel('Card number').fill(CHECKOUT_CARDS.frictionless);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await expect.poll(() => events(page)).toHaveLength(2);
  const [, success] = await events(page);
  expect(success.callback).toBe('onSuccess');
  expect(await paymentState(success.event.paymentId)).toBe('Charged');
});

test('simulated Google Pay (with the walletCard switch): payment-charged', async ({ page }) => {
  sandbox.runtime.store.state.checkoutSettings.walletCard = true;
  const frame = await open(page, await createRequest());
  // Chromium, not Safari: no Apple Pay button.
  await expect(frame.getByRole('button', { name: 'Apple Pay (simulated)' })).toHaveCount(0);
  await frame.getByRole('button', { name: 'Google Pay (simulated)' }).click();
  await expect.poll(() => events(page)).toHaveLength(1);
  const [{ callback, event }] = await events(page);
  expect(callback).toBe('onSuccess');
  const body = await connector('payments/getAll', {
    PaymentIds: [event.paymentId],
    Limitation: { Count: 1 },
  });
  expect(body.Payments[0].Data.Alternative.Type).toBe('GooglePay');
});

test('destroy() removes the frame and stops callbacks; forged messages are ignored', async ({
  page,
}) => {
  const frame = await open(page, await createRequest());
  await fillCard(frame, CHECKOUT_CARDS.challenge);
  await frame.getByRole('button', { name: /^Pay / }).click();
  await expect(frame.getByRole('button', { name: 'Authenticate' })).toBeVisible();
  await page.evaluate(() => (window as any).stopCheckout());
  await expect(page.locator('iframe')).toHaveCount(0);
  // The page itself posting a "success" is not the frame: ignored.
  await page.evaluate(() =>
    window.postMessage(
      {
        source: 'mews-checkout-sandbox',
        type: 'success',
        event: { type: 'payment-charged', paymentId: 'x', paymentMethodId: 'y' },
      },
      '*',
    ),
  );
  await page.waitForTimeout(300);
  expect(await events(page)).toEqual([]);

  // Loading again works with the new configuration; one frame only.
  await page.evaluate((id) => (window as any).startCheckout(id), await createRequest());
  await page.evaluate((id) => (window as any).startCheckout(id), await createRequest());
  await expect(page.locator('iframe')).toHaveCount(1);
});
