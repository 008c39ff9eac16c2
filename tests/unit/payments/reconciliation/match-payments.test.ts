import { describe, expect, it } from 'vitest';
import type { PaymentAttempt } from '@/lib/db/schema';
import type { MewsPayment } from '@/lib/mews';
import { attemptNote } from '@/lib/mews/mappers';
import {
  couldBeAttemptPayment,
  markerEvidence,
  matchAttempt,
  verdictOf,
  type MatchSettings,
} from '@/lib/payments/reconciliation/match-payments';

const SETTINGS: MatchSettings = { clockSkewMs: 120_000, latestCreationAfterMs: 180_000 };
const T0 = new Date('2026-05-02T10:00:00Z');
const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CARD = '33333333-3333-4333-8333-333333333333';
const OTHER_CARD = '44444444-4444-4444-8444-444444444444';
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

let seq = 0;

function attempt(over: Partial<PaymentAttempt> = {}): PaymentAttempt {
  return {
    id: A,
    idempotencyKey: 'key',
    paymentLinkId: null,
    method: 'card',
    state: 'unknown',
    amountMinor: 9_900,
    currency: 'GBP',
    mewsCustomerId: ALICE,
    mewsReservationId: null,
    mewsCreditCardId: CARD,
    mewsPaymentId: null,
    refundOfAttemptId: null,
    cardBrand: null,
    cardMasked: null,
    nextActionUrl: null,
    failureCode: null,
    failureMessage: null,
    notes: null,
    initiatedByStaffId: null,
    clientAddress: null,
    finalizedAt: null,
    createdAt: T0,
    updatedAt: new Date(T0.getTime() + 40_000),
    ...over,
  } as PaymentAttempt;
}

function payment(over: Partial<MewsPayment> = {}): MewsPayment {
  seq += 1;
  return {
    id: `pay-${seq}`,
    enterpriseId: null,
    accountId: ALICE,
    accountType: 'customer',
    reservationId: null,
    billId: null,
    paymentRequestId: null,
    amount: { amountMinor: 9_900, currency: 'GBP' },
    direction: 'incoming',
    state: 'charged',
    method: 'credit-card',
    kind: 'payment',
    creditCardId: CARD,
    alternativeMethod: null,
    externalType: null,
    externalIdentifier: null,
    notes: null,
    attemptId: null,
    createdAt: new Date(T0.getTime() + 5_000),
    updatedAt: null,
    chargedAt: null,
    ...over,
  };
}

const fits = (a: PaymentAttempt, p: MewsPayment) => couldBeAttemptPayment(a, p, SETTINGS);
const match = (
  a: PaymentAttempt,
  payments: MewsPayment[],
  extra: { claimed?: string[]; others?: PaymentAttempt[] } = {},
) =>
  matchAttempt(a, {
    payments,
    claimed: new Set(extra.claimed ?? []),
    others: extra.others ?? [],
    settings: SETTINGS,
  });

describe('the marker in Notes', () => {
  it('reads a whole marker, with or without notes after it', () => {
    expect(markerEvidence(attemptNote(A))).toEqual({ kind: 'whole', attemptId: A });
    expect(markerEvidence(attemptNote(A, 'Deposit'))).toEqual({ kind: 'whole', attemptId: A });
  });

  it('treats a marker cut inside the id, or inside its own words, as partial', () => {
    expect(markerEvidence(attemptNote(A).slice(0, 30))).toEqual({
      kind: 'partial',
      idPrefix: A.slice(0, 8),
    });
    // notesMode "truncate" keeps 16 characters: "Mews Checkout at".
    expect(markerEvidence(attemptNote(A).slice(0, 16))).toEqual({ kind: 'partial', idPrefix: '' });
    expect(markerEvidence('Mews Checkout attempt ')).toEqual({ kind: 'partial', idPrefix: '' });
  });

  it('finds no evidence in dropped Notes or someone else’s text', () => {
    expect(markerEvidence(null)).toEqual({ kind: 'none' });
    expect(markerEvidence('')).toEqual({ kind: 'none' });
    expect(markerEvidence('Paid at the desk')).toEqual({ kind: 'none' });
  });
});

describe('could a payment be the attempt’s own (rule 4)', () => {
  it('fits when account, amount, currency, direction, card and time fit, without Notes', () => {
    expect(fits(attempt(), payment())).toBe(true);
  });

  it('never takes a payment with another attempt’s whole marker (rule 2)', () => {
    expect(fits(attempt(), payment({ notes: attemptNote(B) }))).toBe(false);
  });

  it('never lets a cut marker match a different attempt (rule 2)', () => {
    const cut = attemptNote(B).slice(0, 26); // "Mews Checkout attempt bbbb"
    expect(fits(attempt(), payment({ notes: cut }))).toBe(false);
    expect(fits(attempt({ id: B }), payment({ notes: cut }))).toBe(true);
  });

  it('refuses another account, amount, currency or direction', () => {
    expect(fits(attempt(), payment({ accountId: BOB }))).toBe(false);
    expect(fits(attempt(), payment({ amount: { amountMinor: 9_901, currency: 'GBP' } }))).toBe(
      false,
    );
    expect(fits(attempt(), payment({ amount: { amountMinor: 9_900, currency: 'EUR' } }))).toBe(
      false,
    );
    expect(fits(attempt(), payment({ direction: 'outgoing' }))).toBe(false);
  });

  it('refuses another card, but not a payment that names no card', () => {
    expect(fits(attempt(), payment({ creditCardId: OTHER_CARD }))).toBe(false);
    expect(fits(attempt(), payment({ creditCardId: null }))).toBe(true);
    expect(fits(attempt({ mewsCreditCardId: null }), payment({ creditCardId: OTHER_CARD }))).toBe(
      true,
    );
  });

  it('refuses a payment of another kind than the attempt makes', () => {
    expect(fits(attempt(), payment({ method: 'alternative' }))).toBe(false);
    expect(fits(attempt({ method: 'ideal' }), payment({ method: 'alternative' }))).toBe(true);
    expect(fits(attempt({ method: 'external' }), payment({ method: 'cash' }))).toBe(true);
    expect(
      fits(
        attempt({ method: 'refund', mewsCreditCardId: null }),
        payment({ direction: 'outgoing', kind: 'refund' }),
      ),
    ).toBe(true);
    // A payment type Mews added later might be ours: never ruled out by its type alone.
    expect(fits(attempt(), payment({ method: 'unknown' }))).toBe(true);
  });

  it('refuses a payment created before the attempt, or after Mews stopped processing it', () => {
    expect(fits(attempt(), payment({ createdAt: new Date(T0.getTime() - 121_000) }))).toBe(false);
    expect(fits(attempt(), payment({ createdAt: new Date(T0.getTime() - 60_000) }))).toBe(true);
    const updated = T0.getTime() + 40_000;
    expect(fits(attempt(), payment({ createdAt: new Date(updated + 300_001) }))).toBe(false);
    expect(fits(attempt(), payment({ createdAt: new Date(updated + 299_000) }))).toBe(true);
  });
});

describe('matching one attempt', () => {
  it('takes the payment with its whole marker, the oldest first, the rest as duplicates (rule 1)', () => {
    const first = payment({ notes: attemptNote(A), createdAt: new Date(T0.getTime() + 1_000) });
    const second = payment({ notes: attemptNote(A), createdAt: new Date(T0.getTime() + 2_000) });
    expect(match(attempt(), [second, first])).toEqual({
      kind: 'marker',
      payment: first,
      duplicates: [second],
    });
  });

  it('never takes a payment the ledger holds for another attempt (rule 3)', () => {
    const held = payment();
    expect(match(attempt(), [held], { claimed: [held.id] })).toEqual({ kind: 'none' });
  });

  it('takes the one payment that fits when Notes were dropped (rule 5)', () => {
    const only = payment({ notes: null });
    expect(match(attempt(), [only, payment({ accountId: BOB })])).toEqual({
      kind: 'matched',
      payment: only,
    });
  });

  it('takes the one payment whose marker was cut to 16 characters (rule 5)', () => {
    const cut = payment({ notes: attemptNote(A).slice(0, 16) });
    expect(match(attempt(), [cut])).toEqual({ kind: 'matched', payment: cut });
  });

  it('calls an attempt that fits several payments ambiguous (rule 6)', () => {
    const one = payment();
    const two = payment();
    expect(match(attempt(), [one, two])).toMatchObject({
      kind: 'ambiguous',
      candidates: [one, two],
      rivalAttemptIds: [],
    });
  });

  it('calls a payment that fits several open attempts ambiguous (rule 6)', () => {
    const shared = payment();
    const rival = attempt({ id: B });
    expect(match(attempt(), [shared], { others: [rival] })).toEqual({
      kind: 'ambiguous',
      candidates: [shared],
      rivalAttemptIds: [B],
    });
  });

  it('is not fooled by rivals that cannot own the payment (another card)', () => {
    const mine = payment();
    const rival = attempt({ id: B, mewsCreditCardId: OTHER_CARD });
    expect(match(attempt(), [mine], { others: [rival] })).toEqual({
      kind: 'matched',
      payment: mine,
    });
  });

  it('finds nothing when no payment could be the attempt’s (rule 7)', () => {
    expect(match(attempt(), [])).toEqual({ kind: 'none' });
    expect(match(attempt(), [payment({ notes: attemptNote(B) })])).toEqual({ kind: 'none' });
  });
});

describe('what to do with a match', () => {
  it('applies a marker or a unique match at once, deadline or not', () => {
    const p = payment();
    expect(verdictOf({ kind: 'matched', payment: p }, false)).toMatchObject({
      action: 'apply',
      payment: p,
      how: 'matched-by-amount',
    });
    expect(verdictOf({ kind: 'marker', payment: p, duplicates: [] }, false)).toMatchObject({
      action: 'apply',
      how: 'attempt-marker',
    });
  });

  it('never fails an attempt while Mews may still be processing it', () => {
    expect(verdictOf({ kind: 'none' }, false)).toEqual({ action: 'wait', ambiguous: null });
    expect(verdictOf({ kind: 'none' }, true)).toEqual({ action: 'fail' });
  });

  it('leaves a charged ambiguous payment to a person, even past the deadline', () => {
    const charged = payment({ state: 'charged' });
    const failed = payment({ state: 'failed' });
    const match = {
      kind: 'ambiguous' as const,
      candidates: [charged, failed],
      rivalAttemptIds: [],
    };
    expect(verdictOf(match, true)).toEqual({
      action: 'wait',
      ambiguous: [charged.id, failed.id],
    });
  });

  it('waits quietly while ambiguous candidates may still be charged', () => {
    const match = {
      kind: 'ambiguous' as const,
      candidates: [payment({ state: 'pending' }), payment({ state: 'pending' })],
      rivalAttemptIds: [B],
    };
    expect(verdictOf(match, true)).toEqual({ action: 'wait', ambiguous: null });
  });

  it('pairs uncharged ambiguous payments oldest first, but only past the deadline', () => {
    const older = payment({ state: 'canceled' });
    const newer = payment({ state: 'failed' });
    const match = { kind: 'ambiguous' as const, candidates: [older, newer], rivalAttemptIds: [B] };
    expect(verdictOf(match, false)).toEqual({ action: 'wait', ambiguous: null });
    expect(verdictOf(match, true)).toMatchObject({ action: 'apply', payment: older });
  });
});
