import 'server-only';
import { z } from 'zod';
import { cardDetailsSchema, parseExpiry, tokenizedCardSchema } from '@/lib/card-capture/card-details';
import {
  findLatestAttemptForLink,
  findPaymentAttemptByIdempotencyKey,
  findSucceededAttemptForLink,
} from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { PaymentAttempt, PaymentLink } from '@/lib/db/schema';
import type { MewsConfiguration } from '@/lib/mews';
import { refuseUnclaimedAttempt, refusingSecondActiveAttempt } from '@/lib/payments/ledger/lifecycle';
import { storeCardAndCharge } from '@/lib/payments/cards/card-charge';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import { IDEAL_CURRENCY, startIdealForLink } from './ideal-payment';
import {
  assertLinkPayable,
  customerName,
  findLinkByToken,
  openCardAttemptForToken,
  type CardAttemptLimits,
} from '@/lib/payments/links/payment-links';
import { isFinalAttemptState, refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';

/** Card-testing defence: failed card attempts allowed per hour, per link and per client address. */
export const CARD_ATTEMPT_LIMITS: CardAttemptLimits = { perLinkPerHour: 5, perAddressPerHour: 10 };

/** What the guest's browser may know about an attempt: its state, never card data beyond the mask. */
export interface AttemptStatus {
  attemptId: string;
  method: PaymentAttempt['method'];
  state: PaymentAttempt['state'];
  failureCode: string | null;
  /** Mews' own explanation for a refusal, when Mews says it may be shown. */
  failureMessage: string | null;
  /** Only while an iDEAL payment waits for the payer at the bank. */
  redirectUrl: string | null;
  mewsPaymentId: string | null;
}

export interface GuestReceipt {
  hotelName: string;
  hotelTimeZone: string;
  guestName: string | null;
  description: string;
  amountMinor: number;
  currency: string;
  paidAt: string;
  method: PaymentAttempt['method'];
  cardBrand: string | null;
  cardMasked: string | null;
  mewsPaymentId: string | null;
  reservationNumber: string | null;
}

export interface GuestLinkSummary {
  linkState: 'open' | 'processing';
  hotelName: string;
  hotelTimeZone: string;
  guestName: string | null;
  description: string;
  amountMinor: number;
  currency: string;
  expiresAt: string;
  reservation: { number: string | null; start: string | null; end: string | null } | null;
  card: { available: true; merchantId: string; scriptUrl: string } | { available: false };
  ideal: { available: boolean };
  activeAttempt: AttemptStatus | null;
  /** The last attempt, when it failed: the page explains why and offers another try. */
  lastFailure: AttemptStatus | null;
}

export type GuestCheckoutView =
  | { kind: 'not_found' }
  | { kind: 'expired'; hotelName: string; description: string }
  | { kind: 'canceled'; hotelName: string; description: string }
  | { kind: 'paid'; receipt: GuestReceipt }
  | { kind: 'payable'; summary: GuestLinkSummary };

export function attemptStatusOf(attempt: PaymentAttempt): AttemptStatus {
  return {
    attemptId: attempt.id,
    method: attempt.method,
    state: attempt.state,
    failureCode: attempt.failureCode,
    failureMessage: attempt.failureCode === 'card_rejected' || attempt.failureCode === 'mews_refused' ? attempt.failureMessage : null,
    redirectUrl: attempt.method === 'ideal' && attempt.state === 'pending' ? attempt.nextActionUrl : null,
    mewsPaymentId: attempt.mewsPaymentId,
  };
}

/**
 * The guest and stay the page shows: kept on the link when it was made, read from Mews only for
 * links made before that was done.
 */
async function guestDetailsOf(
  ctx: PaymentContext,
  link: PaymentLink,
): Promise<{ guestName: string | null; reservation: { number: string | null; start: Date | null; end: Date | null } | null }> {
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
      ? ctx.mews
          .getReservationDeposits(link.mewsReservationId)
          .then((deposits) => deposits.reservation)
          .catch(() => null)
      : Promise.resolve(null),
  ]);
  return {
    guestName: customerName(customer),
    reservation: reservation && { number: reservation.number, start: reservation.scheduledStart, end: reservation.scheduledEnd },
  };
}

async function readConfiguration(ctx: PaymentContext): Promise<MewsConfiguration> {
  try {
    return await ctx.mews.getConfiguration();
  } catch (error) {
    throw paymentErrorFromMews(error, 'The hotel system is not reachable right now');
  }
}

/**
 * Brings a link whose payment is under way up to date with Mews before it is shown: a guest coming
 * back sees the true state, not the state we last wrote.
 */
async function refreshLinkProgress(ctx: PaymentContext, link: PaymentLink): Promise<{ link: PaymentLink; latest: PaymentAttempt | undefined }> {
  let latest = await findLatestAttemptForLink(ctx.db, link.id);
  if (latest && !isFinalAttemptState(latest.state)) {
    latest = await refreshAttemptIfPossible(ctx, latest);
    link = (await findPaymentLink(ctx.db, link.id)) ?? link;
  }
  return { link, latest };
}

/** Everything the pay page renders, read from our ledger and Mews. */
export async function getGuestCheckoutView(ctx: PaymentContext, token: string, scriptUrl: string): Promise<GuestCheckoutView> {
  const found = await findLinkByToken(ctx, token);
  if (!found) return { kind: 'not_found' };
  const { link, latest } = await refreshLinkProgress(ctx, found);
  const configuration = await readConfiguration(ctx);
  const hotelName = configuration.enterprise.name;

  if (link.state === 'expired') return { kind: 'expired', hotelName, description: link.description };
  if (link.state === 'canceled') return { kind: 'canceled', hotelName, description: link.description };

  const { guestName, reservation } = await guestDetailsOf(ctx, link);

  if (link.state === 'paid') {
    const paidAttempt = await findSucceededAttemptForLink(ctx.db, link.id);
    return {
      kind: 'paid',
      receipt: {
        hotelName,
        hotelTimeZone: configuration.enterprise.timeZone,
        guestName,
        description: link.description,
        amountMinor: link.amountMinor,
        currency: link.currency.trim(),
        paidAt: (paidAttempt?.finalizedAt ?? link.paidAt ?? link.updatedAt).toISOString(),
        method: paidAttempt?.method ?? 'card',
        cardBrand: paidAttempt?.cardBrand ?? null,
        cardMasked: paidAttempt?.cardMasked ?? null,
        mewsPaymentId: paidAttempt?.mewsPaymentId ?? null,
        reservationNumber: reservation?.number ?? null,
      },
    };
  }

  const currency = link.currency.trim();
  const active = latest && !isFinalAttemptState(latest.state) ? attemptStatusOf(latest) : null;
  const lastFailure = latest && (latest.state === 'failed' || latest.state === 'canceled') ? attemptStatusOf(latest) : null;
  return {
    kind: 'payable',
    summary: {
      linkState: link.state === 'processing' ? 'processing' : 'open',
      hotelName,
      hotelTimeZone: configuration.enterprise.timeZone,
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
      card: configuration.cardStorage
        ? { available: true, merchantId: configuration.cardStorage.publicKey, scriptUrl }
        : { available: false },
      ideal: { available: currency === IDEAL_CURRENCY && configuration.currencies.enabled.includes(IDEAL_CURRENCY) },
      activeAttempt: active,
      lastFailure,
    },
  };
}

const linkTokenField = z.string().min(1).max(100);
const idempotencyKeyField = z.uuid('idempotencyKey must be a UUID created with the form');

/** The card payment request from the pay page: one schema for the client form and the server. */
export const guestCardPaymentSchema = z
  .object({
    token: linkTokenField,
    idempotencyKey: idempotencyKeyField,
    card: tokenizedCardSchema,
  })
  .extend(cardDetailsSchema().shape)
  .strict();

export const guestIdealPaymentSchema = z
  .object({ token: linkTokenField, idempotencyKey: idempotencyKeyField })
  .strict();

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

/** Pays a link with a card tokenized in the guest's browser. The amount is the link's, always. */
export async function payLinkWithCard(
  ctx: PaymentContext,
  input: z.output<typeof guestCardPaymentSchema>,
  clientAddress: string | null,
): Promise<AttemptStatus> {
  const configuration = await readConfiguration(ctx);
  if (!configuration.cardStorage) {
    throw new PaymentError('card_payment_unavailable', 'This hotel does not accept card payments online');
  }
  const expiry = parseExpiry(input.expiry);
  if (!expiry) throw new PaymentError('invalid_input', 'cardDetails.errors.expiryFormat');

  // One statement decides the common case, an open link with few failures, and writes the attempt.
  // Only when it wrote nothing is the request looked at again: a replay of an earlier request
  // (its key is unique, so the insert skipped it), or a link that cannot take a payment.
  const found = await refusingSecondActiveAttempt(() =>
    openCardAttemptForToken(
      ctx,
      input.token,
      {
        idempotencyKey: input.idempotencyKey,
        clientAddress,
        cardBrand: input.card.brand ?? null,
        cardMasked: input.card.maskedCard ?? null,
      },
      CARD_ATTEMPT_LIMITS,
    ),
  );
  if (!found.link || !found.opened) {
    const replay = await earlierAttempt(ctx, found.link, input.idempotencyKey);
    if (replay) return attemptStatusOf(replay);
    assertLinkPayable(found.link, ctx.now());
    throw new PaymentError(
      'too_many_attempts',
      'Too many card payments failed for this link. Please wait an hour, or contact the hotel.',
    );
  }
  const { link, opened } = found;
  if (!opened.linkClaimed) await refuseUnclaimedAttempt(ctx, opened.attempt);

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
  return attemptStatusOf(attempt);
}

/** Starts iDEAL for a link; the page then sends the browser to `redirectUrl`. */
export async function payLinkWithIdeal(
  ctx: PaymentContext,
  input: z.output<typeof guestIdealPaymentSchema>,
  clientAddress: string | null,
): Promise<AttemptStatus> {
  const target = await linkForGuestPayment(ctx, input.token, input.idempotencyKey);
  if ('replay' in target) return attemptStatusOf(target.replay);
  const { attempt } = await startIdealForLink(ctx, target.link, input.token, {
    idempotencyKey: input.idempotencyKey,
    clientAddress,
    actor: { type: 'guest' },
  });
  return attemptStatusOf(attempt);
}

export interface LinkPaymentStatus {
  linkState: PaymentLink['state'];
  attempt: AttemptStatus | null;
}

/**
 * The state of a link's latest payment, read back from Mews: what the return page and the pay
 * page's polling show. Needs nothing but the token: no cookie, no session, no query string.
 */
export async function getLinkPaymentStatus(ctx: PaymentContext, token: string): Promise<LinkPaymentStatus | null> {
  const found = await findLinkByToken(ctx, token);
  if (!found) return null;
  const { link, latest } = await refreshLinkProgress(ctx, found);
  return { linkState: link.state, attempt: latest ? attemptStatusOf(latest) : null };
}
