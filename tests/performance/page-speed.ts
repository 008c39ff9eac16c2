import { BARE_PATH, createPaymentLinks, startBenchStack } from './support/bench-stack';
import {
  FAST_4G,
  FAST_4G_DESCRIPTION,
  launchChromium,
  measureVitals,
  secureFieldsDelayMs,
  waitForCardFields,
  waitForCardInput,
  waitForHydration,
  type LoadConditions,
  type VitalsSample,
} from './support/browser';
import { median, percentile, type Measurement } from './support/measurements';
import type { BenchSection } from './support/section';

const SECTION = 'Page speed';
const CPU_THROTTLING_RATE = 4;
const LOADS = 7;
const FULL_LOADS = 15;
const QUICK_LOADS = 3;
/** After the card fields are ready: long enough for a late shift (fonts, brand badge) to show. */
const SETTLE_MS = 1_000;
const LCP_RATIO_MAX = 1.6;
const CARD_READY_RATIO_MAX = 1.25;
const CLS_BUDGET = 0.02;
/**
 * Both ratio budgets proved out of reach in two sessions of work (docs/performance.md, "Budgets out
 * of reach"). The guards sit between the figures measured since and those before issue 25
 * (LCP 2.3-2.8x, card field 2.15x and more), so undoing the work still fails the run.
 */
const LCP_OUT_OF_REACH = {
  guard: { max: 2.2 },
  why: "the pay page's stylesheets and script chunks arrive and run before its first paint at 4x CPU, and it has more of both than the bare page (1.64-1.89x measured)",
};
const CARD_READY_OUT_OF_REACH = {
  guard: { max: 2 },
  why: "the card iframes can start only when the page's CSS has arrived, and each then needs two round trips of its own (document and script, 330 ms at Fast 4G's 165 ms) against an LCP of 0.9-1.4 s (1.26-1.85x measured)",
};

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function summarize(samples: VitalsSample[]): string {
  const elements = new Map<string, number>();
  for (const s of samples) elements.set(s.lcpElement, (elements.get(s.lcpElement) ?? 0) + 1);
  return `LCP element ${[...elements].map(([element, count]) => `${element} ×${count}`).join(', ')}`;
}

/** Bare loads end at hydration: the bare page has nothing else to wait for. */
async function bareReady(page: Parameters<typeof waitForHydration>[0]): Promise<void> {
  await waitForHydration(page, 120_000);
}

/** Pay loads end when the card input is enabled and the pay button too (or what the page has of them). */
async function payReady(page: Parameters<typeof waitForHydration>[0]): Promise<void> {
  await waitForCardInput(page, 120_000);
  await waitForCardFields(page, 120_000);
}

/**
 * The pay page as a guest on a phone over mobile data sees it: LCP against the bare page's LCP
 * under the same throttling, loads interleaved bare / pay so a noisy moment hits both alike; when
 * the card-number field can be typed into against the pay page's own LCP; CLS as a score.
 */
export const pageSpeedSection: BenchSection = {
  id: 'speed',
  title: 'Page speed',
  async run({ quick, full, log }) {
    const loads = quick ? QUICK_LOADS : full ? FULL_LOADS : LOADS;
    const delayMs = secureFieldsDelayMs();
    const conditions: LoadConditions = {
      cpuThrottlingRate: CPU_THROTTLING_RATE,
      network: FAST_4G,
      delaySecureFieldsMs: delayMs,
    };
    const stack = await startBenchStack({ latencyMs: 0 });
    try {
      // One link for every load: looking at a pay page changes nothing, and a fresh browser
      // context per load keeps every load uncached.
      const [created] = await createPaymentLinks(stack.app, 1);
      if (!created) throw new Error('no payment link created');
      // Both pages by the name localhost, the Secure Fields stand-in by 127.0.0.1: another site, as
      // PCI Proxy's host is to a hotel's checkout, so Chromium runs the card iframes in their own
      // process, as in production. From one site they would share the page's main thread (and its
      // hydration), which no real guest's browser does.
      const asOtherSite = (url: string) => url.replace('//127.0.0.1:', '//localhost:');
      const link = { ...created, url: asOtherSite(created.url) };
      const bareUrl = asOtherSite(`${stack.app.url}${BARE_PATH}`);
      const browser = await launchChromium();
      try {
        // One unmeasured load of each page, so the server's first-request work (route caches,
        // database warm-up) is not counted against the first sample.
        await measureVitals(browser, bareUrl, {
          cpuThrottlingRate: 1,
          ready: bareReady,
          settleMs: 0,
        });
        await measureVitals(browser, link.url, {
          cpuThrottlingRate: 1,
          ready: payReady,
          settleMs: 0,
        });

        const bare: VitalsSample[] = [];
        const pay: VitalsSample[] = [];
        const ret: VitalsSample[] = [];
        for (let i = 0; i < loads; i++) {
          const b = await measureVitals(browser, bareUrl, {
            ...conditions,
            ready: bareReady,
            settleMs: SETTLE_MS,
          });
          bare.push(b);
          const p = await measureVitals(browser, link.url, {
            ...conditions,
            ready: payReady,
            settleMs: SETTLE_MS,
          });
          pay.push(p);
          const shifts = p.shifts
            .map((s) => `${round(s.value, 4)}@${Math.round(s.startTime)}ms[${s.sources.join(' ')}]`)
            .join(' ');
          log(
            `  load ${i + 1}/${loads}: bare LCP ${Math.round(b.lcpMs)} ms; pay LCP ${Math.round(p.lcpMs)} ms (${p.lcpElement}), card input ${Math.round(p.cardReadyMs)} ms, pay button ${Math.round(p.payEnabledMs)} ms, CLS ${round(p.cls, 4)} ${shifts}`,
          );
          if (full) {
            ret.push(
              await measureVitals(browser, `${link.url}/return`, {
                ...conditions,
                ready: async (page) => {
                  await waitForHydration(page, 120_000);
                  await page.getByTestId('return-no-payment').waitFor();
                },
                settleMs: SETTLE_MS,
              }),
            );
          }
        }

        const method = `${loads} loads of each page, interleaved bare / pay, each in a fresh browser context (no cache), headless Chromium with ${CPU_THROTTLING_RATE}× CPU throttling (CDP Emulation.setCPUThrottlingRate) and ${FAST_4G_DESCRIPTION}${delayMs > 0 ? `; BENCH_DELAY_SECURE_FIELDS_MS=${delayMs}: the Secure Fields script request held ${delayMs} ms on purpose` : ''}`;
        const lcpOf = (samples: VitalsSample[]) => samples.map((s) => s.lcpMs);
        const payLcp = median(lcpOf(pay));
        const bareLcp = median(lcpOf(bare));
        const cardReady = pay.map((s) => s.cardReadyMs);
        const payEnabled = pay.map((s) => s.payEnabledMs);
        const cls = pay.map((s) => s.cls);
        const clsMethod =
          'CLS = sum of all layout-shift entries without recent input (never less than the session-window CLS), read 1 s after the card fields were ready';
        const measurements: Measurement[] = [
          {
            section: SECTION,
            name: 'Pay page LCP, median',
            value: Math.round(payLcp),
            unit: 'ms',
            floor: { name: 'bare page LCP, median', value: Math.round(bareLcp) },
            budget: { max: LCP_RATIO_MAX },
            outOfReach: LCP_OUT_OF_REACH,
            lookAt:
              "what delays the pay page's first paint: render-blocking scripts, fonts and CSS in app/pay/[token] and the root layout, and the server's reads before the page streams (the LCP element is in the detail)",
            detail: `${method}; LCP from a buffered PerformanceObserver; ${summarize(pay)}; bare page ${BARE_PATH} (Next's not-found page under the root layout): ${summarize(bare)}`,
          },
          {
            section: SECTION,
            name: 'Card field ready, median',
            value: Math.round(median(cardReady)),
            unit: 'ms',
            floor: { name: 'pay page LCP, median', value: Math.round(payLcp) },
            budget: { max: CARD_READY_RATIO_MAX },
            outOfReach: CARD_READY_OUT_OF_REACH,
            lookAt:
              'when the Secure Fields script is requested (preconnect/preload from app/pay/**) and when initTokenize starts (lib/card-capture/**, components/guest/card-payment-form.tsx)',
            detail: `same loads; the card-number iframe's <input> present and not disabled, noted inside the iframe by an init script (performance.timeOrigin + performance.now()) minus the top page's performance.timeOrigin`,
          },
          {
            section: SECTION,
            name: 'Pay button enabled, median',
            value: Math.round(median(payEnabled)),
            unit: 'ms',
            floor: { name: 'pay page LCP, median', value: Math.round(payLcp) },
            detail:
              'same loads; a MutationObserver in the page notes when [data-testid=pay-button] is first present and not disabled (the form enables it when both Secure Fields iframes said ready)',
          },
          {
            section: SECTION,
            name: 'Pay page CLS, median',
            value: round(median(cls), 4),
            unit: 'score',
            budget: { max: CLS_BUDGET },
            lookAt:
              "reserved space for the Secure Fields iframes and the form's skeleton (components/guest/card-payment-form.tsx, guest.module.css); each shift's source is in the log",
            detail: `${method}; ${clsMethod}`,
          },
          {
            section: SECTION,
            name: 'Pay page LCP, p90',
            value: Math.round(percentile(lcpOf(pay), 90)),
            unit: 'ms',
            floor: { name: 'bare page LCP, p90', value: Math.round(percentile(lcpOf(bare), 90)) },
          },
          {
            section: SECTION,
            name: 'Card field ready, p90',
            value: Math.round(percentile(cardReady, 90)),
            unit: 'ms',
          },
          {
            section: SECTION,
            name: 'Pay page CLS, max',
            value: round(Math.max(...cls), 4),
            unit: 'score',
            detail: clsMethod,
          },
        ];
        if (ret.length > 0) {
          measurements.push({
            section: SECTION,
            name: 'Return page LCP, median',
            value: Math.round(median(lcpOf(ret))),
            unit: 'ms',
            floor: { name: 'bare page LCP, median', value: Math.round(bareLcp) },
            detail: `${method}; link without payment, read once hydrated + ${SETTLE_MS} ms; ${summarize(ret)}`,
          });
        }
        return measurements;
      } finally {
        await browser.close();
      }
    } finally {
      await stack.stop();
    }
  },
};
