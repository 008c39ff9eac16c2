import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import {
  findApiKeyByHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey as revokeApiKeyRow,
  markApiKeyUsed,
} from '@/lib/db/api-keys';
import type { ApiKey } from '@/lib/db/schema';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';

/**
 * API keys for integrations: `mck_` and 43 random characters, shown once, stored as a SHA-256
 * hash with a short prefix to tell keys apart. Revoked keys stop working at once.
 */

const KEY_PREFIX = 'mck_';
const KEY_SHAPE = /^mck_[A-Za-z0-9_-]{32,100}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export async function createApiKey(ctx: PaymentContext, name: string): Promise<{ key: string; record: ApiKey }> {
  const trimmed = name.trim();
  if (!/^[\w .-]{1,60}$/.test(trimmed)) {
    throw new PaymentError('invalid_input', 'An API key name is 1 to 60 letters, digits, spaces, dots, dashes or underscores');
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record = await insertApiKey(ctx.db, { name: trimmed, prefix: key.slice(0, 12), keyHash: hashApiKey(key) });
  await audit(ctx, { type: 'system' }, { action: 'api_key.created', outcome: 'success', subjectType: 'api_key', subjectId: record.id, details: { name: trimmed } });
  return { key, record };
}

/**
 * Registers a key handed over through configuration (BOOTSTRAP_API_KEY), so an operator or a test
 * harness can provision an integration without a shell on the server. Idempotent.
 */
export async function registerBootstrapApiKey(ctx: PaymentContext, key: string): Promise<void> {
  if (!isWellFormedApiKey(key)) throw new Error('BOOTSTRAP_API_KEY must look like mck_ followed by at least 32 characters');
  if (await findApiKeyByHash(ctx.db, hashApiKey(key))) return;
  await insertApiKey(ctx.db, { name: `bootstrap-${key.slice(4, 12)}`, prefix: key.slice(0, 12), keyHash: hashApiKey(key) });
}

/** The key behind an `Authorization: Bearer …` header, or a 401 error. */
export async function authenticateApiKey(ctx: PaymentContext, authorization: string | null): Promise<ApiKey> {
  const key = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!key || !isWellFormedApiKey(key)) {
    throw new PaymentError('unauthenticated', 'Send an API key as "Authorization: Bearer mck_…"');
  }
  const record = await markApiKeyUsed(ctx.db, hashApiKey(key));
  if (!record) throw new PaymentError('unauthenticated', 'This API key is unknown or was revoked');
  return record;
}

export async function revokeApiKey(ctx: PaymentContext, name: string): Promise<ApiKey> {
  const revoked = await revokeApiKeyRow(ctx.db, name);
  if (!revoked) throw new PaymentError('not_found', `No active API key named "${name}"`);
  await audit(ctx, { type: 'system' }, { action: 'api_key.revoked', outcome: 'success', subjectType: 'api_key', subjectId: revoked.id, details: { name } });
  return revoked;
}

export { listApiKeys };
