import { gzipSync } from 'node:zlib';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from '@playwright/test';
import { chromiumLaunchOptions } from '../../../lib/cli/chromium';

/**
 * Headless Chromium for the page-weight and page-speed sections: the same browser and flags as the
 * browser tests, and the readiness signals a guest would wait for.
 */

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/**
 * Resolves once React has hydrated the document: the root layout renders `<body>`, and React
 * marks every host element it owns with an internal `__reactFiber$…` key when it attaches.
 */
export async function waitForHydration(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () => Object.keys(document.body).some((key) => key.startsWith('__reactFiber$')),
    undefined,
    {
      timeout: timeoutMs,
    },
  );
}

/**
 * The card fields are usable: both PCI Proxy iframes are in their placeholders and the library
 * said `ready` (which is when the form enables the pay button), as tests/e2e/support/guest.ts
 * waits for them.
 */
export async function waitForCardFields(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="pay-button"]');
      return (
        document.querySelector('#card-number iframe') !== null &&
        document.querySelector('#card-cvv iframe') !== null &&
        button !== null &&
        !button.disabled
      );
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
}

export interface ScriptTransfer {
  url: string;
  rawBytes: number;
  /** The body gzipped by node:zlib at its default level, as a server would send it. */
  gzipBytes: number;
}

export interface ScriptSet {
  scripts: ScriptTransfer[];
  rawBytes: number;
  gzipBytes: number;
}

export interface PageScripts extends ScriptSet {
  status: number;
  /** Scripts fetched only after `interact` (code loaded on demand), when one was given. */
  onInteraction: ScriptSet;
}

function isJavaScript(response: Response): boolean {
  const type = response.headers()['content-type'] ?? '';
  return response.request().resourceType() === 'script' || /javascript|ecmascript/i.test(type);
}

function scriptSet(entries: ScriptTransfer[], exclude: Set<string> = new Set()): ScriptSet {
  // A chunk asked for twice (preload and script tag) is downloaded once by the browser.
  const unique = [
    ...new Map(
      entries.filter((e) => !exclude.has(e.url)).map((entry) => [entry.url, entry]),
    ).values(),
  ].sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    scripts: unique,
    rawBytes: unique.reduce((sum, entry) => sum + entry.rawBytes, 0),
    gzipBytes: unique.reduce((sum, entry) => sum + entry.gzipBytes, 0),
  };
}

/**
 * Every JavaScript response from `origin` while `url` loads in a fresh context (so nothing comes
 * from cache) until the page is hydrated, `ready` (if given) resolved and the network was idle.
 * Scripts from other origins (the Secure Fields script of the PCI Proxy host) are not counted.
 * With `interact`, what the page fetches after that step (until the network is idle again) is
 * reported apart, as `onInteraction`.
 */
export async function collectPageScripts(
  browser: Browser,
  url: string,
  origin: string,
  steps: { ready?: (page: Page) => Promise<void>; interact?: (page: Page) => Promise<void> } = {},
): Promise<PageScripts> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const bodies: Array<Promise<ScriptTransfer | null>> = [];
    page.on('response', (response) => {
      if (
        new URL(response.url()).origin !== origin ||
        !isJavaScript(response) ||
        response.status() !== 200
      )
        return;
      bodies.push(
        response.body().then(
          (body) => ({
            url: response.url(),
            rawBytes: body.length,
            gzipBytes: gzipSync(body).length,
          }),
          () => null,
        ),
      );
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    await waitForHydration(page);
    if (steps.ready) await steps.ready(page);
    // A page that polls (the link's status) may never be network-idle on a busy machine; what
    // counts here is that no new script comes, which the loop below waits for either way.
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    const noNewScriptFor1s = async () => {
      let seen = -1;
      while (seen !== bodies.length) {
        seen = bodies.length;
        await page.waitForTimeout(1_000);
      }
    };
    await noNewScriptFor1s();
    const settle = async (from: number) =>
      (await Promise.all(bodies.slice(from))).filter(
        (entry): entry is ScriptTransfer => entry !== null,
      );
    const firstCount = bodies.length;
    const first = scriptSet(await settle(0));
    let onInteraction = scriptSet([]);
    if (steps.interact) {
      await steps.interact(page);
      await noNewScriptFor1s();
      onInteraction = scriptSet(await settle(firstCount), new Set(first.scripts.map((s) => s.url)));
    }
    return { status: response?.status() ?? 0, ...first, onInteraction };
  } finally {
    await context.close();
  }
}

/**
 * Chrome DevTools' "Fast 4G" preset (Fast4GConditions in devtools-frontend's
 * front_end/core/sdk/NetworkManager.ts): 9 Mbit/s down and 1.5 Mbit/s up, each derated to 90 %,
 * and 60 ms × 2.75 = 165 ms latency, applied with CDP Network.emulateNetworkConditions.
 */
export const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
} as const;

export const FAST_4G_DESCRIPTION =
  'Chrome DevTools "Fast 4G" (CDP Network.emulateNetworkConditions: 165 ms latency, 1,012,500 B/s down, 168,750 B/s up)';

/** The Secure Fields library script, the sandbox's and PCI Proxy's (`…-2.0.0.min.js`) alike. */
const SECURE_FIELDS_SCRIPT = /\/secure-fields-[\d.]+(\.min)?\.js(\?|$)/;

/**
 * BENCH_DELAY_SECURE_FIELDS_MS: the bench's browser holds the Secure Fields script request this
 * long, to prove the card-field budget fails when the script comes late. Bench-side only: the app
 * has no such switch.
 */
export function secureFieldsDelayMs(): number {
  const value = Number(process.env.BENCH_DELAY_SECURE_FIELDS_MS ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export async function delaySecureFieldsScript(
  context: BrowserContext,
  delayMs: number,
): Promise<void> {
  if (delayMs <= 0) return;
  await context.route(SECURE_FIELDS_SCRIPT, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await route.continue();
  });
}

export interface VitalsSample {
  /** Start time of the last `largest-contentful-paint` entry, in ms since navigation. */
  lcpMs: number;
  /** What the LCP element was, for reading the numbers. */
  lcpElement: string;
  /** Sum of every `layout-shift` entry without recent input. */
  cls: number;
  /** The shifts one by one (value, time, what moved), for finding a cause. */
  shifts: Array<{ value: number; startTime: number; sources: string[] }>;
  /** When the pay button was first enabled, ms since navigation (NaN: never, or no such button). */
  payEnabledMs: number;
  /** When the card-number iframe's input was first present and enabled, ms since the top page's navigation. */
  cardReadyMs: number;
}

/**
 * Installed before any of the page's scripts. A string, not a function: tsx compiles functions with
 * helpers (`__name`) that do not exist in the page. Init scripts also run in the card iframes,
 * cross-origin ones included: there, in the card-number frame only, it notes when an enabled input
 * exists, on the epoch clock (`timeOrigin + now()`), which the top page's own timeOrigin turns into
 * its navigation clock. The sandbox names the frame by its URL (`field=cardNumber`) and the
 * library by the frame's name (`…-cardNumber`); either marks it.
 */
const VITALS_OBSERVER_SCRIPT = `(() => {
  if (window.top !== window) {
    if (!/[?&]field=cardNumber(&|$)/.test(location.search) && !/cardNumber/i.test(window.name)) return;
    const enabledInput = () => {
      const input = document.querySelector('input');
      return input !== null && !input.disabled;
    };
    const note = () => {
      if (window.__benchCardReadyAt !== undefined || !enabledInput()) return false;
      window.__benchCardReadyAt = performance.timeOrigin + performance.now();
      return true;
    };
    if (note()) return;
    const observer = new MutationObserver(() => { if (note()) observer.disconnect(); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
    return;
  }
  const describe = (node) => {
    if (!node) return '(gone)';
    if (!(node instanceof Element)) return node.nodeName;
    const id = node.id ? '#' + node.id : '';
    const testId = node.getAttribute('data-testid');
    return node.tagName.toLowerCase() + id + (testId ? '[data-testid=' + testId + ']' : '');
  };
  const state = { lcpMs: Number.NaN, lcpElement: '', cls: 0, shifts: [], payEnabledMs: Number.NaN };
  window.__benchVitals = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.lcpMs = entry.startTime;
      state.lcpElement = describe(entry.element);
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      state.cls += entry.value;
      state.shifts.push({ value: entry.value, startTime: entry.startTime, sources: (entry.sources || []).map((s) => describe(s.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const payEnabled = () => {
    const button = document.querySelector('[data-testid="pay-button"]');
    if (!button || button.disabled || !Number.isNaN(state.payEnabledMs)) return false;
    state.payEnabledMs = performance.now();
    return true;
  };
  const buttons = new MutationObserver(() => { if (payEnabled()) buttons.disconnect(); });
  buttons.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
})();`;

/** The card-number frame's note, on the top page's navigation clock (NaN when there is none). */
async function cardReadyMs(page: Page): Promise<number> {
  const topOrigin = (await page.evaluate('performance.timeOrigin')) as number;
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const at = (await frame.evaluate('window.__benchCardReadyAt').catch(() => undefined)) as
      number | undefined;
    if (typeof at === 'number') return at - topOrigin;
  }
  return Number.NaN;
}

/** Resolves once the card-number frame has noted an enabled input. */
export async function waitForCardInput(page: Page, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (Number.isFinite(await cardReadyMs(page))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`the card-number input was not ready within ${timeoutMs} ms`);
}

export interface LoadConditions {
  cpuThrottlingRate: number;
  /** CDP network emulation; none: loopback as is. */
  network?: typeof FAST_4G;
  /** Holds the Secure Fields script this long (the deliberate failure; 0 normally). */
  delaySecureFieldsMs?: number;
}

/**
 * Loads `url` in a fresh context (no cache) under `conditions`, waits for `ready` and `settleMs`
 * more, and reads LCP, CLS, pay button and card field times from observers installed before any
 * of the page's own scripts run.
 */
export async function measureVitals(
  browser: Browser,
  url: string,
  options: LoadConditions & { ready: (page: Page) => Promise<void>; settleMs: number },
): Promise<VitalsSample> {
  const context = await browser.newContext();
  try {
    await delaySecureFieldsScript(context, options.delaySecureFieldsMs ?? 0);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottlingRate });
    if (options.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', options.network);
    }
    await page.addInitScript(VITALS_OBSERVER_SCRIPT);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await options.ready(page);
    await page.waitForTimeout(options.settleMs);
    const sample = (await page.evaluate('window.__benchVitals')) as Omit<
      VitalsSample,
      'cardReadyMs'
    > | null;
    if (!sample) throw new Error(`${url}: the vitals observers did not run`);
    return { ...sample, cardReadyMs: await cardReadyMs(page) };
  } finally {
    await context.close();
  }
}
