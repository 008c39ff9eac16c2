import { PGlite, types } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withNamedStatements } from '@/lib/db/pglite-statement-cache';

/**
 * The embedded database keeps the parse of every statement text it has seen (named prepared
 * statements). Whatever the app reads or writes must come back exactly as PGlite's own `query`
 * gives it, errors included, and a kept statement must never run stale.
 */

let plain: PGlite;
let named: PGlite;

const preparedCount = async (client: PGlite) =>
  (
    await client.query<{ count: number }>(
      'select count(*)::int as count from pg_prepared_statements',
    )
  ).rows[0]?.count;

beforeEach(async () => {
  plain = await PGlite.create();
  named = withNamedStatements(await PGlite.create(), { maxStatements: 5 });
  for (const client of [plain, named]) {
    await client.exec(`create table payments (
      id serial primary key,
      reference text unique not null,
      amount_minor integer not null,
      paid_at timestamptz,
      details jsonb
    )`);
  }
});

afterEach(async () => {
  await plain.close();
  await named.close();
});

describe('PGlite with named statements', () => {
  it('answers inserts, reads and parsers like PGlite itself', async () => {
    const paidAt = new Date('2026-11-21T10:00:00.000Z');
    const insert =
      'insert into payments (reference, amount_minor, paid_at, details) values ($1, $2, $3, $4) returning *';
    const read =
      'select id, reference, amount_minor, paid_at, details from payments where amount_minor >= $1 order by id';
    const options = {
      rowMode: 'array' as const,
      parsers: { [types.TIMESTAMPTZ]: (value: string) => value },
    };
    for (const client of [plain, named]) {
      await client.query(insert, ['a', 1_000, paidAt, { method: 'card' }]);
      await client.query(insert, ['b', 2_550, null, null]);
    }
    for (const [sql, params, queryOptions] of [
      [read, [0], undefined],
      [read, [2_000], options],
      [
        'update payments set amount_minor = amount_minor + $1 where reference = $2',
        [1, 'a'],
        undefined,
      ],
      ['select count(*) from payments', [], undefined],
      ['select id, paid_at from payments where amount_minor < $1', [0], options],
      ['select paid_at, details from payments order by id', [], { parsers: options.parsers }],
      ['delete from payments where reference = $1', ['none'], undefined],
    ] as const) {
      const expected = await plain.query(sql, [...params], queryOptions);
      const actual = await named.query(sql, [...params], queryOptions);
      expect(actual).toEqual(expected);
    }
    expect((await named.query(read, [0])).rows).toEqual([
      { id: 1, reference: 'a', amount_minor: 1_001, paid_at: paidAt, details: { method: 'card' } },
      { id: 2, reference: 'b', amount_minor: 2_550, paid_at: null, details: null },
    ]);
  });

  it('parses a statement once and runs it many times', async () => {
    for (let amount = 0; amount < 20; amount++) {
      await named.query('insert into payments (reference, amount_minor) values ($1, $2)', [
        `r${amount}`,
        amount,
      ]);
    }
    const kept = await named.query<{ statement: string }>(
      'select statement from pg_prepared_statements order by prepare_time',
    );
    expect(kept.rows.map((row) => row.statement)).toEqual([
      'insert into payments (reference, amount_minor) values ($1, $2)',
      'select statement from pg_prepared_statements order by prepare_time',
    ]);
    expect((await named.query('select count(*)::int as count from payments')).rows).toEqual([
      { count: 20 },
    ]);
  });

  it('raises PostgreSQL errors as PGlite does, and the statement and connection go on working', async () => {
    const insert = 'insert into payments (reference, amount_minor) values ($1, $2)';
    await named.query(insert, ['dup', 1]);
    const duplicate = await named.query(insert, ['dup', 2]).catch((error: unknown) => error);
    const plainDuplicate = await plain
      .query(insert, ['dup', 1])
      .then(() => plain.query(insert, ['dup', 2]))
      .catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: '23505', constraint: 'payments_reference_key' });
    expect((duplicate as Error).message).toBe((plainDuplicate as Error).message);
    await expect(named.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    await named.query(insert, ['next', 3]);
    expect((await named.query('select reference from payments order by id')).rows).toEqual([
      { reference: 'dup' },
      { reference: 'next' },
    ]);
  });

  it('prepares a statement again when its table changed shape under it', async () => {
    await named.query('insert into payments (reference, amount_minor) values ($1, $2)', ['a', 1]);
    expect(
      Object.keys((await named.query('select * from payments')).rows[0] as object),
    ).not.toContain('note');
    await named.exec("alter table payments add column note text not null default 'kept'");
    expect((await named.query('select * from payments')).rows[0]).toMatchObject({
      reference: 'a',
      note: 'kept',
    });
  });

  it('keeps at most the configured number of statements, closing the least recently used', async () => {
    const hot = 'select reference from payments where id = $1';
    for (let n = 0; n < 12; n++) {
      await named.query(hot, [1]);
      await named.query(`select ${n} as n`);
    }
    expect(await preparedCount(named)).toBeLessThanOrEqual(5);
    const kept = await named.query<{ statement: string }>(
      'select statement from pg_prepared_statements',
    );
    expect(kept.rows.map((row) => row.statement)).toContain(hot);
  });

  it('waits for a running transaction and leaves transactions to PGlite', async () => {
    const order: string[] = [];
    const transaction = named.transaction(async (tx) => {
      await tx.query('insert into payments (reference, amount_minor) values ($1, $2)', [
        'in-tx',
        1,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('transaction');
    });
    const read = named.query('select count(*)::int as count from payments').then((result) => {
      order.push('read');
      return result.rows;
    });
    await transaction;
    expect(await read).toEqual([{ count: 1 }]);
    expect(order).toEqual(['transaction', 'read']);
  });
});
