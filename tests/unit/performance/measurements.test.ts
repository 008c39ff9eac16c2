import { describe, expect, it } from 'vitest';
import {
  describeMiss,
  renderTable,
  verdict,
  type Measurement,
} from '../../performance/support/measurements';

/** The bench's exit code follows these verdicts: a FAIL exits 1, "out of reach" does not. */
const cardReady = (value: number, outOfReach?: Measurement['outOfReach']): Measurement => ({
  section: 'Page speed',
  name: 'Card field ready, median',
  value,
  unit: 'ms',
  floor: { name: 'pay page LCP, median', value: 1_000 },
  budget: { max: 1.25 },
  outOfReach,
  lookAt: 'when initTokenize starts',
});
const GUARDED = { guard: { max: 2 }, why: 'two round trips of the iframe' };

describe('bench verdicts', () => {
  it('passes a figure within its budget, guarded or not', () => {
    expect(verdict(cardReady(1_250))).toBe('pass');
    expect(verdict(cardReady(1_250, GUARDED))).toBe('pass');
  });

  it('fails a missed budget that has no guard', () => {
    expect(verdict(cardReady(1_260))).toBe('fail');
  });

  it('reports an out-of-reach miss inside its guard, and fails it beyond the guard', () => {
    expect(verdict(cardReady(1_800, GUARDED))).toBe('out of reach');
    expect(verdict(cardReady(2_000, GUARDED))).toBe('out of reach');
    // BENCH_DELAY_SECURE_FIELDS_MS=3000 measured 2.97x: the deliberate failure still fails.
    expect(verdict(cardReady(2_970, GUARDED))).toBe('fail');
  });

  it('fails a figure that could not be measured', () => {
    expect(verdict(cardReady(Number.NaN, GUARDED))).toBe('fail');
  });

  it('shows the guard and the reason where a reader looks', () => {
    const miss = cardReady(1_800, GUARDED);
    expect(renderTable([miss])).toMatch(/≤ 1\.25× \(guard ≤ 2\.00×\) \| out of reach \|/);
    expect(describeMiss(miss)).toBe(
      'Page speed: Card field ready, median 1,800 ms against pay page LCP, median 1,000 ms = 1.80×, ' +
        'budget ≤ 1.25× (guard ≤ 2.00×) (out of reach on these machines: two round trips of the iframe); ' +
        'look at when initTokenize starts',
    );
    expect(renderTable([cardReady(2_970, GUARDED)])).toContain('**FAIL**');
    expect(describeMiss(cardReady(2_970, GUARDED))).toContain(
      '= 2.97×, budget ≤ 1.25× (guard ≤ 2.00×), past its regression guard (out of reach',
    );
  });

  it('leaves a figure without a budget unjudged', () => {
    const reported: Measurement = {
      section: 'Receipt',
      name: 'Click → pay request',
      value: 58,
      unit: 'ms',
    };
    expect(verdict(reported)).toBeUndefined();
  });
});
