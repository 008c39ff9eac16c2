import type { PaymentAttempt } from '@/lib/db/schema';
import type { MewsPayment } from '@/lib/mews';
import { ATTEMPT_MARKER_PREFIX } from '@/lib/mews/mappers';

/**
 * Which Mews payment is the answer to an attempt whose answer was lost. Pure: the reconciler and
 * the quick outcome check (outcome-check.ts) hand it what they read from Mews and the ledger, and
 * act on its verdict.
 *
 * The attempt id we write into `Notes` (a refund's `Reason`) is the strongest evidence, but Mews
 * documents neither that it keeps `Notes` of gateway charges nor a length limit, so it may be gone
 * (`null`) or cut short. A payment without a whole marker is matched on everything else Mews does
 * keep: the account, the card (`Data.CreditCard.CreditCardId`, the card we charged), the amount and
 * currency, the direction and the creation time. The rules, each with its unit test:
 *
 * 1. A payment with this attempt's whole marker is its own (several: a double charge, reported).
 * 2. A payment with another attempt's whole marker, or a cut-short marker that does not start like
 *    this attempt's id, is never this attempt's.
 * 3. A payment held by any attempt in the ledger is never another attempt's.
 * 4. Otherwise a payment could be the attempt's own when account, amount, currency, direction, kind
 *    of payment, card (when both sides know it) and creation time all fit.
 * 5. Exactly one such payment, which no other open attempt could claim: it is the attempt's.
 * 6. Several, or one that another open attempt could be the owner of: nobody can tell them apart.
 *    While any of them is or may still become charged, a person decides (`ambiguous`); once every
 *    one ended uncharged, whichever was ours charged nothing and they are paired oldest first.
 * 7. No payment could be the attempt's: Mews never recorded it, but the attempt may only fail once
 *    Mews can no longer be processing the request (the caller's deadline).
 */

export interface MatchSettings {
  /** Slack between our clock and Mews' when comparing creation times. */
  clockSkewMs: number;
  /**
   * How long after the attempt's last move (the lost answer) Mews may still create its payment:
   * a payment created later answers some other request.
   */
  latestCreationAfterMs: number;
}

/** What a payment's `Notes` say about which attempt made it. */
export type MarkerEvidence =
  /** A whole marker: the payment was made for exactly this attempt. */
  | { kind: 'whole'; attemptId: string }
  /** A marker cut short: made by this app, for an attempt whose id starts with `idPrefix`. */
  | { kind: 'partial'; idPrefix: string }
  /** No marker (`Notes` dropped, or someone else's text): says nothing either way. */
  | { kind: 'none' };

const ID_CHARS = /^[A-Za-z0-9_-]*/;
/** Attempt ids are UUIDs: an id this long is whole even at the very end of a cut-short note. */
const WHOLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function markerEvidence(notes: string | null | undefined): MarkerEvidence {
  const text = notes?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  const at = text.indexOf(ATTEMPT_MARKER_PREFIX);
  if (at >= 0) {
    const tail = text.slice(at + ATTEMPT_MARKER_PREFIX.length);
    const id = ID_CHARS.exec(tail)?.[0] ?? '';
    // The writer follows the id with ". notes"; an id running to the end may have been cut.
    if (id.length < tail.length || WHOLE_ID.test(id)) {
      return id
        ? { kind: 'whole', attemptId: id.toLowerCase() }
        : { kind: 'partial', idPrefix: '' };
    }
    return { kind: 'partial', idPrefix: id.toLowerCase() };
  }
  // Cut inside the marker's own words ("Mews Checkout at"): ours, attempt unknown.
  const trimmedPrefix = ATTEMPT_MARKER_PREFIX.trim();
  if (trimmedPrefix.startsWith(text) || text.startsWith(trimmedPrefix))
    return { kind: 'partial', idPrefix: '' };
  return { kind: 'none' };
}

/** Rules 1 and 2: may this payment's marker belong to this attempt? */
export function markerAllows(attempt: Pick<PaymentAttempt, 'id'>, payment: MewsPayment): boolean {
  const evidence = markerEvidence(payment.notes);
  const id = attempt.id.toLowerCase();
  if (evidence.kind === 'whole') return evidence.attemptId === id;
  if (evidence.kind === 'partial') return id.startsWith(evidence.idPrefix);
  return true;
}

export function hasWholeMarkerOf(
  attempt: Pick<PaymentAttempt, 'id'>,
  payment: MewsPayment,
): boolean {
  const evidence = markerEvidence(payment.notes);
  return evidence.kind === 'whole' && evidence.attemptId === attempt.id.toLowerCase();
}

/** The kind of Mews payment each of our methods creates (`unknown`: a type Mews added later). */
function methodFits(attempt: PaymentAttempt, payment: MewsPayment): boolean {
  if (payment.method === 'unknown') return true;
  switch (attempt.method) {
    case 'card':
    case 'stored_card':
    case 'terminal_card':
      return payment.method === 'credit-card';
    case 'ideal':
      return payment.method === 'alternative';
    case 'external':
      return payment.method === 'external' || payment.method === 'cash';
    case 'refund':
      return payment.kind === null || payment.kind === 'refund' || payment.kind === 'unknown';
    default:
      return true;
  }
}

/** Rule 4, without the ledger: could this payment be the one the attempt's write created? */
export function couldBeAttemptPayment(
  attempt: PaymentAttempt,
  payment: MewsPayment,
  settings: MatchSettings,
): boolean {
  if (!markerAllows(attempt, payment)) return false;
  if (payment.accountId !== attempt.mewsCustomerId) return false;
  if (
    payment.amount.amountMinor !== attempt.amountMinor ||
    payment.amount.currency !== attempt.currency.trim()
  )
    return false;
  if (payment.direction !== (attempt.method === 'refund' ? 'outgoing' : 'incoming')) return false;
  if (!methodFits(attempt, payment)) return false;
  // The card we charged, when both sides know it (Mews fills it only for gateway card payments).
  if (
    (attempt.method === 'card' || attempt.method === 'stored_card') &&
    attempt.mewsCreditCardId &&
    payment.creditCardId &&
    payment.creditCardId !== attempt.mewsCreditCardId
  )
    return false;
  const created = payment.createdAt.getTime();
  if (created < attempt.createdAt.getTime() - settings.clockSkewMs) return false;
  if (created > attempt.updatedAt.getTime() + settings.latestCreationAfterMs + settings.clockSkewMs)
    return false;
  return true;
}

export type AttemptMatch =
  /** Rule 1: the payment with this attempt's marker; `duplicates` are further ones (double charges). */
  | { kind: 'marker'; payment: MewsPayment; duplicates: MewsPayment[] }
  /** Rule 5. */
  | { kind: 'matched'; payment: MewsPayment }
  /** Rule 6: `candidates` may be ours; `rivalAttemptIds` are other open attempts they may belong to. */
  | { kind: 'ambiguous'; candidates: MewsPayment[]; rivalAttemptIds: string[] }
  /** Rule 7. */
  | { kind: 'none' };

export interface MatchInput {
  /** What Mews returned for the attempt's account and time. */
  payments: readonly MewsPayment[];
  /** Ids of payments the ledger (or this pass) already holds for some attempt: rule 3. */
  claimed: ReadonlySet<string>;
  /** The other open attempts without a Mews payment id, which may own the same payments. */
  others: readonly PaymentAttempt[];
  settings: MatchSettings;
}

export function matchAttempt(attempt: PaymentAttempt, input: MatchInput): AttemptMatch {
  const byCreation = (a: MewsPayment, b: MewsPayment) =>
    a.createdAt.getTime() - b.createdAt.getTime();
  const marked = input.payments.filter((payment) => hasWholeMarkerOf(attempt, payment));
  marked.sort(byCreation);
  if (marked[0]) return { kind: 'marker', payment: marked[0], duplicates: marked.slice(1) };

  const candidates = input.payments
    .filter(
      (payment) =>
        !input.claimed.has(payment.id) && couldBeAttemptPayment(attempt, payment, input.settings),
    )
    .sort(byCreation);
  if (candidates.length === 0) return { kind: 'none' };
  const rivalAttemptIds = input.others
    .filter(
      (other) =>
        other.id !== attempt.id &&
        candidates.some((candidate) => couldBeAttemptPayment(other, candidate, input.settings)),
    )
    .map((other) => other.id);
  if (candidates.length === 1 && rivalAttemptIds.length === 0)
    return { kind: 'matched', payment: candidates[0]! };
  return { kind: 'ambiguous', candidates, rivalAttemptIds };
}

export type MatchVerdict =
  | {
      action: 'apply';
      payment: MewsPayment;
      how: 'attempt-marker' | 'matched-by-amount';
      duplicates: MewsPayment[];
    }
  /** Not yet decidable; `ambiguous` (candidate payment ids) when a person must pair a charged one (rule 6). */
  | { action: 'wait'; ambiguous: string[] | null }
  /** Rule 7 once the deadline passed: nothing in Mews could be this attempt's. */
  | { action: 'fail' };

const UNCHARGED_FINAL = new Set<MewsPayment['state']>(['failed', 'canceled']);

/** What to do with a match, given whether Mews could still be processing the attempt's write. */
export function verdictOf(match: AttemptMatch, pastDeadline: boolean): MatchVerdict {
  switch (match.kind) {
    case 'marker':
      return {
        action: 'apply',
        payment: match.payment,
        how: 'attempt-marker',
        duplicates: match.duplicates,
      };
    case 'matched':
      return { action: 'apply', payment: match.payment, how: 'matched-by-amount', duplicates: [] };
    case 'ambiguous': {
      const ids = match.candidates.map((payment) => payment.id);
      const allUncharged = match.candidates.every((payment) => UNCHARGED_FINAL.has(payment.state));
      // Pairing uncharged payments by creation order cannot misplace money, and the ledger then
      // holds each of them; but only once none can be created any more.
      if (allUncharged && pastDeadline)
        return {
          action: 'apply',
          payment: match.candidates[0]!,
          how: 'matched-by-amount',
          duplicates: [],
        };
      // A charged one waits for a person; pending ones may still end either way.
      const charged = match.candidates.some((payment) => payment.state === 'charged');
      return { action: 'wait', ambiguous: charged ? ids : null };
    }
    case 'none':
      return pastDeadline ? { action: 'fail' } : { action: 'wait', ambiguous: null };
  }
}
