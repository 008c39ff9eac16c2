import { createPaymentLinks, startBenchStack } from './support/bench-stack';
import {
  launchChromium,
  measureVitals,
  waitForCardFields,
  waitForHydration,
  type VitalsSample,
} from './support/browser';
import { median, percentile, type Measurement } from './support/measurements';
import type { BenchSection } from './support/section';

const SECTION = 'Page speed';
const CPU_THROTTLING_RATE = 4;
const LOADS = 10;
const QUICK_LOADS = 3;
/** After the card fields are ready: long enough for a late shift (fonts, brand badge) to show. */
const SETTLE_MS = 1_000;
const LCP_BUDGET_MS = 1_500;
const CLS_BUDGET = 0.02;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function summarize(samples: VitalsSample[]): string {
  const elements = new Map<string, number>();
  for (const s of samples) elements.set(s.lcpElement, (elements.get(s.lcpElement) ?? 0) + 1);
  return `LCP element ${[...elements].map(([element, count]) => `${element} ×${count}`).join(', ')}`;
}

/**
 * LCP and CLS of the pay page as a guest on a slow phone-class CPU sees them, the Secure Fields
 * iframes loading included; the return page alongside, unbudgeted.
 */
export const pageSpeedSection: BenchSection = {
  id: 'speed',
  title: 'Page speed',
  async run({ quick, log }) {
    const loads = quick ? QUICK_LOADS : LOADS;
    const stack = await startBenchStack({ latencyMs: 0 });
    try {
      // One link for every load: looking at a pay page changes nothing, and a fresh browser
      // context per load keeps every load uncached.
      const [link] = await createPaymentLinks(stack.app, 1);
      if (!link) throw new Error('no payment link created');
      const browser = await launchChromium();
      try {
        // One unmeasured load of each page, so the server's first-request work (route compilation
        // caches, database warm-up) is not counted against the first sample.
        await measureVitals(browser, link.url, {
          cpuThrottlingRate: 1,
          ready: waitForCardFields,
          settleMs: 0,
        });
        await measureVitals(browser, `${link.url}/return`, {
          cpuThrottlingRate: 1,
          ready: waitForHydration,
          settleMs: 0,
        });

        const pay: VitalsSample[] = [];
        for (let i = 0; i < loads; i++) {
          const sample = await measureVitals(browser, link.url, {
            cpuThrottlingRate: CPU_THROTTLING_RATE,
            ready: waitForCardFields,
            settleMs: SETTLE_MS,
          });
          pay.push(sample);
          const shifts = sample.shifts
            .map((s) => `${round(s.value, 4)}@${Math.round(s.startTime)}ms[${s.sources.join(' ')}]`)
            .join(' ');
          log(
            `pay load ${i + 1}/${loads}: LCP ${Math.round(sample.lcpMs)} ms (${sample.lcpElement}), CLS ${round(sample.cls, 4)} ${shifts}`,
          );
        }
        const ret: VitalsSample[] = [];
        for (let i = 0; i < loads; i++) {
          const sample = await measureVitals(browser, `${link.url}/return`, {
            cpuThrottlingRate: CPU_THROTTLING_RATE,
            ready: async (page) => {
              await waitForHydration(page);
              await page.getByTestId('return-no-payment').waitFor();
            },
            settleMs: SETTLE_MS,
          });
          ret.push(sample);
          log(
            `return load ${i + 1}/${loads}: LCP ${Math.round(sample.lcpMs)} ms (${sample.lcpElement}), CLS ${round(sample.cls, 4)}`,
          );
        }

        const method = `${loads} loads, each in a fresh browser context (no cache), headless Chromium with ${CPU_THROTTLING_RATE}× CPU throttling (CDP), loopback network`;
        const payReady = `read from buffered PerformanceObservers once the card fields were ready (both Secure Fields iframes loaded, pay button enabled) + ${SETTLE_MS} ms`;
        const clsMethod =
          'CLS = sum of all layout-shift entries without recent input (never less than the session-window CLS)';
        const lcp = pay.map((s) => s.lcpMs);
        const cls = pay.map((s) => s.cls);
        const retLcp = ret.map((s) => s.lcpMs);
        const retCls = ret.map((s) => s.cls);
        const measurements: Measurement[] = [
          {
            section: SECTION,
            name: 'Pay page LCP, median',
            value: Math.round(median(lcp)),
            unit: 'ms',
            budget: { max: LCP_BUDGET_MS },
            detail: `${method}; ${payReady}; ${summarize(pay)}`,
          },
          {
            section: SECTION,
            name: 'Pay page LCP, p90',
            value: Math.round(percentile(lcp, 90)),
            unit: 'ms',
            detail: method,
          },
          {
            section: SECTION,
            name: 'Pay page CLS, median',
            value: round(median(cls), 4),
            unit: 'score',
            budget: { max: CLS_BUDGET },
            detail: `${method}; ${payReady}; ${clsMethod}`,
          },
          {
            section: SECTION,
            name: 'Pay page CLS, p90',
            value: round(percentile(cls, 90), 4),
            unit: 'score',
            detail: clsMethod,
          },
          {
            section: SECTION,
            name: 'Pay page CLS, max',
            value: round(Math.max(...cls), 4),
            unit: 'score',
            detail: clsMethod,
          },
          {
            section: SECTION,
            name: 'Return page LCP, median',
            value: Math.round(median(retLcp)),
            unit: 'ms',
            detail: `${method}; link without payment, read once hydrated + ${SETTLE_MS} ms; ${summarize(ret)}`,
          },
          {
            section: SECTION,
            name: 'Return page CLS, median',
            value: round(median(retCls), 4),
            unit: 'score',
            detail: clsMethod,
          },
        ];
        return measurements;
      } finally {
        await browser.close();
      }
    } finally {
      await stack.stop();
    }
  },
};
