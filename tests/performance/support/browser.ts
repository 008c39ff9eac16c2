import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Response } from '@playwright/test';
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
    await page.waitForLoadState('networkidle');
    const settle = async (from: number) =>
      (await Promise.all(bodies.slice(from))).filter(
        (entry): entry is ScriptTransfer => entry !== null,
      );
    const firstCount = bodies.length;
    const first = scriptSet(await settle(0));
    let onInteraction = scriptSet([]);
    if (steps.interact) {
      await steps.interact(page);
      // networkidle has already fired once; wait for a second without a new script instead.
      let seen = -1;
      while (seen !== bodies.length) {
        seen = bodies.length;
        await page.waitForTimeout(1_000);
      }
      onInteraction = scriptSet(await settle(firstCount), new Set(first.scripts.map((s) => s.url)));
    }
    return { status: response?.status() ?? 0, ...first, onInteraction };
  } finally {
    await context.close();
  }
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
}

/**
 * Installed before any of the page's scripts. A string, not a function: tsx compiles functions with
 * helpers (`__name`) that do not exist in the page. Init scripts also run in the card iframes;
 * only the page's own metrics count.
 */
const VITALS_OBSERVER_SCRIPT = `(() => {
  if (window.top !== window) return;
  const describe = (node) => {
    if (!node) return '(gone)';
    if (!(node instanceof Element)) return node.nodeName;
    const id = node.id ? '#' + node.id : '';
    const testId = node.getAttribute('data-testid');
    return node.tagName.toLowerCase() + id + (testId ? '[data-testid=' + testId + ']' : '');
  };
  const state = { lcpMs: Number.NaN, lcpElement: '', cls: 0, shifts: [] };
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
})();`;

/**
 * Loads `url` in a fresh context (no cache) with the CPU slowed down `cpuThrottlingRate` times,
 * waits for `ready` and `settleMs` more, and reads LCP and CLS from buffered PerformanceObservers
 * installed before any of the page's own scripts run.
 */
export async function measureVitals(
  browser: Browser,
  url: string,
  options: { cpuThrottlingRate: number; ready: (page: Page) => Promise<void>; settleMs: number },
): Promise<VitalsSample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottlingRate });
    await page.addInitScript(VITALS_OBSERVER_SCRIPT);
    await page.goto(url, { waitUntil: 'load' });
    await options.ready(page);
    await page.waitForTimeout(options.settleMs);
    const sample = await page.evaluate('window.__benchVitals');
    if (!sample) throw new Error(`${url}: the vitals observers did not run`);
    return sample as VitalsSample;
  } finally {
    await context.close();
  }
}
