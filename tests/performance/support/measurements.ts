/**
 * One number the bench reports, and its budget when it has one. A section returns a list of
 * these; the bench prints them as one table and exits non-zero when any budget is missed.
 */
export interface Measurement {
  /** The section: 'Page weight', 'Page speed', 'Server overhead', 'Throughput', 'Ledger scale'. */
  section: string;
  /** What was measured, in words a reader of the table understands. */
  name: string;
  value: number;
  unit: 'kB' | 'ms' | 's' | '×' | '/s' | 'MB' | 'count' | '%' | 'score';
  /** Inclusive bounds; a measurement without one is reported, not asserted. */
  budget?: { max?: number; min?: number };
  /** How it was measured (sample size, settings), shown under the table. */
  detail?: string;
}

export function withinBudget(m: Measurement): boolean {
  if (!m.budget) return true;
  if (!Number.isFinite(m.value)) return false;
  if (m.budget.max !== undefined && m.value > m.budget.max) return false;
  if (m.budget.min !== undefined && m.value < m.budget.min) return false;
  return true;
}

function formatValue(value: number, unit: Measurement['unit']): string {
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
  const parts: string[] = [];
  if (m.budget.max !== undefined) parts.push(`≤ ${formatValue(m.budget.max, m.unit)}`);
  if (m.budget.min !== undefined) parts.push(`≥ ${formatValue(m.budget.min, m.unit)}`);
  return parts.join(', ');
}

/** A Markdown table: readable in a terminal and pasted as is into docs/performance.md. */
export function renderTable(measurements: Measurement[]): string {
  const rows = measurements.map((m) => [
    m.section,
    m.name,
    formatValue(m.value, m.unit),
    formatBudget(m),
    m.budget ? (withinBudget(m) ? 'pass' : '**FAIL**') : '',
  ]);
  const header = ['Section', 'Measurement', 'Value', 'Budget', 'Result'];
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
