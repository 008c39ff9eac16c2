/**
 * Who paid, in the back office's payment list (issue 23): guests by name from our cache of Mews'
 * customers, reservations by number, the link's description and staff by name, in the list rows
 * and the CSV, and found by the list's free-text search; the cache seeded from what payment links
 * kept (migration 0017) and filled from Mews in the background without asking Mews for guests it
 * already has. On PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCustomers } from '@/lib/db/guest-directory';
import { createPaymentLink } from '@/lib/db/payment-links';
import {
  mewsCustomers,
  mewsReservations,
  paymentAttempts,
  staffUsers,
  type PaymentAttempt,
} from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import { paymentsCsv } from '@/lib/payments/back-office/csv';
import { paymentsFilterSchema } from '@/lib/payments/back-office/filters';
import {
  fillMissingGuestNames,
  guestNames,
  rememberCustomers,
  rememberReservations,
  reservationNumbers,
} from '@/lib/payments/back-office/guest-directory';
import { listPayments, type PaymentRow } from '@/lib/payments/back-office/payments';
import { listAuditTrail } from '@/lib/payments/back-office/audit-trail';
import { captureLog, createTestPaymentContext } from '../../support/payment-context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const { alice, bob, dan } = SEED.customers;
const SBX_1001 = SEED.reservations.aliceLondon;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

/** The statements of the hand-written backfill migration, as the migrator runs them. */
function backfillStatements(): string[] {
  const file = path.join(process.cwd(), 'lib/db/migrations/0017_guest_directory_backfill.sql');
  return readFileSync(file, 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

describe.each(testDatabaseTargets)('guest directory on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  const logs = captureLog();
  let clerkId: string;
  let managerId: string;
  let minute = 0;

  /** A ledger row as the staff and guest flows leave it; each one a minute newer than the last. */
  async function attempt(
    values: Partial<typeof paymentAttempts.$inferInsert> & {
      mewsCustomerId: string;
    },
  ): Promise<PaymentAttempt> {
    minute += 1;
    const at = new Date(Date.now() - 24 * 3_600_000 + minute * 60_000);
    const [row] = await database.db
      .insert(paymentAttempts)
      .values({
        idempotencyKey: randomUUID(),
        method: 'external',
        state: 'succeeded',
        amountMinor: 5_000,
        currency: 'GBP',
        createdAt: at,
        updatedAt: at,
        finalizedAt: at,
        ...values,
      })
      .returning();
    return row as PaymentAttempt;
  }

  async function link(
    customerId: string,
    description: string,
    extra: Partial<Parameters<typeof createPaymentLink>[1]> = {},
  ) {
    return createPaymentLink(database.db, {
      tokenHash: randomUUID(),
      mewsCustomerId: customerId,
      amountMinor: 15_000,
      currency: 'GBP',
      description,
      expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000),
      createdVia: 'staff',
      ...extra,
    });
  }

  const ids = (rows: PaymentRow[]) => rows.map((row) => row.id).sort();
  const search = async (q: string) => listPayments(ctx, paymentsFilterSchema.parse({ q }));

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox, log: logs.log });
    const [clerk, manager] = await database.db
      .insert(staffUsers)
      .values([
        { email: 'frank.desk@hotel.test', name: 'Frank Desk', role: 'frontdesk' },
        { email: 'mia.manager@hotel.test', name: 'Mia Manager', role: 'manager' },
      ])
      .returning();
    clerkId = clerk!.id;
    managerId = manager!.id;
  });

  afterAll(async () => {
    await database?.close();
  });

  describe('the payments list', () => {
    let deskPayment: PaymentAttempt;
    let linkPayment: PaymentAttempt;
    let unknownGuest: PaymentAttempt;

    beforeAll(async () => {
      // Alice pays her SBX-1001 deposit at the desk, over the clerk's limit with the manager's approval.
      deskPayment = await attempt({
        mewsCustomerId: alice.id,
        mewsReservationId: SBX_1001.id,
        initiatedByStaffId: clerkId,
        approvedByStaffId: managerId,
        notes: 'Cash: TILL-7',
      });
      // Bob pays a link (created before the cache existed, so the link kept no name either).
      const bobLink = await link(bob.id, 'Spa weekend (50% deposit)');
      linkPayment = await attempt({
        mewsCustomerId: bob.id,
        method: 'card',
        paymentLinkId: bobLink.id,
        cardBrand: 'VISA',
        cardMasked: '424242******4242',
      });
      // A customer nobody has read from Mews yet.
      unknownGuest = await attempt({ mewsCustomerId: randomUUID(), initiatedByStaffId: clerkId });
    });

    it('says "Unknown guest" only while the cache lacks the name, then shows names from the cache', async () => {
      const before = await listPayments(ctx, {});
      const desk = before.find((row) => row.id === deskPayment.id)!;
      expect(desk.guestName).toBeNull();
      expect(desk.staffName).toBe('Frank Desk');
      expect(desk.staffEmail).toBe('frank.desk@hotel.test');
      expect(desk.approvedByName).toBe('Mia Manager');

      // What a customer page or a charge reads from Mews, remembered (no extra Mews read here).
      const [aliceInMews, bobInMews] = await Promise.all([
        ctx.mews.getCustomer(alice.id),
        ctx.mews.getCustomer(bob.id),
      ]);
      await rememberCustomers(ctx, [aliceInMews, bobInMews]);
      await rememberReservations(ctx, [await ctx.mews.getReservation(SBX_1001.id)]);

      const rows = await listPayments(ctx, {});
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(deskPayment.id)).toMatchObject({
        guestName: `${alice.firstName} ${alice.lastName}`,
        reservationNumber: 'SBX-1001',
        linkDescription: null,
        staffName: 'Frank Desk',
        approvedByName: 'Mia Manager',
      });
      expect(byId.get(linkPayment.id)).toMatchObject({
        guestName: `${bob.firstName} ${bob.lastName}`,
        linkDescription: 'Spa weekend (50% deposit)',
        staffName: null,
      });
      expect(byId.get(unknownGuest.id)?.guestName).toBeNull();
      expect((await guestNames(ctx, [alice.id, bob.id]))?.get(alice.id)).toBe(
        `${alice.firstName} ${alice.lastName}`,
      );
      expect((await reservationNumbers(ctx, [SBX_1001.id])).get(SBX_1001.id)).toBe('SBX-1001');
    });

    it('finds payments by guest name, e-mail, reservation number, description, staff name and id', async () => {
      expect(ids(await search(alice.lastName.toUpperCase()))).toEqual([deskPayment.id]);
      expect(ids(await search(`${alice.firstName} ${alice.lastName}`))).toEqual([deskPayment.id]);
      expect(ids(await search(alice.email))).toEqual([deskPayment.id]);
      expect(ids(await search('sbx-1001'))).toEqual([deskPayment.id]);
      // A reservation number is matched whole: SBX-100 is another reservation.
      expect(await search('SBX-100')).toEqual([]);
      expect(ids(await search('spa weekend'))).toEqual([linkPayment.id]);
      // LIKE wildcards are taken literally.
      expect(ids(await search('50%'))).toEqual([linkPayment.id]);
      expect(await search('5_%')).toEqual([]);
      expect(ids(await search('frank desk'))).toEqual([deskPayment.id, unknownGuest.id].sort());
      // The approving manager's name finds the payment they approved.
      expect(ids(await search('Mia'))).toEqual([deskPayment.id]);
      expect(ids(await search(deskPayment.id))).toEqual([deskPayment.id]);
      expect(ids(await search(bob.id))).toEqual([linkPayment.id]);
      expect(await search('nobody by that name')).toEqual([]);
      // With the other filters.
      expect(
        ids(await listPayments(ctx, paymentsFilterSchema.parse({ q: 'frank', method: 'card' }))),
      ).toEqual([]);
      expect(
        ids(await listPayments(ctx, paymentsFilterSchema.parse({ reservationId: SBX_1001.id }))),
      ).toEqual([deskPayment.id]);
    });

    it('refuses card data and over-long text in the search', () => {
      expect(paymentsFilterSchema.safeParse({ q: '4242 4242 4242 4242' }).success).toBe(false);
      expect(paymentsFilterSchema.safeParse({ q: 'cvv 123' }).success).toBe(false);
      expect(paymentsFilterSchema.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
      expect(paymentsFilterSchema.parse({ q: '  Smith  ' }).q).toBe('Smith');
      expect(paymentsFilterSchema.parse({ q: '   ' }).q).toBeUndefined();
    });

    it('exports guest, reservation number, description and staff name in the CSV, defused', async () => {
      // A name a spreadsheet would run as a formula.
      const sly = randomUUID();
      await rememberCustomers(ctx, [
        {
          id: sly,
          chainId: null,
          number: null,
          firstName: null,
          lastName: '=HYPERLINK("http://evil.example","Click")',
          email: null,
          phone: null,
          isActive: true,
          languageCode: null,
        },
      ]);
      await attempt({ mewsCustomerId: sly, initiatedByStaffId: clerkId });
      const csv = paymentsCsv(await listPayments(ctx, {}));
      const [header, ...lines] = csv.trim().split('\r\n');
      const columns = header!.split(',');
      for (const column of ['guest', 'reservation_number', 'description', 'staff_name'])
        expect(columns).toContain(column);
      const desk = lines.find((line) => line.includes(deskPayment.id))!;
      const cells = desk.split(',');
      expect(cells[columns.indexOf('guest')]).toBe(`${alice.firstName} ${alice.lastName}`);
      expect(cells[columns.indexOf('reservation_number')]).toBe('SBX-1001');
      expect(cells[columns.indexOf('staff_name')]).toBe('Frank Desk');
      expect(csv).toContain('Spa weekend (50% deposit)');
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
      expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    });

    it('shows staff by name in the audit trail', async () => {
      await database.db.execute(sql`
        insert into audit_events (actor_type, actor_staff_id, actor_label, action, outcome)
        values ('staff', ${clerkId}, 'frank.desk@hotel.test', 'payment.external.succeeded', 'success')`);
      const [row] = await listAuditTrail(ctx, { staffId: clerkId });
      expect(row).toMatchObject({ actor: 'frank.desk@hotel.test', actorName: 'Frank Desk' });
    });
  });

  describe('keeping the cache', () => {
    it('refreshes a name but never overwrites a known e-mail with nothing', async () => {
      const id = randomUUID();
      const customer = {
        id,
        chainId: null,
        number: null,
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann.lee@example.com',
        phone: null,
        isActive: true,
        languageCode: 'en-GB',
      };
      await rememberCustomers(ctx, [customer]);
      await rememberCustomers(ctx, [
        { ...customer, lastName: 'Lee-Park', email: null, languageCode: null },
      ]);
      const [row] = await findCustomers(database.db, [id]);
      expect(row).toMatchObject({
        fullName: 'Ann Lee-Park',
        email: 'ann.lee@example.com',
        languageCode: 'en-GB',
        searchText: 'ann lee-park ann.lee@example.com',
      });
    });

    it('logs and carries on when the cache cannot be written', async () => {
      const broken = {
        ...ctx,
        db: {
          insert: () => {
            throw new Error('database is down');
          },
        },
      };
      await expect(
        rememberCustomers(broken as unknown as PaymentContext, [
          { ...(await ctx.mews.getCustomer(alice.id))! },
        ]),
      ).resolves.toBeUndefined();
      expect(logs.messages('warn').at(-1)).toMatch(/Could not cache guests/);
      expect(JSON.stringify(logs.entries.at(-1)?.fields)).not.toContain(alice.email);
    });
  });

  describe('migration 0017', () => {
    it("seeds names and reservation numbers from the links, leaving Mews' own rows alone", async () => {
      const carla = randomUUID();
      const reservationId = randomUUID();
      const known = randomUUID();
      await link(carla, 'Old deposit', {
        guestName: 'Carla Old-Name',
        guestDetailsCapturedAt: new Date(Date.now() - 3 * 86_400_000),
      });
      await link(carla, 'Deposit SBX-7007', {
        guestName: 'Carla Gómez',
        guestEmail: 'carla@example.com',
        mewsReservationId: reservationId,
        reservationNumber: 'SBX-7007',
        reservationStart: new Date('2027-05-01T14:00:00Z'),
        reservationEnd: new Date('2027-05-04T10:00:00Z'),
        guestDetailsCapturedAt: new Date(Date.now() - 86_400_000),
      });
      await database.db
        .insert(mewsCustomers)
        .values({ id: known, fullName: 'Name From Mews', searchText: 'name from mews' });
      await link(known, 'Deposit', { guestName: 'Name On The Link' });
      await attempt({ mewsCustomerId: carla, method: 'card', mewsReservationId: reservationId });

      for (const statement of backfillStatements()) await database.db.execute(sql.raw(statement));
      // Twice, as a re-run must be harmless.
      for (const statement of backfillStatements()) await database.db.execute(sql.raw(statement));

      const customers = await findCustomers(database.db, [carla, known]);
      expect(customers.find((row) => row.id === carla)).toMatchObject({
        fullName: 'Carla Gómez',
        email: 'carla@example.com',
        searchText: 'carla gómez carla@example.com',
      });
      expect(customers.find((row) => row.id === known)?.fullName).toBe('Name From Mews');
      const [reservation] = await database.db
        .select()
        .from(mewsReservations)
        .where(eq(mewsReservations.id, reservationId));
      expect(reservation).toMatchObject({ number: 'SBX-7007', customerId: null });
      expect(reservation?.startUtc?.toISOString()).toBe('2027-05-01T14:00:00.000Z');
      const found = await search('gómez');
      expect(found.map((row) => row.guestName)).toEqual(['Carla Gómez']);
      expect((await search('sbx-7007')).map((row) => row.reservationNumber)).toEqual(['SBX-7007']);
    });
  });

  describe('filling in names from Mews', () => {
    it('reads only the guests the cache lacks, in one request per batch, and not again', async () => {
      const gone = randomUUID();
      await attempt({ mewsCustomerId: dan.id, initiatedByStaffId: clerkId });
      await attempt({ mewsCustomerId: gone, initiatedByStaffId: clerkId });
      const cachedBefore = (await database.db.select().from(mewsCustomers)).map((row) => row.id);
      expect(cachedBefore).toContain(alice.id);
      expect(cachedBefore).not.toContain(dan.id);

      await sandbox.control.clearRequests();
      const result = await fillMissingGuestNames(ctx, { batchSize: 2 });
      const requests = await sandbox.control.requests('customers/getAll');
      const asked = requests.flatMap(
        (request) => (request.request as { CustomerIds?: string[] }).CustomerIds ?? [],
      );
      expect(asked).toContain(dan.id);
      expect(asked).toContain(gone);
      expect(asked).not.toContain(alice.id);
      expect(asked.some((id) => cachedBefore.includes(id))).toBe(false);
      expect(new Set(asked).size).toBe(asked.length);
      expect(requests.length).toBe(Math.ceil(asked.length / 2));
      expect(result.asked).toBe(asked.length);
      expect(result.filled).toBeGreaterThanOrEqual(1);

      const danRow = (await listPayments(ctx, paymentsFilterSchema.parse({ q: dan.lastName })))[0];
      expect(danRow?.guestName).toBe(`${dan.firstName} ${dan.lastName}`);
      expect(danRow?.staffName).toBe('Frank Desk');

      // Everything Mews knows is cached, and what it does not know is not asked again.
      await sandbox.control.clearRequests();
      expect(await fillMissingGuestNames(ctx)).toEqual({ asked: 0, filled: 0, notFound: 0 });
      expect(await sandbox.control.requests('customers/getAll')).toEqual([]);
    });
  });
});
