/**
 * The front desk's search box and the customer page's reservations, against the offline Mews
 * sandbox and a real database: a reservation number finds the reservation and its guest, a name or
 * an e-mail finds customers with their next stay, and the customer page lists current and
 * upcoming reservations with room and what is still due (order items less payments). Whatever is
 * read lands in the guest directory.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { guestNames, reservationNumbers } from '@/lib/payments/back-office/guest-directory';
import {
  customerDetail,
  looksLikeReservationNumber,
  searchFrontDesk,
} from '@/lib/payments/back-office/customers';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const { alice, bob, dan } = SEED.customers;
const { aliceLondon, danLondonInHouse } = SEED.reservations;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('what looks like a reservation number', () => {
  it('is one word with a digit and no @', () => {
    for (const text of ['SBX-1001', 'sbx-1001', '1001', '52'])
      expect(looksLikeReservationNumber(text)).toBe(true);
    for (const text of [
      'Smith',
      'Alice Smith',
      'van der Berg',
      'alice.smith@example.com',
      'SBX 1001',
    ])
      expect(looksLikeReservationNumber(text)).toBe(false);
  });

  it('the search box asks for two characters, in words that name all three ways', () => {
    const parsed = customerSearchSchema.safeParse({ query: 'S' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'Type at least 2 characters of a reservation number, a name or an e-mail',
    );
  });
});

describe.each(testDatabaseTargets)('front desk search on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, {
      sandbox,
      client: { clientName: 'Front desk tests' },
    });
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await sandbox.control.reset();
  });

  it('"SBX-1001" finds Alice Smith with that reservation, its room and dates', async () => {
    const results = await searchFrontDesk(ctx, 'SBX-1001');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      matchedBy: 'reservation',
      customer: { id: alice.id, name: 'Alice Smith', email: 'alice.smith@example.com' },
      reservation: {
        id: aliceLondon.id,
        number: 'SBX-1001',
        state: 'confirmed',
        startUtc: new Date(aliceLondon.startUtc).toISOString(),
        endUtc: new Date(aliceLondon.endUtc).toISOString(),
        room: '101',
        current: false,
      },
    });
    // Remembered for the payment lists, which never ask Mews per row.
    expect((await guestNames(ctx, [alice.id])).get(alice.id)).toBe('Alice Smith');
    expect((await reservationNumbers(ctx, [aliceLondon.id])).get(aliceLondon.id)).toBe('SBX-1001');
  });

  it('"sbx-1001" (as a clerk types it) finds the same reservation', async () => {
    const results = await searchFrontDesk(ctx, '  sbx-1001 ');
    expect(results.map((r) => [r.customer.id, r.reservation?.id])).toEqual([
      [alice.id, aliceLondon.id],
    ]);
  });

  it('"Smith", "Alice Smith" and the e-mail find Alice, with her next reservation', async () => {
    for (const query of ['Smith', 'Alice Smith', 'alice.smith@example.com']) {
      const results = await searchFrontDesk(ctx, query);
      expect(
        results.map((r) => r.customer.name),
        query,
      ).toEqual(['Alice Smith']);
      expect(results[0]?.matchedBy).toBe('customer');
      // SBX-1001 is in March 2027: within the year ahead the desk looks at.
      if (Date.parse(aliceLondon.startUtc) - Date.now() < 330 * 24 * 3600_000)
        expect(results[0]?.reservation?.number, query).toBe('SBX-1001');
    }
  });

  it('a guest in house shows with their current stay', async () => {
    const [result] = await searchFrontDesk(ctx, 'Walker');
    expect(result).toMatchObject({
      customer: { id: dan.id },
      reservation: { id: danLondonInHouse.id, number: 'SBX-1004', current: true, room: '301' },
    });
  });

  it('an unknown number or name is an empty list, not an error', async () => {
    expect(await searchFrontDesk(ctx, 'SBX-9999')).toEqual([]);
    expect(await searchFrontDesk(ctx, '424242')).toEqual([]);
    expect(await searchFrontDesk(ctx, 'Nobody')).toEqual([]);
  });

  it('Mews failing is a typed error the desk can show', async () => {
    await sandbox.control.addFault({ operation: 'reservations/getAll/2023-06-06', kind: '500' });
    const error = await searchFrontDesk(ctx, 'SBX-1001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentError);
    expect(error).toMatchObject({ code: 'mews_unavailable' });
    // A name search still finds the customer; only the reservation beside it is missing.
    const [bobFound] = await searchFrontDesk(ctx, 'Jansen');
    expect(bobFound).toMatchObject({ customer: { id: bob.id }, reservation: null });
  });

  it('the customer page lists SBX-1001 with room 101 and 150.00 GBP due, less what was paid', async () => {
    const detail = await customerDetail(ctx, alice.id);
    expect(detail.reservationsError).toBeNull();
    const sbx1001 = detail.reservations.find((r) => r.id === aliceLondon.id);
    if (Date.parse(aliceLondon.endUtc) - Date.now() > 365 * 24 * 3600_000) return;
    expect(sbx1001).toMatchObject({
      number: 'SBX-1001',
      room: '101',
      due: { amountMinor: 15_000, currency: 'GBP' },
      current: false,
    });

    // 50.00 GBP paid at the desk on the reservation: 100.00 GBP left.
    const paid = await sandbox.connector('payments/addExternal', {
      AccountId: alice.id,
      ReservationId: aliceLondon.id,
      Amount: { Currency: 'GBP', GrossValue: 50 },
      Type: 'Cash',
    });
    expect(paid.status).toBe(200);
    const after = await customerDetail(ctx, alice.id);
    expect(after.reservations.find((r) => r.id === aliceLondon.id)?.due).toEqual({
      amountMinor: 10_000,
      currency: 'GBP',
    });
  });

  it('a guest in house comes first, marked current', async () => {
    const detail = await customerDetail(ctx, dan.id);
    expect(detail.reservations[0]).toMatchObject({
      id: danLondonInHouse.id,
      state: 'started',
      current: true,
      room: '301',
      due: { amountMinor: 9_500, currency: 'GBP' },
    });
  });

  it('Mews too slow for the reservations: the customer still shows, with a message', async () => {
    await sandbox.control.addFault({ operation: 'reservations/getAll/2023-06-06', kind: '500' });
    const detail = await customerDetail(ctx, alice.id);
    expect(detail.customer.name).toBe('Alice Smith');
    expect(detail.reservations).toEqual([]);
    expect(detail.reservationsError).toMatch(/reservations/);
  });

  it('Mews not giving the customer: the page shows the guest as last read, and says so', async () => {
    await customerDetail(ctx, bob.id);
    await sandbox.control.addFault({ operation: 'customers/getAll', kind: '500' });
    const detail = await customerDetail(ctx, bob.id);
    expect(detail.customer).toMatchObject({ id: bob.id, name: 'Bob Jansen' });
    expect(detail.customerError).toMatch(/Mews is not answering/);
    // A customer never read before cannot be shown: a typed error, as before.
    await expect(customerDetail(ctx, SEED.customers.frank.id)).rejects.toMatchObject({
      code: 'mews_unavailable',
    });
  });

  it('order items unavailable: reservations show without what is due, and say so', async () => {
    await sandbox.control.addFault({ operation: 'orderItems/getAll', kind: '500' });
    const detail = await customerDetail(ctx, dan.id);
    expect(detail.reservations[0]).toMatchObject({
      id: danLondonInHouse.id,
      room: '301',
      due: null,
    });
    expect(detail.reservationsError).toMatch(/what is due/);
  });
});
