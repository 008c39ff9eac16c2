/**
 * `npm run bench`: builds the app for production when the sources changed, then measures
 *
 *   weight      the JavaScript a paying guest downloads, and the return page's, against a bare page
 *   speed       LCP, card field ready and CLS of the pay page (Fast 4G, 4× CPU) against the bare page
 *   receipt     Pay click → receipt painted in Chromium against tokenization + Connector time + a round trip
 *   throughput  concurrent guests paying over HTTP against the ceiling of raw Connector API calls
 *   ledger      staff payments list and audit log TTFB with 100,000 payments against /api/health
 *   overhead    (--full) the time our server adds to a card payment's Connector API calls
 *
 * Every budget is a ratio against a floor measured in the same run, interleaved with the figure.
 * Prints one table and the wall time, writes reports/performance/bench.json, and exits 1 when a
 * budget is missed (naming what to look at), 0 when all are met. Not part of `npm test`.
 *
 *   npm run bench                                  the default run, at most 10 minutes
 *   npm run bench -- --full                        every section, larger samples (40 minutes or more)
 *   npm run bench -- --only receipt,throughput     some sections
 *   npm run bench -- --quick                       smaller samples, for trying it out
 *   npm run bench -- --write-docs                  also puts the table into docs/performance.md
 *
 * The ledger section needs a PostgreSQL server whose user may create databases:
 * TEST_DATABASE_URL (or DATABASE_URL), e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres;
 * without one the default run skips it and says so.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureProductionBuild } from '@/lib/cli/production-build';
import { ledgerScaleSection } from './ledger-scale';
import { pageSpeedSection } from './page-speed';
import { pageWeightSection } from './page-weight';
import { receiptSection } from './receipt';
import { serverOverheadSection } from './server-overhead';
import { describeMiss, renderTable, verdict, type Measurement } from './support/measurements';
import type { BenchOptions, BenchSection } from './support/section';
import { throughputSection } from './throughput';

const SECTIONS: BenchSection[] = [
  pageWeightSection,
  pageSpeedSection,
  receiptSection,
  throughputSection,
  ledgerScaleSection,
  serverOverheadSection,
];
const DOCS_FILE = path.join('docs', 'performance.md');
const TABLE_START = '<!-- bench:table:start -->';
const TABLE_END = '<!-- bench:table:end -->';
const POSTGRES_HINT =
  'set TEST_DATABASE_URL to a PostgreSQL server whose user may create databases, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  return value === undefined || value.startsWith('--') ? 'true' : value;
}

function selectedSections(full: boolean): { sections: BenchSection[]; named: boolean } {
  const only = argument('only');
  if (!only)
    return { sections: SECTIONS.filter((section) => full || !section.fullOnly), named: false };
  const ids = only.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !SECTIONS.some((section) => section.id === id));
  if (unknown.length > 0) {
    console.error(
      `Unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.map((s) => s.id).join(', ')}`,
    );
    process.exit(2);
  }
  return { sections: SECTIONS.filter((section) => ids.includes(section.id)), named: true };
}

function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The commit measured, so a table in the docs can be traced to its code ('' outside git). */
function commitLine(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'app', 'components', 'lib'], {
      encoding: 'utf8',
    }).trim();
    return ` at commit ${commit}${dirty ? ' (with uncommitted app changes)' : ''}`;
  } catch {
    return '';
  }
}

function runLabel(options: BenchOptions): string {
  return options.full ? '--full' : options.quick ? '--quick (smaller samples)' : 'default run';
}

function writeDocs(block: string): void {
  const current = readFileSync(DOCS_FILE, 'utf8');
  const start = current.indexOf(TABLE_START);
  const end = current.indexOf(TABLE_END);
  if (start === -1 || end === -1)
    throw new Error(`${DOCS_FILE} has no ${TABLE_START} … ${TABLE_END} markers`);
  writeFileSync(
    DOCS_FILE,
    current.slice(0, start) +
      [TABLE_START, block, TABLE_END].join('\n') +
      current.slice(end + TABLE_END.length),
  );
}

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const full = argument('full') === 'true';
  const { sections: selected, named } = selectedSections(full);
  const options: BenchOptions = {
    quick: argument('quick') === 'true',
    full,
    postgresServerUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined,
    log: (line) => console.log(line),
  };
  const skipped: string[] = [];
  let sections = selected;
  if (sections.includes(ledgerScaleSection) && !options.postgresServerUrl) {
    if (named) {
      console.error(`The ledger section needs PostgreSQL: ${POSTGRES_HINT}.`);
      process.exit(2);
    }
    // The default run still measures everything else; the table says what it could not.
    skipped.push(`${ledgerScaleSection.title}: skipped, no PostgreSQL (${POSTGRES_HINT})`);
    console.log(`\n== ${skipped[0]}`);
    sections = sections.filter((section) => section !== ledgerScaleSection);
  }

  await ensureProductionBuild(process.cwd(), process.env, () =>
    console.log('Building the app for production...'),
  );

  const measurements: Measurement[] = [];
  const failures: string[] = [];
  const timings: string[] = [];
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
      failures.push(`${section.title}: could not measure: ${message.split('\n')[0]}`);
      console.error(`${section.title} failed: ${message}`);
    }
    const seconds = (performance.now() - started) / 1000;
    timings.push(`${section.id} ${seconds.toFixed(0)} s`);
    console.log(`(${seconds.toFixed(0)} s)`);
  }

  const wallS = (performance.now() - wallStarted) / 1000;
  const table = renderTable(measurements);
  const details = measurements
    .filter((m) => m.detail)
    .map((m) => `- ${m.section}, ${m.name}: ${m.detail}`)
    .join('\n');
  const measuredAt = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const wallLine = `Wall time ${Math.floor(wallS / 60)} min ${Math.round(wallS % 60)} s (${timings.join(', ')}), ${runLabel(options)}.`;
  console.log(
    `\n== All results (${measuredAt})\n${table}\n\n${details}${skipped.length ? `\n\n${skipped.join('\n')}` : ''}\n\n${wallLine}`,
  );

  for (const m of measurements.filter((entry) => verdict(entry) === 'fail'))
    failures.push(describeMiss(m));
  // Reported with every run, so nobody mistakes an exit 0 for every budget met; each reason once.
  const outOfReach = measurements.filter((entry) => verdict(entry) === 'out of reach');
  if (outOfReach.length > 0) {
    const reasons = [...new Set(outOfReach.map((m) => m.outOfReach?.why ?? ''))];
    console.log(
      `\n${outOfReach.length} budget(s) missed that are out of reach on these machines, within their regression guards (docs/performance.md, "Budgets out of reach"):\n- ${outOfReach
        .map((m) => describeMiss(m, true))
        .join('\n- ')}\nWhy:\n- ${reasons.join('\n- ')}`,
    );
  }
  mkdirSync(path.join('reports', 'performance'), { recursive: true });
  writeFileSync(
    path.join('reports', 'performance', 'bench.json'),
    JSON.stringify(
      {
        measuredAt,
        machine: machineLine(),
        run: runLabel(options),
        wallSeconds: Math.round(wallS),
        measurements,
        failures,
        outOfReach: outOfReach.map((m) => describeMiss(m)),
        skipped,
      },
      null,
      2,
    ),
  );
  if (argument('write-docs') === 'true') {
    writeDocs(
      [
        `Measured ${measuredAt} on ${machineLine()}${commitLine()}, ${runLabel(options)}.`,
        '',
        table,
        '',
        wallLine,
        ...(skipped.length ? ['', ...skipped] : []),
        '',
        '<details><summary>How each figure was measured</summary>',
        '',
        details,
        '',
        '</details>',
      ].join('\n'),
    );
  }

  if (failures.length > 0) {
    console.error(
      `\n${failures.length} budget(s) missed or section(s) failed:\n- ${failures.join('\n- ')}`,
    );
    process.exit(1);
  }
  console.log(
    outOfReach.length > 0
      ? `\nNo failures: every other budget met, and ${outOfReach.length} out of reach within their guards.`
      : '\nEvery budget met.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
