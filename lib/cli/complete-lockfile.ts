/**
 * npm run lockfile:complete: adds the other platforms' native binaries (darwin, win32, …) to
 * package-lock.json when the registry this lockfile was made against does not serve them.
 *
 * npm records an optional platform package in the lockfile only if it can read its manifest; a
 * registry mirror without, say, @next/swc-darwin-arm64 leaves the entry out, and `npm ci` then
 * refuses the lockfile as out of sync. Each entry added here carries its `os` and `cpu`, so npm
 * skips it on every other platform and fetches it normally where it belongs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const OS_NAMES = [
  'darwin',
  'win32',
  'linux',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'netbsd',
  'openbsd',
  'aix',
];
const CPU_NAMES: [RegExp, string][] = [
  [/arm64|aarch64/, 'arm64'],
  [/x64|x86_64|amd64/, 'x64'],
  [/ia32|i686/, 'ia32'],
  [/arm(?!64)/, 'arm'],
  [/ppc64/, 'ppc64'],
  [/s390x/, 's390x'],
  [/riscv64/, 'riscv64'],
  [/loong64/, 'loong64'],
  [/wasm32/, 'wasm32'],
];

function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | undefined {
  const base = name.split('/').pop() ?? name;
  const os = OS_NAMES.find((candidate) => base.includes(candidate));
  const cpu = CPU_NAMES.find(([pattern]) => pattern.test(base))?.[1];
  if (!os || !cpu) return undefined;
  const libc =
    os === 'linux'
      ? base.includes('musl')
        ? ['musl']
        : base.includes('gnu')
          ? ['glibc']
          : undefined
      : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

function missingFromLockfile(): string[] {
  try {
    execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      stdio: 'pipe',
    });
    return [];
  } catch (error) {
    const output = String((error as { stderr?: Buffer }).stderr ?? '');
    return [...output.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((match) => match[1]!);
  }
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const missing = missingFromLockfile();
let added = 0;
for (const name of missing) {
  const parent = Object.values(lock.packages).find((entry) => entry.optionalDependencies?.[name]);
  const version = parent?.optionalDependencies?.[name];
  const platform = platformOf(name);
  if (!version || !platform) {
    console.error(
      `Cannot complete ${name}: no parent version or no recognisable platform in its name`,
    );
    process.exitCode = 1;
    continue;
  }
  lock.packages[`node_modules/${name}`] = { version, optional: true, ...platform };
  added += 1;
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
writeFileSync('package-lock.json', `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(
  added
    ? `Added ${added} platform packages to package-lock.json.`
    : 'package-lock.json is complete.',
);
