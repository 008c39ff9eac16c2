import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Starts `payment-worker.ts` as a real child process (`node --conditions=react-server --import tsx`)
 * and talks to it line by line: `send()` resolves with the worker's answer to that command.
 */

export const WORKER_SCRIPT = path.join(
  process.cwd(),
  'tests/reliability/support/payment-worker.ts',
);

export type WorkerAnswer<T = unknown> =
  | { id: string; ok: true; data: T; ms: number; startedAt: number }
  | {
      id: string;
      ok: false;
      error: { code: string; message: string; detail?: string };
      ms: number;
      startedAt: number;
    };

export interface WorkerOptions {
  name: string;
  sandboxUrl: string;
  databaseUrl?: string;
  pgliteDir?: string;
  /** `warn` (default) forwards the worker's warnings to this process's stderr. */
  log?: 'silent' | 'warn';
  startTimeoutMs?: number;
  /** The Mews access token of the instance (default London's); iDEAL runs on the Dutch hotel's. */
  accessToken?: string;
}

export interface WorkerProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  send<T = unknown>(
    command: Record<string, unknown> & { op: string },
    timeoutMs?: number,
  ): Promise<WorkerAnswer<T>>;
  /** Resolves when the process has exited; unanswered commands then reject with WorkerExitedError. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, as `kill -9` would; resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Asks the worker to close its pool and exit. */
  stop(): Promise<void>;
  /** stderr lines so far (warnings from the payment code). */
  stderr: string[];
}

const PREFIX = '@@worker ';

/** The worker died (or was killed) with this command still unanswered. */
export class WorkerExitedError extends Error {
  override name = 'WorkerExitedError';
}

export async function startWorker(options: WorkerOptions): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', WORKER_SCRIPT],
    {
      cwd: process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        WORKER_NAME: options.name,
        WORKER_SANDBOX_URL: options.sandboxUrl,
        WORKER_LOG: options.log ?? 'warn',
        ...(options.databaseUrl ? { WORKER_DATABASE_URL: options.databaseUrl } : {}),
        ...(options.pgliteDir ? { WORKER_PGLITE_DIR: options.pgliteDir } : {}),
        ...(options.accessToken ? { WORKER_ACCESS_TOKEN: options.accessToken } : {}),
      },
    },
  );
  const pending = new Map<
    string,
    { resolve: (answer: WorkerAnswer) => void; reject: (error: Error) => void }
  >();
  const stderr: string[] = [];
  let ready: (value: { pid: number }) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const readyPromise = new Promise<{ pid: number }>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });

  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(PREFIX)) return;
    const message = JSON.parse(line.slice(PREFIX.length)) as Record<string, unknown>;
    if (message.ready) return ready({ pid: message.pid as number });
    if (message.fatal)
      return failed(
        new Error(`Worker ${options.name} failed to start: ${String(message.message)}`),
      );
    const waiting = pending.get(message.id as string);
    if (waiting) {
      pending.delete(message.id as string);
      waiting.resolve(message as unknown as WorkerAnswer);
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (options.log !== 'silent' && process.env.RELIABILITY_VERBOSE) console.error(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      failed(
        new Error(
          `Worker ${options.name} exited (${code ?? signal}) before it was ready: ${stderr.join('\n')}`,
        ),
      );
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(
          new WorkerExitedError(
            `Worker ${options.name} exited (${code ?? signal}) before answering`,
          ),
        );
      }
      resolve({ code, signal });
    });
  });

  const timeout = setTimeout(
    () =>
      failed(
        new Error(`Worker ${options.name} not ready after ${options.startTimeoutMs ?? 60_000} ms`),
      ),
    options.startTimeoutMs ?? 60_000,
  );
  let pid: number;
  try {
    ({ pid } = await readyPromise);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timeout);
  }

  const worker: WorkerProcess = {
    name: options.name,
    pid,
    child,
    stderr,
    exited,
    send<T>(command: Record<string, unknown> & { op: string }, timeoutMs = 120_000) {
      const id = (command.id as string | undefined) ?? randomUUID();
      return new Promise<WorkerAnswer<T>>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new Error(`Worker ${options.name}: no answer to ${command.op} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        pending.set(id, {
          resolve: (answer) => {
            clearTimeout(timer);
            resolve(answer as WorkerAnswer<T>);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.stdin!.write(`${JSON.stringify({ ...command, id })}\n`);
      });
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.write(`${JSON.stringify({ id: randomUUID(), op: 'exit' })}\n`);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return worker;
}
