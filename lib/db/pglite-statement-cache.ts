import 'server-only';
import {
  parse,
  protocol,
  types,
  type messages,
  type PGlite,
  type QueryOptions,
  type Results,
} from '@electric-sql/pglite';

/**
 * Named prepared statements for PGlite, the way node-postgres has them for PostgreSQL.
 *
 * PGlite's `query` parses and describes every statement anew, on every call, in six separate
 * passes through the WebAssembly main loop (parse, describe, bind, describe, execute, sync). The
 * app sends the same few dozen statement texts over and over, so this keeps each text's parse as a
 * named statement, and every later call is one pass: bind, describe, execute, sync. PostgreSQL's
 * plan cache also keeps the plan once it finds a generic one as good as the custom ones.
 *
 * Statements are keyed by their text; at most `maxStatements` are kept, the least recently used one
 * is closed when a new one would exceed that. A statement PostgreSQL can no longer use (its tables
 * changed shape under it, or it is gone) is prepared again and sent once more: both errors come
 * before anything is executed, so the second send cannot run anything twice.
 *
 * Only `query` changes. Transactions (`transaction()`), `exec` and everything else are PGlite's own,
 * and `query` waits for a running transaction exactly as before.
 */
export function withNamedStatements(
  client: PGlite,
  options: { maxStatements?: number } = {},
): PGlite {
  const maxStatements = options.maxStatements ?? DEFAULT_MAX_STATEMENTS;
  const statements = new Map<string, PreparedStatement>();
  const plainQuery = client.query.bind(client);
  let nextName = 0;

  const prepare = async (text: string): Promise<PreparedStatement> => {
    const name = `pglite_statement_${nextName++}`;
    const messages = await client.execProtocolStream(
      concat(
        protocol.serialize.parse({ name, text }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    statements.set(text, statement);
    if (statements.size > maxStatements) {
      const [oldestText, oldest] = statements.entries().next().value as [string, PreparedStatement];
      statements.delete(oldestText);
      await client.execProtocolStream(
        concat(
          protocol.serialize.close({ type: 'S', name: oldest.name }),
          protocol.serialize.sync(),
        ),
        { syncToFs: false },
      );
    }
    return statement;
  };

  const run = async (
    statement: PreparedStatement,
    params: unknown[],
    queryOptions?: QueryOptions,
  ): Promise<Results> => {
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[index] as number;
      const serializer = queryOptions?.serializers?.[type] ?? client.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await client.execProtocolStream(
      concat(
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ),
      { syncToFs: false, ...(queryOptions?.onNotice ? { onNotice: queryOptions.onNotice } : {}) },
    );
    return resultOf(messages, client.parsers, queryOptions);
  };

  const namedQuery = async <Row>(
    text: string,
    params: unknown[] = [],
    queryOptions?: QueryOptions,
  ): Promise<Results<Row>> => {
    // Blobs (COPY) and caller-given parameter types are PGlite's own business.
    if (queryOptions?.blob || queryOptions?.paramTypes)
      return plainQuery<Row>(text, params, queryOptions);
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        let statement = statements.get(text);
        if (statement) {
          // Most recently used last, so the first entry is the one to close when full.
          statements.delete(text);
          statements.set(text, statement);
        }
        let result: Results;
        try {
          result = await run((statement ??= await prepare(text)), params, queryOptions);
        } catch (error) {
          if (!isStaleStatement(error)) throw error;
          statements.delete(text);
          result = await run(await prepare(text), params, queryOptions);
        }
        await client.syncToFs();
        return result as Results<Row>;
      }),
    );
  };

  client.query = namedQuery as PGlite['query'];
  return client;
}

const DEFAULT_MAX_STATEMENTS = 200;

interface PreparedStatement {
  name: string;
  paramTypes: number[];
}

/**
 * "cached plan must not change result type" (a table's columns changed under a `select *`) and
 * "prepared statement does not exist": both refuse the statement before it runs.
 */
function isStaleStatement(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return (
    code === '26000' ||
    (code === '0A000' && message.includes('cached plan must not change result type'))
  );
}

/**
 * PGlite's `parse.parseResults` for the one statement a `query` runs, without its copy of the whole
 * parser table (318 entries) whenever the caller brings parsers of its own, as Drizzle does with
 * every query: that copy was nearly all the time of reading a small result (docs/performance.md).
 */
function resultOf(
  messages: messages.BackendMessage[],
  defaults: PGlite['parsers'],
  options?: QueryOptions,
): Results {
  let fields: { name: string; dataTypeID: number }[] = [];
  const rows: unknown[] = [];
  const valueOf = (text: string | null, type: number) => {
    if (text === null) return null;
    const parser = options?.parsers?.[type] ?? defaults[type] ?? types.parsers[type];
    return parser ? parser(text, type) : text;
  };
  for (const message of messages) {
    if (message.name === 'rowDescription') {
      fields = (message as messages.RowDescriptionMessage).fields.map(({ name, dataTypeID }) => ({
        name,
        dataTypeID,
      }));
    } else if (message.name === 'dataRow') {
      const values = (message as messages.DataRowMessage).fields;
      rows.push(
        options?.rowMode === 'array'
          ? values.map((value, index) =>
              valueOf(value, (fields[index] as { dataTypeID: number }).dataTypeID),
            )
          : Object.fromEntries(
              values.map((value, index) => {
                const field = fields[index] as { name: string; dataTypeID: number };
                return [field.name, valueOf(value, field.dataTypeID)];
              }),
            ),
      );
    } else if (message.name === 'commandComplete') {
      const words = (message as messages.CommandCompleteMessage).text.split(' ');
      const command = words[0] as string;
      const count = parseInt(words[words.length - 1] as string, 10);
      const affectedRows = ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command)
        ? count
        : 0;
      return {
        rows,
        fields,
        command,
        affectedRows,
        ...(Number.isNaN(count) ? {} : { rowCount: count }),
      } as Results;
    }
  }
  return { affectedRows: 0, rows: [], fields: [] };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
