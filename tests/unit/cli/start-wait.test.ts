import { describe, expect, it } from 'vitest';
import { giveUpMessage, processCpuTicks, waitUntilServing } from '@/lib/cli/start-wait';

/** A starting process on a fake clock: answers after `readyAfterMs`, burns CPU while `busyUntilMs`. */
function startingProcess(options: {
  readyAfterMs?: number;
  busyUntilMs?: number;
  exitsAtMs?: number;
  cpu?: 'linux' | 'unreadable';
}) {
  let clock = 0;
  const probes: number[] = [];
  return {
    probes,
    wait: (limitMs: number, stallMs?: number) =>
      waitUntilServing({
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
        probe: async (timeoutMs) => {
          probes.push(timeoutMs);
          // A probe on a busy host takes a while to come back.
          clock += 500;
          return options.readyAfterMs !== undefined && clock >= options.readyAfterMs;
        },
        isAlive: () => options.exitsAtMs === undefined || clock < options.exitsAtMs,
        progress: () =>
          options.cpu === 'unreadable'
            ? null
            : Math.floor(Math.min(clock, options.busyUntilMs ?? Infinity) / 100),
        limitMs,
        stallMs,
      }),
  };
}

describe('npm start: waiting for the app', () => {
  it('waits past the old fixed 60 s for an app that is still starting', async () => {
    const app = startingProcess({ readyAfterMs: 150_000, busyUntilMs: 150_000 });
    const outcome = await app.wait(600_000);
    expect(outcome).toMatchObject({ ready: true });
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(150_000);
  });

  it('gives up at START_TIMEOUT_SECONDS however busy the app is, with a clear message', async () => {
    const app = startingProcess({ busyUntilMs: Infinity });
    const outcome = await app.wait(90_000);
    expect(outcome).toMatchObject({ ready: false, reason: 'limit' });
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(90_000);
    expect(outcome.waitedMs).toBeLessThan(92_000);
    if (outcome.ready) throw new Error('unreachable');
    expect(
      giveUpMessage('Mews Checkout', 'http://localhost:3000/api/health', outcome, 90_000),
    ).toBe(
      'Mews Checkout did not answer on http://localhost:3000/api/health within START_TIMEOUT_SECONDS=90 although still starting; the host may be overloaded. Stopping. Set START_TIMEOUT_SECONDS higher to wait longer.',
    );
  });

  it('gives up early on an app that is alive but has used no CPU for the stall period', async () => {
    const app = startingProcess({ busyUntilMs: 20_000 });
    const outcome = await app.wait(600_000, 60_000);
    expect(outcome).toMatchObject({ ready: false, reason: 'stalled' });
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(80_000);
    expect(outcome.waitedMs).toBeLessThan(90_000);
  });

  it('stops waiting at once when the process exits', async () => {
    const app = startingProcess({ exitsAtMs: 5_000, busyUntilMs: Infinity });
    expect(await app.wait(600_000)).toMatchObject({ ready: false, reason: 'exited' });
  });

  it('without readable CPU time (not Linux) waits for the limit only', async () => {
    const app = startingProcess({ readyAfterMs: 200_000, cpu: 'unreadable' });
    expect(await app.wait(600_000, 60_000)).toMatchObject({ ready: true });
  });

  it('lets a single health probe take longer than the old 2 s, but never past the limit', async () => {
    const app = startingProcess({ readyAfterMs: 3_000, busyUntilMs: Infinity });
    await app.wait(10_000);
    expect(app.probes[0]).toBe(10_000);
    const longer = startingProcess({ readyAfterMs: 3_000, busyUntilMs: Infinity });
    await longer.wait(600_000);
    expect(longer.probes[0]).toBe(15_000);
  });

  it.runIf(process.platform === 'linux')('reads a process’s CPU time from /proc', () => {
    const ticks = processCpuTicks(process.pid);
    expect(ticks).toBeGreaterThan(0);
    expect(processCpuTicks(2 ** 30)).toBeNull();
  });
});
