import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isWithinThreeMonths,
  splitIntoThreeMonthWindows,
  threeMonthsAfter,
  threeMonthsBefore,
} from '@/lib/mews';
import { windowToWire } from '@/lib/mews/operations/validate';

/** .NET `DateTime.AddMonths(3)` written out the long way, as the oracle. */
function dotNetAddThreeMonths(date: Date): Date {
  const month = date.getUTCMonth() + 3;
  const year = date.getUTCFullYear() + Math.floor(month / 12);
  const targetMonth = month % 12;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][targetMonth] as number;
  const msIntoDay = date.getTime() % 86_400_000;
  return new Date(Date.UTC(year, targetMonth, Math.min(date.getUTCDate(), days)) + msIntoDay);
}

const YEARS = [2023, 2024, 2025, 2026, 2028, 2100, 2000];

function everyDayOf(year: number): Date[] {
  const days: Date[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    days.push(new Date(t + 13 * 3_600_000 + 7 * 60_000 + 123));
  }
  return days;
}

describe('threeMonthsAfter: .NET AddMonths(3)', () => {
  it('keeps the time of day and clamps the day to the target month, every day of leap and common years', () => {
    for (const year of YEARS) {
      for (const day of everyDayOf(year)) {
        expect(threeMonthsAfter(day).toISOString()).toBe(dotNetAddThreeMonths(day).toISOString());
      }
    }
  });

  it('clamps at month ends the way Mews counts', () => {
    expect(threeMonthsAfter(new Date('2025-11-30T10:00:00Z')).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(threeMonthsAfter(new Date('2023-11-30T10:00:00Z')).toISOString()).toBe(
      '2024-02-29T10:00:00.000Z',
    );
    expect(threeMonthsAfter(new Date('2025-05-31T00:00:00Z')).toISOString()).toBe(
      '2025-08-31T00:00:00.000Z',
    );
    expect(threeMonthsAfter(new Date('2025-03-31T00:00:00Z')).toISOString()).toBe(
      '2025-06-30T00:00:00.000Z',
    );
    expect(threeMonthsAfter(new Date('2025-10-15T00:00:00Z')).toISOString()).toBe(
      '2026-01-15T00:00:00.000Z',
    );
  });
});

describe('threeMonthsBefore: the earliest start Mews accepts', () => {
  it('gives a window Mews accepts that cannot start a millisecond earlier, every day of leap and common years', () => {
    for (const year of YEARS) {
      for (const end of everyDayOf(year)) {
        const start = threeMonthsBefore(end);
        expect(dotNetAddThreeMonths(start).getTime()).toBeGreaterThanOrEqual(end.getTime());
        expect(dotNetAddThreeMonths(new Date(start.getTime() - 1)).getTime()).toBeLessThan(
          end.getTime(),
        );
      }
    }
  });

  it('holds for any instant (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z') }),
        (end) => {
          if (Number.isNaN(end.getTime())) return;
          const start = threeMonthsBefore(end);
          expect(isWithinThreeMonths({ start, end })).toBe(true);
          expect(isWithinThreeMonths({ start: new Date(start.getTime() - 1), end })).toBe(false);
          expect(() =>
            windowToWire({ start, end }, 'createdBetween', 'payments/getAll'),
          ).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is AddMonths(-3) unless that clamps the day, then the first day of the next month', () => {
    expect(threeMonthsBefore(new Date('2025-05-15T12:00:00Z')).toISOString()).toBe(
      '2025-02-15T12:00:00.000Z',
    );
    // 28 February + 3 months is only 28 May: a start on 28 February would be refused.
    expect(threeMonthsBefore(new Date('2025-05-31T12:00:00Z')).toISOString()).toBe(
      '2025-03-01T00:00:00.000Z',
    );
    expect(threeMonthsBefore(new Date('2024-05-30T12:00:00Z')).toISOString()).toBe(
      '2024-03-01T00:00:00.000Z',
    );
    expect(threeMonthsBefore(new Date('2024-05-29T12:00:00Z')).toISOString()).toBe(
      '2024-02-29T12:00:00.000Z',
    );
  });
});

describe('windowToWire checks the limit the way Mews counts it', () => {
  it('refuses 90 days back from 2 to 29 May of a common year, and accepts three months', () => {
    for (let day = 2; day <= 29; day++) {
      const end = new Date(Date.UTC(2025, 4, day, 9));
      const ninetyDays = { start: new Date(end.getTime() - 90 * 86_400_000), end };
      expect(isWithinThreeMonths(ninetyDays)).toBe(false);
      expect(isWithinThreeMonths({ start: threeMonthsBefore(end), end })).toBe(true);
    }
  });

  it('refuses what JavaScript month overflow would let through: 30 November to 1 March', () => {
    // setUTCMonth(+3) on 30 November gives "30 February" = 2 March; Mews clamps to 28 February.
    expect(() =>
      windowToWire(
        { start: new Date('2025-11-30T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z') },
        'createdBetween',
        'payments/getAll',
      ),
    ).toThrow(/at most 3 months/);
    expect(
      windowToWire(
        { start: new Date('2025-11-30T00:00:00Z'), end: new Date('2026-02-28T00:00:00Z') },
        'createdBetween',
        'payments/getAll',
      ),
    ).toEqual({ StartUtc: '2025-11-30T00:00:00Z', EndUtc: '2026-02-28T00:00:00Z' });
  });
});

describe('splitIntoThreeMonthWindows', () => {
  it('covers the span with adjacent windows Mews accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 800 * 86_400_000 }),
        (start, length) => {
          if (Number.isNaN(start.getTime())) return;
          const end = new Date(start.getTime() + length);
          const parts = splitIntoThreeMonthWindows({ start, end });
          expect(parts[0]?.start.getTime()).toBe(start.getTime());
          expect(parts.at(-1)?.end.getTime()).toBe(end.getTime());
          parts.forEach((part, index) => {
            expect(isWithinThreeMonths(part)).toBe(true);
            if (index > 0) expect(part.start.getTime()).toBe(parts[index - 1]?.end.getTime());
          });
        },
      ),
    );
  });
});
