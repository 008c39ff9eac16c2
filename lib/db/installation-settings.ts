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
