import { BARE_PATH, createPaymentLinks, startBenchStack } from './support/bench-stack';
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
/** What a paying guest downloads (first load + first interaction) against the bare page. */
const GUEST_RATIO_MAX = 1.3;
/** The checkout route's first load, before Mews' own script: as it was budgeted before. */
const CHECKOUT_RATIO_MAX = 1.25;
const RETURN_RATIO_MAX = 1.1;
/**
 * An unknown URL: Next's built-in not-found page under our root layout, in every build. It loads
 * the framework (Next's runtime and React) and the root layout, nothing of the guest pages: the
 * floor every page of this app pays.
 */

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
 * The JavaScript of the guest pages against the bare page of the same build: every JavaScript
 * response from the app's origin during one uncached load, until hydrated (and, on the pay page,
 * the card fields ready) and the network idle; each body gzipped by node:zlib at its default
 * level, summed. On the pay page, what the guest's first touch of the form pulls in counts too:
 * every paying guest downloads it. Byte counts do not vary between loads, so one load is enough.
 */
export const pageWeightSection: BenchSection = {
  id: 'weight',
  title: 'Page weight',
  async run({ full, log }) {
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
          // What the guest's first touch of the form fetches (the form's validation): a paying
          // guest always downloads it, so it counts in the guest JS.
          interact: async (page) => {
            await page.locator('#card-expiry').focus();
            await page.locator('#card-expiry').pressSequentially('1');
          },
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
        const guestBytes = pay.gzipBytes + pay.onInteraction.gzipBytes;
        const bareFloor = { name: 'bare page', value: kB(bare.gzipBytes) };
        const measurements: Measurement[] = [
          {
            section: SECTION,
            name: 'Guest JS: pay page first load + first interaction (gzip)',
            value: kB(guestBytes),
            unit: 'kB',
            floor: bareFloor,
            budget: { max: GUEST_RATIO_MAX },
            lookAt:
              'the pay page\'s client components (components/guest/**, lib/card-capture/**) and what typing in the expiry field imports; the "biggest" scripts in the detail under the table',
            detail: `${method}; /pay/<token> of a payable EUR link until the card fields were ready, then focus on and a keystroke in the expiry field until no new script for 1 s; Secure Fields script (its own origin) excluded; ${describe('pay', pay)}; on interaction ${pay.onInteraction.scripts.length} more scripts, ${kB(pay.onInteraction.gzipBytes)} kB; ${floor}`,
          },
          {
            section: SECTION,
            name: 'Return page first-load JS (gzip)',
            value: kB(ret.gzipBytes),
            unit: 'kB',
            floor: bareFloor,
            budget: { max: RETURN_RATIO_MAX },
            lookAt:
              "the return page's client components (app/pay/[token]/return, components/guest/return-status.tsx)",
            detail: `${method}; /pay/<token>/return of a link without payment; ${describe('return', ret)}`,
          },
          {
            section: SECTION,
            name: 'Pay page first-load JS (gzip), no budget of its own',
            value: kB(pay.gzipBytes),
            unit: 'kB',
            floor: bareFloor,
            detail: `the first-load part of the guest JS above; the absolute 110 kB budget was dropped (the bare page alone is ${kB(bare.gzipBytes)} kB)`,
          },
          {
            section: SECTION,
            name: 'Bare page first-load JS (gzip)',
            value: kB(bare.gzipBytes),
            unit: 'kB',
            detail: `${method}; ${BARE_PATH}: Next's built-in not-found page (404) under the root layout; ${describe('bare', bare)}; ${floor}`,
          },
        ];
        // A second app and two more loads: worth it when measuring everything, not by default.
        if (full) measurements.push(...(await checkoutRouteWeight(browser, bare, log)));
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
    const method =
      '1 uncached load in headless Chromium until "Continue to payment" was pressed and the card field of Mews\' form was shown, then network idle; each JS response gzipped (node:zlib default level) and summed';
    return [
      {
        section: SECTION,
        name: 'Pay page, checkout route, first-load JS (gzip)',
        value: kB(app.gzipBytes),
        unit: 'kB',
        floor: { name: 'bare page', value: kB(bare.gzipBytes) },
        budget: { max: CHECKOUT_RATIO_MAX },
        lookAt: 'components/guest/mews-checkout.tsx and what it imports',
        detail: `${method}; app origin only; ${describe('pay (checkout route)', app)}`,
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
