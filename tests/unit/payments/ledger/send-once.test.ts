import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaymentAttempt } from '@/lib/db/schema';
import { MewsApiError, MewsOutcomeUnknownError, MewsRequestError } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';

// The ledger's writes are replaced by recorders: this suite is about how one Mews write's outcome
// is sorted, not about SQL (tests/db and the integration suites cover the writes themselves).
const ledger = vi.hoisted(() => ({
  markUnknown: vi.fn(async (_ctx: unknown, attempt: PaymentAttempt, patch: object = {}) => ({
    ...attempt,
    ...patch,
    state: 'unknown' as const,
  })),
  failAttempt: vi.fn(
    async (
      _ctx: unknown,
      attempt: PaymentAttempt,
      _actor: unknown,
      failureCode: string,
      failureMessage: string | null,
    ) => ({
      ...attempt,
      state: 'failed' as const,
      failureCode,
      failureMessage,
    }),
  ),
}));
vi.mock('@/lib/payments/ledger/ledger', () => ledger);

const { refusalOf, sendOnce } = await import('@/lib/payments/ledger/send-once');

const attempt = {
  id: '6a1f3f5e-8b0c-4f3e-9b6f-0c2b7e0d9a11',
  state: 'processing',
  method: 'card',
  amountMinor: 15_000,
  currency: 'GBP',
} as PaymentAttempt;

const logged: { level: string; message: string }[] = [];
const ctx = {
  log: {
    info: (_: unknown, message: string) => logged.push({ level: 'info', message }),
    warn: (_: unknown, message: string) => logged.push({ level: 'warn', message }),
    error: (_: unknown, message: string) => logged.push({ level: 'error', message }),
  },
} as unknown as PaymentContext;
const guest = { type: 'guest' } as const;

function businessRefusal(message: string | null) {
  return new MewsApiError({
    kind: 'business-rule',
    operation: 'creditCards/charge',
    status: 403,
    mewsMessage: message,
    retryable: false,
  });
}

beforeEach(() => {
  logged.length = 0;
  ledger.markUnknown.mockClear();
  ledger.failAttempt.mockClear();
});

describe('sendOnce', () => {
  it('sends the write exactly once and hands back its answer, moving nothing', async () => {
    const write = vi.fn(async () => ({ paymentId: 'p-1' }));
    const outcome = await sendOnce(ctx, attempt, guest, write, { label: 'Charge' });
    expect(outcome).toEqual({ kind: 'sent', value: { paymentId: 'p-1' } });
    expect(write).toHaveBeenCalledTimes(1);
    expect(ledger.markUnknown).not.toHaveBeenCalled();
    expect(ledger.failAttempt).not.toHaveBeenCalled();
  });

  it.each(['timeout', 'connection-lost', 'server-error', 'unreadable-response'] as const)(
    'a lost answer (%s) leaves the attempt unknown, records the card, and is never sent again',
    async (reason) => {
      const write = vi.fn(async () => {
        throw new MewsOutcomeUnknownError({ operation: 'creditCards/charge', reason });
      });
      const outcome = await sendOnce(ctx, attempt, guest, write, {
        label: 'Charge',
        mewsCreditCardId: 'card-1',
      });
      expect(outcome.kind).toBe('unknown');
      expect(outcome.kind !== 'sent' && outcome.attempt.state).toBe('unknown');
      expect(write).toHaveBeenCalledTimes(1);
      expect(ledger.markUnknown).toHaveBeenCalledWith(ctx, attempt, { mewsCreditCardId: 'card-1' });
      expect(ledger.failAttempt).not.toHaveBeenCalled();
      expect(logged).toEqual([
        { level: 'warn', message: 'Charge outcome unknown; left for reconciliation' },
      ]);
    },
  );

  it('a refusal Mews gave before processing fails the attempt with Mews’ own words for the payer', async () => {
    const outcome = await sendOnce(
      ctx,
      attempt,
      guest,
      async () => {
        throw businessRefusal('The card was declined.');
      },
      { label: 'Charge', mewsIds: { creditCardId: 'card-1' } },
    );
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind !== 'sent' && outcome.attempt).toMatchObject({
      state: 'failed',
      failureCode: 'mews_refused',
      failureMessage: 'The card was declined.',
    });
    expect(ledger.failAttempt).toHaveBeenCalledWith(
      ctx,
      attempt,
      guest,
      'mews_refused',
      'The card was declined.',
      {
        creditCardId: 'card-1',
      },
    );
    expect(ledger.markUnknown).not.toHaveBeenCalled();
  });

  it('a request we refused to send fails the attempt: nothing reached Mews', async () => {
    const outcome = await sendOnce(
      ctx,
      attempt,
      guest,
      async () => {
        throw new MewsRequestError('invalid-amount', 'Amount must be positive');
      },
      { label: 'Staff payment' },
    );
    expect(outcome.kind).toBe('refused');
    expect(ledger.failAttempt).toHaveBeenCalledWith(
      ctx,
      attempt,
      guest,
      'invalid_request',
      'Amount must be positive',
      undefined,
    );
  });

  it('anything unexpected after the request may have left is an unknown outcome, never a failure', async () => {
    const outcome = await sendOnce(
      ctx,
      attempt,
      guest,
      async () => {
        throw new TypeError('Cannot read properties of undefined');
      },
      { label: 'Staff payment' },
    );
    expect(outcome.kind).toBe('unknown');
    expect(ledger.failAttempt).not.toHaveBeenCalled();
    expect(ledger.markUnknown).toHaveBeenCalledWith(ctx, attempt, {});
    expect(logged).toEqual([
      { level: 'error', message: 'Unexpected staff payment failure; outcome unknown' },
    ]);
  });
});

describe('refusalOf', () => {
  it.each<[string, unknown, { code: string; message: string | null } | undefined]>([
    [
      'a business rule with a message',
      businessRefusal('Insufficient funds.'),
      { code: 'mews_refused', message: 'Insufficient funds.' },
    ],
    ['a business rule without one', businessRefusal(null), { code: 'mews_error', message: null }],
    [
      'rate limiting',
      new MewsApiError({
        kind: 'rate-limited',
        operation: 'creditCards/charge',
        status: 429,
        retryable: true,
      }),
      { code: 'mews_busy', message: null },
    ],
    [
      'an authentication problem',
      new MewsApiError({
        kind: 'unauthorized',
        operation: 'creditCards/charge',
        status: 401,
        retryable: false,
      }),
      { code: 'mews_error', message: null },
    ],
    [
      'a request we refused',
      new MewsRequestError('full-card-number', 'refused'),
      { code: 'invalid_request', message: 'refused' },
    ],
    [
      'a lost answer',
      new MewsOutcomeUnknownError({ operation: 'creditCards/charge', reason: 'timeout' }),
      undefined,
    ],
    ['a bug', new Error('boom'), undefined],
  ])('%s', (_, error, expected) => {
    expect(refusalOf(error)).toEqual(expected);
  });
});
