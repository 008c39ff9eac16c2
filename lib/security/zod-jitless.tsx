'use client';

import type { $ZodConfig } from 'zod/v4/core';

/**
 * Zod compiles fast object parsers with `new Function` and, to know whether it may, probes once
 * with `new Function('')` in a try/catch. Our Content-Security-Policy has no 'unsafe-eval' in
 * production, so the probe fails quietly but the browser still reports a `securitypolicyviolation`
 * for it on every page with a form. `jitless` tells Zod to skip the probe and the compiled parsers
 * altogether in the browser; the forms' schemas are small, so the interpreted parsers cost nothing
 * noticeable. Zod decides when a schema is built (often when a module loads), so this module must
 * run first: the root layout renders it before anything else, and the browser test
 * (tests/e2e/security-headers.spec.ts) fails on any violation if that ever stops being enough.
 * An `instrumentation-client.ts` at the project root would be the fully ordered place for it.
 *
 * Zod keeps its one configuration on `globalThis.__zod_globalConfig`, shared by every copy and API
 * of zod and, as zod's core documents, read when zod loads if set before. Setting it there instead
 * of calling `z.config` keeps zod itself out of every page's JavaScript (importing it here cost
 * each page 5 kB gzip with `zod/mini`, 31 kB with classic `zod`), and works whichever runs first.
 */
const zodGlobal = globalThis as typeof globalThis & { __zod_globalConfig?: $ZodConfig };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;

/** Rendered once by the root layout only to bring this module into every page's client bundle. */
export function ZodJitless(): null {
  return null;
}
