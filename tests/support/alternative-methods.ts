import { writeInstallationSetting } from '@/lib/db/installation-settings';
import { IDEAL_SETTING_NAME } from '@/lib/payments/installation/alternative-methods';
import type { PaymentContext } from '@/lib/server/context';

/**
 * Test helper: iDEAL is off on a fresh installation (a manager turns it on after Mews accepts a
 * probe, lib/payments/installation/alternative-methods.ts). Suites about the iDEAL flow itself
 * turn it on directly in the database, so no probe request shows up in their sandbox request log.
 *
 *   await enableIdealForTests(ctx);     // or (database) for a suite's own database
 */
export async function enableIdealForTests(target: { db: PaymentContext['db'] }): Promise<void> {
  const now = new Date().toISOString();
  await writeInstallationSetting(
    target.db,
    IDEAL_SETTING_NAME,
    JSON.stringify({
      enabled: true,
      refusedAt: null,
      refusalMessage: null,
      changedAt: now,
      changedBy: 'tests',
      confirmedAt: null,
    }),
  );
}

/** The same setting switched off again (the fresh-installation default). */
export async function disableIdealForTests(target: { db: PaymentContext['db'] }): Promise<void> {
  await writeInstallationSetting(
    target.db,
    IDEAL_SETTING_NAME,
    JSON.stringify({ enabled: false, refusedAt: null, refusalMessage: null }),
  );
}
