import 'server-only';
import type { z } from 'zod';
import { findLatestAttemptForLink } from '@/lib/db/payment-attempts';
import { findActiveRequestForLink, findLatestRequestForLink } from '@/lib/db/payment-requests';
import type { MewsPaymentRequestRow, PaymentLink } from '@/lib/db/schema';
import { getConfig } from '@/lib/config';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { assertLinkPayable, findLinkByToken } from '@/lib/payments/links/payment-links';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import { MEWS_LANGUAGE_OF_LOCALE, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { attemptStatusOf, readHotelConfiguration } from '@/lib/payments/guest/checkout-view';
import { acceptanceFor } from '@/lib/payments/guest/policy';
import type {
  guestCheckoutStartSchema,
  guestCheckoutStatusSchema,
} from '@/lib/payments/guest/schemas';
import type {
  CheckoutRequestView,
  CheckoutStatus,
  GuestCheckoutRoute,
} from '@/lib/payments/guest/types';
import {
  cancelCheckoutRequest,
  findLostRequest,
  openCheckoutRequest,
  settleCheckoutRequest,
} from './requests';

/**
 * The guest's side of Mews Payments Checkout: what the pay page needs to embed it, "Continue to
 * payment" (the request, exactly once), and the read-back after the checkout's callbacks, the
 * iDEAL return or a poll. Nothing the browser reports is believed: a payment id from it is only
 * read in Mews, and counts only when it carries this link's request id and customer.
 */

export function requestViewOf(row: MewsPaymentRequestRow | undefined): CheckoutRequestView | null {
  if (!row) return null;
  return {
    id: row.id,
    mewsRequestId: row.state === 'pending' ? row.mewsRequestId : null,
    state: row.state,
    type: row.type,
    mewsEmailsGuest: row.mewsEmailsGuest,
    holdPlaced: row.holdPlacedAt !== null,
  };
}

/** What the pay page embeds for a link paid through the checkout. */
export async function checkoutRouteView(
  ctx: PaymentContext,
  link: PaymentLink,
  locale: Locale | undefined,
): Promise<GuestCheckoutRoute> {
  const checkout = getConfig().guestPayments.checkout;
  if (!checkout) throw new Error('Mews Payments Checkout is not configured');
  const active = await findActiveRequestForLink(ctx.db, link.id);
  return {
    scriptUrl: checkout.scriptUrl,
    dataBaseUrl: checkout.dataBaseUrl ?? null,
    languageCode: MEWS_LANGUAGE_OF_LOCALE[locale ?? DEFAULT_LOCALE].languageCode,
    hold: link.collect === 'hold',
    // Mews documents holds through the checkout for cards only (§3.1): wallets are not offered.
    enabledPaymentMethods: link.collect === 'hold' ? ['paymentCard'] : null,
    request: requestViewOf(active ?? (await findLatestRequestForLink(ctx.db, link.id))),
  };
}

/** "Continue to payment": the deposit policy checked, then the link's one request. */
export async function startCheckout(
  ctx: PaymentContext,
  input: z.output<typeof guestCheckoutStartSchema>,
  clientAddress: string | null,
  guestLocale: Locale,
): Promise<CheckoutStatus> {
  const link = await findLinkByToken(ctx, input.token);
  assertLinkPayable(link, ctx.now());
  if (!getConfig().guestPayments.checkout) {
    throw new PaymentError('method_unavailable', 'This way of paying is not available.');
  }
  const configuration = await readHotelConfiguration(ctx);
  const identity = await getPropertyIdentity(ctx, configuration.enterprise.name);
  const acceptance = acceptanceFor(identity, input, guestLocale, ctx.now());
  const wantsEmail = input.mewsEmail === true;
  if (wantsEmail && link.collect !== 'hold') {
    throw new PaymentError('invalid_input', 'Only a hold can be placed from Mews’ e-mail.');
  }
  if (wantsEmail) {
    // The guest asks Mews to e-mail them its own page (the checkout did not take the hold): the
    // embedded request is canceled first, so only one can ever be completed.
    const active = await findActiveRequestForLink(ctx.db, link.id);
    if (active && !active.mewsEmailsGuest) {
      const settled = active.mewsRequestId ? active : await findLostRequest(ctx, active);
      const after = await cancelCheckoutRequest(ctx, settled);
      if (after.state === 'pending' || after.state === 'creating' || after.state === 'unknown') {
        throw new PaymentError(
          'payment_in_progress',
          'The hotel system is still confirming the card form; please try again in a minute.',
        );
      }
      if (after.state === 'completed') return checkoutStatusOf(ctx, link, after);
    }
  }
  const row = await openCheckoutRequest(ctx, link, {
    type: link.collect === 'hold' ? 'preauthorization' : 'payment',
    mewsEmailsGuest: wantsEmail,
    clientAddress,
    policy: acceptance,
    actor: { type: 'guest' },
  });
  return checkoutStatusOf(ctx, link, row);
}

/**
 * The read-back: the link's request and its payments as Mews has them now, applied to the ledger
 * first. `reportedPaymentId` (from the checkout's onSuccess or the iDEAL return) is read as a hint.
 */
export async function readCheckoutStatus(
  ctx: PaymentContext,
  input: z.output<typeof guestCheckoutStatusSchema>,
): Promise<CheckoutStatus> {
  const link = await findLinkByToken(ctx, input.token);
  if (!link) throw new PaymentError('link_not_found', 'This payment link does not exist');
  const row =
    (await findActiveRequestForLink(ctx.db, link.id)) ??
    (await findLatestRequestForLink(ctx.db, link.id));
  if (!row) return checkoutStatusOf(ctx, link, undefined);
  const settled = await settleCheckoutRequest(ctx, row, {
    actor: { type: 'guest' },
    reportedPaymentId: input.paymentId ?? null,
  });
  return checkoutStatusOf(ctx, (await findLinkByToken(ctx, input.token)) ?? link, settled);
}

async function checkoutStatusOf(
  ctx: PaymentContext,
  link: PaymentLink,
  row: MewsPaymentRequestRow | undefined,
): Promise<CheckoutStatus> {
  const attempt = await findLatestAttemptForLink(ctx.db, link.id);
  return {
    linkState: link.state,
    request: requestViewOf(row),
    attempt: attempt ? attemptStatusOf(attempt) : null,
  };
}
