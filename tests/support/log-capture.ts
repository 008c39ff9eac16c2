import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as PinoModule from 'pino';

/**
 * Captures everything the app logs, so a test can prove what never reaches a log line. The app's
 * own logger (lib/log, with its redaction) stays as configured; only where pino writes changes:
 * the console stream goes to a temp file instead of stdout, and every destination is synchronous,
 * so a test reads complete files. `LOG_FILE` is pointed at a second temp file, and `console.*`
 * calls are kept too.
 *
 *   vi.mock('pino', async (importOriginal) =>
 *     (await import('../support/log-capture')).capturingPino(await importOriginal()));
 */

const dir = mkdtempSync(path.join(tmpdir(), 'mews-log-capture-'));

export const logCapture = {
  dir,
  /** What lib/log would have written to stdout. */
  consoleFile: path.join(dir, 'console.log'),
  /** The LOG_FILE the app is configured with. */
  logFile: path.join(dir, 'app.log'),
  /** console.log/info/warn/error/debug calls, formatted. */
  consoleCalls: [] as string[],
  /** Every captured line: both files and the console calls. */
  lines(): string[] {
    const fromFile = (file: string) =>
      existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    return [...fromFile(this.consoleFile), ...fromFile(this.logFile), ...this.consoleCalls];
  },
  cleanUp(): void {
    rmSync(dir, { recursive: true, force: true });
  },
};

type Pino = typeof PinoModule;
type DestinationArg = Parameters<Pino['destination']>[0];

function isStandardStream(dest: DestinationArg): boolean {
  if (dest === 1 || dest === 2 || dest === process.stdout || dest === process.stderr) return true;
  if (dest && typeof dest === 'object' && 'dest' in dest) return dest.dest === 1 || dest.dest === 2;
  return false;
}

/** The `pino` module with `destination()` redirected as described above. */
export function capturingPino(actual: Pino): Pino {
  const real = ((actual as { default?: unknown }).default ?? actual) as Pino['default'];
  const destination = (dest?: DestinationArg) => {
    if (isStandardStream(dest))
      return real.destination({
        dest: logCapture.consoleFile,
        sync: true,
        append: true,
        mkdir: true,
      });
    if (dest && typeof dest === 'object' && 'dest' in dest)
      return real.destination({ ...dest, sync: true });
    return real.destination(dest);
  };
  const wrapped = Object.assign((...args: Parameters<typeof real>) => real(...args), real, {
    destination,
  });
  return { ...actual, default: wrapped, pino: wrapped, destination } as unknown as Pino;
}

/** Keeps console output (and out of the test report). Returns a restore function. */
export function captureConsole(): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((method) => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      logCapture.consoleCalls.push(
        `${method}: ${args.map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg))).join(' ')}`,
      );
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
