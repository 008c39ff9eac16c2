import 'server-only';
import { isIPv6 } from 'node:net';
import { consumeRateLimit, type RateLimitRule } from '@/lib/db/rate-limits';
import { clientAddressFromHeaders } from '@/lib/server/request';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';

/**
 * Per-address limits on what anonymous guests can make us do. Counted in the database
 * (`lib/db/rate-limits`), so every app instance on one PostgreSQL shares the count.
 *
 * - `page`: the pay page, its return page and the status poll, one shared count. A guest's
 *   page polls the status every 2 s at first, backing off to 15 s, for at most 3 minutes a round:
 *   about 16 requests, and even a poll every 2 s without any back-off is 150 in 5 minutes. 300 per
 *   5 minutes leaves room for several guests behind one hotel or mobile-carrier address, and still
 *   stops a script from turning every request into a database and Mews read (about 1 a second).
 * - `action`: the payment server actions, each of which writes to the ledger and calls Mews. A guest
 *   needs a handful; 60 per 5 minutes covers a lobby full of them. Declined cards are limited
 *   separately and much harder (per link and per address per hour, in guest-checkout).
 */
export const GUEST_RATE_LIMITS = {
  page: { bucket: 'guest-page', limit: 300, windowMs: 5 * 60_000 },
  action: { bucket: 'guest-action', limit: 60, windowMs: 5 * 60_000 },
} as const satisfies Record<string, Omit<RateLimitRule, 'key'>>;

export type GuestRateLimitKind = keyof typeof GUEST_RATE_LIMITS;

export type GuestRateLimitDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The key an address is counted under. IPv6 by its /64 prefix: one subscriber usually gets a
 * whole /64 and could otherwise start afresh with every address in it. Callers without a usable
 * address (no proxy header, or a malformed one) share one key: real browsers always have one, and
 * sending a malformed header must not be a way around the limit.
 */
export function guestRateLimitKeyOf(clientAddress: string | null): string {
  if (!clientAddress) return 'unknown';
  if (!isIPv6(clientAddress)) return clientAddress;
  const [head = '', tail = ''] = clientAddress.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = clientAddress.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Counts one request of `kind` from this address and says whether it may go ahead. */
export async function consumeGuestRateLimit(
  ctx: Pick<PaymentContext, 'db' | 'log'>,
  kind: GuestRateLimitKind,
  clientAddress: string | null,
): Promise<GuestRateLimitDecision> {
  try {
    const decision = await consumeRateLimit(ctx.db, {
      ...GUEST_RATE_LIMITS[kind],
      key: guestRateLimitKeyOf(clientAddress),
    });
    if (decision.allowed) return decision;
    ctx.log.warn({ rateLimit: kind, clientAddress }, 'Guest rate limit reached');
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
    };
  } catch (error) {
    // The limit protects the service; it must not become the reason it is down. If the count
    // cannot be read, the request goes on (and meets the same database problem on its own).
    ctx.log.error({ err: error, rateLimit: kind }, 'Guest rate limit could not be checked');
    return { allowed: true };
  }
}

/** For the pay pages and the status route: this request's address, counted in the `page` bucket. */
export async function consumeGuestPageRateLimit(): Promise<GuestRateLimitDecision> {
  return consumeGuestRateLimit(await getPaymentContext(), 'page', await clientAddressFromHeaders());
}

/**
 * The error a rate-limited guest action answers with. `too_many_attempts` (HTTP 429) is the
 * closest existing code; `fieldErrors.retryAfterSeconds` tells the page how long to ask the guest
 * to wait, which is how it tells this apart from the hourly declined-card limit.
 */
export function guestRateLimitError(retryAfterSeconds: number): PaymentError {
  return new PaymentError(
    'too_many_attempts',
    `Too many requests from your network. Please try again in ${retryAfterSeconds} seconds.`,
    { userVisible: true, fieldErrors: { retryAfterSeconds: [String(retryAfterSeconds)] } },
  );
}

/** For the guest server actions: counts the call and throws `guestRateLimitError` when over. */
export async function enforceGuestRateLimitForAction(
  ctx: PaymentContext,
  clientAddress: string | null,
): Promise<void> {
  const decision = await consumeGuestRateLimit(ctx, 'action', clientAddress);
  if (!decision.allowed) throw guestRateLimitError(decision.retryAfterSeconds);
}
