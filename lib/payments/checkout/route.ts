import 'server-only';
import { z } from 'zod';
import { readInstallationSetting, writeInstallationSetting } from '@/lib/db/installation-settings';
import { getConfig } from '@/lib/config';
import type { MewsConfiguration, PaymentRequestProbeResult } from '@/lib/mews';
import { guestCardCapability } from '@/lib/payments/installation/operation-permissions';
import type { PaymentContext } from '@/lib/server/context';

/**
 * Which way a guest pays a link: `secure-fields` (the seed flow: card in PCI Proxy fields, then
 * creditCards/addTokenized + charge, no 3-D Secure in the guest's browser) or `mews-checkout`
 * (Mews Payments Checkout, embedded, for a Mews payment request: 3-D Secure, wallets, iDEAL,
 * holds). GUEST_PAYMENT_ROUTES lists the routes the hotel wants, most preferred first; the first
 * one its Mews set-up allows is offered:
 * - `secure-fields` needs card storage (`PaymentCardStorage.PublicKey`) and Mews granting
 *   `creditCards/addTokenized` and `creditCards/charge` to this connection;
 * - `mews-checkout` needs payment requests, which Mews opens only to properties on Mews Payments:
 *   learnt by asking Mews once (a `paymentRequests/add` for a made-up account, so nothing is
 *   created), remembered for every instance, asked again every few hours, and turned off at once
 *   when Mews refuses a real request (401/403).
 */

export type GuestRoute = 'secure-fields' | 'mews-checkout';

const SETTING_NAME = 'payments.mews_checkout';
/** A verdict from Mews holds this long; an unknown one (Mews did not answer) only a minute. */
const VERDICT_TTL_MS = 4 * 3_600_000;
const UNKNOWN_TTL_MS = 60_000;

const storedSchema = z.object({
  verdict: z.enum(['available', 'refused', 'no-permission', 'unknown']),
  status: z.number().nullable(),
  mewsMessage: z.string().nullable(),
  checkedAt: z.string(),
});
export type CheckoutAvailability = z.output<typeof storedSchema>;

async function readStored(ctx: PaymentContext): Promise<CheckoutAvailability | null> {
  const raw = await readInstallationSetting(ctx.db, SETTING_NAME);
  if (!raw) return null;
  try {
    return storedSchema.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

async function store(ctx: PaymentContext, value: CheckoutAvailability): Promise<void> {
  await writeInstallationSetting(ctx.db, SETTING_NAME, JSON.stringify(value));
}

/** Probes in flight, per Mews connection: concurrent page views share one. */
const probing = new Map<string, Promise<CheckoutAvailability>>();

/** Whether this connection may create payment requests, asking Mews when the answer is stale. */
export async function checkoutAvailability(ctx: PaymentContext): Promise<CheckoutAvailability> {
  const stored = await readStored(ctx);
  const now = ctx.now().getTime();
  if (stored) {
    const age = now - Date.parse(stored.checkedAt);
    if (age < (stored.verdict === 'unknown' ? UNKNOWN_TTL_MS : VERDICT_TTL_MS)) return stored;
  }
  const key = ctx.mews.connectionKey;
  const inFlight = probing.get(key);
  if (inFlight) return inFlight;
  const probe = ctx.mews
    .probePaymentRequests()
    .then(async (result: PaymentRequestProbeResult) => {
      const value: CheckoutAvailability = {
        verdict: result.verdict,
        status: result.status,
        mewsMessage: result.mewsMessage,
        checkedAt: ctx.now().toISOString(),
      };
      // Mews did not answer: keep the last verdict Mews gave rather than forget it.
      if (result.verdict === 'unknown' && stored && stored.verdict !== 'unknown') return stored;
      await store(ctx, value);
      if (result.verdict !== 'available')
        ctx.log.warn(
          { verdict: result.verdict, status: result.status, mewsMessage: result.mewsMessage },
          'Mews Payments Checkout is not available to this connection',
        );
      return value;
    })
    .finally(() => probing.delete(key));
  probing.set(key, probe);
  return probe;
}

/** A real `paymentRequests/add` was refused (401/403): no guest is offered the checkout until Mews is asked again. */
export async function rememberCheckoutRefusal(
  ctx: PaymentContext,
  status: number,
  mewsMessage: string | null,
): Promise<void> {
  await store(ctx, {
    verdict: status === 401 ? 'no-permission' : 'refused',
    status,
    mewsMessage,
    checkedAt: ctx.now().toISOString(),
  });
  ctx.log.warn({ status, mewsMessage }, 'Mews refused a payment request; checkout turned off');
}

/** Forget the verdict (a manager asks to check again). */
export async function forgetCheckoutAvailability(ctx: PaymentContext): Promise<void> {
  await writeInstallationSetting(
    ctx.db,
    SETTING_NAME,
    JSON.stringify({
      verdict: 'unknown',
      status: null,
      mewsMessage: null,
      checkedAt: new Date(0).toISOString(),
    }),
  );
}

export function configuredRoutes(): GuestRoute[] {
  return getConfig().guestPayments.routes;
}

export function holdsConfigured(): boolean {
  return getConfig().guestPayments.holds;
}

/**
 * The route offered to a guest now, or `null` when neither is possible (the page then offers
 * iDEAL alone, or says the hotel takes no online payment). Reads Mews only for what the
 * preferred routes need.
 */
export async function guestRouteFor(
  ctx: PaymentContext,
  configuration: MewsConfiguration,
  currency: string,
): Promise<GuestRoute | null> {
  for (const route of configuredRoutes()) {
    if (route === 'secure-fields') {
      if (configuration.cardStorage && (await guestCardCapability(ctx)).available) return route;
    } else if (
      configuration.currencies.enabled.includes(currency) &&
      (await checkoutAvailability(ctx)).verdict === 'available'
    ) {
      return route;
    }
  }
  return null;
}
