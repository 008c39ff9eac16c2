import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentAttempts, paymentLinks, type PaymentLink } from '@/lib/db/schema';
import { dashboard, hotelDay } from '@/lib/payments/back-office/dashboard';
import type { PaymentContext } from '@/lib/server/context';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * The dashboard's read model as a clerk reads it at the desk: today's takings per currency in the
 * hotel's own day (New York, on the day the clocks go forward: 23 hours long), desk and link
 * payments apart, refunds netted, and what needs attention, on PGlite and PostgreSQL.
 */

const TIME_ZONE = 'America/New_York';
/** 10:00 in New York on Sunday 8 March 2026; the day began at 05:00Z (EST) and ends at 04:00Z (EDT). */
const NOW = new Date('2026-03-08T15:00:00Z');
const DAY_START = new Date('2026-03-08T05:00:00Z');
const DAY_END = new Date('2026-03-09T04:00:00Z');
const MINUTE = 60_000;

/** Mews as the dashboard reads it: the enterprise's configuration only; every other call fails. */
function mewsInTimeZone(timeZone: string): PaymentContext['mews'] {
  const configuration = {
    enterprise: { id: randomUUID(), name: 'Hotel Example', timeZone },
    cardStorage: { id: 'storage' },
  };
  return new Proxy(
    {},
    {
      get: (_target, property) => {
        if (property === 'then') return undefined;
        if (property === 'getConfiguration') return async () => configuration;
        return () => Promise.reject(new Error('Mews is not part of this test'));
      },
    },
  ) as PaymentContext['mews'];
}

describe('the hotel’s day', () => {
  it('starts and ends at the hotel’s midnights, daylight saving included', () => {
    expect(hotelDay(NOW, TIME_ZONE)).toEqual({ day: '2026-03-08', start: DAY_START, end: DAY_END });
    // Just before the hotel's midnight it is still the day before, whatever UTC says.
    expect(hotelDay(new Date('2026-03-08T04:59:59Z'), TIME_ZONE).day).toBe('2026-03-07');
    // London's clocks go back on 25 October 2026: a 25-hour day.
    expect(hotelDay(new Date('2026-10-25T12:00:00Z'), 'Europe/London')).toEqual({
      day: '2026-10-25',
      start: new Date('2026-10-24T23:00:00Z'),
      end: new Date('2026-10-26T00:00:00Z'),
    });
    // East of UTC the hotel's day begins the evening before in UTC.
    expect(hotelDay(new Date('2026-03-08T16:00:00Z'), 'Asia/Tokyo')).toEqual({
      day: '2026-03-09',
      start: new Date('2026-03-08T15:00:00Z'),
      end: new Date('2026-03-09T15:00:00Z'),
    });
    expect(hotelDay(NOW, 'UTC').start).toEqual(new Date('2026-03-08T00:00:00Z'));
  });
});

describe.each(testDatabaseTargets)('the dashboard on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  const customerId = randomUUID();

  async function link(values: Partial<PaymentLink> & Pick<PaymentLink, 'expiresAt'>) {
    const [row] = await database.db
      .insert(paymentLinks)
      .values({
        tokenHash: randomBytes(16).toString('hex'),
        mewsCustomerId: customerId,
        amountMinor: 5_000,
        currency: 'EUR',
        description: 'Deposit',
        createdVia: 'staff',
        createdAt: new Date(NOW.getTime() - 48 * 60 * MINUTE),
        ...values,
      })
      .returning();
    return row!;
  }

  async function attempt(values: Partial<typeof paymentAttempts.$inferInsert>) {
    await database.db.insert(paymentAttempts).values({
      idempotencyKey: randomUUID(),
      method: 'card',
      state: 'succeeded',
      amountMinor: 1_000,
      currency: 'EUR',
      mewsCustomerId: customerId,
      createdAt: NOW,
      updatedAt: NOW,
      ...values,
    });
  }

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { now: NOW, mews: mewsInTimeZone(TIME_ZONE) });

    // Takings today: two desk payments, two paid through links, a refund; the day's edges.
    await attempt({
      method: 'card',
      amountMinor: 10_000,
      createdAt: new Date('2026-03-08T05:30:00Z'),
    });
    await attempt({
      method: 'external',
      amountMinor: 5_000,
      createdAt: new Date('2026-03-08T04:59:00Z'),
    });
    const paidLink = await link({ state: 'paid', expiresAt: new Date('2026-03-10T00:00:00Z') });
    const paidByIdeal = await link({ state: 'paid', expiresAt: new Date('2026-03-10T00:00:00Z') });
    await attempt({
      method: 'card',
      amountMinor: 8_000,
      paymentLinkId: paidLink.id,
      createdAt: new Date('2026-03-08T12:00:00Z'),
    });
    await attempt({
      method: 'ideal',
      amountMinor: 2_000,
      paymentLinkId: paidByIdeal.id,
      createdAt: new Date('2026-03-08T13:00:00Z'),
    });
    await attempt({
      method: 'refund',
      amountMinor: 3_000,
      createdAt: new Date('2026-03-08T14:00:00Z'),
    });
    await attempt({
      method: 'card',
      state: 'failed',
      amountMinor: 99_900,
      createdAt: new Date('2026-03-08T14:10:00Z'),
    });
    // GBP: a terminal payment at 23:59 in New York (03:59Z the next UTC day) counts; 00:00 does not.
    await attempt({
      method: 'terminal_card',
      currency: 'GBP',
      amountMinor: 4_000,
      createdAt: new Date('2026-03-09T03:59:00Z'),
    });
    await attempt({
      method: 'stored_card',
      currency: 'GBP',
      amountMinor: 1_000,
      createdAt: DAY_END,
    });

    // Needs attention: an unknown outcome, one stuck on its way to Mews, one just sent, one the guest must verify.
    await attempt({
      state: 'unknown',
      amountMinor: 7_000,
      updatedAt: new Date(NOW.getTime() - MINUTE),
    });
    await attempt({ state: 'processing', updatedAt: new Date(NOW.getTime() - 10 * MINUTE) });
    await attempt({ state: 'processing', updatedAt: new Date(NOW.getTime() - MINUTE) });
    await attempt({ state: 'verifying', verifyingSince: new Date(NOW.getTime() - 60 * MINUTE) });

    // Links: two open ones run out before the hotel's midnight; the rest do not count.
    await link({ expiresAt: new Date('2026-03-09T00:00:00Z') });
    await link({ expiresAt: new Date('2026-03-09T03:59:00Z') });
    await link({ expiresAt: DAY_END });
    await link({ expiresAt: new Date(NOW.getTime() - MINUTE) });
    await link({ state: 'paid', expiresAt: new Date('2026-03-08T20:00:00Z') });
    await link({ state: 'canceled', expiresAt: new Date('2026-03-08T20:00:00Z') });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('sums today’s takings per currency, desk and link payments apart, refunds netted', async () => {
    const board = await dashboard(ctx);
    expect(board.timeZone).toBe(TIME_ZONE);
    expect(board.today).toBe('2026-03-08');
    expect(board.todayStart).toBe(DAY_START.toISOString());
    expect(board.todayEnd).toBe(DAY_END.toISOString());
    expect(board.takings).toEqual([
      {
        currency: 'EUR',
        netMinor: 10_000 + 8_000 + 2_000 - 3_000,
        desk: { amountMinor: 10_000, count: 1 },
        link: { amountMinor: 10_000, count: 2 },
        refunds: { amountMinor: 3_000, count: 1 },
      },
      {
        currency: 'GBP',
        netMinor: 4_000,
        desk: { amountMinor: 4_000, count: 1 },
        link: { amountMinor: 0, count: 0 },
        refunds: { amountMinor: 0, count: 0 },
      },
    ]);
  });

  it('counts what needs attention, with unpaid links that run out before the hotel’s midnight', async () => {
    const board = await dashboard(ctx);
    expect(board.attention).toEqual({ unknown: 1, stuck: 1, verifying: 1, linksExpiringToday: 2 });
    // The table lists the payments a clerk must not take again: the unknown and the stuck one.
    expect(board.needsAttention.map((row) => row.state).sort()).toEqual(['processing', 'unknown']);
    // Front desk staff do not get the e-mails list (a manager's to act on).
    expect(board.emailAttention).toBeNull();
  });

  it('moves to the next day at the hotel’s midnight, not at UTC’s', async () => {
    const nextDay = createTestPaymentContext(database, {
      now: new Date(DAY_END.getTime() + MINUTE),
      mews: mewsInTimeZone(TIME_ZONE),
    });
    const board = await dashboard(nextDay);
    expect(board.today).toBe('2026-03-09');
    expect(board.takings).toEqual([
      {
        currency: 'GBP',
        netMinor: 1_000,
        desk: { amountMinor: 1_000, count: 1 },
        link: { amountMinor: 0, count: 0 },
        refunds: { amountMinor: 0, count: 0 },
      },
    ]);
    // In UTC (Mews away) the same instant is still 9 March, and the 03:59Z payment is in it too.
    const utc = createTestPaymentContext(database, { now: new Date(DAY_END.getTime() + MINUTE) });
    const board2 = await dashboard(utc);
    expect(board2.timeZone).toBe('UTC');
    expect(board2.takings.find((t) => t.currency === 'GBP')?.desk).toEqual({
      amountMinor: 5_000,
      count: 2,
    });
  });
});
