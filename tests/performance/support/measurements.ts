/**
 * One number the bench reports, and its budget when it has one. A section returns a list of
 * these; the bench prints them as one table and exits non-zero when any budget is missed (an
 * out-of-reach budget: when its regression guard is).
 *
 * A budget is a ratio against a floor measured in the same run, on the same machine, interleaved
 * with the figure: absolute times and sizes proved to move with the host's load (two 2-core VMs,
 * or one at two times of day) more than with our code, so only a ratio says whether our code grew.
 * Scores and counts (CLS, errors) are budgeted as they are: they do not scale with the machine.
 */
export interface Measurement {
  /** The section: 'Page weight', 'Page speed', 'Receipt', 'Throughput', 'Staff pages', … */
  section: string;
  /** What was measured, in words a reader of the table understands. */
  name: string;
  value: number;
  unit: 'kB' | 'ms' | 's' | '×' | '/s' | 'MB' | 'count' | '%' | 'score';
  /** What the figure is compared with: same unit, same run. The budget is then on value ÷ floor. */
  floor?: { name: string; value: number };
  /** Inclusive bounds, on the ratio when there is a floor; a measurement without one is reported only. */
  budget?: { max?: number; min?: number };
  /**
   * A budget the issue set that proved out of reach on these machines (docs/performance.md says
   * what was measured and why): it is still printed, and a miss is reported, not failed. The run
   * fails only beyond `guard`, a regression line between today's measured range and the state
   * before the work that brought the figure down, so going back still turns the bench red.
   */
  outOfReach?: { guard: { max: number }; why: string };
  /** Where to start looking when the budget is missed: printed with the failure. */
  lookAt?: string;
  /** How it was measured (sample size, settings), shown under the table. */
  detail?: string;
}

/** What the budget applies to: the ratio to the floor, or the value itself. */
export function budgetedValue(m: Measurement): number {
  return m.floor ? m.value / m.floor.value : m.value;
}

export function withinBudget(m: Measurement): boolean {
  return within(m, m.budget);
}

function within(m: Measurement, bounds: { max?: number; min?: number } | undefined): boolean {
  if (!bounds) return true;
  const value = budgetedValue(m);
  if (!Number.isFinite(value)) return false;
  if (bounds.max !== undefined && value > bounds.max) return false;
  if (bounds.min !== undefined && value < bounds.min) return false;
  return true;
}

/**
 * What the run makes of a figure: within its budget; out of reach (an out-of-reach budget missed,
 * its regression guard kept); or a failure, which exits the bench with 1.
 */
export type Verdict = 'pass' | 'out of reach' | 'fail';

export function verdict(m: Measurement): Verdict | undefined {
  if (!m.budget) return undefined;
  if (withinBudget(m)) return 'pass';
  if (m.outOfReach && within(m, m.outOfReach.guard)) return 'out of reach';
  return 'fail';
}

export function formatValue(value: number, unit: Measurement['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits =
    unit === 'count'
      ? 0
      : unit === 'score'
        ? 4
        : Math.abs(value) >= 100
          ? 0
          : Math.abs(value) >= 10
            ? 1
            : 2;
  const text = value.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit === 'count' || unit === 'score'
    ? text
    : unit === '×' || unit === '%'
      ? `${text}${unit}`
      : `${text} ${unit}`;
}

export function formatBudget(m: Measurement): string {
  if (!m.budget) return '–';
  // A budget on a ratio is a number of times the floor, whatever the figure's unit.
  const unit = m.floor ? '×' : m.unit;
  const parts: string[] = [];
  if (m.budget.max !== undefined) parts.push(`≤ ${formatValue(m.budget.max, unit)}`);
  if (m.budget.min !== undefined) parts.push(`≥ ${formatValue(m.budget.min, unit)}`);
  const guard = m.outOfReach ? ` (guard ≤ ${formatValue(m.outOfReach.guard.max, unit)})` : '';
  return parts.join(', ') + guard;
}

function formatRatio(m: Measurement): string {
  return m.floor ? formatValue(m.value / m.floor.value, '×') : '–';
}

/**
 * The failure line: figure, floor, ratio, budget, and where to look; `brief` leaves out the
 * out-of-reach reason and the pointer, for a list that gives each reason once.
 */
export function describeMiss(m: Measurement, brief = false): string {
  const against = m.floor
    ? ` against ${m.floor.name} ${formatValue(m.floor.value, m.unit)} = ${formatRatio(m)}`
    : '';
  const past = m.outOfReach && !within(m, m.outOfReach.guard) ? ', past its regression guard' : '';
  const reach =
    m.outOfReach && !brief ? ` (out of reach on these machines: ${m.outOfReach.why})` : '';
  const pointer = m.lookAt && !brief ? `; look at ${m.lookAt}` : '';
  return `${m.section}: ${m.name} ${formatValue(m.value, m.unit)}${against}, budget ${formatBudget(m)}${past}${reach}${pointer}`;
}

function verdictCell(value: Verdict | undefined): string {
  if (value === undefined) return '';
  return value === 'fail' ? '**FAIL**' : value;
}

/** A Markdown table: readable in a terminal and pasted as is into docs/performance.md. */
export function renderTable(measurements: Measurement[]): string {
  const rows = measurements.map((m) => [
    m.section,
    m.name,
    formatValue(m.value, m.unit),
    m.floor ? `${m.floor.name}: ${formatValue(m.floor.value, m.unit)}` : '–',
    formatRatio(m),
    formatBudget(m),
    verdictCell(verdict(m)),
  ]);
  const header = ['Section', 'Figure', 'Value', 'Floor', 'Ratio', 'Budget', 'Pass'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The sorted-sample percentile (nearest rank), as load-testing tools report it. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
