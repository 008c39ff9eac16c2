import { ConfigError } from '@/lib/config';
import { EmbeddedDatabaseBusyError } from '@/lib/db/client';
import { PaymentError } from '@/lib/payments/errors';

/**
 * Runs a command-line task and turns every expected failure into one clear line and exit code 1,
 * closing the database so PGlite releases its folder.
 */
export async function runCommand(task: () => Promise<void>): Promise<void> {
  let code = 0;
  try {
    await task();
  } catch (error) {
    code = 1;
    if (
      error instanceof ConfigError ||
      error instanceof EmbeddedDatabaseBusyError ||
      error instanceof PaymentError ||
      error instanceof UsageError
    ) {
      console.error(error.message);
    } else {
      console.error(error);
    }
  } finally {
    const { getDatabaseHandle } = await import('@/lib/db');
    await getDatabaseHandle()
      .then((handle) => handle.close())
      .catch(() => undefined);
  }
  process.exit(code);
}

export class UsageError extends Error {
  override name = 'UsageError';
}
