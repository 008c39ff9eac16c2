import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Request } from '@playwright/test';
import { SEED } from '../../../sandbox/seed';
import { E2E_APP_URL, E2E_SANDBOX_URL } from './e2e-env';

/**
 * Helpers for the guest journeys: the sandbox's control API (request log, clock, settlement),
 * typing into the Secure Fields iframes, and the checks every journey repeats (no card number
 * reaches the app, axe finds nothing serious).
 */

export { SEED };

export const CARD = {
  visa: '4242424242424242',
  declined: '4900000000000086',
  insufficientFunds: '4900000000000003',
  pending: '5200000000000007',
} as const;

interface LogEntry {
  operation: string;
  atUtc: string;
  status: number;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
  cardNumberDetected: boolean;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E_SANDBOX_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`Sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const sandbox = {
  requests: async (operation?: string) =>
    (
      await control<{ requests: LogEntry[] }>(
        'GET',
        `/_sandbox/requests${operation ? `?operation=${encodeURIComponent(operation)}` : ''}`,
      )
    ).requests,
  updateSettings: (settings: { pendingSettleSeconds?: number; idealExpiryMinutes?: number }) =>
    control('PUT', '/_sandbox/settings', settings),
  settlePayments: async (paymentIds?: string[]) =>
    (
      await control<{ changedPaymentIds: string[] }>(
        'POST',
        '/_sandbox/payments/settle',
        paymentIds ? { paymentIds } : {},
      )
    ).changedPaymentIds,
  advanceClock: (seconds: number) =>
    control<{ changedPaymentIds: string[] }>('POST', '/_sandbox/clock/advance', { seconds }),
};

function amountOf(entry: LogEntry): { currency: unknown; value: unknown } {
  const amount = (entry.request?.Amount ?? {}) as Record<string, unknown>;
  return { currency: amount.Currency, value: amount.GrossValue ?? amount.NetValue ?? amount.Value };
}

/** Connector API charges (card or iDEAL) the sandbox received for exactly this amount. */
export async function chargesFor(
  amountMinor: number,
  currency: string,
  operation = 'creditCards/charge',
): Promise<LogEntry[]> {
  return (await sandbox.requests(operation)).filter((entry) => {
    const { currency: c, value } = amountOf(entry);
    return c === currency && typeof value === 'number' && Math.round(value * 100) === amountMinor;
  });
}

/** Every request the browser sends to our app, to prove the card number never travels there. */
export function recordAppRequests(page: Page): Request[] {
  const recorded: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin === E2E_APP_URL) recorded.push(request);
  });
  return recorded;
}

export async function expectNoCardNumber(
  page: Page,
  appRequests: Request[],
  pan: string,
): Promise<void> {
  const spaced = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
  const dom = await page.content();
  const storage = await page.evaluate(
    () =>
      JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
  );
  for (const haystack of [dom, storage]) {
    expect(haystack).not.toContain(pan);
    expect(haystack).not.toContain(spaced);
  }
  for (const request of appRequests) {
    expect(request.url()).not.toContain(pan);
    expect(request.postData() ?? '').not.toContain(pan);
  }
}

export async function waitForCardFields(page: Page): Promise<void> {
  await expect(page.locator('#card-number iframe')).toHaveCount(1);
  await expect(page.locator('#card-cvv iframe')).toHaveCount(1);
  await expect(page.getByTestId('pay-button')).toBeEnabled();
}

export async function fillCard(
  page: Page,
  card: { number: string; cvv?: string; expiry?: string; name?: string },
  labels: { expiry: string | RegExp; name: string | RegExp } = {
    expiry: 'Expiry date',
    name: 'Name on card',
  },
): Promise<void> {
  await waitForCardFields(page);
  const number = page.frameLocator('#card-number iframe').locator('input');
  await number.fill('');
  await number.pressSequentially(card.number, { delay: 2 });
  const cvv = page.frameLocator('#card-cvv iframe').locator('input');
  await cvv.fill('');
  await cvv.pressSequentially(card.cvv ?? '123', { delay: 2 });
  await page.getByLabel(labels.expiry).fill(card.expiry ?? '12/30');
  await page.getByLabel(labels.name).fill(card.name ?? 'Alice Smith');
}

export function payButton(page: Page) {
  return page.getByTestId('pay-button');
}

/** axe on the whole page, iframes included: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${label}`,
  ).toEqual([]);
}

/** The server action POSTs of the pay page (they carry a Next-Action header). */
export function recordActionBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action'])
      bodies.push(request.postData() ?? '');
  });
  return bodies;
}
