import 'server-only';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { withNamedStatements } from './pglite-statement-cache';
import * as schema from './schema';

/** Drizzle over either PGlite or PostgreSQL; repositories see only this type. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export type DatabaseTarget = { databaseUrl: string } | { pgliteDir: string } | { inMemory: true };

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib/db/migrations');
// Any constant works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 727_001;

// On globalThis: route bundles each get their own copy of this module, but share the database.
const globalForEmbedded = globalThis as unknown as {
  mewsCheckoutEmbeddedDatabases?: WeakSet<Database>;
};
const embeddedDatabases = (globalForEmbedded.mewsCheckoutEmbeddedDatabases ??=
  new WeakSet<Database>());

/**
 * True for a PGlite database. It is one process's database by construction (the folder is locked
 * to the process that opened it), so state every instance must share can live in that process.
 */
export function isEmbeddedDatabase(db: Database): boolean {
  return embeddedDatabases.has(db);
}

function embedded(db: Database): Database {
  embeddedDatabases.add(db);
  return db;
}

/** Opens a connection (pool) to the target; does not migrate. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ('databaseUrl' in target) {
    const [{ Pool }, { drizzle }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
    ]);
    const pool = new Pool({
      connectionString: target.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5_000,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return {
      db: drizzle(pool, { schema }) as unknown as Database,
      kind: 'postgres',
      close: () => pool.end(),
    };
  }
  const [{ PGlite }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ]);
  if (!('pgliteDir' in target)) {
    const memory = withNamedStatements(await PGlite.create());
    return {
      db: embedded(drizzle(memory, { schema }) as unknown as Database),
      kind: 'pglite',
      close: () => memory.close(),
    };
  }
  const releaseLock = lockEmbeddedDatabase(target.pgliteDir);
  let client;
  try {
    mkdirSync(target.pgliteDir, { recursive: true });
    client = withNamedStatements(await PGlite.create(target.pgliteDir));
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    db: embedded(drizzle(client, { schema }) as unknown as Database),
    kind: 'pglite',
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

export class EmbeddedDatabaseBusyError extends Error {
  override name = 'EmbeddedDatabaseBusyError';
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A pid file next to the folder turns that into a clear message instead.
 */
function lockEmbeddedDatabase(dir: string): () => void {
  const lockFile = `${dir.replace(/[\\/]+$/, '')}.pid`;
  if (existsSync(lockFile)) {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
      throw new EmbeddedDatabaseBusyError(
        `The embedded database in ${dir} is in use by another process (pid ${holder}). ` +
          'Stop the app first (Ctrl-C in the terminal running npm start), or set DATABASE_URL to use PostgreSQL.',
      );
    }
  }
  mkdirSync(path.dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile);
    } catch {
      // already gone
    }
  };
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock serialises instances that start
 * at the same moment; PGlite is single-process by nature.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await handle.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await handle.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
    return;
  }
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Opens and migrates: what the app and the repository tests use. */
export async function openMigratedDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  const handle = await openDatabase(target);
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}

/** True when the database answers a trivial query within the time limit. */
export async function pingDatabase(db: Database, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
