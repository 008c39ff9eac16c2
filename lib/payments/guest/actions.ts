'use server';

import type { Locale } from '@/lib/i18n/locales';
import { clientAddressFromHeaders } from '@/lib/server/request';
import { withGuestLanguage, type PaymentContext } from '@/lib/server/context';
import { validatedAction } from '@/lib/server/validated-action';
import { payLinkWithCard, payLinkWithIdeal } from './pay-link';
import { enforceGuestRateLimitForAction } from './rate-limit';
import {
  guestCardPaymentSchema,
  guestCheckoutStartSchema,
  guestCheckoutStatusSchema,
  guestIdealPaymentSchema,
} from './schemas';
import { readCheckoutStatus, startCheckout } from '@/lib/payments/checkout/guest-checkout';

/**
 * Server actions of the guest pay page. Guests are anonymous: the link token in the input is their
 * only authority, and the amount always comes from the link.
 */

const guest = async (ctx: PaymentContext) => {
  // Counted before the input is even parsed, so malformed calls count too.
  await enforceGuestRateLimitForAction(ctx, await clientAddressFromHeaders());
  return { type: 'guest' as const };
};

/**
 * The page's language: Mews answers the guest in it, and it is the language the deposit policy was
 * shown in. Loaded when called, as lib/server/context does: it needs Next's request scope.
 */
async function requestLocale(): Promise<Locale> {
  const { resolveRequestLocale } = await import('@/lib/i18n/request');
  return resolveRequestLocale();
}

export const submitCardPaymentAction = validatedAction({
  name: 'guest.card-payment',
  schema: guestCardPaymentSchema,
  authorize: guest,
  run: async (input, { ctx }) => {
    const guestLocale = await requestLocale();
    return payLinkWithCard(
      withGuestLanguage(ctx, guestLocale),
      input,
      await clientAddressFromHeaders(),
      { guestLocale },
    );
  },
});

export const startIdealPaymentAction = validatedAction({
  name: 'guest.ideal-payment',
  schema: guestIdealPaymentSchema,
  authorize: guest,
  run: async (input, { ctx }) => {
    const guestLocale = await requestLocale();
    return payLinkWithIdeal(
      withGuestLanguage(ctx, guestLocale),
      input,
      await clientAddressFromHeaders(),
      { guestLocale },
    );
  },
});

/** "Continue to payment" with Mews Payments Checkout: the link's one Mews payment request. */
export const startMewsCheckoutAction = validatedAction({
  name: 'guest.mews-checkout-start',
  schema: guestCheckoutStartSchema,
  authorize: guest,
  run: async (input, { ctx }) => {
    const guestLocale = await requestLocale();
    return startCheckout(
      withGuestLanguage(ctx, guestLocale),
      input,
      await clientAddressFromHeaders(),
      guestLocale,
    );
  },
});

/** After the checkout's callbacks (or to poll): the request and its payments read back from Mews. */
export const readMewsCheckoutAction = validatedAction({
  name: 'guest.mews-checkout-status',
  schema: guestCheckoutStatusSchema,
  authorize: guest,
  run: async (input, { ctx }) => readCheckoutStatus(ctx, input),
});
