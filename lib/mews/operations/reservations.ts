import 'server-only';
import { mapAmountDue, mapPayment, mapReservation } from '../mappers';
import { billResultSchema, paymentResultSchema, reservationResultSchema } from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { AmountDue, Money, MewsPayment, ReservationDeposits } from '../types';
import { fetchAllPages, mapResponse, type MewsContext } from './context';
import { assertId } from './validate';

/** Net money received per currency from charged payments: incoming minus outgoing. */
export function chargedTotals(payments: readonly MewsPayment[]): Money[] {
  const totals = new Map<string, number>();
  for (const payment of payments) {
    if (payment.state !== 'charged') continue;
    const signed =
      payment.direction === 'incoming' ? payment.amount.amountMinor : -payment.amount.amountMinor;
    totals.set(payment.amount.currency, (totals.get(payment.amount.currency) ?? 0) + signed);
  }
  return [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/** Per currency due: due minus charged, floored at zero. */
export function outstandingAmounts(
  amountsDue: readonly AmountDue[],
  charged: readonly Money[],
): Money[] {
  const due = new Map<string, number>();
  for (const item of amountsDue)
    due.set(item.amount.currency, (due.get(item.amount.currency) ?? 0) + item.amount.amountMinor);
  return [...due].map(([currency, amountMinor]) => ({
    currency,
    amountMinor: Math.max(
      0,
      amountMinor - (charged.find((total) => total.currency === currency)?.amountMinor ?? 0),
    ),
  }));
}

/**
 * What a reservation owes up front and what was paid against it:
 * - the reservation (`reservations/getAll/2023-06-06`): owner account, state, dates;
 * - the amounts due: open revenue items of this reservation (`OrderId`) on the owner's open bills
 *   (`bills/getAll` with the deprecated `Extent.Items`, the one read that returns bill items
 *   together with their bill; `orderItems/getAll` is its successor);
 * - the payments linked to the reservation (`payments/getAll` with `ReservationIds`);
 * - net charged totals and what is still outstanding per currency.
 * Read-only. Returns `reservation: null` (and nothing else) when Mews does not know the id.
 */
export async function getReservationDeposits(
  context: MewsContext,
  reservationId: string,
  options: MewsCallOptions = {},
): Promise<ReservationDeposits> {
  assertId(reservationId, 'reservationId', 'reservations/getAll/2023-06-06');
  const enterpriseIds = context.enterpriseId ? [context.enterpriseId] : undefined;
  const configuration = await context.configuration(options);
  const reservations = await fetchAllPages(
    context,
    'reservations/getAll/2023-06-06',
    { ReservationIds: [reservationId], EnterpriseIds: enterpriseIds },
    reservationResultSchema,
    (page) => page.Reservations,
    options,
  );
  const wireReservation = reservations.find((candidate) => candidate.Id === reservationId);
  if (!wireReservation) {
    return { reservation: null, amountsDue: [], payments: [], chargedTotals: [], outstanding: [] };
  }
  const reservation = mapResponse('reservations/getAll/2023-06-06', () =>
    mapReservation(wireReservation),
  );

  const bills = await fetchAllPages(
    context,
    'bills/getAll',
    {
      CustomerIds: [reservation.accountId],
      State: 'Open',
      Extent: { Items: true },
      EnterpriseIds: enterpriseIds,
    },
    billResultSchema,
    (page) => page.Bills,
    options,
  );
  const amountsDue = mapResponse('bills/getAll', () =>
    bills.flatMap((bill) =>
      (bill.Revenue ?? [])
        .filter((item) => item.OrderId === reservationId && (item.State ?? 'Open') === 'Open')
        .map((item) => mapAmountDue(item, bill.Id, configuration.pricing))
        .filter((item): item is AmountDue => item !== null),
    ),
  );

  const wirePayments = await fetchAllPages(
    context,
    'payments/getAll',
    { ReservationIds: [reservationId], EnterpriseIds: enterpriseIds },
    paymentResultSchema,
    (page) => page.Payments,
    options,
  );
  const payments = mapResponse('payments/getAll', () =>
    wirePayments.map((payment) => mapPayment(payment, configuration.pricing)),
  );
  const charged = chargedTotals(payments);
  return {
    reservation,
    amountsDue,
    payments,
    chargedTotals: charged,
    outstanding: outstandingAmounts(amountsDue, charged),
  };
}
