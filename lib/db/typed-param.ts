import 'server-only';
import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * A value as a parameter cast to its column's type, for the select list of an `insert … select`:
 * a select list has no column to infer a parameter's type from. The cast carries no length: a cast
 * to char(3) would cut a longer value short where the insert must refuse it. The value may be a
 * placeholder of a prepared statement; it is then encoded for the column when the statement runs.
 */
export function typedParam(value: unknown, column: Column): SQL {
  const type = column
    .getSQLType()
    .replace(/^(char|character)\(\d+\)$/, 'bpchar')
    .replace(/^varchar\(\d+\)$/, 'varchar');
  return sql`${sql.param(value, column)}::${sql.raw(type)}`;
}
