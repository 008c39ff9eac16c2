/**
 * `npm run bench`: builds the app for production when the sources changed, then measures
 *
 *   weight      first-load JavaScript of the pay page and the iDEAL return page against a bare page
 *   speed       LCP and CLS of the pay page in Chromium with 4x CPU throttling
 *   overhead    the time our server adds to a card payment's Connector API calls (sandbox at 0 and 150 ms)
 *   throughput  concurrent guests paying over HTTP against the ceiling of raw Connector API calls
 *   ledger      the staff payments list and a reconciliation pass with 100,000 payments in PostgreSQL
 *
 * prints one table, writes reports/performance/bench.json, and exits 1 when a budget is missed.
 * Not part of `npm test`: it takes about 25 minutes and wants a quiet machine.
 *
 *   npm run bench                                  every section
 *   npm run bench -- --only overhead,throughput    some sections
 *   npm run bench -- --quick                       smaller samples, for trying it out
 *   npm run bench -- --write-docs                  also puts the table into docs/performance.md
 *
 * The ledger section needs a PostgreSQL server whose user may create databases:
 * TEST_DATABASE_URL (or DATABASE_URL), e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureProductionBuild } from '@/lib/cli/production-build';
import { ledgerScaleSection } from './ledger-scale';
import { pageSpeedSection } from './page-speed';
import { pageWeightSection } from './page-weight';
import { serverOverheadSection } from './server-overhead';
import { renderTable, withinBudget, type Measurement } from './support/measurements';
import type { BenchOptions, BenchSection } from './support/section';
import { throughputSection } from './throughput';

const SECTIONS: BenchSection[] = [
  pageWeightSection,
  pageSpeedSection,
  serverOverheadSection,
  throughputSection,
  ledgerScaleSection,
];
const DOCS_FILE = path.join('docs', 'performance.md');
const TABLE_START = '<!-- bench:table:start -->';
const TABLE_END = '<!-- bench:table:end -->';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  return value === undefined || value.startsWith('--') ? 'true' : value;
}

function selectedSections(): BenchSection[] {
  const only = argument('only');
  if (!only) return SECTIONS;
  const ids = only.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !SECTIONS.some((section) => section.id === id));
  if (unknown.length > 0) {
    console.error(
      `Unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.map((s) => s.id).join(', ')}`,
    );
    process.exit(2);
  }
  return SECTIONS.filter((section) => ids.includes(section.id));
}

function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function writeDocs(
  table: string,
  details: string,
  measuredAt: string,
  options: BenchOptions,
): void {
  const current = readFileSync(DOCS_FILE, 'utf8');
  const start = current.indexOf(TABLE_START);
  const end = current.indexOf(TABLE_END);
  if (start === -1 || end === -1)
    throw new Error(`${DOCS_FILE} has no ${TABLE_START} … ${TABLE_END} markers`);
  const block = [
    TABLE_START,
    `Measured ${measuredAt} on ${machineLine()}${options.quick ? ' (--quick: smaller samples)' : ''}.`,
    '',
    table,
    '',
    details,
    TABLE_END,
  ].join('\n');
  writeFileSync(DOCS_FILE, current.slice(0, start) + block + current.slice(end + TABLE_END.length));
}

async function main(): Promise<void> {
  const sections = selectedSections();
  const options: BenchOptions = {
    quick: argument('quick') === 'true',
    postgresServerUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined,
    log: (line) => console.log(line),
  };
  if (sections.includes(ledgerScaleSection) && !options.postgresServerUrl) {
    console.error(
      'The ledger section needs PostgreSQL: set TEST_DATABASE_URL, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres (or run with --only weight,speed,overhead,throughput).',
    );
    process.exit(2);
  }

  await ensureProductionBuild(process.cwd(), process.env, () =>
    console.log('Building the app for production...'),
  );

  const measurements: Measurement[] = [];
  const failures: string[] = [];
  for (const section of sections) {
    console.log(`\n== ${section.title}`);
    const started = performance.now();
    try {
      const results = await section.run(options);
      measurements.push(...results);
      console.log(renderTable(results));
    } catch (error) {
      // A section that cannot measure has not met its budgets.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push(`${section.title}: ${message}`);
      console.error(`${section.title} failed: ${message}`);
    }
    console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }

  const table = renderTable(measurements);
  const details = measurements
    .filter((m) => m.detail)
    .map((m) => `- ${m.section}, ${m.name}: ${m.detail}`)
    .join('\n');
  const measuredAt = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  console.log(`\n== All results (${measuredAt})\n${table}\n\n${details}`);

  mkdirSync(path.join('reports', 'performance'), { recursive: true });
  writeFileSync(
    path.join('reports', 'performance', 'bench.json'),
    JSON.stringify(
      { measuredAt, machine: machineLine(), quick: options.quick, measurements, failures },
      null,
      2,
    ),
  );
  if (argument('write-docs') === 'true') writeDocs(table, details, measuredAt, options);

  const missed = measurements.filter((m) => !withinBudget(m));
  for (const m of missed)
    failures.push(`${m.section}: ${m.name} = ${m.value} (budget ${JSON.stringify(m.budget)})`);
  if (failures.length > 0) {
    console.error(
      `\n${failures.length} budget(s) missed or section(s) failed:\n- ${failures.join('\n- ')}`,
    );
    process.exit(1);
  }
  console.log('\nEvery budget met.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
