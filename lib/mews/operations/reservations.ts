import 'server-only';
import { MewsRequestError } from '../errors';
import { mapOrderItem, mapReservation, mapResource } from '../mappers';
import {
  orderItemResultSchema,
  reservationResultSchema,
  resourceResultSchema,
  type WireOrderItem,
  type WireResource,
} from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { MewsOrderItem, MewsResource, ReservationQuery, ReservationSummary } from '../types';
import type { WirePayload } from '../wire-types';
import { chunk, fetchAllPages, mapResponse, uniqueById, type MewsContext } from './context';
import { assertId, assertIds, windowToWire } from './validate';

/**
 * One reservation (`reservations/getAll/2023-06-06`, the current version; the 2017-04-12 one is
 * deprecated): its owner account, confirmation number, state and dates, which is all a deposit
 * link needs. `null` when Mews does not know the id in scope of the token. Read-only.
 *
 * What a reservation owes is not read here: the bill items that used to give it
 * (`bills/getAll` with `Extent.Items`) were discontinued on 2025-01-10, and the app takes the
 * amount from the person who makes the link.
 */
export async function getReservation(
  context: MewsContext,
  reservationId: string,
  options: MewsCallOptions = {},
): Promise<ReservationSummary | null> {
  const operation = 'reservations/getAll/2023-06-06';
  assertId(reservationId, 'reservationId', operation);
  const reservations = await fetchAllPages(
    context,
    operation,
    {
      ReservationIds: [reservationId],
      EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
    },
    reservationResultSchema,
    (page) => page.Reservations,
    options,
  );
  const wire = reservations.find((candidate) => candidate.Id === reservationId);
  return wire ? mapResponse(operation, () => mapReservation(wire)) : null;
}

const RESERVATION_STATES_TO_WIRE = {
  inquired: 'Inquired',
  requested: 'Requested',
  optional: 'Optional',
  confirmed: 'Confirmed',
  started: 'Started',
  processed: 'Processed',
  canceled: 'Canceled',
} as const;

/** Mews takes at most 1000 numbers or account ids a request (the spec's `maxItems`). */
const MAX_IDS = 1000;

/**
 * Reservations by confirmation number and/or owner (`reservations/getAll/2023-06-06`), optionally
 * only those ending in a window (at most three months: Mews' interval limit) and in some states.
 * At least one of `numbers` and `accountIds` is required, so a read never lists the whole hotel;
 * an empty list matches nothing (no request is sent). Numbers are matched exactly as Mews stores
 * them. Read-only.
 */
export async function findReservations(
  context: MewsContext,
  query: ReservationQuery,
  options: MewsCallOptions = {},
): Promise<ReservationSummary[]> {
  const operation = 'reservations/getAll/2023-06-06';
  const { numbers, accountIds, scheduledEndBetween, states } = query;
  if (numbers === undefined && accountIds === undefined) {
    throw new MewsRequestError(
      'invalid-filter',
      'findReservations needs confirmation numbers or account ids',
      operation,
    );
  }
  if (numbers?.length === 0 || accountIds?.length === 0 || states?.length === 0) return [];
  if (numbers?.some((number) => number.trim() === '' || number.length > 100)) {
    throw new MewsRequestError(
      'invalid-filter',
      'A reservation number is 1 to 100 characters',
      operation,
    );
  }
  assertIds(accountIds ?? [], 'accountIds', operation);
  if ((numbers?.length ?? 0) > MAX_IDS || (accountIds?.length ?? 0) > MAX_IDS) {
    throw new MewsRequestError(
      'invalid-filter',
      `At most ${MAX_IDS} numbers or account ids`,
      operation,
    );
  }
  const filter: Omit<WirePayload<typeof operation>, 'Limitation'> = {
    EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
    Numbers: numbers ? [...new Set(numbers)] : undefined,
    AccountIds: accountIds ? [...new Set(accountIds)] : undefined,
    ScheduledEndUtc: scheduledEndBetween
      ? windowToWire(scheduledEndBetween, 'scheduledEndBetween', operation)
      : undefined,
    States: states
      ? [...new Set(states)].map((state) => RESERVATION_STATES_TO_WIRE[state])
      : undefined,
  };
  const reservations = await fetchAllPages(
    context,
    operation,
    filter,
    reservationResultSchema,
    (page) => page.Reservations,
    options,
  );
  return mapResponse(operation, () => uniqueById(reservations.map(mapReservation)));
}

/**
 * Rooms (and other resources) by id (`resources/getAll`, `Extent.Resources`; inactive ones too,
 * as an old reservation may point at a room since retired). Unknown ids are simply missing.
 * Read-only; the answer changes rarely, so callers may cache it.
 */
export async function getResources(
  context: MewsContext,
  resourceIds: string[],
  options: MewsCallOptions = {},
): Promise<MewsResource[]> {
  const operation = 'resources/getAll';
  const ids = [...new Set(resourceIds)];
  if (ids.length === 0) return [];
  assertIds(ids, 'resourceIds', operation);
  const resources: WireResource[] = [];
  for (const part of chunk(ids, MAX_IDS)) {
    resources.push(
      ...(await fetchAllPages(
        context,
        operation,
        {
          EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
          ResourceIds: part,
          Extent: { Resources: true, Inactive: true },
        },
        resourceResultSchema,
        (page) => page.Resources ?? [],
        options,
      )),
    );
  }
  return mapResponse(operation, () => uniqueById(resources.map(mapResource)));
}

/**
 * The order items (nights, products, deposits, rebates…) of service orders such as reservations
 * (`orderItems/getAll` with `ServiceOrderIds`): what a reservation costs, since the Reservation
 * object carries no amounts and bills' embedded items were discontinued. Amounts are signed
 * (rebates negative), gross or net by the enterprise's pricing. Read-only.
 */
export async function getOrderItems(
  context: MewsContext,
  serviceOrderIds: string[],
  options: MewsCallOptions = {},
): Promise<MewsOrderItem[]> {
  const operation = 'orderItems/getAll';
  const ids = [...new Set(serviceOrderIds)];
  if (ids.length === 0) return [];
  assertIds(ids, 'serviceOrderIds', operation);
  const configuration = await context.configuration(options);
  const items: WireOrderItem[] = [];
  for (const part of chunk(ids, MAX_IDS)) {
    items.push(
      ...(await fetchAllPages(
        context,
        operation,
        {
          EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
          ServiceOrderIds: part,
        },
        orderItemResultSchema,
        (page) => page.OrderItems,
        options,
      )),
    );
  }
  return mapResponse(operation, () =>
    uniqueById(items.map((item) => mapOrderItem(item, configuration.pricing))),
  );
}
