import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openMigratedDatabase, type DatabaseHandle } from '@/lib/db/client';

/**
 * Databases for tests: a fresh in-memory PGlite, or a fresh, uniquely named database on the
 * PostgreSQL server in TEST_DATABASE_URL (dropped again afterwards), so suites never share rows.
 */
export interface TestDatabase extends DatabaseHandle {
  label: string;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

export async function openTestPglite(): Promise<TestDatabase> {
  const handle = await openMigratedDatabase({ inMemory: true });
  return { ...handle, label: 'PGlite' };
}

/** A test database on a PostgreSQL server, with its URL so other processes can open their own pools. */
export interface TestPostgres extends TestDatabase {
  url: string;
  name: string;
}

/**
 * Creates a uniquely named database on the server in `serverUrl`, migrates it, and drops it again
 * (ending other processes' sessions) on `close()`.
 */
export async function openTestPostgres(
  serverUrl: string,
  prefix = 'mews_checkout_test',
): Promise<TestPostgres> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openMigratedDatabase({ databaseUrl: url.toString() });
  return {
    ...handle,
    label: 'PostgreSQL',
    url: url.toString(),
    name,
    async close() {
      await handle.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** The targets a repository suite runs against: always PGlite, PostgreSQL when a URL is given. */
export const testDatabaseTargets: { label: string; open: () => Promise<TestDatabase> }[] = [
  { label: 'PGlite', open: openTestPglite },
  ...(testDatabaseUrl
    ? [{ label: 'PostgreSQL', open: () => openTestPostgres(testDatabaseUrl) }]
    : []),
];
