import 'server-only';
import {
  splitIntoThreeMonthWindows,
  threeMonthsBefore,
  type MewsCustomer,
  type MewsPayment,
  type ReservationSummary,
  type StoredCard,
} from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import type { Locale } from '@/lib/i18n/locales';
import { enterpriseConfiguration } from '@/lib/payments/staff/common';
import { externalPaymentTypeUsage } from '@/lib/payments/staff/external-payment';
import { orderExternalPaymentTypes } from '@/lib/payments/staff/external-types';
import { guestLocaleFor } from '@/lib/payments/email/link-email';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import { findCustomers as cachedCustomers } from '@/lib/db/guest-directory';
import { rememberCustomers, rememberReservations } from './guest-directory';
import { holdsAvailable, listLinks, mailConfigured, type LinkRow } from './links';
import { listPayments, type PaymentRow } from './payments';

/** Customers in the back office: search in Mews, and one customer's cards, payments (ours and Mews') and links. */

export interface CustomerSummary {
  id: string;
  number: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  /** Mews' language code for the customer (e.g. `nl-NL`), when known. */
  languageCode: string | null;
}

function toCustomerSummary(customer: MewsCustomer): CustomerSummary {
  return {
    id: customer.id,
    number: customer.number,
    name: [customer.firstName, customer.lastName].filter(Boolean).join(' '),
    email: customer.email,
    phone: customer.phone,
    languageCode: customer.languageCode ?? null,
  };
}

/** By email when the query has an @, otherwise by last name ("First Last" also narrows by first name). */
export async function searchCustomers(
  ctx: PaymentContext,
  query: string,
): Promise<CustomerSummary[]> {
  const text = query.trim();
  const words = text.split(/\s+/);
  const search = text.includes('@')
    ? { email: text }
    : words.length > 1
      ? { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) }
      : { lastName: text };
  try {
    let found = await ctx.mews.findCustomers(search);
    if (found.length === 0 && words.length > 1 && !text.includes('@')) {
      // "van der Berg": the whole text may be the last name.
      found = await ctx.mews.findCustomers({ lastName: text });
    }
    const shown = found.slice(0, 50);
    await rememberCustomers(ctx, shown);
    return shown.map(toCustomerSummary);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not search customers');
  }
}

export interface StoredCardView {
  id: string;
  brand: string | null;
  obfuscatedNumber: string | null;
  expiration: string | null;
  kind: StoredCard['kind'];
  chargeable: boolean;
}

/** A payment as Mews records it for the customer, whoever took it (this app, the PMS, another integration). */
export interface MewsPaymentRow {
  id: string;
  createdAt: string;
  amountMinor: number;
  currency: string;
  direction: 'incoming' | 'outgoing';
  state: string;
  method: string;
  /** Taken through Mews Checkout (our attempt id is in its notes). */
  viaCheckout: boolean;
}

/** A guest-directory row in the shape of a Mews customer (what the cache keeps; the rest null). */
function cachedCustomerAsMews(row: {
  id: string;
  fullName: string;
  email: string | null;
  languageCode: string | null;
}): MewsCustomer {
  return {
    id: row.id,
    chainId: null,
    number: null,
    firstName: null,
    lastName: row.fullName,
    email: row.email,
    phone: null,
    isActive: true,
    languageCode: row.languageCode,
  };
}

// --- reservations ------------------------------------------------------------------------------

/** A current or upcoming reservation as the front desk sees it (customer page, search, forms). */
export interface ReservationView {
  id: string;
  /** Mews' confirmation number, e.g. `SBX-1001`. */
  number: string | null;
  state: ReservationSummary['state'];
  /** Scheduled arrival and departure (ISO, UTC); shown in the hotel's time zone. */
  startUtc: string;
  endUtc: string;
  /** The assigned room's name; null when none is assigned yet or Mews could not say. */
  room: string | null;
  /**
   * What the guest still owes on it: Mews' order items of the reservation (canceled ones left out)
   * less its charged and pending payments (refunds given back), never below zero. Null when Mews
   * could not say, or when items and payments are in more than one currency.
   */
  due: { amountMinor: number; currency: string } | null;
  /** In house now (checked in, or its dates include now). */
  current: boolean;
}

/** How far ahead "upcoming" reaches: four of Mews' three-month windows. */
export const UPCOMING_HORIZON_MONTHS = 12;

/** States of a reservation a desk may still take money for (not canceled, not checked out). */
const OPEN_STATES = ['inquired', 'requested', 'optional', 'confirmed', 'started'] as const;

function isCurrent(reservation: ReservationSummary, now: Date): boolean {
  if (reservation.state === 'started') return true;
  const start = reservation.scheduledStart?.getTime();
  const end = reservation.scheduledEnd?.getTime();
  return start !== undefined && end !== undefined && start <= now.getTime() && now.getTime() < end;
}

/**
 * The current and upcoming reservations of these customers (`reservations/getAll/2023-06-06` by
 * `AccountIds`): departing from now to `UPCOMING_HORIZON_MONTHS` ahead, in any open state; current
 * first, then soonest first. Mews limits the `ScheduledEndUtc` window to three months, so the
 * horizon is read as consecutive windows. Throws what the client throws.
 */
async function openReservationsOf(
  ctx: PaymentContext,
  customerIds: string[],
): Promise<ReservationSummary[]> {
  if (customerIds.length === 0) return [];
  const now = ctx.now();
  const end = new Date(now);
  end.setUTCMonth(end.getUTCMonth() + UPCOMING_HORIZON_MONTHS);
  const windows = splitIntoThreeMonthWindows({ start: now, end });
  // In parallel: a clerk is waiting, and four reads stay far below the shared rate limit.
  const pages = await Promise.all(
    windows.map((window) =>
      ctx.mews.findReservations({
        accountIds: customerIds,
        scheduledEndBetween: window,
        states: [...OPEN_STATES],
      }),
    ),
  );
  const byId = new Map<string, ReservationSummary>();
  for (const reservation of pages.flat()) byId.set(reservation.id, reservation);
  return sortForDesk([...byId.values()], now);
}

function sortForDesk(reservations: ReservationSummary[], now: Date): ReservationSummary[] {
  return reservations
    .filter((reservation) => reservation.scheduledStart && reservation.scheduledEnd)
    .sort(
      (a, b) =>
        Number(isCurrent(b, now)) - Number(isCurrent(a, now)) ||
        (a.scheduledStart?.getTime() ?? 0) - (b.scheduledStart?.getTime() ?? 0),
    );
}

/** What the guest still owes on one reservation; see `ReservationView.due`. */
function dueOf(
  items: Array<{ amountMinor: number; currency: string; canceled: boolean }>,
  payments: MewsPayment[],
): ReservationView['due'] {
  const charged = items.filter((item) => !item.canceled);
  if (charged.length === 0) return null;
  const currencies = new Set(charged.map((item) => item.currency));
  const counted = payments.filter((payment) => ['charged', 'pending'].includes(payment.state));
  for (const payment of counted) currencies.add(payment.amount.currency);
  const [currency] = [...currencies];
  if (currencies.size !== 1 || !currency) return null;
  const owed = charged.reduce((sum, item) => sum + item.amountMinor, 0);
  const paid = counted.reduce(
    (sum, payment) =>
      sum + (payment.direction === 'incoming' ? 1 : -1) * payment.amount.amountMinor,
    0,
  );
  return { amountMinor: Math.max(0, owed - paid), currency };
}

/**
 * Rooms and what is due for reservations read from Mews (`resources/getAll`, `orderItems/getAll`,
 * `payments/getAll` by `ReservationIds`). Each part may fail on its own: the reservation is still
 * shown, with `room`/`due` null and `problem` saying what is missing. Remembers them in the guest
 * directory (never throws for that).
 */
async function withRoomsAndDue(
  ctx: PaymentContext,
  reservations: ReservationSummary[],
  { due: wantDue }: { due: boolean },
): Promise<{ views: ReservationView[]; problem: string | null }> {
  if (reservations.length === 0) return { views: [], problem: null };
  const ids = reservations.map((reservation) => reservation.id);
  const roomIds = reservations.flatMap((reservation) =>
    reservation.assignedResourceId ? [reservation.assignedResourceId] : [],
  );
  const [rooms, items, payments] = await Promise.allSettled([
    ctx.mews.getResources(roomIds),
    wantDue ? ctx.mews.getOrderItems(ids) : Promise.resolve(null),
    wantDue ? ctx.mews.getPayments({ reservationIds: ids }) : Promise.resolve(null),
  ]);
  const roomName = new Map(
    rooms.status === 'fulfilled' ? rooms.value.map((room) => [room.id, room.name]) : [],
  );
  const dueKnown = items.status === 'fulfilled' && payments.status === 'fulfilled';
  const now = ctx.now();
  const views = reservations.map((reservation): ReservationView => {
    const room = reservation.assignedResourceId
      ? (roomName.get(reservation.assignedResourceId) ?? null)
      : null;
    return {
      id: reservation.id,
      number: reservation.number,
      state: reservation.state,
      startUtc: (reservation.scheduledStart ?? now).toISOString(),
      endUtc: (reservation.scheduledEnd ?? now).toISOString(),
      room,
      due:
        dueKnown && items.value && payments.value
          ? dueOf(
              items.value.filter((item) => item.serviceOrderId === reservation.id),
              payments.value.filter((payment) => payment.reservationId === reservation.id),
            )
          : null,
      current: isCurrent(reservation, now),
    };
  });
  await rememberReservations(
    ctx,
    reservations.map((reservation, index) => ({ ...reservation, room: views[index]?.room })),
  );
  const failed = [
    rooms.status === 'rejected' ? 'rooms' : null,
    wantDue && !dueKnown ? 'what is due' : null,
  ].filter(Boolean);
  for (const result of [rooms, items, payments]) {
    if (result.status === 'rejected') {
      ctx.log.warn(
        { error: paymentErrorFromMews(result.reason).code },
        'Mews could not give a part of the reservations',
      );
    }
  }
  return {
    views,
    problem: failed.length
      ? `Mews did not answer in time for the ${failed.join(' and ')}; they are left out.`
      : null,
  };
}

// --- front-desk search ---------------------------------------------------------------------------

/** One hit of the front-desk search: a customer, with the reservation found or their next one. */
export interface FrontDeskResult {
  customer: CustomerSummary;
  reservation: ReservationView | null;
  /** `reservation`: the query was this reservation's number; `customer`: a name or e-mail. */
  matchedBy: 'reservation' | 'customer';
}

/**
 * What might be a confirmation number: one word with a digit and no @ ("SBX-1001", "1001",
 * "sbx-1001"). Names with digits are rare enough that trying the number first costs one read.
 */
export function looksLikeReservationNumber(text: string): boolean {
  return /^[^\s@]{1,50}$/.test(text) && /\d/.test(text);
}

/** How many customers of a name search get their next reservation looked up. */
const RESERVATIONS_FOR_FIRST = 20;

/**
 * The front desk's one search box: a reservation number finds the reservation and its guest
 * (Mews matches numbers exactly, so it is tried as typed and in capitals); anything else, or a
 * number Mews does not know, searches customers by name or e-mail (`searchCustomers`), each
 * with their current or next reservation when Mews can say. Everything read is remembered in
 * the guest directory. Unknown: `[]`. Mews failing: a typed `PaymentError`.
 */
export async function searchFrontDesk(
  ctx: PaymentContext,
  query: string,
): Promise<FrontDeskResult[]> {
  const text = query.trim();
  if (looksLikeReservationNumber(text)) {
    let reservations: ReservationSummary[];
    try {
      reservations = await ctx.mews.findReservations({
        numbers: [...new Set([text, text.toUpperCase()])],
      });
    } catch (error) {
      throw paymentErrorFromMews(error, 'Mews could not search reservations');
    }
    const owned = reservations.filter((reservation) => reservation.accountType !== 'company');
    if (owned.length > 0) return reservationHits(ctx, owned);
    if (!/[a-z]/i.test(text)) return [];
  }
  const customers = await searchCustomers(ctx, text);
  if (customers.length === 0) return [];
  const next = new Map<string, ReservationView>();
  try {
    const open = await openReservationsOf(
      ctx,
      customers.slice(0, RESERVATIONS_FOR_FIRST).map((customer) => customer.id),
    );
    const { views } = await withRoomsAndDue(ctx, open, { due: false });
    for (const [index, view] of views.entries()) {
      const owner = open[index]?.accountId;
      if (owner && !next.has(owner)) next.set(owner, view);
    }
  } catch (error) {
    // The customers are what was asked for; their reservations are a help, not a must.
    ctx.log.warn(
      { error: paymentErrorFromMews(error).code },
      'Mews could not give the reservations of customers found',
    );
  }
  return customers.map((customer) => ({
    customer,
    reservation: next.get(customer.id) ?? null,
    matchedBy: 'customer' as const,
  }));
}

async function reservationHits(
  ctx: PaymentContext,
  reservations: ReservationSummary[],
): Promise<FrontDeskResult[]> {
  const sorted = sortForDesk(reservations, ctx.now());
  let customers: MewsCustomer[];
  try {
    customers = await ctx.mews.getCustomersByIds([
      ...new Set(sorted.map((reservation) => reservation.accountId)),
    ]);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not load the guest of the reservation');
  }
  await rememberCustomers(ctx, customers);
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const { views } = await withRoomsAndDue(ctx, sorted, { due: false });
  return sorted.flatMap((reservation, index) => {
    const customer = byId.get(reservation.accountId);
    const view = views[index];
    return customer && view
      ? [
          {
            customer: toCustomerSummary(customer),
            reservation: view,
            matchedBy: 'reservation' as const,
          },
        ]
      : [];
  });
}

export interface CustomerDetail {
  customer: CustomerSummary;
  /**
   * Set when Mews could not give the customer and the page shows what the guest directory
   * remembers of them instead (name, e-mail): says so, in words for the desk.
   */
  customerError: string | null;
  /** Current and upcoming reservations, current first then soonest first. */
  reservations: ReservationView[];
  /** Why the reservations (or their rooms or dues) are missing or incomplete, if they are. */
  reservationsError: string | null;
  /** The hotel's IANA time zone, for the stays' dates. */
  timeZone: string;
  cards: StoredCardView[];
  cardsError: string | null;
  payments: PaymentRow[];
  /** Everything Mews has for the customer in the last three months (the filter's longest window). */
  mewsPayments: MewsPaymentRow[];
  mewsPaymentsError: string | null;
  links: LinkRow[];
  currencies: string[];
  defaultCurrency: string | null;
  externalPaymentTypes: string[];
  cardStorage: { merchantId: string } | null;
  /**
   * What the link form's "E-mail the link to the guest" starts with: whether e-mail is set up at
   * all (SMTP_URL), the customer's address and their language as the e-mails speak it (the
   * customer's Mews language, else the hotel's default language).
   */
  linkEmail: { mailConfigured: boolean; email: string | null; locale: Locale };
  /** Whether the link form may ask for a hold on the card instead of a payment (GUEST_HOLDS=on). */
  holdsAvailable: boolean;
}

export async function customerDetail(
  ctx: PaymentContext,
  customerId: string,
): Promise<CustomerDetail> {
  let customer: MewsCustomer | null;
  let customerError: string | null = null;
  try {
    customer = await ctx.mews.getCustomer(customerId);
    await rememberCustomers(ctx, [customer]);
  } catch (error) {
    const failure = paymentErrorFromMews(error, 'Mews could not load the customer');
    // Mews slow or down: the desk still sees who it is from the guest directory, and says so.
    const [cached] =
      failure.code === 'mews_unavailable' ? await cachedCustomers(ctx.db, [customerId]) : [];
    if (!cached) throw failure;
    customer = cachedCustomerAsMews(cached);
    customerError = `Mews is not answering, so this shows what we last read of the guest (${cached.refreshedAt.toISOString().slice(0, 10)}). ${failure.message}`;
  }
  if (!customer) throw new PaymentError('customer_not_found', 'Mews has no customer with that id');
  const configuration = await enterpriseConfiguration(ctx);
  let reservations: ReservationView[] = [];
  let reservationsError: string | null = null;
  try {
    const found = await withRoomsAndDue(ctx, await openReservationsOf(ctx, [customerId]), {
      due: true,
    });
    reservations = found.views;
    reservationsError = found.problem;
  } catch (error) {
    reservationsError = `Mews could not list the reservations: ${paymentErrorFromMews(error).message}`;
  }
  let cards: StoredCardView[] = [];
  let cardsError: string | null = null;
  try {
    cards = (await ctx.mews.listCreditCards(customerId))
      .filter((card) => card.isActive)
      .map((card) => ({
        id: card.id,
        brand: card.brand,
        obfuscatedNumber: card.obfuscatedNumber,
        expiration: card.expiration
          ? `${String(card.expiration.month).padStart(2, '0')}/${card.expiration.year}`
          : null,
        kind: card.kind,
        chargeable: card.chargeable,
      }));
  } catch (error) {
    cardsError = paymentErrorFromMews(error).message;
  }
  let mewsPayments: MewsPaymentRow[] = [];
  let mewsPaymentsError: string | null = null;
  try {
    const end = new Date(ctx.now().getTime() + 60_000);
    // Three months as Mews counts them: a fixed 90 days is longer than that from 2 to 29 May.
    const start = threeMonthsBefore(end);
    mewsPayments = (
      await ctx.mews.getPayments({ accountIds: [customerId], createdBetween: { start, end } })
    )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((payment) => ({
        id: payment.id,
        createdAt: payment.createdAt.toISOString(),
        amountMinor: payment.amount.amountMinor,
        currency: payment.amount.currency,
        direction: payment.direction,
        state: payment.state,
        method: payment.alternativeMethod ?? payment.externalType ?? payment.method,
        viaCheckout: payment.attemptId !== null,
      }));
  } catch (error) {
    mewsPaymentsError = paymentErrorFromMews(error).message;
  }
  const identity = await getPropertyIdentity(ctx, configuration.enterprise.name);
  return {
    customer: toCustomerSummary(customer),
    customerError,
    reservations,
    reservationsError,
    timeZone: configuration.enterprise.timeZone,
    cards,
    cardsError,
    payments: await listPayments(ctx, { customerId, q: undefined }, 100),
    mewsPayments,
    mewsPaymentsError,
    links: await listLinks(ctx, { customerId }),
    currencies: configuration.currencies.enabled,
    defaultCurrency: configuration.currencies.default,
    // The desk's most used type lately first: the external form starts on it (helper C).
    externalPaymentTypes: orderExternalPaymentTypes(
      configuration.enabledExternalPaymentTypes,
      await externalPaymentTypeUsage(ctx),
    ),
    cardStorage: configuration.cardStorage
      ? { merchantId: configuration.cardStorage.publicKey }
      : null,
    linkEmail: {
      mailConfigured: mailConfigured(),
      email: customer.email,
      locale: guestLocaleFor(customer.languageCode ?? null, identity.defaultLocale),
    },
    holdsAvailable: holdsAvailable(),
  };
}
