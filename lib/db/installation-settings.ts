import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { installationSettings } from './schema';

/**
 * Returns the installation's value for `name`, storing `proposed` first if there is none yet.
 * Of several instances starting together, the first insert wins and all read the same value.
 */
export async function settleInstallationSetting(
  db: Database,
  name: string,
  proposed: string,
): Promise<string> {
  await db.insert(installationSettings).values({ name, value: proposed }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(installationSettings)
    .where(eq(installationSettings.name, name))
    .limit(1);
  if (!row) throw new Error(`Installation setting ${name} could not be stored`);
  return row.value;
}

/** The installation's value for `name`, or `null` when none was ever stored. */
export async function readInstallationSetting(db: Database, name: string): Promise<string | null> {
  const [row] = await db
    .select({ value: installationSettings.value })
    .from(installationSettings)
    .where(eq(installationSettings.name, name))
    .limit(1);
  return row?.value ?? null;
}

/** Stores `value` under `name`, replacing what was there (last write wins). */
export async function writeInstallationSetting(
  db: Database,
  name: string,
  value: string,
): Promise<void> {
  await db
    .insert(installationSettings)
    .values({ name, value })
    .onConflictDoUpdate({ target: installationSettings.name, set: { value } });
}
