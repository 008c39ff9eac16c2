import 'server-only';
import { listHoldRequests, patchRequestRow, type HoldRow } from '@/lib/db/payment-requests';
import type { MewsPreauthorization } from '@/lib/mews';
import { pickHold } from '@/lib/payments/checkout/requests';
import type { PaymentContext } from '@/lib/server/context';
import { paymentErrorFromMews } from '@/lib/server/errors';

/**
 * The staff holds page: every hold a link asked for (a Mews payment request of type
 * `Preauthorization`), with the state of its preauthorization read live from Mews.
 *
 * Mews documents no expiry for holds placed through the API (mews-payments-checkout.md §3.4): a
 * hold made in Mews Operations lasts 7 days by default, at most 28, and the card processor may end
 * it sooner. So the expiry shown is an estimate, 7 days after placing. Capturing and releasing a
 * hold are not in the Connector API (§3.3): staff do both in Mews Operations.
 */

/** Mews' default lifetime of a hold (Mews Operations; API holds are not documented). */
export const HOLD_ESTIMATED_LIFETIME_MS = 7 * 86_400_000;
/** Less than this left before the estimated expiry: "Expires soon". */
export const HOLD_EXPIRES_SOON_MS = 48 * 3_600_000;
/** A hold state read back more recently than this is not written again (the page refreshes). */
const REWRITE_AFTER_MS = 5 * 60_000;
/** `preauthorizations/getAllByCustomers` takes at most this many customers per call. */
const MAX_CUSTOMERS_PER_READ = 1000;

/** The request's state in the clerk's words. */
export type HoldRequestState = 'asked' | 'placed' | 'canceled' | 'expired';
export interface HoldView {
  /** Our request row's id. */
  id: string;
  paymentLinkId: string;
  guestName: string | null;
  reservationNumber: string | null;
  description: string;
  amountMinor: number;
  currency: string;
  requestedAt: string;
  state: HoldRequestState;
  mewsRequestId: string | null;
  /** Mews' preauthorization state (`chargeable`, `charged`, ...), null when no hold was found. */
  preauthorizationState: string | null;
  preauthorizationId: string | null;
  /** Whether the state was read from Mews for this page; else it is the last known one. */
  live: boolean;
  /** When the state was last read from Mews (ISO), for "as of …". */
  stateReadAt: string | null;
  placedAt: string | null;
  /** placedAt + 7 days: an estimate (see above). */
  estimatedExpiry: string | null;
  /** `expires-soon`: under 48 hours left; `expired`: past the estimate, or Mews says Expired. */
  expiry: 'expires-soon' | 'expired' | null;
}

export interface HoldsOverview {
  holds: HoldView[];
  /** Why Mews could not be read (the states shown are then the last known ones). */
  mewsError: string | null;
  readAt: string;
}

function requestState(row: HoldRow): HoldRequestState {
  switch (row.state) {
    case 'completed':
      return 'placed';
    case 'canceled':
      return 'canceled';
    case 'expired':
      return 'expired';
    default:
      return 'asked';
  }
}

/** States in which a hold still holds money and so can run out. */
const OPEN_HOLD_STATES = new Set(['chargeable', 'pending']);

export function holdExpiry(
  placedAt: Date | null,
  preauthorizationState: string | null,
  now: Date,
): { estimatedExpiry: Date | null; expiry: HoldView['expiry'] } {
  if (!placedAt) return { estimatedExpiry: null, expiry: null };
  const estimatedExpiry = new Date(placedAt.getTime() + HOLD_ESTIMATED_LIFETIME_MS);
  if (preauthorizationState === 'expired') return { estimatedExpiry, expiry: 'expired' };
  // Charged, released or failed: nothing left to run out.
  if (preauthorizationState !== null && !OPEN_HOLD_STATES.has(preauthorizationState))
    return { estimatedExpiry, expiry: null };
  const left = estimatedExpiry.getTime() - now.getTime();
  if (left <= 0) return { estimatedExpiry, expiry: 'expired' };
  if (left < HOLD_EXPIRES_SOON_MS) return { estimatedExpiry, expiry: 'expires-soon' };
  return { estimatedExpiry, expiry: null };
}

/** The hold a placed request made: followed by its id once known, else matched (`pickHold`). */
function matchHold(
  row: HoldRow,
  holds: MewsPreauthorization[],
  taken: Set<string>,
): MewsPreauthorization | undefined {
  if (row.preauthorizationId) return holds.find((hold) => hold.id === row.preauthorizationId);
  return pickHold(holds, row, taken);
}

/**
 * Every hold request, newest first, with the Mews preauthorization state read live for the
 * customers of the placed holds on the page (one `preauthorizations/getAllByCustomers` call for
 * up to 1000 customers). What is read is written back to the request row, so the reconciler and
 * the next view see it; when Mews cannot be read, the last known state is shown with its time.
 */
export async function holdsOverview(ctx: PaymentContext, limit = 500): Promise<HoldsOverview> {
  const now = ctx.now();
  const rows = await listHoldRequests(ctx.db, limit);
  const placed = rows.filter((row) => row.state === 'completed');
  const customerIds = [...new Set(placed.map((row) => row.mewsCustomerId))].slice(
    0,
    MAX_CUSTOMERS_PER_READ,
  );
  let holds: MewsPreauthorization[] | null = null;
  let mewsError: string | null = null;
  if (customerIds.length > 0) {
    try {
      holds = await ctx.mews.getPreauthorizations(customerIds);
    } catch (error) {
      mewsError = paymentErrorFromMews(error, 'Mews could not list the holds').message;
      ctx.log.warn({ err: error }, 'Holds page: preauthorizations could not be read');
    }
  }

  const readCustomers = new Set(customerIds);
  // Holds already followed by a row are not matched to another one.
  const taken = new Set(
    rows.flatMap((row) => (row.preauthorizationId ? [row.preauthorizationId] : [])),
  );
  const views: HoldView[] = [];
  for (const row of rows) {
    let current = row;
    let live = false;
    if (holds && row.state === 'completed' && readCustomers.has(row.mewsCustomerId)) {
      const hold = matchHold(row, holds, taken);
      if (hold) {
        taken.add(hold.id);
        live = true;
        const changed =
          hold.id !== row.preauthorizationId || hold.state !== row.preauthorizationState;
        const stale =
          !row.lastReadAt || now.getTime() - row.lastReadAt.getTime() > REWRITE_AFTER_MS;
        if (changed || stale) {
          const patched = await patchRequestRow(ctx.db, row.id, {
            preauthorizationId: hold.id,
            preauthorizationState: hold.state,
            holdPlacedAt: row.holdPlacedAt ?? now,
            lastReadAt: now,
          });
          if (patched) current = { ...row, ...patched };
        }
        current = {
          ...current,
          preauthorizationId: hold.id,
          preauthorizationState: hold.state,
          holdPlacedAt: current.holdPlacedAt ?? now,
          lastReadAt: current.lastReadAt ?? now,
        };
      }
    }
    views.push(toHoldView(current, live, now));
  }
  return { holds: views, mewsError, readAt: now.toISOString() };
}

function toHoldView(row: HoldRow, live: boolean, now: Date): HoldView {
  const { estimatedExpiry, expiry } = holdExpiry(row.holdPlacedAt, row.preauthorizationState, now);
  return {
    id: row.id,
    paymentLinkId: row.paymentLinkId,
    guestName: row.guestName,
    reservationNumber: row.reservationNumber,
    description: row.linkDescription,
    amountMinor: row.amountMinor,
    currency: row.currency.trim(),
    requestedAt: row.createdAt.toISOString(),
    state: requestState(row),
    mewsRequestId: row.mewsRequestId,
    preauthorizationState: row.preauthorizationState,
    preauthorizationId: row.preauthorizationId,
    live,
    stateReadAt: live ? now.toISOString() : (row.lastReadAt?.toISOString() ?? null),
    placedAt: row.holdPlacedAt?.toISOString() ?? null,
    estimatedExpiry: estimatedExpiry?.toISOString() ?? null,
    expiry,
  };
}
