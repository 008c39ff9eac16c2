import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './client';
import { isUniqueViolation } from './errors';
import { apiKeys, type ApiKey } from './schema';

export class ApiKeyNameTakenError extends Error {
  override name = 'ApiKeyNameTakenError';
  constructor(name: string) {
    super(`An API key named "${name}" already exists`);
  }
}

/**
 * `scopes` left out: the column's default, everything keys could do before scopes existed (only
 * for keys made that way; new keys are given their scopes explicitly).
 */
export async function insertApiKey(
  db: Database,
  input: { name: string; prefix: string; keyHash: string; scopes?: string[] },
): Promise<ApiKey> {
  try {
    const [row] = await db.insert(apiKeys).values(input).returning();
    if (!row) throw new Error('API key insert returned nothing');
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_name_key')) throw new ApiKeyNameTakenError(input.name);
    throw error;
  }
}

/** The active (not revoked) key with this hash, marking it used. */
export async function markApiKeyUsed(db: Database, keyHash: string): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

export async function findApiKeyByHash(db: Database, keyHash: string): Promise<ApiKey | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return row;
}

export async function revokeApiKey(db: Database, name: string): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

export async function listApiKeys(db: Database): Promise<ApiKey[]> {
  return db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt));
}
