import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates Connector API requests and responses against the vendored official OpenAPI document
 * (lib/mews/spec/mews-connector-openapi.yaml) with Ajv. Nothing here hand-checks shapes: the
 * schemas come from the spec, converted from OpenAPI 3.0 to JSON Schema (nullable, custom formats).
 *
 * The few places where the spec disagrees with what Mews actually sends are patched in
 * `RESPONSE_QUIRKS` and documented in sandbox/README.md ("Spec quirks").
 */

const here = path.dirname(fileURLToPath(import.meta.url));
export const SPEC_PATH = path.resolve(here, '../lib/mews/spec/mews-connector-openapi.yaml');
const SCHEMA_ID = 'https://sandbox.invalid/mews-connector-openapi.json';
export const CONNECTOR_PREFIX = '/api/connector/v1/';

/** The operations the sandbox implements, in the order the README lists them. */
export const OPERATIONS = [
  'configuration/get',
  'customers/getAll',
  'customers/add',
  'creditCards/addTokenized',
  'creditCards/charge',
  'creditCards/getAll',
  'payments/addCreditCard',
  'payments/addExternal',
  'payments/addAlternative',
  'payments/getAll',
  'payments/refund',
  'reservations/getAll/2023-06-06',
  'bills/getAll',
  'accountingCategories/getAll',
  'resources/getAll',
  'orderItems/getAll',
  'paymentRequests/add',
  'paymentRequests/getAll',
  'paymentRequests/cancel',
  'preauthorizations/getAllByCustomers',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

export function isOperationName(value: string): value is OperationName {
  return (OPERATIONS as readonly string[]).includes(value);
}

/**
 * Response fields the spec marks required and non-nullable although Mews sends `null`
 * (reference §2.8 and §4: "Required-but-null fields (e.g. Payment.SettlementUtc)").
 * The sandbox sends `null` like Mews, so clients are tested against the real behaviour.
 */
const RESPONSE_QUIRKS: ReadonlyArray<{ schema: string; property: string }> = [
  { schema: 'Payment', property: 'SettlementUtc' },
];

export interface SpecIssue {
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: SpecIssue[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 → JSON Schema: `nullable: true` becomes "this schema or null" (it also appears
 * next to `allOf`/`anyOf`/`enum`, where Ajv's own `nullable` support does not apply), vendor
 * extensions and annotation-only keywords are dropped so Ajv can stay strict about the rest.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'example' || key === 'examples' || key === 'deprecated')
      continue;
    if (key === 'readOnly' || key === 'writeOnly' || key === 'discriminator' || key === 'xml')
      continue;
    if (key === 'nullable') continue;
    if (key === 'properties' && isObject(value)) {
      // Property names are data, not keywords: never strip "x-..." or "example" property names.
      const props: JsonObject = {};
      for (const [name, schema] of Object.entries(value)) props[name] = toJsonSchema(schema);
      out[key] = props;
      continue;
    }
    out[key] = toJsonSchema(value);
  }
  if (node.nullable === true) {
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

interface OpenApiDocument {
  paths: Record<string, { post?: OperationObject }>;
  components: { schemas: Record<string, Json> };
}
interface OperationObject {
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

export interface OperationSchemas {
  requestSchemaName: string;
  responseSchemaName: string;
}

export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly requestValidators = new Map<OperationName, ValidateFunction>();
  private readonly responseValidators = new Map<OperationName, ValidateFunction>();
  private readonly errorValidator: ValidateFunction;
  readonly schemas = new Map<OperationName, OperationSchemas>();
  readonly document: OpenApiDocument;

  constructor(specPath: string = SPEC_PATH) {
    this.document = parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
    this.ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.ajv);
    // Formats the spec uses that are not JSON-schema formats. Numbers are JSON numbers already;
    // int32/int64 are checked for being integers in range.
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
    });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('currency', /^[A-Z]{3}$/);
    this.ajv.addFormat('tel', /^[0-9+()\-.\s/]{3,40}$/);
    this.ajv.addFormat('postal-code', /.*/);
    this.ajv.addFormat('string', /.*/);

    const components: JsonObject = {};
    for (const [name, schema] of Object.entries(this.document.components.schemas)) {
      components[name] = toJsonSchema(schema);
    }
    for (const quirk of RESPONSE_QUIRKS) {
      const schema = components[quirk.schema];
      if (!isObject(schema) || !isObject(schema.properties)) continue;
      const prop = schema.properties[quirk.property];
      if (prop !== undefined)
        schema.properties[quirk.property] = { anyOf: [{ type: 'null' }, prop] };
    }
    this.ajv.addSchema({ $id: SCHEMA_ID, components: { schemas: components } } as object);

    for (const op of OPERATIONS) {
      const post = this.document.paths[CONNECTOR_PREFIX + op]?.post;
      if (!post) throw new Error(`Operation ${op} is missing from the spec`);
      const requestRef = post.requestBody?.content?.['application/json']?.schema?.$ref;
      const responseRef = post.responses['200']?.content?.['application/json']?.schema?.$ref;
      if (!requestRef || !responseRef)
        throw new Error(`Operation ${op} has no JSON request/response schema`);
      const requestSchemaName = requestRef.split('/').pop() ?? '';
      const responseSchemaName = responseRef.split('/').pop() ?? '';
      this.schemas.set(op, { requestSchemaName, responseSchemaName });
      this.requestValidators.set(op, this.ajv.compile({ $ref: `${SCHEMA_ID}${requestRef}` }));
      this.responseValidators.set(op, this.ajv.compile({ $ref: `${SCHEMA_ID}${responseRef}` }));
    }
    this.errorValidator = this.ajv.compile({
      $ref: `${SCHEMA_ID}#/components/schemas/ConnectorApiExceptionResult`,
    });
  }

  validateRequest(op: OperationName, body: unknown): ValidationResult {
    return this.run(this.requestValidators.get(op), body);
  }

  validateResponse(op: OperationName, body: unknown): ValidationResult {
    return this.run(this.responseValidators.get(op), body);
  }

  validateError(body: unknown): ValidationResult {
    return this.run(this.errorValidator, body);
  }

  private run(validate: ValidateFunction | undefined, body: unknown): ValidationResult {
    if (!validate) throw new Error('No validator compiled for this operation');
    const valid = validate(body) as boolean;
    return { valid, issues: valid ? [] : summarise(validate.errors ?? []) };
  }
}

/** Collapses Ajv's errors into one line per problem, dropping the noise from `anyOf` null branches. */
function summarise(errors: ErrorObject[]): SpecIssue[] {
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf') continue;
    if (error.keyword === 'type' && (error.params as { type?: string }).type === 'null') continue;
    let message = error.message ?? error.keyword;
    if (error.keyword === 'additionalProperties') {
      message = `has unknown property ${(error.params as { additionalProperty: string }).additionalProperty}`;
    }
    const where = error.instancePath === '' ? '(body)' : error.instancePath;
    const key = `${where} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: where, message });
  }
  return issues;
}

let shared: SpecValidator | undefined;

/** The spec is 2 MB of YAML: parse and compile it once per process. */
export function getSpecValidator(): SpecValidator {
  shared ??= new SpecValidator();
  return shared;
}
