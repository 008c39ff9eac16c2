import { spawn } from 'node:child_process';
import net from 'node:net';
import { median, percentile, type Measurement } from './measurements';

/**
 * What this machine charges for waking a process that sat idle, measured with nothing of ours: a
 * one-byte echo over loopback TCP between two bare Node.js processes (node:net, no HTTP, no app).
 * At 150 ms Connector latency the app sits idle before each step of a payment (the pay action
 * arriving after the guest's tokenization, then each of the three Connector answers), so four
 * such wake-ups are part of every payment's overhead whatever the server does.
 */

/** A payment's wake-ups at Connector latency: the action's arrival and three Connector answers. */
export const WAKE_UPS_PER_PAYMENT = 4;

const ECHO_SERVER = `
const server = require('node:net').createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('data', (chunk) => socket.write(chunk));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startEchoServer(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return { port, stop: () => child.kill() };
}

/** `rounds` × the sum of `trips` echo round trips, each after `idleMs` of the server sitting idle. */
async function echoRounds(
  port: number,
  rounds: number,
  trips: number,
  idleMs: number,
): Promise<number[]> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  const echo = () =>
    new Promise<number>((resolve) => {
      const start = performance.now();
      socket.once('data', () => resolve(performance.now() - start));
      socket.write('x');
    });
  const sums: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      let sum = 0;
      for (let trip = 0; trip < trips; trip++) {
        if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
        sum += await echo();
      }
      sums.push(sum);
    }
  } finally {
    socket.destroy();
  }
  return sums;
}

export async function measureWakeUpFloor(idleMs: number, rounds: number): Promise<Measurement[]> {
  const section = 'Server overhead';
  const server = await startEchoServer();
  try {
    await echoRounds(server.port, 200, 1, 0); // warm-up
    const backToBack = await echoRounds(server.port, 1_000, 1, 0);
    const afterIdle = await echoRounds(server.port, rounds, WAKE_UPS_PER_PAYMENT, idleMs);
    const detail = `one-byte echo over loopback TCP between two bare Node.js processes (node:net), nothing of the app running`;
    return [
      {
        section,
        name: 'Loopback echo, back to back, p50: this machine',
        value: median(backToBack),
        unit: 'ms',
        detail: `${backToBack.length} round trips; ${detail}`,
      },
      {
        section,
        name: 'Loopback echo, back to back, p99: this machine',
        value: percentile(backToBack, 99),
        unit: 'ms',
      },
      {
        section,
        name: `${WAKE_UPS_PER_PAYMENT} loopback echoes after ${idleMs} ms idle each, summed, p50: a payment's wake-ups`,
        value: median(afterIdle),
        unit: 'ms',
        detail:
          `${afterIdle.length} rounds of ${WAKE_UPS_PER_PAYMENT} round trips, the echo server idle ${idleMs} ms before each, as the app is before each ` +
          `step of a payment at ${idleMs} ms Connector latency (the action's arrival, three Connector answers); ${detail}. ` +
          `A payment's overhead at that latency cannot be lower than this`,
      },
      {
        section,
        name: `${WAKE_UPS_PER_PAYMENT} loopback echoes after ${idleMs} ms idle each, summed, p99: a payment's wake-ups`,
        value: percentile(afterIdle, 99),
        unit: 'ms',
      },
    ];
  } finally {
    server.stop();
  }
}
