import type { Measurement } from './measurements';

/** What every bench section gets from the command line. */
export interface BenchOptions {
  /**
   * `--quick`: smaller samples for trying the bench out while developing (numbers are then not
   * the documented ones and the sample sizes in the table say so). Budgets still apply.
   */
  quick: boolean;
  /** PostgreSQL server for the ledger-scale section (TEST_DATABASE_URL or DATABASE_URL). */
  postgresServerUrl: string | undefined;
  /** Progress lines for the terminal. */
  log: (line: string) => void;
}

export interface BenchSection {
  id: 'weight' | 'speed' | 'overhead' | 'throughput' | 'ledger';
  title: string;
  run(options: BenchOptions): Promise<Measurement[]>;
}
