import { createPaymentLinks, startBenchStack } from './support/bench-stack';
import {
  collectPageScripts,
  launchChromium,
  waitForCardFields,
  type PageScripts,
} from './support/browser';
import type { Page } from '@playwright/test';
import type { Measurement } from './support/measurements';
import type { BenchSection } from './support/section';

const SECTION = 'Page weight';
const KB = 1000;
/** The pay page may weigh this many times the bare page, and never more than the cap. */
const PAY_RATIO_MAX = 1.25;
const PAY_CAP_KB = 110;
const RETURN_RATIO_MAX = 1.1;
/**
 * An unknown URL: Next's built-in not-found page under our root layout, in every build. It loads
 * the framework (Next's runtime and React) and the root layout, nothing of the guest pages: the
 * floor every page of this app pays.
 */
const BARE_PATH = '/bench-floor';

function kB(bytes: number): number {
  return Math.round((bytes / KB) * 100) / 100;
}

function describe(label: string, result: PageScripts): string {
  const biggest = result.scripts
    .slice(0, 4)
    .map((s) => `${new URL(s.url).pathname.split('/').pop()} ${kB(s.gzipBytes)} kB`)
    .join(', ');
  return `${label}: ${result.scripts.length} scripts, ${kB(result.rawBytes)} kB raw; biggest ${biggest}`;
}

/**
 * First-load JavaScript of the guest pages against the bare page of the same build: every
 * JavaScript response from the app's origin during one uncached load, until hydrated (and, on the
 * pay page, the card fields ready) and the network idle; each body gzipped by node:zlib at its
 * default level, summed.
 */
export const pageWeightSection: BenchSection = {
  id: 'weight',
  title: 'Page weight',
  async run({ log }) {
    const stack = await startBenchStack({ latencyMs: 0 });
    try {
      const [link] = await createPaymentLinks(stack.app, 1);
      if (!link) throw new Error('no payment link created');
      const origin = new URL(stack.app.url).origin;
      const browser = await launchChromium();
      try {
        const bare = await collectPageScripts(browser, `${stack.app.url}${BARE_PATH}`, origin);
        if (bare.status !== 404)
          throw new Error(
            `${BARE_PATH} answered ${bare.status}, expected the not-found page (404)`,
          );
        log(describe('bare', bare));
        const pay = await collectPageScripts(browser, link.url, origin, {
          ready: waitForCardFields,
          // What the guest's first touch of the form fetches (the form's validation), reported apart.
          interact: (page) => page.locator('#card-name').focus(),
        });
        if (pay.status !== 200) throw new Error(`pay page answered ${pay.status}`);
        log(describe('pay', pay));
        const ret = await collectPageScripts(browser, `${link.url}/return`, origin, {
          ready: (page) => page.getByTestId('return-no-payment').waitFor(),
        });
        if (ret.status !== 200) throw new Error(`return page answered ${ret.status}`);
        log(describe('return', ret));

        // The bare page is a floor only if every guest page needs all of it: each of its scripts must
        // also be loaded by the pay and the return page.
        const shared = (page: PageScripts) => new Set(page.scripts.map((script) => script.url));
        const notShared = bare.scripts.filter(
          (script) => !shared(pay).has(script.url) || !shared(ret).has(script.url),
        );
        if (notShared.length > 0) {
          throw new Error(
            `${BARE_PATH} loads scripts a guest page does not, so it is no floor: ${notShared.map((s) => s.url).join(', ')}`,
          );
        }
        const floor = `the bare page's ${bare.scripts.length} scripts (${kB(bare.gzipBytes)} kB: Next.js runtime and React, all loaded by both guest pages too) are the floor`;

        const method =
          '1 uncached load in headless Chromium; JS responses from the app origin until hydrated and network idle, each gzipped (node:zlib default level) and summed';
        const payRatio = pay.gzipBytes / bare.gzipBytes;
        const returnRatio = ret.gzipBytes / bare.gzipBytes;
        const measurements: Measurement[] = [
          {
            section: SECTION,
            name: 'Pay page first-load JS (gzip)',
            value: kB(pay.gzipBytes),
            unit: 'kB',
            budget: { max: PAY_CAP_KB },
            detail: `${method}; /pay/<token> of a payable EUR link until the card fields were ready; Secure Fields script (sandbox origin) excluded; ${describe('pay', pay)}; ${floor}, so no guest page of this build can weigh less than ${kB(bare.gzipBytes)} kB`,
          },
          {
            section: SECTION,
            name: 'Return page first-load JS (gzip)',
            value: kB(ret.gzipBytes),
            unit: 'kB',
            detail: `${method}; /pay/<token>/return of a link without payment; ${describe('return', ret)}`,
          },
          {
            section: SECTION,
            name: 'Bare page first-load JS (gzip)',
            value: kB(bare.gzipBytes),
            unit: 'kB',
            detail: `${method}; ${BARE_PATH}: Next's built-in not-found page (404) under the root layout; ${describe('bare', bare)}; ${floor}`,
          },
          {
            section: SECTION,
            name: 'Pay page ÷ bare page',
            value: Math.round(payRatio * 1000) / 1000,
            unit: '×',
            budget: { max: PAY_RATIO_MAX },
            detail: 'gzip bytes of the pay page over those of the bare page, same build',
          },
          {
            section: SECTION,
            name: 'Return page ÷ bare page',
            value: Math.round(returnRatio * 1000) / 1000,
            unit: '×',
            budget: { max: RETURN_RATIO_MAX },
            detail: 'gzip bytes of the return page over those of the bare page, same build',
          },
          {
            section: SECTION,
            name: 'Pay page JS loaded when the guest starts typing (gzip)',
            value: kB(pay.onInteraction.gzipBytes),
            unit: 'kB',
            detail: `same load, after focusing the cardholder name field: ${pay.onInteraction.scripts.length} more scripts (the form's zod validation, fetched on the first touch of the form), not first-load`,
          },
          {
            section: SECTION,
            name: 'Pay page scripts',
            value: pay.scripts.length,
            unit: 'count',
            detail: 'JS responses from the app origin, one load',
          },
          {
            section: SECTION,
            name: 'Return page scripts',
            value: ret.scripts.length,
            unit: 'count',
            detail: 'JS responses from the app origin, one load',
          },
          {
            section: SECTION,
            name: 'Bare page scripts',
            value: bare.scripts.length,
            unit: 'count',
            detail: 'JS responses from the app origin, one load',
          },
        ];
        measurements.push(...(await checkoutRouteWeight(browser, bare, log)));
        return measurements;
      } finally {
        await browser.close();
      }
    } finally {
      await stack.stop();
    }
  },
};

/**
 * The pay page on the Mews Payments Checkout route (a second app of the same build with
 * GUEST_PAYMENT_ROUTES=mews-checkout), until the guest pressed "Continue to payment" and Mews'
 * form is shown: the app's own JavaScript against the same bare floor, and the checkout script
 * and its frame's script from Mews' origin (the sandbox stand-in here) reported apart, like the
 * Secure Fields script, since the hotel cannot make them smaller.
 */
async function checkoutRouteWeight(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  bare: PageScripts,
  log: (line: string) => void,
): Promise<Measurement[]> {
  const stack = await startBenchStack({
    latencyMs: 0,
    appEnv: { GUEST_PAYMENT_ROUTES: 'mews-checkout' } as unknown as NodeJS.ProcessEnv,
  });
  try {
    const [link] = await createPaymentLinks(stack.app, 1);
    if (!link) throw new Error('no payment link created');
    const ready = async (page: Page) => {
      await page.getByRole('button', { name: 'Continue to payment' }).click();
      await page
        .frameLocator('iframe[title="Mews Payments Checkout (sandbox stand-in)"]')
        .getByLabel('Card number')
        .waitFor({ timeout: 30_000 });
    };
    const app = await collectPageScripts(browser, link.url, new URL(stack.app.url).origin, {
      ready,
    });
    if (app.status !== 200) throw new Error(`checkout pay page answered ${app.status}`);
    log(describe('pay (checkout route)', app));
    // A new link: the first one's request exists now, and the page would skip "Continue".
    const [second] = await createPaymentLinks(stack.app, 1);
    if (!second) throw new Error('no payment link created');
    const mews = await collectPageScripts(browser, second.url, new URL(stack.sandbox.url).origin, {
      ready,
    });
    log(describe('Mews checkout scripts (sandbox stand-in)', mews));
    const ratio = app.gzipBytes / bare.gzipBytes;
    const method =
      '1 uncached load in headless Chromium until "Continue to payment" was pressed and the card field of Mews\' form was shown, then network idle; each JS response gzipped (node:zlib default level) and summed';
    return [
      {
        section: SECTION,
        name: 'Pay page, checkout route, first-load JS (gzip)',
        value: kB(app.gzipBytes),
        unit: 'kB',
        detail: `${method}; app origin only; ${describe('pay (checkout route)', app)}`,
      },
      {
        section: SECTION,
        name: 'Pay page, checkout route ÷ bare page',
        value: Math.round(ratio * 1000) / 1000,
        unit: '×',
        budget: { max: PAY_RATIO_MAX },
        detail: 'gzip bytes of the checkout-route pay page over those of the bare page, same build',
      },
      {
        section: SECTION,
        name: 'Checkout script and frame from Mews’ origin (gzip, reported apart)',
        value: kB(mews.gzipBytes),
        unit: 'kB',
        detail: `${method}; Mews' origin only (the sandbox's stand-in for cdn.mews.com/payments/checkout-embed.js and its frame; Mews' real script is larger and not ours to shrink); ${describe('Mews', mews)}`,
      },
    ];
  } finally {
    await stack.stop();
  }
}
