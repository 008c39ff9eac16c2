import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  customerIdsMissingNames,
  findCustomers,
  findReservations,
  upsertCustomers,
  upsertReservations,
} from '@/lib/db/guest-directory';
import { releaseLease, tryAcquireLease } from '@/lib/db/job-leases';
import type { MewsCustomer, ReservationSummary } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';

/**
 * The guest directory: Mews' customers and reservations as we last read them, so the payment
 * lists show and search guests by name and reservation number without asking Mews per row (and
 * keep working while Mews is slow). Whatever reads a customer or reservation from Mews remembers
 * it here; a background pass fills in the guests nobody has read yet.
 */

function fullName(customer: Pick<MewsCustomer, 'firstName' | 'lastName'>): string {
  return [customer.firstName, customer.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}

/** Why a cache write failed, without the query's parameters (guests' names and e-mails). */
function failure(error: unknown): { name?: string; code?: string; message?: string } {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const { name, code, message } = (cause ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
  };
  return { name, code, message: message?.split('\n')[0]?.slice(0, 200) };
}

/** Caches customers read from Mews. Never throws: a failed cache write is logged, the request goes on. */
export async function rememberCustomers(
  ctx: PaymentContext,
  customers: ReadonlyArray<MewsCustomer | null | undefined>,
): Promise<void> {
  const known = customers.filter((customer): customer is MewsCustomer => !!customer);
  if (known.length === 0) return;
  try {
    await upsertCustomers(
      ctx.db,
      known.map((customer) => ({
        id: customer.id,
        fullName: fullName(customer),
        email: customer.email,
        languageCode: customer.languageCode ?? null,
      })),
      ctx.now(),
    );
  } catch (error) {
    ctx.log.warn(
      { error: failure(error), count: known.length },
      'Could not cache guests read from Mews; lists show them once read again',
    );
  }
}

export type RememberedReservation = ReservationSummary & { room?: string | null };

/** Caches reservations read from Mews. Never throws, like `rememberCustomers`. */
export async function rememberReservations(
  ctx: PaymentContext,
  reservations: ReadonlyArray<RememberedReservation | null | undefined>,
): Promise<void> {
  const known = reservations.filter(
    (reservation): reservation is RememberedReservation => !!reservation,
  );
  if (known.length === 0) return;
  try {
    await upsertReservations(
      ctx.db,
      known.map((reservation) => ({
        id: reservation.id,
        number: reservation.number,
        customerId: reservation.accountType === 'customer' ? reservation.accountId : null,
        state: reservation.state === 'unknown' ? null : reservation.state,
        startUtc: reservation.scheduledStart,
        endUtc: reservation.scheduledEnd,
        room: reservation.room ?? null,
      })),
      ctx.now(),
    );
  } catch (error) {
    ctx.log.warn(
      { error: failure(error), count: known.length },
      'Could not cache reservations read from Mews; lists show them once read again',
    );
  }
}

/** Guests' names by customer id, from the cache only (ids it has not seen are missing). */
export async function guestNames(
  ctx: PaymentContext,
  customerIds: string[],
): Promise<Map<string, string>> {
  const rows = await findCustomers(ctx.db, customerIds);
  return new Map(rows.map((row) => [row.id, row.fullName]));
}

/** Reservations' confirmation numbers by id, from the cache only. */
export async function reservationNumbers(
  ctx: PaymentContext,
  reservationIds: string[],
): Promise<Map<string, string>> {
  const rows = await findReservations(ctx.db, reservationIds);
  return new Map(
    rows.flatMap((row) => (row.number ? [[row.id, row.number] as [string, string]] : [])),
  );
}

/** Mews takes up to 1 000 ids per `customers/getAll`; 100 keeps each answer small. */
export const FILL_BATCH_SIZE = 100;
/** Batches per pass: a backlog of thousands fills over a few passes, leaving the rate limit to payments. */
export const FILL_MAX_BATCHES = 5;
/** An id Mews did not return (deleted, another chain) is not asked again for this long, per process. */
const NOT_FOUND_RETRY_MS = 24 * 3_600_000;

const globalForDirectory = globalThis as unknown as {
  mewsCheckoutGuestsNotFound?: Map<string, number>;
};

function notFoundMemo(): Map<string, number> {
  globalForDirectory.mewsCheckoutGuestsNotFound ??= new Map();
  return globalForDirectory.mewsCheckoutGuestsNotFound;
}

export interface FillResult {
  /** Customer ids asked of Mews. */
  asked: number;
  /** Of those, cached now. */
  filled: number;
  /** Of those, Mews had none (not asked again for a day). */
  notFound: number;
}

/**
 * Reads from Mews, in batches, the customers the ledger or a payment link names that the cache
 * has no row for, and caches them. Runs in the background (see the reconciler's schedule), never
 * on a page render. A Mews error ends the pass: the next one tries again.
 */
export async function fillMissingGuestNames(
  ctx: PaymentContext,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<FillResult> {
  const batchSize = Math.min(options.batchSize ?? FILL_BATCH_SIZE, 1_000);
  const maxBatches = options.maxBatches ?? FILL_MAX_BATCHES;
  const memo = notFoundMemo();
  const now = ctx.now().getTime();
  for (const [id, until] of memo) if (until <= now) memo.delete(id);
  const result: FillResult = { asked: 0, filled: 0, notFound: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const ids = await customerIdsMissingNames(ctx.db, batchSize, [...memo.keys()]);
    if (ids.length === 0) break;
    const customers = await ctx.mews.getCustomersByIds(ids);
    await rememberCustomers(ctx, customers);
    const found = new Set(customers.map((customer) => customer.id));
    for (const id of ids) if (!found.has(id)) memo.set(id, now + NOT_FOUND_RETRY_MS);
    result.asked += ids.length;
    result.filled += ids.filter((id) => found.has(id)).length;
    result.notFound += ids.filter((id) => !found.has(id)).length;
    if (ids.length < batchSize) break;
  }
  if (result.asked > 0) ctx.log.info({ ...result }, 'Guest names filled in from Mews');
  return result;
}

const LEASE_NAME = 'guest-directory-fill';
const LEASE_TTL_MS = 5 * 60_000;

/** `fillMissingGuestNames` by one instance at a time (a database lease); false when another holds it. */
export async function fillMissingGuestNamesExclusively(
  ctx: PaymentContext,
): Promise<FillResult | false> {
  const holder = `guest-directory:${randomUUID()}`;
  if (!(await tryAcquireLease(ctx.db, LEASE_NAME, holder, LEASE_TTL_MS))) return false;
  try {
    return await fillMissingGuestNames(ctx);
  } finally {
    await releaseLease(ctx.db, LEASE_NAME, holder).catch(() => undefined);
  }
}
