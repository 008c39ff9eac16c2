import 'server-only';
import type { Database } from './client';

/**
 * Statements that run on every payment or guest request are built once per database and prepared
 * (on PostgreSQL also parsed and planned once per connection): built by drizzle on every call, a
 * statement took longer to build than PGlite took to run it, and PostgreSQL parsed and planned it
 * again on every call (docs/performance.md).
 */
const preparedStatements = new WeakMap<Database, Map<string, unknown>>();

export function preparedOnce<Statement>(
  db: Database,
  key: string,
  prepare: () => Statement,
): Statement {
  let statements = preparedStatements.get(db);
  if (!statements) preparedStatements.set(db, (statements = new Map()));
  if (!statements.has(key)) statements.set(key, prepare());
  return statements.get(key) as Statement;
}
