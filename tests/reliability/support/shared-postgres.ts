import { openTestPostgres, type TestPostgres } from '../../support/test-database';

/**
 * A fresh, migrated database on the PostgreSQL server of `serverUrl`, with its URL, so other
 * processes (payment workers) can open their own pools on it. Dropped again by `drop()`.
 */
export interface SharedPostgres extends TestPostgres {
  /** Closes this process's pool and drops the database (ending other sessions). */
  drop(): Promise<void>;
}

export async function createSharedPostgres(
  serverUrl: string,
  prefix = 'mews_checkout_rel',
): Promise<SharedPostgres> {
  const database = await openTestPostgres(serverUrl, prefix);
  return { ...database, drop: () => database.close() };
}
