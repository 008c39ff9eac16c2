import { ConfigError, getConfig } from '@/lib/config';
import { EmbeddedDatabaseBusyError } from '@/lib/db/client';
import { PaymentError } from '@/lib/server/errors';

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
      if (
        error instanceof PaymentError &&
        error.code === 'mews_unavailable' &&
        getConfig().mews.mode === 'sandbox'
      ) {
        console.error(
          `The Mews sandbox (${getConfig().mews.platformUrl}) is not running. Start it in another terminal with ` +
            '`npm run sandbox`, then run this again.',
        );
      }
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
