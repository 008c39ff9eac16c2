import 'server-only';
import type { z } from 'zod';
import { parseExpiry } from '@/lib/card-capture/card-details';
import {
  findPaymentAttemptByIdempotencyKey,
  type GuestCardAttemptInput,
  type OpenCardAttemptResult,
} from '@/lib/db/payment-attempts';
import type { PaymentAttempt, PaymentLink } from '@/lib/db/schema';
import { storeCardAndCharge } from '@/lib/payments/cards/card-charge';
import { assertPaymentCapability } from '@/lib/payments/installation/operation-permissions';
import { openGuestCardAttempt, refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';
import { withdrawCheckoutBeforeOtherPayment } from '@/lib/payments/checkout/requests';
import { findLinkIdWithActiveRequest } from '@/lib/db/payment-requests';
import { hashLinkToken, isWellFormedLinkToken } from '@/lib/payments/links/link-token';
import {
  assertLinkPayable,
  expireIfDue,
  findLinkByToken,
} from '@/lib/payments/links/payment-links';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { attemptStatusOf, readHotelConfiguration } from './checkout-view';
import { startIdealForLink } from './ideal-payment';
import { acceptanceFor, policyColumnsOf, type PolicyAcceptance, type PolicyAnswer } from './policy';
import type { guestCardPaymentSchema, guestIdealPaymentSchema } from './schemas';
import type { AttemptStatus } from './types';

/**
 * The guest's two pay commands. The amount, currency, customer and reservation always come from
 * the link on the server, never from the request.
 */

/** Failed card attempts a link takes per hour, on the link and from one client address. */
export interface CardAttemptLimits {
  perLinkPerHour: number;
  perAddressPerHour: number;
}

/**
 * Opens a guest card attempt on the link behind a URL token, in one statement: written in
 * `processing` and the link claimed only when the link is open, unexpired and under the limits.
 * When nothing was opened, the link comes back as `findLinkByToken` gives it (expired when due),
 * with its failure counts, for the caller to say why.
 */
async function openCardAttemptForToken(
  ctx: PaymentContext,
  token: string,
  input: GuestCardAttemptInput,
  limits: CardAttemptLimits,
): Promise<OpenCardAttemptResult> {
  if (!isWellFormedLinkToken(token)) return { link: undefined };
  const now = ctx.now();
  const result = await openGuestCardAttempt(ctx, hashLinkToken(token), input, {
    now,
    failuresSince: new Date(now.getTime() - 3_600_000),
    maxFailedOnLink: limits.perLinkPerHour,
    maxFailedFromAddress: limits.perAddressPerHour,
  });
  if (!result.link || result.opened) return result;
  return { ...result, link: await expireIfDue(ctx, result.link) };
}

/** Card-testing defence: failed card attempts allowed per hour, per link and per client address. */
export const CARD_ATTEMPT_LIMITS: CardAttemptLimits = { perLinkPerHour: 5, perAddressPerHour: 10 };

/**
 * The attempt an earlier request with the same idempotency key made (a double click, a reload, a
 * replay): that one is answered, never redone.
 */
async function earlierAttempt(
  ctx: PaymentContext,
  link: PaymentLink | undefined,
  idempotencyKey: string,
): Promise<PaymentAttempt | undefined> {
  const previous = await findPaymentAttemptByIdempotencyKey(ctx.db, idempotencyKey);
  if (!previous) return undefined;
  if (!link || previous.paymentLinkId !== link.id) {
    throw new PaymentError('conflict', 'This request was already used for another payment');
  }
  return refreshAttemptIfPossible(ctx, previous);
}

/** The link a new guest payment is for, or the attempt an earlier request with the same key made. */
async function linkForGuestPayment(
  ctx: PaymentContext,
  token: string,
  idempotencyKey: string,
): Promise<{ replay: PaymentAttempt } | { link: PaymentLink }> {
  const link = await findLinkByToken(ctx, token);
  const replay = await earlierAttempt(ctx, link, idempotencyKey);
  if (replay) return { replay };
  assertLinkPayable(link, ctx.now());
  return { link };
}

/** The guest's language, for the policy text they were shown; the hotel's default otherwise. */
export interface GuestPaymentOptions {
  guestLocale?: Locale;
}

/**
 * The deposit policy acceptance a new payment carries, checked against the hotel's current
 * policy before anything is written. A refusal is only the answer when there is nothing better to
 * say: the replay of a request that already made an attempt gets that attempt (the policy may have
 * changed since, it was accepted then), and a link that cannot be paid says so.
 */
async function policyAcceptanceForPayment(
  ctx: PaymentContext,
  input: PolicyAnswer & { token: string; idempotencyKey: string },
  options: GuestPaymentOptions,
  mewsName: string | undefined,
): Promise<{ acceptance: PolicyAcceptance | null } | { replay: PaymentAttempt }> {
  const identity = await getPropertyIdentity(ctx, mewsName);
  try {
    return {
      acceptance: acceptanceFor(identity, input, options.guestLocale ?? DEFAULT_LOCALE, ctx.now()),
    };
  } catch (refusal) {
    const target = await linkForGuestPayment(ctx, input.token, input.idempotencyKey);
    if ('replay' in target) return target;
    throw refusal;
  }
}

/** Pays a link with a card tokenized in the guest's browser. The amount is the link's, always. */
export async function payLinkWithCard(
  ctx: PaymentContext,
  input: z.output<typeof guestCardPaymentSchema>,
  clientAddress: string | null,
  options: GuestPaymentOptions = {},
): Promise<AttemptStatus> {
  const configuration = await readHotelConfiguration(ctx);
  if (!configuration.cardStorage) {
    throw new PaymentError(
      'card_payment_unavailable',
      'This hotel does not accept card payments online',
    );
  }
  // Mews refuses cards on this connection (addTokenized/charge not granted): nothing is written.
  await assertPaymentCapability(ctx, 'newCard');
  const expiry = parseExpiry(input.expiry);
  if (!expiry) throw new PaymentError('invalid_input', 'cardDetails.errors.expiryFormat');
  const policy = await policyAcceptanceForPayment(
    ctx,
    input,
    options,
    configuration.enterprise.name,
  );
  if ('replay' in policy) return attemptStatusOf(policy.replay, configuration.enterprise.timeZone);

  // A link the guest had opened in Mews Payments Checkout (the route changed since): its Mews
  // request is canceled before anything else may be paid. One indexed read when there is none.
  const checkoutLink = await linkWithCheckoutRequest(ctx, input.token);
  if (checkoutLink) await withdrawCheckoutBeforeOtherPayment(ctx, checkoutLink);

  // One statement decides the common case, an open link with few failures, and writes the attempt.
  // Only when it wrote nothing is the request looked at again: a replay of an earlier request
  // (its key is unique, so the insert skipped it), or a link that cannot take a payment.
  const found = await openCardAttemptForToken(
    ctx,
    input.token,
    {
      idempotencyKey: input.idempotencyKey,
      clientAddress,
      cardBrand: input.card.brand ?? null,
      cardMasked: input.card.maskedCard ?? null,
      ...policyColumnsOf(policy.acceptance),
    },
    CARD_ATTEMPT_LIMITS,
  );
  if (!found.link || !found.opened) {
    const replay = await earlierAttempt(ctx, found.link, input.idempotencyKey);
    if (replay) return attemptStatusOf(replay, configuration.enterprise.timeZone);
    assertLinkPayable(found.link, ctx.now());
    throw new PaymentError(
      'too_many_attempts',
      'Too many card payments failed for this link. Please wait an hour, or contact the hotel.',
    );
  }
  // The ledger has already refused an attempt whose link closed in the same instant.
  const { link, opened } = found;

  const attempt = await storeCardAndCharge(ctx, opened.attempt, {
    idempotencyKey: input.idempotencyKey,
    customerId: link.mewsCustomerId,
    reservationId: link.mewsReservationId,
    amount: { amountMinor: link.amountMinor, currency: link.currency.trim() },
    paymentLinkId: link.id,
    actor: { type: 'guest' },
    clientAddress,
    card: input.card,
    expiration: expiry,
  });
  return attemptStatusOf(attempt, configuration.enterprise.timeZone);
}

/** The link behind a token when it has a Mews payment request in play, else null. */
async function linkWithCheckoutRequest(ctx: PaymentContext, token: string): Promise<string | null> {
  if (!isWellFormedLinkToken(token)) return null;
  return findLinkIdWithActiveRequest(ctx.db, hashLinkToken(token));
}

/** Starts iDEAL for a link; the page then sends the browser to `redirectUrl`. */
export async function payLinkWithIdeal(
  ctx: PaymentContext,
  input: z.output<typeof guestIdealPaymentSchema>,
  clientAddress: string | null,
  options: GuestPaymentOptions = {},
): Promise<AttemptStatus> {
  const target = await linkForGuestPayment(ctx, input.token, input.idempotencyKey);
  if ('replay' in target) return attemptStatusOf(target.replay);
  const policy = await policyAcceptanceForPayment(ctx, input, options, undefined);
  if ('replay' in policy) return attemptStatusOf(policy.replay);
  await withdrawCheckoutBeforeOtherPayment(ctx, target.link.id);
  const { attempt } = await startIdealForLink(ctx, target.link, input.token, {
    idempotencyKey: input.idempotencyKey,
    clientAddress,
    actor: { type: 'guest' },
    policy: policy.acceptance,
  });
  return attemptStatusOf(attempt);
}
