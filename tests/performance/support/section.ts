import type { Measurement } from './measurements';

/** What every bench section gets from the command line. */
export interface BenchOptions {
  /**
   * `--quick`: smaller samples for trying the bench out while developing (numbers are then not
   * the documented ones and the sample sizes in the table say so). Budgets still apply.
   */
  quick: boolean;
  /**
   * `--full`: the long measurements too (the server-overhead section with its least-payment build,
   * the reconciliation pass, more loads and concurrency levels); the default run stays within
   * 10 minutes on a 2-core machine.
   */
  full: boolean;
  /** PostgreSQL server for the ledger section (TEST_DATABASE_URL or DATABASE_URL). */
  postgresServerUrl: string | undefined;
  /** Progress lines for the terminal. */
  log: (line: string) => void;
}

export interface BenchSection {
  id: 'weight' | 'speed' | 'receipt' | 'overhead' | 'throughput' | 'ledger';
  title: string;
  /** Only with `--full` (or named in `--only`): too long for the default run. */
  fullOnly?: boolean;
  run(options: BenchOptions): Promise<Measurement[]>;
}
