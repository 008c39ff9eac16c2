import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from './client';
import { mewsCustomers, mewsReservations, type MewsCustomerRow } from './schema';

/**
 * Our cache of Mews' customers and reservations (migration 0015): what lists of thousands of
 * payments show and search by, without a Connector API request per row. Mews stays the truth; a
 * row is refreshed whenever Mews is read again, and a value Mews leaves out never erases one we
 * already know (a read with a narrower extent must not blank a guest's e-mail).
 */

export interface CachedCustomer {
  id: string;
  fullName: string;
  email: string | null;
  languageCode: string | null;
}

export interface CachedReservation {
  id: string;
  number: string | null;
  customerId: string | null;
  state: string | null;
  startUtc: Date | null;
  endUtc: Date | null;
  room: string | null;
}

export type CachedReservationRow = typeof mewsReservations.$inferSelect;

/** What the ledger searches: the name and e-mail, lower-cased, one space apart. */
export function customerSearchText(fullName: string, email: string | null): string {
  return [fullName, email ?? ''].join(' ').trim().toLowerCase();
}

/** Inserts or refreshes customers; `now` is when Mews was read. Rows without a name are skipped. */
export async function upsertCustomers(
  db: Database,
  customers: CachedCustomer[],
  now: Date,
): Promise<void> {
  // One row per id (an upsert touching a row twice is an error in PostgreSQL); the last read wins.
  const byId = new Map<string, CachedCustomer>();
  for (const customer of customers) {
    const fullName = customer.fullName.trim();
    if (fullName) byId.set(customer.id, { ...customer, fullName });
  }
  if (byId.size === 0) return;
  await db
    .insert(mewsCustomers)
    .values(
      [...byId.values()].map((customer) => ({
        id: customer.id,
        fullName: customer.fullName,
        email: customer.email?.trim() || null,
        languageCode: customer.languageCode || null,
        searchText: customerSearchText(customer.fullName, customer.email?.trim() || null),
        refreshedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: mewsCustomers.id,
      set: {
        fullName: sql`excluded.full_name`,
        email: sql`coalesce(excluded.email, ${mewsCustomers.email})`,
        languageCode: sql`coalesce(excluded.language_code, ${mewsCustomers.languageCode})`,
        searchText: sql`trim(lower(excluded.full_name || ' ' || coalesce(excluded.email, ${mewsCustomers.email}, '')))`,
        refreshedAt: sql`greatest(excluded.refreshed_at, ${mewsCustomers.refreshedAt})`,
      },
    });
}

/** Inserts or refreshes reservations; a null field keeps what the cache knew. */
export async function upsertReservations(
  db: Database,
  reservations: CachedReservation[],
  now: Date,
): Promise<void> {
  const byId = new Map(reservations.map((reservation) => [reservation.id, reservation]));
  if (byId.size === 0) return;
  const keep = (column: string) =>
    sql.raw(`coalesce(excluded.${column}, "mews_reservations"."${column}")`);
  await db
    .insert(mewsReservations)
    .values(
      [...byId.values()].map((reservation) => ({
        id: reservation.id,
        number: reservation.number?.trim() || null,
        customerId: reservation.customerId,
        state: reservation.state,
        startUtc: reservation.startUtc,
        endUtc: reservation.endUtc,
        room: reservation.room?.trim() || null,
        refreshedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: mewsReservations.id,
      set: {
        number: keep('number'),
        customerId: keep('customer_id'),
        state: keep('state'),
        startUtc: keep('start_utc'),
        endUtc: keep('end_utc'),
        room: keep('room'),
        refreshedAt: sql`greatest(excluded.refreshed_at, ${mewsReservations.refreshedAt})`,
      },
    });
}

export async function findCustomers(db: Database, ids: string[]): Promise<MewsCustomerRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db.select().from(mewsCustomers).where(inArray(mewsCustomers.id, unique));
}

export async function findReservations(
  db: Database,
  ids: string[],
): Promise<CachedReservationRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db.select().from(mewsReservations).where(inArray(mewsReservations.id, unique));
}

/**
 * Customer ids the ledger or a payment link names that the cache has no row for, most recently
 * active first (the guests a clerk is likeliest to look for), at most `limit`; `exclude` leaves
 * out ids already asked of Mews in vain.
 */
export async function customerIdsMissingNames(
  db: Database,
  limit: number,
  exclude: string[] = [],
): Promise<string[]> {
  const excluded = exclude.length
    ? sql`and u.id not in (${sql.join(
        exclude.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = await db
    .select({ id: sql<string>`u.id` })
    .from(
      sql`(select mews_customer_id as id, max(created_at) as last_at from payment_attempts group by 1
           union all
           select mews_customer_id as id, max(created_at) as last_at from payment_links group by 1) u`,
    )
    .where(sql`not exists (select 1 from mews_customers c where c.id = u.id) ${excluded}`)
    .groupBy(sql`u.id`)
    .orderBy(sql`max(u.last_at) desc`)
    .limit(limit);
  return rows.map((row) => row.id);
}
