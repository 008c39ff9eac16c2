import 'server-only';
import { findLatestAttemptForLink, findSucceededAttemptForLink } from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { PaymentAttempt, PaymentLink } from '@/lib/db/schema';
import type { MewsConfiguration } from '@/lib/mews';
import { refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';
import { isFinalAttemptState, verificationDeadline } from '@/lib/payments/ledger/state-machine';
import { customerName, findLinkByToken } from '@/lib/payments/links/payment-links';
import {
  checkAttemptOutcomeIfPossible,
  checkUntilOf,
} from '@/lib/payments/reconciliation/outcome-check';
import type { PaymentContext } from '@/lib/server/context';
import { paymentErrorFromMews } from '@/lib/server/errors';
import { guestCardCapability } from '@/lib/payments/installation/operation-permissions';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import type { Locale } from '@/lib/i18n/locales';
import { paymentReference } from '@/lib/payments/reference';
import { findActiveRequestForLink, findLatestRequestForLink } from '@/lib/db/payment-requests';
import { checkoutRouteView } from '@/lib/payments/checkout/guest-checkout';
import { settleCheckoutRequest } from '@/lib/payments/checkout/requests';
import { guestRouteFor } from '@/lib/payments/checkout/route';
import { idealOffered } from './ideal-payment';
import { guestPolicyOf } from './policy';
import type { AttemptStatus, GuestCheckoutView, LinkPaymentStatus } from './types';

/** What the pay page, the iDEAL return page and the status poll show, read from the ledger and Mews. */

export function attemptStatusOf(
  attempt: PaymentAttempt,
  hotelTimeZone: string | null = null,
): AttemptStatus {
  return {
    attemptId: attempt.id,
    method: attempt.method,
    state: attempt.state,
    failureCode: attempt.failureCode,
    failureMessage:
      attempt.failureCode === 'card_rejected' || attempt.failureCode === 'mews_refused'
        ? attempt.failureMessage
        : null,
    redirectUrl:
      attempt.method === 'ideal' && attempt.state === 'pending' ? attempt.nextActionUrl : null,
    mewsPaymentId: attempt.mewsPaymentId,
    checkUntil: checkUntilOf(attempt),
    verification:
      attempt.state === 'verifying' && attempt.verifyingSince
        ? { until: verificationDeadline(attempt.verifyingSince).toISOString(), hotelTimeZone }
        : null,
  };
}

/** The hotel's time zone for a guest told until when to verify: only then is it worth a read. */
async function verifyingTimeZone(
  ctx: PaymentContext,
  attempt: PaymentAttempt | undefined,
): Promise<string | null> {
  if (attempt?.state !== 'verifying') return null;
  return ctx.mews.getConfiguration().then(
    (configuration) => configuration.enterprise.timeZone,
    () => null,
  );
}

/**
 * The guest and stay the page shows: kept on the link when it was made, read from Mews only for
 * links made before that was done.
 */
async function guestDetailsOf(
  ctx: PaymentContext,
  link: PaymentLink,
): Promise<{
  guestName: string | null;
  reservation: { number: string | null; start: Date | null; end: Date | null } | null;
}> {
  if (link.guestDetailsCapturedAt) {
    return {
      guestName: link.guestName,
      reservation: link.mewsReservationId
        ? { number: link.reservationNumber, start: link.reservationStart, end: link.reservationEnd }
        : null,
    };
  }
  const [customer, reservation] = await Promise.all([
    ctx.mews.getCustomer(link.mewsCustomerId).catch(() => null),
    link.mewsReservationId
      ? ctx.mews.getReservation(link.mewsReservationId).catch(() => null)
      : Promise.resolve(null),
  ]);
  return {
    guestName: customerName(customer),
    reservation: reservation && {
      number: reservation.number,
      start: reservation.scheduledStart,
      end: reservation.scheduledEnd,
    },
  };
}

export async function readHotelConfiguration(ctx: PaymentContext): Promise<MewsConfiguration> {
  try {
    return await ctx.mews.getConfiguration();
  } catch (error) {
    throw paymentErrorFromMews(error, 'The hotel system is not reachable right now');
  }
}

/** A link and its latest attempt, as read back from Mews once for one request. */
interface LinkProgress {
  link: PaymentLink;
  latest: PaymentAttempt | undefined;
}

/**
 * Brings a link whose payment is under way up to date with Mews before it is shown: a guest coming
 * back sees the true state, not the state we last wrote.
 */
async function refreshLinkProgress(ctx: PaymentContext, link: PaymentLink): Promise<LinkProgress> {
  // A Mews Payments Checkout request in play: what the guest did in Mews' form is read first.
  const request = await findActiveRequestForLink(ctx.db, link.id);
  if (request) {
    await settleCheckoutRequest(ctx, request).catch((error: unknown) =>
      ctx.log.warn(
        { err: error, requestId: request.id },
        'Could not read the payment request back',
      ),
    );
    link = (await findPaymentLink(ctx.db, link.id)) ?? link;
  }
  let latest = await findLatestAttemptForLink(ctx.db, link.id);
  if (latest && !isFinalAttemptState(latest.state)) {
    latest = await refreshAttemptIfPossible(ctx, latest);
    // A lost answer: read Mews back by marker and matching; may find the payment or release the link.
    latest = await checkAttemptOutcomeIfPossible(ctx, latest);
    link = (await findPaymentLink(ctx.db, link.id)) ?? link;
  }
  return { link, latest };
}

/** The link behind a token, brought up to date with Mews (one read when a payment is under way). */
async function readLinkProgress(ctx: PaymentContext, token: string): Promise<LinkProgress | null> {
  const found = await findLinkByToken(ctx, token);
  return found ? refreshLinkProgress(ctx, found) : null;
}

function linkPaymentStatusOf(
  { link, latest }: LinkProgress,
  hotelTimeZone: string | null = null,
): LinkPaymentStatus {
  return { linkState: link.state, attempt: latest ? attemptStatusOf(latest, hotelTimeZone) : null };
}

/**
 * What the pay page renders of a link already brought up to date: reads no payment back from Mews.
 * The hotel is named as its Property settings say (Mews' enterprise name is often an internal one,
 * "Sandbox Hotel London (Gross pricing)"), and the deposit policy is given in `locale` when the
 * hotel wrote it in that language.
 */
async function checkoutViewOf(
  ctx: PaymentContext,
  { link, latest }: LinkProgress,
  scriptUrl: string,
  locale: Locale | undefined,
): Promise<GuestCheckoutView> {
  const configuration = await readHotelConfiguration(ctx);
  const identity = await getPropertyIdentity(ctx, configuration.enterprise.name);
  const hotelName = identity.name || configuration.enterprise.name;

  if (link.state === 'expired')
    return { kind: 'expired', hotelName, description: link.description };
  if (link.state === 'canceled')
    return {
      kind: 'canceled',
      hotelName,
      description: link.description,
      alreadyPaid: link.canceledReason === 'sibling_paid',
    };

  const { guestName, reservation } = await guestDetailsOf(ctx, link);

  if (link.state === 'paid') {
    const paidAttempt = await findSucceededAttemptForLink(ctx.db, link.id);
    return {
      kind: 'paid',
      receipt: {
        hotelName,
        hotelTimeZone: configuration.enterprise.timeZone,
        hotelLanguageCode: configuration.enterprise.defaultLanguageCode,
        guestName,
        description: link.description,
        amountMinor: link.amountMinor,
        currency: link.currency.trim(),
        paidAt: (paidAttempt?.finalizedAt ?? link.paidAt ?? link.updatedAt).toISOString(),
        method: paidAttempt?.method ?? 'card',
        checkoutMethod: paidAttempt?.checkoutMethod ?? null,
        cardBrand: paidAttempt?.cardBrand ?? null,
        cardMasked: paidAttempt?.cardMasked ?? null,
        mewsPaymentId: paidAttempt?.mewsPaymentId ?? null,
        reference: paymentReference(paidAttempt?.id),
        reservationNumber: reservation?.number ?? null,
      },
    };
  }

  const currency = link.currency.trim();
  if (link.collect === 'hold') {
    const request = await findLatestRequestForLink(ctx.db, link.id);
    if (request?.holdPlacedAt)
      return {
        kind: 'held',
        hotelName,
        description: link.description,
        amountMinor: link.amountMinor,
        currency,
        placedAt: request.holdPlacedAt.toISOString(),
      };
  }
  // The first of the hotel's routes its Mews set-up allows; a hold only through Mews.
  const route =
    link.collect === 'hold'
      ? (await guestRouteFor(ctx, configuration, currency)) === 'mews-checkout'
        ? 'mews-checkout'
        : null
      : await guestRouteFor(ctx, configuration, currency);
  const checkout = route === 'mews-checkout' ? await checkoutRouteView(ctx, link, locale) : null;
  const active =
    latest && !isFinalAttemptState(latest.state)
      ? attemptStatusOf(latest, configuration.enterprise.timeZone)
      : null;
  const lastFailure =
    latest && (latest.state === 'failed' || latest.state === 'canceled')
      ? attemptStatusOf(latest)
      : null;
  return {
    kind: 'payable',
    summary: {
      linkState: link.state === 'processing' ? 'processing' : 'open',
      hotelName,
      hotelTimeZone: configuration.enterprise.timeZone,
      hotelLanguageCode: configuration.enterprise.defaultLanguageCode,
      guestName,
      description: link.description,
      amountMinor: link.amountMinor,
      currency,
      expiresAt: link.expiresAt.toISOString(),
      reservation: reservation
        ? {
            number: reservation.number,
            start: reservation.start?.toISOString() ?? null,
            end: reservation.end?.toISOString() ?? null,
          }
        : null,
      // Card storage alone is not enough: Mews must also grant creditCards/addTokenized and charge.
      card:
        route === 'secure-fields' &&
        configuration.cardStorage &&
        (await guestCardCapability(ctx)).available
          ? { available: true, merchantId: configuration.cardStorage.publicKey, scriptUrl }
          : { available: false },
      // The checkout offers iDEAL itself where the hotel has it in Mews.
      ideal: {
        available:
          checkout === null &&
          link.collect !== 'hold' &&
          (await idealOffered(ctx, currency, configuration)),
      },
      checkout,
      activeAttempt: active,
      lastFailure,
      policy: guestPolicyOf(identity, locale ?? identity.defaultLocale),
    },
  };
}

/** Everything the pay page renders, read from our ledger and Mews. */
export async function getGuestCheckoutView(
  ctx: PaymentContext,
  token: string,
  scriptUrl: string,
  locale?: Locale,
): Promise<GuestCheckoutView> {
  const progress = await readLinkProgress(ctx, token);
  if (!progress) return { kind: 'not_found' };
  return checkoutViewOf(ctx, progress, scriptUrl, locale);
}

/**
 * The state of a link's latest payment, read back from Mews: what the return page and the pay
 * page's polling show. Needs nothing but the token: no cookie, no session, no query string.
 */
export async function getLinkPaymentStatus(
  ctx: PaymentContext,
  token: string,
): Promise<LinkPaymentStatus | null> {
  const progress = await readLinkProgress(ctx, token);
  return progress && linkPaymentStatusOf(progress, await verifyingTimeZone(ctx, progress.latest));
}

/** What the iDEAL return page shows: the payment's status and the link's view, from one state. */
export interface ReturnPageView {
  status: LinkPaymentStatus;
  view: GuestCheckoutView;
}

/**
 * The iDEAL return page's status and view, both built from one read of the link and one read of
 * its payment back from Mews (reading each separately would ask Mews twice, and could show a
 * status and a view of two different moments). `null` when there is no link behind the token.
 */
export async function getReturnPageView(
  ctx: PaymentContext,
  token: string,
  scriptUrl: string,
  locale?: Locale,
): Promise<ReturnPageView | null> {
  const progress = await readLinkProgress(ctx, token);
  if (!progress) return null;
  return {
    status: linkPaymentStatusOf(progress),
    view: await checkoutViewOf(ctx, progress, scriptUrl, locale),
  };
}
