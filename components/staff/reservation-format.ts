import type { ReservationView } from '@/lib/payments/back-office/customers';

/** How the front desk says a reservation's state (Mews' words are the PMS's, not the desk's). */
export const RESERVATION_STATE_LABEL: Record<ReservationView['state'], string> = {
  inquired: 'Enquiry',
  requested: 'Requested',
  optional: 'Provisional',
  confirmed: 'Confirmed',
  started: 'In house',
  processed: 'Checked out',
  canceled: 'Canceled',
  unknown: 'Unknown',
};

/**
 * "12 Mar – 15 Mar 2027" in the hotel's time zone (a stay's dates are the hotel's, not the
 * browser's: a late arrival in London is still that day when the clerk's tablet says otherwise).
 */
export function stayDates(
  reservation: Pick<ReservationView, 'startUtc' | 'endUtc'>,
  timeZone?: string,
): string {
  const format = (iso: string, withYear: boolean) => {
    try {
      return new Date(iso).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: withYear ? 'numeric' : undefined,
        timeZone,
      });
    } catch {
      return new Date(iso).toLocaleDateString('en-GB');
    }
  };
  return `${format(reservation.startUtc, false)} – ${format(reservation.endUtc, true)}`;
}
