import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Results of the reliability suite, one JSON file per test file under `reports/reliability/`, so
 * `npm run reliability:report` can turn every run into the tables of docs/reliability.md.
 * Each row is one measured case; counts are what a guest, a member of staff or Mews would notice.
 */
export interface ReliabilityCase {
  /** Table the case belongs to, e.g. `Writes under Mews faults`, `Webhooks`, `Processes`. */
  group: string;
  /** e.g. `creditCards/charge × drop-after-processing`. */
  name: string;
  /** How many times the scenario ran. */
  runs: number;
  /** Mews payments beyond one per ledger attempt (must be 0). */
  doubleCharges: number;
  /** Payments in the sandbox that our ledger lacks after reconciliation (must be 0). */
  missingFromLedger: number;
  /** Runs where what the guest / staff would be shown disagreed with Mews (must be 0). */
  untruthfulViews: number;
  /** Final ledger states seen, e.g. { succeeded: 3 }. */
  outcomes: Record<string, number>;
  /** Anything worth a sentence in the report. */
  notes?: string;
}

export const REPORT_DIR = path.join(process.cwd(), 'reports', 'reliability');

export class MatrixRecorder {
  private readonly cases: ReliabilityCase[] = [];
  constructor(private readonly file: string) {}

  record(entry: ReliabilityCase): void {
    this.cases.push(entry);
  }

  /** Writes this file's cases; call in afterAll. */
  flush(): void {
    mkdirSync(REPORT_DIR, { recursive: true });
    writeFileSync(
      path.join(REPORT_DIR, `${this.file}.json`),
      JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          database: process.env.TEST_DATABASE_URL ? 'PostgreSQL + PGlite' : 'PGlite',
          cases: this.cases,
        },
        null,
        2,
      ),
    );
  }
}

export function readAllCases(): Array<{
  file: string;
  generatedAt: string;
  database?: string;
  cases: ReliabilityCase[];
}> {
  let files: string[] = [];
  try {
    files = readdirSync(REPORT_DIR).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((name) => {
    const parsed = JSON.parse(readFileSync(path.join(REPORT_DIR, name), 'utf8')) as {
      generatedAt: string;
      database?: string;
      cases: ReliabilityCase[];
    };
    return { file: name.replace(/\.json$/, ''), ...parsed };
  });
}
