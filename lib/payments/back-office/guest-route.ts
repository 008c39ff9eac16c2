import 'server-only';
import { z } from 'zod';
import {
  checkoutAvailability,
  configuredRoutes,
  forgetCheckoutAvailability,
  guestRouteFor,
  holdsConfigured,
  type CheckoutAvailability,
  type GuestRoute,
} from '@/lib/payments/checkout/route';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { paymentErrorFromMews } from '@/lib/server/errors';

/**
 * The settings page's read-only "Guest payment route" block: the routes the hotel configured
 * (GUEST_PAYMENT_ROUTES, most preferred first), whether Mews lets this connection use Mews
 * Payments Checkout, whether holds are on, and the route a guest gets now. A manager may ask Mews
 * again ("Check with Mews again"), which forgets the remembered verdict.
 */

export interface GuestRouteOverview {
  routes: GuestRoute[];
  holds: boolean;
  checkout: CheckoutAvailability;
  /** The route a guest paying in the hotel's default currency gets now; null: neither works. */
  current: GuestRoute | null;
  currency: string | null;
  /** Why the current route could not be worked out (Mews could not be read). */
  currentError: string | null;
}

/** "Check with Mews again": `{ check: true }`, nothing else (it writes the verdict and an audit event). */
export const recheckCheckoutSchema = z
  .object({ check: z.literal(true, { error: 'Press “Check with Mews again”' }) })
  .strict();

export async function guestRouteOverview(ctx: PaymentContext): Promise<GuestRouteOverview> {
  const checkout = await checkoutAvailability(ctx);
  let current: GuestRoute | null = null;
  let currency: string | null = null;
  let currentError: string | null = null;
  try {
    const configuration = await ctx.mews.getConfiguration();
    currency = configuration.currencies.default ?? configuration.currencies.enabled[0] ?? null;
    if (currency) current = await guestRouteFor(ctx, configuration, currency);
  } catch (error) {
    currentError = paymentErrorFromMews(error, 'Mews could not be read').message;
  }
  return {
    routes: configuredRoutes(),
    holds: holdsConfigured(),
    checkout,
    current,
    currency,
    currentError,
  };
}

/** "Check with Mews again": the remembered verdict is forgotten and Mews asked at once; audited. */
export async function recheckCheckout(
  ctx: PaymentContext,
  actor: AuditActor,
): Promise<GuestRouteOverview> {
  const before = await checkoutAvailability(ctx).catch(() => null);
  await forgetCheckoutAvailability(ctx);
  const after = await checkoutAvailability(ctx);
  await audit(ctx, actor, {
    action: 'settings.checkout_checked',
    outcome: after.verdict === 'unknown' ? 'unknown' : 'success',
    subjectType: 'installation_setting',
    subjectId: 'payments.mews_checkout',
    details: {
      verdict: after.verdict,
      status: after.status,
      mewsMessage: after.mewsMessage,
      previousVerdict: before?.verdict ?? null,
    },
  });
  return guestRouteOverview(ctx);
}
