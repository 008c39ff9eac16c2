import 'server-only';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { openMigratedDatabase, type Database, type DatabaseHandle } from './client';

export type { Database, DatabaseHandle } from './client';
export * as tables from './schema';

// Survives Next.js dev reloads and module duplication between route bundles: one pool per process.
const globalForDb = globalThis as unknown as { mewsCheckoutDb?: Promise<DatabaseHandle> };

/**
 * The process's database, migrated on first use: PostgreSQL when DATABASE_URL is set, otherwise
 * the embedded PGlite under the data folder.
 */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.mewsCheckoutDb) {
    const config = getConfig();
    const opening = openMigratedDatabase(
      config.databaseUrl
        ? { databaseUrl: config.databaseUrl }
        : { pgliteDir: path.join(config.dataDir, 'pglite') },
    );
    // A failed open must not be cached forever: the next request tries again (database back up).
    opening.catch(() => {
      if (globalForDb.mewsCheckoutDb === opening) globalForDb.mewsCheckoutDb = undefined;
    });
    globalForDb.mewsCheckoutDb = opening;
  }
  return globalForDb.mewsCheckoutDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
