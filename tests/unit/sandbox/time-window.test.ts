import { describe, expect, it } from 'vitest';
import { addMonthsUtc, intervalFilter } from '@/sandbox/connector/context';

/**
 * Mews refuses a filter interval longer than 3 months (`x-max-interval-in-months: 3`), counted
 * like .NET `DateTime.AddMonths`: the day is clamped to the target month's last day and the time of
 * day is kept. A fixed 92 days refused legitimate windows and allowed too-long ones.
 */

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function window(startUtc: string, endUtc: string) {
  return () => intervalFilter({ CreatedUtc: { StartUtc: startUtc, EndUtc: endUtc } }, 'CreatedUtc');
}

describe('addMonthsUtc (.NET AddMonths)', () => {
  it('clamps the day to the last day of the target month', () => {
    expect(iso(addMonthsUtc(at('2026-01-31T00:00:00Z'), 3))).toBe('2026-04-30T00:00:00.000Z');
    expect(iso(addMonthsUtc(at('2026-11-30T10:00:00Z'), 3))).toBe('2027-02-28T10:00:00.000Z');
    expect(iso(addMonthsUtc(at('2027-11-30T10:00:00Z'), 3))).toBe('2028-02-29T10:00:00.000Z');
    expect(iso(addMonthsUtc(at('2026-05-31T23:59:59.999Z'), -3))).toBe('2026-02-28T23:59:59.999Z');
  });

  it('keeps the day and the time of day when the target month has it', () => {
    expect(iso(addMonthsUtc(at('2026-02-01T00:00:00Z'), 3))).toBe('2026-05-01T00:00:00.000Z');
    expect(iso(addMonthsUtc(at('2026-10-15T13:45:30.250Z'), 3))).toBe('2027-01-15T13:45:30.250Z');
  });
});

describe('interval filters are at most 3 calendar months long', () => {
  it('1 Feb → 1 May is allowed, one millisecond more is refused as Invalid CreatedUtc', () => {
    expect(window('2026-02-01T00:00:00Z', '2026-05-01T00:00:00Z')).not.toThrow();
    expect(window('2026-02-01T00:00:00Z', '2026-05-01T00:00:00.001Z')).toThrow(
      'Invalid CreatedUtc.',
    );
  });

  it('31 Jan reaches 30 Apr, not 1 May', () => {
    expect(window('2026-01-31T00:00:00Z', '2026-04-30T00:00:00Z')).not.toThrow();
    expect(window('2026-01-31T00:00:00Z', '2026-04-30T00:00:01Z')).toThrow('Invalid CreatedUtc.');
  });

  it('30 Nov reaches 28 Feb, or 29 Feb in a leap year', () => {
    expect(window('2026-11-30T00:00:00Z', '2027-02-28T00:00:00Z')).not.toThrow();
    expect(window('2026-11-30T00:00:00Z', '2027-03-01T00:00:00Z')).toThrow('Invalid CreatedUtc.');
    expect(window('2027-11-30T00:00:00Z', '2028-02-29T00:00:00Z')).not.toThrow();
    expect(window('2027-11-30T00:00:00Z', '2028-02-29T00:00:00.001Z')).toThrow(
      'Invalid CreatedUtc.',
    );
  });

  it('refuses a 92-day window that is longer than 3 months (the old day count allowed it)', () => {
    expect(window('2026-11-30T00:00:00Z', '2027-03-02T00:00:00Z')).toThrow('Invalid CreatedUtc.');
    // …while 1 May → 1 Aug, also 92 days, is exactly 3 months.
    expect(window('2026-05-01T00:00:00Z', '2026-08-01T00:00:00Z')).not.toThrow();
  });
});
