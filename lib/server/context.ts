import 'server-only';
import { getConfig } from '@/lib/config';
import { getDb, type Database } from '@/lib/db';
import { logger } from '@/lib/log';
import { getMewsClient, type MewsClient } from '@/lib/mews';

/**
 * Everything a payment flow talks to. Production code uses `getPaymentContext()`; integration
 * tests build one with an in-memory database and a sandbox-backed Mews client.
 */
export interface PaymentContext {
  db: Database;
  mews: MewsClient;
  appUrl: string;
  now: () => Date;
  log: Pick<typeof logger, 'info' | 'warn' | 'error'>;
}

export async function getPaymentContext(): Promise<PaymentContext> {
  return {
    db: await getDb(),
    mews: getMewsClient(),
    appUrl: getConfig().appUrl,
    now: () => new Date(),
    log: logger,
  };
}
