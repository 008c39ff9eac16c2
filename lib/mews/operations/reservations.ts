import 'server-only';
import { mapReservation } from '../mappers';
import { reservationResultSchema } from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { ReservationSummary } from '../types';
import { fetchAllPages, mapResponse, type MewsContext } from './context';
import { assertId } from './validate';

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
