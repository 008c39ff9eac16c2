import { describe, expect, it } from 'vitest';
import {
  paymentAttemptState,
  ACTIVE_ATTEMPT_STATES as INDEXED_ACTIVE_STATES,
} from '@/lib/db/schema';
import type { PaymentState } from '@/lib/mews/types';
import {
  ACTIVE_ATTEMPT_STATES,
  ATTEMPT_STATE_FOR,
  ATTEMPT_STATES,
  ATTEMPT_STATE_LABEL,
  attemptMoveTo,
  FINAL_ATTEMPT_STATES,
  isFinalAttemptState,
  linkMoveFor,
  mayMove,
  STATES_AWAITING_MEWS_ID,
  VERIFICATION_WINDOW_MS,
  verificationDeadline,
  type AttemptState,
} from '@/lib/payments/ledger/state-machine';

/**
 * Every pair of states, allowed or refused, written out once more by hand: a change to the rules
 * must be a change to this table too, so nobody loosens the ledger by accident.
 */
const ALLOWED: Record<AttemptState, AttemptState[]> = {
  created: ['processing', 'failed', 'canceled'],
  processing: ['unknown', 'pending', 'verifying', 'succeeded', 'failed', 'canceled'],
  unknown: ['pending', 'verifying', 'succeeded', 'failed', 'canceled'],
  pending: ['verifying', 'succeeded', 'failed', 'canceled'],
  verifying: ['pending', 'succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

const pairs = ATTEMPT_STATES.flatMap((from) => ATTEMPT_STATES.map((to) => [from, to] as const));

describe('the payment attempt state machine', () => {
  it('lists the same states as the database enum, and the same active states as its one-attempt-per-link index', () => {
    expect([...ATTEMPT_STATES]).toEqual(paymentAttemptState.enumValues);
    expect([...ACTIVE_ATTEMPT_STATES]).toEqual([...INDEXED_ACTIVE_STATES]);
  });

  it.each(pairs)('%s → %s is allowed only where the table says', (from, to) => {
    expect(mayMove(from, to)).toBe(ALLOWED[from].includes(to));
  });

  it('never moves backwards, never out of a final state, never to the state it is in', () => {
    const order = ATTEMPT_STATES.indexOf.bind(ATTEMPT_STATES);
    for (const [from, to] of pairs) {
      if (!mayMove(from, to)) continue;
      expect(isFinalAttemptState(from), `${from} is final`).toBe(false);
      expect(from).not.toBe(to);
      // Mews may say Pending again while it processes a verified charge: the one step back.
      if (from === 'verifying' && to === 'pending') continue;
      // `pending` comes after `unknown` and before the final states; nothing returns to `created`.
      expect(order(to), `${from} → ${to}`).toBeGreaterThan(order(from));
    }
  });

  it('lets a verifying attempt end every way Mews ends it, and never go back to before Mews answered', () => {
    expect(ATTEMPT_STATES.filter((to) => mayMove('verifying', to))).toEqual([
      'pending',
      'succeeded',
      'failed',
      'canceled',
    ]);
    for (const before of ['created', 'processing', 'unknown'] as const)
      expect(mayMove('verifying', before)).toBe(false);
    expect(isFinalAttemptState('verifying')).toBe(false);
    expect(ACTIVE_ATTEMPT_STATES).toContain('verifying');
  });

  it('splits the states into active and final, with nothing left over', () => {
    expect([...ACTIVE_ATTEMPT_STATES, ...FINAL_ATTEMPT_STATES].sort()).toEqual(
      [...ATTEMPT_STATES].sort(),
    );
    for (const state of FINAL_ATTEMPT_STATES) expect(isFinalAttemptState(state)).toBe(true);
    for (const state of ACTIVE_ATTEMPT_STATES) expect(isFinalAttemptState(state)).toBe(false);
  });

  it.each(ATTEMPT_STATES.filter((to) => to !== 'created'))(
    'a move to %s is a conditional update from exactly the states that may move there',
    (to) => {
      const move = attemptMoveTo(to);
      expect([...move.from].sort()).toEqual(
        ATTEMPT_STATES.filter((from) => ALLOWED[from].includes(to)).sort(),
      );
      expect(move.finalizes).toBe(isFinalAttemptState(to));
    },
  );

  it('refuses to build a move nothing may make (back to created)', () => {
    expect(() => attemptMoveTo('created')).toThrow(/No state may move to created/);
  });

  it.each<[PaymentState, AttemptState | undefined]>([
    ['charged', 'succeeded'],
    ['failed', 'failed'],
    ['canceled', 'canceled'],
    ['pending', 'pending'],
    ['verifying', 'verifying'],
    ['unknown', undefined],
  ])('a Mews payment %s puts the attempt in %s', (mews, attempt) => {
    expect(ATTEMPT_STATE_FOR[mews]).toBe(attempt);
  });

  it('records a Mews payment id on its own only once Mews was called and until the attempt is final', () => {
    expect([...STATES_AWAITING_MEWS_ID]).toEqual(['processing', 'unknown', 'pending', 'verifying']);
  });

  it.each<[AttemptState, string, string[]]>([
    ['succeeded', 'paid', ['open', 'processing', 'expired']],
    ['failed', 'open_unless_expired', ['processing']],
    ['canceled', 'open_unless_expired', ['processing']],
    ['processing', 'processing', ['open']],
    ['pending', 'processing', ['open']],
    ['verifying', 'processing', ['open']],
    ['unknown', 'processing', ['open']],
  ])('an attempt reaching %s moves its link to %s from %j', (state, to, from) => {
    expect(linkMoveFor(state)).toEqual({ from, to });
  });

  it('has a staff label for every state', () => {
    for (const state of ATTEMPT_STATES) expect(ATTEMPT_STATE_LABEL[state]).toMatch(/^[A-Z]/);
    expect(ATTEMPT_STATE_LABEL.unknown).toBe('Needs attention');
    expect(ATTEMPT_STATE_LABEL.verifying).toBe('Awaiting guest verification');
  });

  it('waits 24 hours for the guest to verify, as Mews does before it cancels the payment', () => {
    expect(VERIFICATION_WINDOW_MS).toBe(86_400_000);
    expect(verificationDeadline(new Date('2026-03-28T23:30:00Z')).toISOString()).toBe(
      '2026-03-29T23:30:00.000Z',
    );
  });
});
