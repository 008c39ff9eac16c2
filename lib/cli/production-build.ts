/**
 * "Build for production unless the current build already matches the sources": shared by
 * `npm start` and `npm run bench`, so neither serves or measures a stale build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything `next build` reads of the sources (besides `package.json` and `node_modules`). */
export const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.mjs',
  'package-lock.json',
  'tsconfig.json',
  'instrumentation.ts',
  'proxy.ts',
];

export function nextBinary(root: string): string {
  return path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
}

export function distDirOf(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(root, env.NEXT_DIST_DIR || '.next');
}

function listFiles(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { withFileTypes: true }).flatMap((child) =>
    listFiles(root, path.join(entry, child.name)),
  );
}

/** A content hash of everything `next build` reads. */
function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((entry) => listFiles(root, entry)).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/**
 * Runs `next build` when there is no build or the sources changed since the last one. Resolves
 * with whether it built; rejects when the build fails.
 */
export async function ensureProductionBuild(
  root: string,
  env: NodeJS.ProcessEnv,
  onBuildStart: () => void = () => undefined,
): Promise<{ built: boolean }> {
  const distDir = distDirOf(root, env);
  const fingerprintFile = path.join(distDir, 'mews-checkout-build-fingerprint');
  const fingerprint = sourceFingerprint(root);
  const current =
    existsSync(path.join(distDir, 'BUILD_ID')) &&
    existsSync(fingerprintFile) &&
    readFileSync(fingerprintFile, 'utf8') === fingerprint;
  if (current) return { built: false };
  onBuildStart();
  const code = await new Promise<number>((resolve) =>
    spawn(process.execPath, [nextBinary(root), 'build'], {
      cwd: root,
      env: { ...env, NODE_ENV: 'production' },
      stdio: 'inherit',
    }).on('exit', (exitCode) => resolve(exitCode ?? 1)),
  );
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  writeFileSync(fingerprintFile, fingerprint);
  return { built: true };
}
