import { readFileSync } from 'node:fs';

/**
 * How `npm start` waits for a process it started (the sandbox, the app) to answer over HTTP. A
 * fixed deadline gave up on a loaded host while the app was still busy starting, and took the
 * sandbox down with it; this waits as long as the process is alive and still doing something
 * (its CPU time grows), up to an overall limit (START_TIMEOUT_SECONDS).
 */

export interface StartWaitOptions {
  /** Answers true once the process serves requests. Given how long one probe may take. */
  probe: (timeoutMs: number) => Promise<boolean>;
  /** False once the process has exited. */
  isAlive: () => boolean;
  /**
   * A number that grows while the process works (CPU ticks), or `null` when it cannot be read
   * (not Linux): then only the overall limit applies.
   */
  progress: () => number | null;
  /** The overall limit, however busy the process is. */
  limitMs: number;
  /** Give up sooner when the process has used no CPU at all for this long. Default 120 s. */
  stallMs?: number;
  /** Pause between probes. Default 0.5 s. */
  pollIntervalMs?: number;
  /** The longest a single probe may take: a first request on a loaded host can take long. Default 15 s. */
  probeTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type StartWaitOutcome =
  | { ready: true; waitedMs: number }
  | { ready: false; reason: 'exited' | 'limit' | 'stalled'; waitedMs: number };

export async function waitUntilServing(options: StartWaitOptions): Promise<StartWaitOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const stallMs = options.stallMs ?? 120_000;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const probeTimeoutMs = options.probeTimeoutMs ?? 15_000;
  const started = now();
  let lastProgress = options.progress();
  let lastProgressAt = started;

  for (;;) {
    const waitedMs = now() - started;
    if (!options.isAlive()) return { ready: false, reason: 'exited', waitedMs };
    const remaining = options.limitMs - waitedMs;
    if (remaining <= 0) return { ready: false, reason: 'limit', waitedMs };
    if (await options.probe(Math.min(probeTimeoutMs, remaining))) {
      return { ready: true, waitedMs: now() - started };
    }
    const current = options.progress();
    if (current !== null && (lastProgress === null || current > lastProgress)) {
      lastProgress = current;
      lastProgressAt = now();
    } else if (current !== null && now() - lastProgressAt >= stallMs) {
      return { ready: false, reason: 'stalled', waitedMs: now() - started };
    }
    await sleep(pollIntervalMs);
  }
}

/**
 * CPU time (user + system, in clock ticks, its waited-for children included) of a process, from
 * Linux's /proc; `null` elsewhere or when the process is gone.
 */
export function processCpuTicks(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of the whole line, 12-15 after the name.
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Probes `url` once: any HTTP answer means the server is up. */
export async function httpAnswers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

/** The one line `npm start` prints when it gives up. */
export function giveUpMessage(
  what: string,
  url: string,
  outcome: Extract<StartWaitOutcome, { ready: false }>,
  limitMs: number,
): string {
  const seconds = Math.round(outcome.waitedMs / 1000);
  switch (outcome.reason) {
    case 'exited':
      return `${what} stopped before it answered on ${url} (after ${seconds} s); see its output above.`;
    case 'stalled':
      return `${what} did not answer on ${url} and has used no CPU for a while (after ${seconds} s): it looks stuck. Stopping.`;
    case 'limit':
      return `${what} did not answer on ${url} within START_TIMEOUT_SECONDS=${Math.round(limitMs / 1000)} although still starting; the host may be overloaded. Stopping. Set START_TIMEOUT_SECONDS higher to wait longer.`;
  }
}
