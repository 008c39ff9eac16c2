import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openMigratedDatabase, type DatabaseHandle } from '@/lib/db/client';

/**
 * A fresh, migrated database on the PostgreSQL server of `serverUrl`, with its URL, so other
 * processes (payment workers) can open their own pools on it. Dropped again by `drop()`.
 */
export interface SharedPostgres extends DatabaseHandle {
  /** URL of the new database, for other processes. */
  url: string;
  name: string;
  /** Closes this process's pool and drops the database (ending other sessions). */
  drop(): Promise<void>;
}

export async function createSharedPostgres(
  serverUrl: string,
  prefix = 'mews_checkout_rel',
): Promise<SharedPostgres> {
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
    url: url.toString(),
    name,
    async drop() {
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
