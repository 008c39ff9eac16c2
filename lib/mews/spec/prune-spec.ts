/**
 * Cuts the official Connector API document (200 operations, 868 schemas) down to the operations
 * this client uses and the schemas they reach, so generated types and validators stay small.
 * Used by the type generator and by the contract tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MEWS_OPERATION_NAMES, operationPath } from '../operation-catalog';

export const SPEC_PATH = path.resolve(import.meta.dirname, 'mews-connector-openapi.yaml');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OpenApiDocument = {
  openapi: string;
  info: Record<string, Json>;
  paths: Record<string, { post?: Record<string, Json> }>;
  components: { schemas: Record<string, Json> };
  [key: string]: unknown;
};

let cachedDocument: OpenApiDocument | undefined;

/** The vendored official document, parsed once per process (it is 2 MB of YAML). */
export function loadOfficialSpec(): OpenApiDocument {
  cachedDocument ??= parse(readFileSync(SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as OpenApiDocument;
  return cachedDocument;
}

const SCHEMA_REF = '#/components/schemas/';

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
        into.add(value.slice(SCHEMA_REF.length));
      } else {
        collectRefs(value, into);
      }
    }
  }
}

/** Removes `example`/`examples` (large, and known not to validate) from a copy of a node. */
function withoutExamples<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutExamples) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || key === 'examples') continue;
      out[key] = withoutExamples(value);
    }
    return out as T;
  }
  return node;
}

/** The pruned document: the used operations (request body + 200 response) and their schemas. */
export function pruneSpec(
  document: OpenApiDocument,
  operations: readonly string[] = MEWS_OPERATION_NAMES,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const reached = new Set<string>();
  for (const operation of operations) {
    const key = operationPath(operation as (typeof MEWS_OPERATION_NAMES)[number]);
    const post = document.paths[key]?.post as Record<string, Json> | undefined;
    if (!post) throw new Error(`Operation ${operation} is not in the official spec`);
    const responses = post.responses as Record<string, Json>;
    const kept: Record<string, Json> = {
      operationId: post.operationId ?? null,
      summary: post.summary ?? null,
      requestBody: post.requestBody ?? null,
      responses: { '200': responses['200'] ?? null },
    };
    if (post.deprecated) kept.deprecated = true;
    paths[key] = { post: withoutExamples(kept) };
    collectRefs(kept, reached);
  }
  // The error body is declared on every non-200 response; we keep only that one schema of them.
  if (document.components.schemas.ConnectorApiExceptionResult) reached.add('ConnectorApiExceptionResult');
  const queue = [...reached];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const schema = document.components.schemas[name];
    if (schema === undefined) throw new Error(`Schema ${name} is referenced but not defined`);
    const found = new Set<string>();
    collectRefs(schema, found);
    for (const next of found) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  const schemas: Record<string, Json> = {};
  for (const name of [...reached].sort()) schemas[name] = withoutExamples(document.components.schemas[name] as Json);
  return {
    openapi: document.openapi,
    info: document.info,
    paths,
    components: { schemas },
  };
}

/** Name of the request schema of an operation, e.g. `ChargeCreditCardParameters`. */
export function requestSchemaName(document: OpenApiDocument, operation: string): string {
  const post = document.paths[`/api/connector/v1/${operation}`]?.post as
    | { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }
    | undefined;
  const ref = post?.requestBody?.content?.['application/json']?.schema?.$ref;
  if (!ref) throw new Error(`No JSON request schema for ${operation}`);
  return ref.slice(SCHEMA_REF.length);
}

/** Name of the 200 response schema of an operation. */
export function responseSchemaName(document: OpenApiDocument, operation: string): string {
  const post = document.paths[`/api/connector/v1/${operation}`]?.post as
    | { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }
    | undefined;
  const ref = post?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
  if (!ref) throw new Error(`No JSON 200 response schema for ${operation}`);
  return ref.slice(SCHEMA_REF.length);
}
