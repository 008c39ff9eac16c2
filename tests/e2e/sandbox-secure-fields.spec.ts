/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec elsewhere */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Request } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { CARDS } from '../../sandbox/test-cards';
import { GROSS_ACCESS_TOKENS, DEMO_CLIENT_TOKENS, SEED } from '../../sandbox/seed';

/**
 * The Secure Fields stand-in in a real browser: a host page on one loopback origin (standing in
 * for the app) embeds the card fields served by the sandbox on another. The card number must stay
 * inside the sandbox's iframes: never in the host's DOM, storage, console, or any request to it.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

let sandbox: RunningSandbox;
let host: Server;
let hostUrl: string;
let dataDir: string;
const hostBodies: string[] = [];

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mews-sandbox-e2e-'));
  sandbox = await startSandbox({ port: 0, hostname: '127.0.0.1', dataDir });
  const html = readFileSync(path.join(fixtures, 'secure-fields-host.html'), 'utf8').replace(
    '__SANDBOX_URL__',
    sandbox.url,
  );
  const js = readFileSync(path.join(fixtures, 'secure-fields-host.js'), 'utf8');
  host = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hostBodies.push(`${req.method} ${req.url} ${body}`);
      if (req.url?.startsWith('/host.js')) {
        res.writeHead(200, { 'Content-Type': 'application/javascript' }).end(js);
      } else if (req.method === 'POST') {
        res.writeHead(204).end();
      } else {
        // The CSP the app would send: only the sandbox origin may provide scripts and frames.
        res
          .writeHead(200, {
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Security-Policy': `default-src 'self'; script-src 'self' ${sandbox.url}; frame-src ${sandbox.url}; connect-src 'self'; style-src 'self' 'unsafe-inline'`,
          })
          .end(html);
      }
    });
  });
  // "localhost" vs 127.0.0.1: same machine, different origin from the sandbox's.
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => host?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

interface Recorded {
  hostRequests: Request[];
  consoleLines: string[];
}

async function openHost(page: Page, query = ''): Promise<Recorded> {
  const recorded: Recorded = { hostRequests: [], consoleLines: [] };
  page.on('request', (request) => {
    if (new URL(request.url()).origin === hostUrl) recorded.hostRequests.push(request);
  });
  page.on('console', (message) => recorded.consoleLines.push(message.text()));
  await page.goto(`${hostUrl}/${query}`);
  return recorded;
}

async function events(page: Page, type: string): Promise<any[]> {
  return page.evaluate(
    (t) => (window as any).sfEvents.filter((e: any) => e.type === t).map((e: any) => e.data),
    type,
  );
}

async function typeCard(page: Page, cardNumber: string, cvv: string) {
  await page
    .frameLocator('#card-number iframe')
    .locator('input')
    .pressSequentially(cardNumber, { delay: 5 });
  await page
    .frameLocator('#cvv-field iframe')
    .locator('input')
    .pressSequentially(cvv, { delay: 5 });
}

async function expectNoPanAnywhere(page: Page, recorded: Recorded, pan: string) {
  const spaced = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
  const hostDom = await page.content();
  const storage = await page.evaluate(
    () =>
      JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
  );
  const eventsDump = await page.evaluate(() => JSON.stringify((window as any).sfEvents));
  for (const haystack of [hostDom, storage, eventsDump, recorded.consoleLines.join('\n')]) {
    expect(haystack).not.toContain(pan);
    expect(haystack).not.toContain(spaced);
  }
  for (const request of recorded.hostRequests) {
    expect(request.url()).not.toContain(pan);
    expect(request.postData() ?? '').not.toContain(pan);
  }
  expect(hostBodies.join('\n')).not.toContain(pan);
}

test('card iframes load from the sandbox origin and report ready', async ({ page }) => {
  await openHost(page);
  await expect(page.locator('#pay')).toBeEnabled();
  const sources = await page
    .locator('iframe')
    .evaluateAll((frames) => frames.map((f) => (f as HTMLIFrameElement).src));
  expect(sources).toHaveLength(2);
  for (const src of sources) expect(new URL(src).origin).toBe(sandbox.url);
  expect(new URL(sandbox.url).origin).not.toBe(hostUrl);
  expect(await events(page, 'ready')).toHaveLength(1);
  expect(await page.locator('#card-number iframe').getAttribute('title')).toBe('Card number');
});

test('tokenizes a test card into an 18-digit transactionId that Mews can store once', async ({
  page,
}) => {
  const recorded = await openHost(page);
  await expect(page.locator('#pay')).toBeEnabled();
  await typeCard(page, CARDS.visaCharged, '123');
  await page.locator('#pay').click();
  await expect(page.locator('#result')).toHaveText(/^\d{18}$/);
  const [validate] = await events(page, 'validate');
  expect(validate).toEqual({
    fields: {
      cardNumber: { length: 16, valid: true, paymentMethod: 'VIS' },
      cvv: { length: 3, valid: true },
    },
    hasErrors: false,
  });
  const [success] = await events(page, 'success');
  expect(success.result).toBe('success');
  expect(success.cardInfo).toMatchObject({ brand: 'VISA CREDIT', issuer: 'DATATRANS' });

  // The page only forwards the transactionId to its own origin, as the app will.
  await expect
    .poll(() => recorded.hostRequests.filter((r) => r.method() === 'POST').length)
    .toBe(1);
  const transactionId = (await page.locator('#result').textContent()) ?? '';
  const add = (await (
    await fetch(`${sandbox.url}/api/connector/v1/creditCards/addTokenized`, {
      method: 'POST',
      body: JSON.stringify({
        ClientToken: DEMO_CLIENT_TOKENS[0],
        AccessToken: GROSS_ACCESS_TOKENS[0],
        Client: 'e2e',
        CustomerId: SEED.customers.alice.id,
        CreditCardData: { StorageData: transactionId, Expiration: '2030-12' },
      }),
    })
  ).json()) as { CreditCardId?: string };
  expect(add.CreditCardId).toMatch(/^[0-9a-f-]{36}$/);

  await expectNoPanAnywhere(page, recorded, CARDS.visaCharged);
  const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as {
    requests: Array<{ cardNumberDetected: boolean }>;
  };
  expect(log.requests.every((r) => !r.cardNumberDetected)).toBe(true);
});

test('Amex needs a 4-digit CVV; brand and masked card come back through getCardInfo', async ({
  page,
}) => {
  const recorded = await openHost(page);
  await expect(page.locator('#pay')).toBeEnabled();
  await typeCard(page, CARDS.amexCharged, '123');
  await page.locator('#pay').click();
  await expect.poll(async () => (await events(page, 'validate')).length).toBe(1);
  expect((await events(page, 'validate'))[0]).toMatchObject({
    hasErrors: true,
    fields: { cvv: { length: 3, valid: false } },
  });
  await page.frameLocator('#cvv-field iframe').locator('input').pressSequentially('4');
  await page.locator('#pay').click();
  await expect(page.locator('#result')).toHaveText(/^\d{18}$/);
  const info = await page.evaluate(
    () => new Promise((resolve) => (window as any).sf.getCardInfo(resolve)),
  );
  expect(info).toEqual({
    event: 'cardInfo',
    data: {
      maskedCard: '375811xxxxx1115',
      paymentMethod: 'AMX',
      cardInfo: expect.objectContaining({ brand: 'AMERICAN EXPRESS' }),
    },
  });
  await expectNoPanAnywhere(page, recorded, CARDS.amexCharged);
});

test('validate reports a bad Luhn digit, an incomplete number and a productive card, and nothing is tokenized', async ({
  page,
}) => {
  await openHost(page);
  await expect(page.locator('#pay')).toBeEnabled();
  const cardInput = page.frameLocator('#card-number iframe').locator('input');
  for (const [number, length] of [
    ['4242424242424241', 16],
    ['424242', 6],
    [CARDS.productiveVisa, 16],
  ] as const) {
    await cardInput.fill('');
    await cardInput.pressSequentially(number, { delay: 2 });
    await page.frameLocator('#cvv-field iframe').locator('input').fill('123');
    const before = (await events(page, 'validate')).length;
    await page.locator('#pay').click();
    await expect.poll(async () => (await events(page, 'validate')).length).toBe(before + 1);
    const latest = (await events(page, 'validate')).at(-1);
    expect(latest).toMatchObject({
      hasErrors: true,
      fields: { cardNumber: { length, valid: false } },
    });
  }
  await expect(cardInput).toHaveClass(/invalid/);
  expect(await events(page, 'success')).toEqual([]);
});

test('change events carry state and brand, never the typed value', async ({ page }) => {
  await openHost(page);
  await expect(page.locator('#pay')).toBeEnabled();
  await page
    .frameLocator('#card-number iframe')
    .locator('input')
    .pressSequentially('5404', { delay: 5 });
  await expect
    .poll(async () =>
      (await events(page, 'change')).some((e) => e.fields.cardNumber.paymentMethod === 'ECA'),
    )
    .toBe(true);
  const changes = await events(page, 'change');
  for (const change of changes) {
    expect(Object.keys(change).sort()).toEqual(['event', 'fields', 'hasErrors']);
    expect(change.event.value).toBeUndefined();
    expect(change.fields.cardNumber).not.toHaveProperty('value');
  }
  expect(changes.map((c) => c.event.type)).toEqual(expect.arrayContaining(['keyDown', 'keyUp']));
});

test('an unknown merchantId gives an error and no ready; destroy removes the iframes', async ({
  page,
}) => {
  await openHost(page, '?merchantId=999999');
  await expect.poll(async () => (await events(page, 'error')).length).toBe(1);
  expect(await events(page, 'ready')).toEqual([]);
  expect((await events(page, 'error'))[0].error).toContain('merchantId');
  await page.evaluate(() => (window as any).sf.destroy());
  await expect(page.locator('iframe')).toHaveCount(0);
});
