/**
 * Generates `lib/mews/generated/connector.ts`: TypeScript types for the Connector API operations
 * in `operation-catalog.ts`, from the vendored official OpenAPI document, via openapi-typescript.
 *
 *   npm run mews:types           # write the file
 *   npm run mews:types -- --check  # exit 1 if the committed file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadOfficialSpec, pruneSpec } from './prune-spec';

export const GENERATED_TYPES_PATH = path.resolve(import.meta.dirname, '../generated/connector.ts');

const HEADER = `/**
 * Connector API types for the operations listed in lib/mews/operation-catalog.ts, generated from
 * the official OpenAPI document (lib/mews/spec/mews-connector-openapi.yaml) by
 * lib/mews/spec/generate-types.ts. Do not edit: run \`npm run mews:types\`.
 */

`;

export async function generateConnectorTypes(): Promise<string> {
  const pruned = pruneSpec(loadOfficialSpec());
  // openapi-typescript's types for the document are stricter than the parsed YAML's.
  const ast = await openapiTS(pruned as unknown as Parameters<typeof openapiTS>[0], {
    silent: true,
    alphabetize: false,
  });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const source = await generateConnectorTypes();
  if (process.argv.includes('--check')) {
    const current = readFileSync(GENERATED_TYPES_PATH, 'utf8');
    if (current !== source) {
      console.error(`${path.relative(process.cwd(), GENERATED_TYPES_PATH)} is stale: run npm run mews:types`);
      process.exit(1);
    }
    console.log('Generated Connector API types are up to date.');
    return;
  }
  writeFileSync(GENERATED_TYPES_PATH, source);
  console.log(`Wrote ${path.relative(process.cwd(), GENERATED_TYPES_PATH)} (${source.length} characters).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
