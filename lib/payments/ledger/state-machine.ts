import type { PaymentAttemptState, PaymentLinkState } from '@/lib/db/schema';
import type { PaymentState } from '@/lib/mews/types';

/**
 * The payment attempt's state machine, in one place and without side effects, so pages, filters,
 * the ledger and the database statements all read the same rules. Client-safe (types only).
 *
 * created: written to the ledger, nothing sent to Mews yet. processing: a Mews write is on its
 * way. unknown: its answer was lost (timeout, dropped connection); only reading Mews back may
 * settle it. pending: Mews answered Pending. verifying: Mews answered Verifying, the card issuer
 * wants strong customer authentication: Mews e-mails the guest a verification link, and the payment
 * turns Charged or Failed when they answer it, or Canceled when nobody does within 24 hours (Mews
 * help centre, "PSD2 compliance"). succeeded, failed, canceled: final.
 * The database enum (lib/db/schema.ts) lists the same states; a unit test holds them equal.
 */

export const ATTEMPT_STATES = [
  'created',
  'processing',
  'unknown',
  'pending',
  'verifying',
  'succeeded',
  'failed',
  'canceled',
] as const satisfies readonly PaymentAttemptState[];

export type AttemptState = PaymentAttemptState;

export const FINAL_ATTEMPT_STATES = [
  'succeeded',
  'failed',
  'canceled',
] as const satisfies readonly AttemptState[];
export type FinalAttemptState = (typeof FINAL_ATTEMPT_STATES)[number];

/** Not final: the link is held, the reconciler keeps looking. */
export const ACTIVE_ATTEMPT_STATES = [
  'created',
  'processing',
  'unknown',
  'pending',
  'verifying',
] as const satisfies readonly AttemptState[];

/**
 * How long Mews waits for the guest to verify before it cancels the payment (Mews help centre,
 * "PSD2 compliance": the link expires 24 hours after it is e-mailed, when the charge is made).
 */
export const VERIFICATION_WINDOW_MS = 24 * 60 * 60_000;

/** Until when a payment that went `Verifying` at `since` waits for the guest. */
export function verificationDeadline(since: Date): Date {
  return new Date(since.getTime() + VERIFICATION_WINDOW_MS);
}

/**
 * Which states each state may move to. Moves only go forward and final states move nowhere, with
 * one pair of exceptions: Mews may report a card payment Pending before its issuer asks for
 * verification, and Pending again while it processes the verified charge, so `pending` and
 * `verifying` may follow each other. Both hold the link and neither moves money, so the pair
 * only keeps what the guest and staff read in step with Mews.
 */
export const ATTEMPT_TRANSITIONS: Readonly<Record<AttemptState, readonly AttemptState[]>> = {
  created: ['processing', 'failed', 'canceled'],
  processing: ['unknown', 'pending', 'verifying', 'succeeded', 'failed', 'canceled'],
  unknown: ['pending', 'verifying', 'succeeded', 'failed', 'canceled'],
  pending: ['verifying', 'succeeded', 'failed', 'canceled'],
  verifying: ['pending', 'succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

export function isFinalAttemptState(state: AttemptState): state is FinalAttemptState {
  return (FINAL_ATTEMPT_STATES as readonly AttemptState[]).includes(state);
}

export function mayMove(from: AttemptState, to: AttemptState): boolean {
  return ATTEMPT_TRANSITIONS[from].includes(to);
}

/**
 * A move as the database applies it: a conditional update from any of `from` to `to`, so two
 * processes settling the same attempt cannot both apply; `finalizes` stamps the time it ended.
 */
export interface AttemptMove {
  to: AttemptState;
  from: readonly AttemptState[];
  finalizes: boolean;
}

export function attemptMoveTo(to: AttemptState): AttemptMove {
  const from = ATTEMPT_STATES.filter((state) => mayMove(state, to));
  if (from.length === 0) throw new Error(`No state may move to ${to}`);
  return { to, from, finalizes: isFinalAttemptState(to) };
}

/**
 * The states in which a Mews payment id may still be recorded on its own, before the state it
 * settles to is known: once Mews was called and until the attempt is final.
 */
export const STATES_AWAITING_MEWS_ID = [
  'processing',
  'unknown',
  'pending',
  'verifying',
] as const satisfies readonly AttemptState[];

/** Where a Mews payment state puts an attempt. `unknown` (a state Mews added later) moves nothing. */
export const ATTEMPT_STATE_FOR: Readonly<Record<PaymentState, AttemptState | undefined>> = {
  charged: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  pending: 'pending',
  verifying: 'verifying',
  unknown: undefined,
};

/** How an attempt's move carries its payment link along. */
export type LinkMoveRule =
  | { from: readonly PaymentLinkState[]; to: PaymentLinkState }
  /** After a failure: `open` again, or `expired` when the link's time has run out. */
  | { from: readonly PaymentLinkState[]; to: 'open_unless_expired' };

/** Where an attempt's payment link goes when the attempt reaches `state`: paid once, open again after a failure. */
export function linkMoveFor(state: AttemptState): LinkMoveRule {
  switch (state) {
    case 'succeeded':
      return { from: ['open', 'processing', 'expired'], to: 'paid' };
    case 'failed':
    case 'canceled':
      return { from: ['processing'], to: 'open_unless_expired' };
    default:
      return { from: ['open'], to: 'processing' };
  }
}

/**
 * The states in English, one word each, for text made on the server without a staff member's
 * language (CSV exports, logs). The staff pages say them in the staff member's language through
 * lib/i18n/staff-vocabulary.ts; a unit test holds these equal to its English words, so a taken
 * payment is "Paid" everywhere, never "Succeeded" in one place and "Charged" in another.
 */
export const ATTEMPT_STATE_LABEL: Readonly<Record<AttemptState, string>> = {
  created: 'Starting',
  processing: 'In progress',
  unknown: 'Needs attention',
  pending: 'Pending',
  verifying: 'Awaiting guest verification',
  succeeded: 'Paid',
  failed: 'Failed',
  canceled: 'Canceled',
};

export const LINK_STATE_LABEL: Readonly<Record<PaymentLinkState, string>> = {
  open: 'Open',
  processing: 'Payment in progress',
  paid: 'Paid',
  expired: 'Expired',
  canceled: 'Canceled',
};
