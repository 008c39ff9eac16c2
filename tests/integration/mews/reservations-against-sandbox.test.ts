/**
 * The front desk's reads against the offline Mews sandbox (which validates each request and answer
 * against the official spec): reservations by confirmation number and by owner in a window, their
 * rooms (`resources/getAll`) and their order items (`orderItems/getAll`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMewsClient, type MewsClient } from '@/lib/mews/client';
import { MewsApiError, MewsRequestError } from '@/lib/mews/errors';
import { SlidingWindowRateLimiter } from '@/lib/mews/rate-limiter';
import { threeMonthsAfter } from '@/lib/mews/time-window';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
});

function client(enterprise: 'gross' | 'dutch' = 'gross'): MewsClient {
  return createMewsClient({
    platformUrl: sandbox.url,
    clientToken: SANDBOX_TOKENS.clientToken,
    accessToken: SANDBOX_TOKENS[enterprise],
    clientName: 'Mews Checkout',
    version: 'integration',
    limiter: new SlidingWindowRateLimiter(),
    sleep: async () => {},
  });
}

const { alice, dan } = SEED.customers;
const { aliceLondon, danLondonInHouse, bramAmsterdam } = SEED.reservations;

describe('findReservations', () => {
  it('finds SBX-1001 by its number, with owner, dates, state and room', async () => {
    const [reservation, ...rest] = await client().findReservations({ numbers: ['SBX-1001'] });
    expect(rest).toEqual([]);
    expect(reservation).toMatchObject({
      id: aliceLondon.id,
      number: 'SBX-1001',
      accountId: alice.id,
      accountType: 'customer',
      state: 'confirmed',
      scheduledStart: new Date(aliceLondon.startUtc),
      scheduledEnd: new Date(aliceLondon.endUtc),
      assignedResourceId: SEED.rooms.london101.id,
    });
  });

  it('an unknown number, or one of another hotel, is no reservation (not an error)', async () => {
    expect(await client().findReservations({ numbers: ['SBX-9999'] })).toEqual([]);
    expect(await client().findReservations({ numbers: [bramAmsterdam.number] })).toEqual([]);
    expect(await client().findReservations({ numbers: [] })).toEqual([]);
  });

  it("by owner and a window of departures: Dan's stay in house now, not Alice's in March 2027", async () => {
    const start = new Date();
    const window = { start, end: threeMonthsAfter(start) };
    const found = await client().findReservations({
      accountIds: [dan.id, alice.id],
      scheduledEndBetween: window,
      states: ['confirmed', 'started'],
    });
    const ids = found.map((reservation) => reservation.id);
    expect(ids).toContain(danLondonInHouse.id);
    const stay = found.find((reservation) => reservation.id === danLondonInHouse.id);
    expect(stay?.state).toBe('started');
    if (Date.parse(aliceLondon.endUtc) >= window.end.getTime())
      expect(ids).not.toContain(aliceLondon.id);
  });

  it('refuses, before asking Mews, a window longer than three months or no owner and no number', async () => {
    const start = new Date('2027-01-01T00:00:00Z');
    await expect(
      client().findReservations({
        accountIds: [alice.id],
        scheduledEndBetween: { start, end: new Date('2027-04-02T00:00:00Z') },
      }),
    ).rejects.toBeInstanceOf(MewsRequestError);
    await expect(client().findReservations({ states: ['confirmed'] })).rejects.toBeInstanceOf(
      MewsRequestError,
    );
    expect(await sandbox.control.requests('reservations/getAll/2023-06-06')).toEqual([]);
  });

  it('a Mews 500 on a read is retried, and one that persists is a typed error', async () => {
    await sandbox.control.addFault({
      operation: 'reservations/getAll/2023-06-06',
      kind: '500',
      count: 1,
    });
    expect(await client().findReservations({ numbers: ['SBX-1001'] })).toHaveLength(1);
    await sandbox.control.addFault({ operation: 'reservations/getAll/2023-06-06', kind: '500' });
    await expect(client().findReservations({ numbers: ['SBX-1001'] })).rejects.toMatchObject({
      constructor: MewsApiError,
      kind: 'server-error',
    });
  });
});

describe('rooms and order items', () => {
  it("names SBX-1001's room and adds up its 150.00 GBP of order items", async () => {
    const mews = client();
    expect(await mews.getResources([SEED.rooms.london101.id])).toEqual([
      { id: SEED.rooms.london101.id, name: '101' },
    ]);
    const items = await mews.getOrderItems([aliceLondon.id]);
    expect(items).toEqual([
      expect.objectContaining({
        serviceOrderId: aliceLondon.id,
        amountMinor: 15_000,
        currency: 'GBP',
        accountingState: 'open',
        canceled: false,
      }),
    ]);
  });

  it('empty id lists send nothing; ids that are not Mews ids are refused', async () => {
    const mews = client();
    expect(await mews.getResources([])).toEqual([]);
    expect(await mews.getOrderItems([])).toEqual([]);
    await expect(mews.getOrderItems(['SBX-1001'])).rejects.toBeInstanceOf(MewsRequestError);
    expect(await sandbox.control.requests('orderItems/getAll')).toEqual([]);
  });
});
