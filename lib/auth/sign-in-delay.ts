import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The wait before a password is checked on an account with many recent failures (sign-in.ts). In
 * a module of its own so a suite that sends many failures on purpose, for something else than
 * throttling, can replace it (`vi.mock('@/lib/auth/sign-in-delay', ...)`).
 */
export async function waitBeforePasswordCheck(ms: number): Promise<void> {
  await sleep(ms);
}
