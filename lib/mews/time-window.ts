/**
 * Mews' three-month limit on filter intervals (`x-max-interval-in-months: 3`), counted the way
 * Mews counts it: .NET `DateTime.AddMonths`, which keeps the time of day and clamps the day to
 * the last day of the target month (31 May + 3 months = 31 August; 30 November + 3 months =
 * 28 or 29 February). A fixed number of days is wrong in some month or other: 90 days back
 * from any day between 2 and 29 May of a non-leap year is more than three months.
 */

/** Mews' longest filter interval, in calendar months. */
export const MAX_INTERVAL_MONTHS = 3;

function daysInUtcMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** .NET `AddMonths` on a UTC instant: same time of day, day clamped to the target month. */
export function addUtcMonths(date: Date, months: number): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  if (!Number.isInteger(months)) throw new RangeError('months must be an integer');
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInUtcMonth(year, monthIndex));
  const result = new Date(date.getTime());
  // Day first, so setting the month never overflows into the month after.
  result.setUTCDate(1);
  result.setUTCFullYear(year, monthIndex, day);
  return result;
}

/** The latest end Mews accepts for an interval starting at `start`. */
export function threeMonthsAfter(start: Date): Date {
  return addUtcMonths(start, MAX_INTERVAL_MONTHS);
}

/**
 * The earliest start Mews accepts for an interval ending at `end`: the earliest `start` with
 * `threeMonthsAfter(start) >= end`. Usually `AddMonths(end, -3)`; but when that clamps the day
 * (31 May → 28 February, and 28 February + 3 months is only 28 May), the interval would be refused,
 * so the start moves to the first instant of the following month (1 March).
 */
export function threeMonthsBefore(end: Date): Date {
  const candidate = addUtcMonths(end, -MAX_INTERVAL_MONTHS);
  if (threeMonthsAfter(candidate).getTime() >= end.getTime()) return candidate;
  return new Date(Date.UTC(candidate.getUTCFullYear(), candidate.getUTCMonth() + 1, 1));
}

/** Whether Mews accepts `[start, end)` as a filter interval: not reversed, at most three months. */
export function isWithinThreeMonths(window: { start: Date; end: Date }): boolean {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return false;
  return end <= threeMonthsAfter(window.start).getTime();
}

/**
 * Splits `[start, end)` into consecutive intervals Mews accepts (each at most three months), for
 * reads that need a longer span. Oldest first; an empty window gives one empty interval.
 */
export function splitIntoThreeMonthWindows(window: {
  start: Date;
  end: Date;
}): Array<{ start: Date; end: Date }> {
  const parts: Array<{ start: Date; end: Date }> = [];
  let start = window.start;
  do {
    const limit = threeMonthsAfter(start);
    const end = limit.getTime() < window.end.getTime() ? limit : window.end;
    parts.push({ start, end });
    start = end;
  } while (start.getTime() < window.end.getTime());
  return parts;
}
