'use server';

import { clientAddressFromHeaders } from '@/lib/server/request';
import { withRequestGuestLanguage, type PaymentContext } from '@/lib/server/context';
import { validatedAction } from '@/lib/server/validated-action';
import { payLinkWithCard, payLinkWithIdeal } from './pay-link';
import { enforceGuestRateLimitForAction } from './rate-limit';
import { guestCardPaymentSchema, guestIdealPaymentSchema } from './schemas';

/**
 * Server actions of the guest pay page. Guests are anonymous: the link token in the input is their
 * only authority, and the amount always comes from the link.
 */

const guest = async (ctx: PaymentContext) => {
  // Counted before the input is even parsed, so malformed calls count too.
  await enforceGuestRateLimitForAction(ctx, await clientAddressFromHeaders());
  return { type: 'guest' as const };
};

export const submitCardPaymentAction = validatedAction({
  name: 'guest.card-payment',
  schema: guestCardPaymentSchema,
  authorize: guest,
  run: async (input, { ctx }) =>
    payLinkWithCard(await withRequestGuestLanguage(ctx), input, await clientAddressFromHeaders()),
});

export const startIdealPaymentAction = validatedAction({
  name: 'guest.ideal-payment',
  schema: guestIdealPaymentSchema,
  authorize: guest,
  run: async (input, { ctx }) =>
    payLinkWithIdeal(await withRequestGuestLanguage(ctx), input, await clientAddressFromHeaders()),
});
