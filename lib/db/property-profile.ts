import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import {
  propertyLogos,
  propertyPolicyVersions,
  propertyProfile,
  type PropertyLogo,
  type PropertyPolicyVersion,
  type PropertyProfile,
} from './schema';

/**
 * The hotel's identity: the one Property settings row (id 1), the logos uploaded for it (kept by
 * content hash) and every published version of its deposit policy (never changed afterwards).
 */

const PROFILE_ID = 1;

/** The settings row, or undefined before a manager ever saved them. */
export async function readPropertyProfile(db: Database): Promise<PropertyProfile | undefined> {
  const [row] = await db.select().from(propertyProfile).where(eq(propertyProfile.id, PROFILE_ID));
  return row;
}

/** Every column a manager may set; left out means "as it is" (the column default on first save). */
export type PropertyProfileChanges = Partial<
  Omit<typeof propertyProfile.$inferInsert, 'id' | 'updatedAt'>
>;

/** Creates the settings row or changes the given columns of it; `updated_at` is the database's now. */
export async function upsertPropertyProfile(
  db: Database,
  changes: PropertyProfileChanges,
): Promise<PropertyProfile> {
  const [row] = await db
    .insert(propertyProfile)
    .values({ ...changes, id: PROFILE_ID })
    .onConflictDoUpdate({
      target: propertyProfile.id,
      set: { ...changes, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error('Property profile upsert returned nothing');
  return row;
}

export type NewPropertyLogo = Omit<typeof propertyLogos.$inferInsert, 'createdAt'>;

/**
 * Stores a re-encoded logo. The version is the hash of the image, so the same upload twice is the
 * same row: the second insert changes nothing (and a cached URL keeps meaning the same bytes).
 */
export async function insertPropertyLogo(db: Database, logo: NewPropertyLogo): Promise<void> {
  await db
    .insert(propertyLogos)
    .values(logo)
    .onConflictDoNothing({ target: propertyLogos.version });
}

/** A stored logo with its bytes (base64), or undefined for an unknown version. */
export async function readPropertyLogo(
  db: Database,
  version: string,
): Promise<PropertyLogo | undefined> {
  const [row] = await db.select().from(propertyLogos).where(eq(propertyLogos.version, version));
  return row;
}

/** A logo's size without its bytes (read on every guest page through the identity). */
export async function readPropertyLogoSize(
  db: Database,
  version: string,
): Promise<{ width: number; height: number } | undefined> {
  const [row] = await db
    .select({ width: propertyLogos.width, height: propertyLogos.height })
    .from(propertyLogos)
    .where(eq(propertyLogos.version, version));
  return row;
}

/** The insert that publishes a policy version numbered one above the highest so far. */
function policyVersionInsert(db: Database, input: NewPolicyVersion) {
  return db.insert(propertyPolicyVersions).select(
    db
      .select({
        version: sql<number>`coalesce(max(${propertyPolicyVersions.version}), 0) + 1`.as('version'),
        texts: sql<Record<string, string>>`${JSON.stringify(input.texts)}::jsonb`.as('texts'),
        defaultLocale: sql<string>`${input.defaultLocale}::text`.as('default_locale'),
        createdAt: sql<Date>`now()`.as('created_at'),
        createdByStaffId: sql<string | null>`${input.createdByStaffId}::uuid`.as(
          'created_by_staff_id',
        ),
      })
      .from(propertyPolicyVersions),
  );
}

export interface NewPolicyVersion {
  texts: Record<string, string>;
  defaultLocale: string;
  createdByStaffId: string | null;
}

/**
 * Publishes a new policy version numbered one above the highest so far, in one statement (the
 * number is read and used by the insert itself). Two managers publishing at the same instant on
 * PostgreSQL may both read the same highest number: the second insert then breaks the primary key
 * and throws a unique violation, and nothing half-written remains; the caller may try again.
 */
export async function insertPolicyVersion(
  db: Database,
  input: NewPolicyVersion,
): Promise<PropertyPolicyVersion> {
  const [row] = await policyVersionInsert(db, input).returning();
  if (!row) throw new Error('Policy version insert returned nothing');
  return row;
}

/**
 * Publishes a policy version and saves the profile pointing at it, in one statement: the profile
 * never points at a version that is not there, and a version is never published without the
 * profile naming it (both happen, or neither). Returns the new version's number.
 */
export async function upsertPropertyProfileWithPolicy(
  db: Database,
  changes: PropertyProfileChanges,
  policy: NewPolicyVersion,
): Promise<{ profile: PropertyProfile; policyVersion: number }> {
  const published = db
    .$with('published')
    .as(policyVersionInsert(db, policy).returning({ version: propertyPolicyVersions.version }));
  const version = sql<number>`(select version from ${published})`;
  const [row] = await db
    .with(published)
    .insert(propertyProfile)
    .values({ ...changes, id: PROFILE_ID, policyVersion: version })
    .onConflictDoUpdate({
      target: propertyProfile.id,
      set: { ...changes, policyVersion: version, updatedAt: sql`now()` },
    })
    .returning();
  if (!row || row.policyVersion == null) throw new Error('Policy publish returned nothing');
  return { profile: row, policyVersion: row.policyVersion };
}

/** One published policy version, word for word, or undefined. */
export async function readPolicyVersion(
  db: Database,
  version: number,
): Promise<PropertyPolicyVersion | undefined> {
  const [row] = await db
    .select()
    .from(propertyPolicyVersions)
    .where(eq(propertyPolicyVersions.version, version));
  return row;
}

/** Only the texts of a version (the identity reads them on every guest page). */
export async function readPolicyTexts(
  db: Database,
  version: number,
): Promise<Record<string, string> | undefined> {
  const [row] = await db
    .select({ texts: propertyPolicyVersions.texts })
    .from(propertyPolicyVersions)
    .where(eq(propertyPolicyVersions.version, version));
  return row?.texts;
}
