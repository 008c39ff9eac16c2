import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import {
  findApiKeyByHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey as revokeApiKeyRow,
  markApiKeyUsed,
} from '@/lib/db/api-keys';
import { getConfig } from '@/lib/config';
import { consumeRateLimit } from '@/lib/db/rate-limits';
import type { ApiKey } from '@/lib/db/schema';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';

/**
 * API keys for integrations: `mck_` and 43 random characters, shown once, stored as a SHA-256
 * hash with a short prefix to tell keys apart. Revoked keys stop working at once.
 *
 * Each key has scopes: `links:create`, `links:read` and `links:cancel` act on the links the key
 * created; `links:read-all` extends reading and canceling to every link (staff-made ones too).
 * New keys get the first three unless told otherwise; keys made before scopes existed kept all four.
 * Each key is rate limited in the database, so every instance counts the same requests.
 */

export const API_KEY_SCOPES = [
  'links:create',
  'links:read',
  'links:cancel',
  'links:read-all',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = [
  'links:create',
  'links:read',
  'links:cancel',
];

/** Scopes as typed on the command line (`links:create,links:read`), checked; duplicates dropped. */
export function parseApiKeyScopes(text: string): ApiKeyScope[] {
  const scopes = text
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) {
    throw new PaymentError(
      'invalid_input',
      `Unknown API key scope ${unknown.map((scope) => `"${scope}"`).join(', ')}; the scopes are ${API_KEY_SCOPES.join(', ')}`,
    );
  }
  if (scopes.length === 0)
    throw new PaymentError(
      'invalid_input',
      `Give at least one scope of ${API_KEY_SCOPES.join(', ')}`,
    );
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope));
}

export function hasScope(key: Pick<ApiKey, 'scopes'>, scope: ApiKeyScope): boolean {
  return key.scopes.includes(scope);
}

/** A 403 naming the missing scope, for a key that may not do this at all. */
export function requireScope(
  key: Pick<ApiKey, 'name' | 'scopes'>,
  scope: ApiKeyScope,
  what: string,
): void {
  if (!hasScope(key, scope)) {
    throw new PaymentError(
      'forbidden',
      `This API key may not ${what}: it lacks the "${scope}" scope. Its scopes: ${key.scopes.join(', ') || 'none'}.`,
    );
  }
}

/**
 * Whether the key may see (and, with `links:cancel`, cancel) a link: its own, or any with
 * `links:read-all`. Callers answer 404 otherwise, exactly as for a link that does not exist, so
 * link ids cannot be probed.
 */
export function apiKeyMaySeeLink(
  key: Pick<ApiKey, 'id' | 'scopes'>,
  link: { createdByApiKeyId: string | null },
): boolean {
  return link.createdByApiKeyId === key.id || hasScope(key, 'links:read-all');
}

/** Rate limit error of the API: 429 with `Retry-After`. */
export class ApiRateLimitError extends PaymentError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super('too_many_attempts', message, { userVisible: true });
  }
}

export type ApiKeyRateLimitKind = 'request' | 'link';

/**
 * Counts one request of `kind` for the key (`request`: every authenticated request; `link`: each
 * payment link about to be created, which costs Connector API reads and a row) and throws an
 * ApiRateLimitError when over. If the count cannot be read, the request goes on, as for guests.
 */
export async function enforceApiKeyRateLimit(
  ctx: PaymentContext,
  key: Pick<ApiKey, 'id' | 'name'>,
  kind: ApiKeyRateLimitKind,
): Promise<void> {
  const limits = getConfig().apiKeyRateLimits;
  const limit = kind === 'link' ? limits.linksPerMinute : limits.requestsPerMinute;
  let decision;
  try {
    decision = await consumeRateLimit(ctx.db, {
      bucket: kind === 'link' ? 'api-key-link' : 'api-key-request',
      key: key.id,
      limit,
      windowMs: 60_000,
    });
  } catch (error) {
    ctx.log.error(
      { err: error, rateLimit: `api-key-${kind}` },
      'API key rate limit could not be checked',
    );
    return;
  }
  if (decision.allowed) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  ctx.log.warn({ rateLimit: `api-key-${kind}`, apiKey: key.name }, 'API key rate limit reached');
  throw new ApiRateLimitError(
    retryAfterSeconds,
    kind === 'link'
      ? `This API key may create at most ${limit} payment links a minute. Try again in ${retryAfterSeconds} seconds.`
      : `This API key may send at most ${limit} requests a minute. Try again in ${retryAfterSeconds} seconds.`,
  );
}

const KEY_PREFIX = 'mck_';
const KEY_SHAPE = /^mck_[A-Za-z0-9_-]{32,100}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export async function createApiKey(
  ctx: PaymentContext,
  name: string,
  scopes: readonly ApiKeyScope[] = DEFAULT_API_KEY_SCOPES,
): Promise<{ key: string; record: ApiKey }> {
  const trimmed = name.trim();
  if (!/^[\w .-]{1,60}$/.test(trimmed)) {
    throw new PaymentError(
      'invalid_input',
      'An API key name is 1 to 60 letters, digits, spaces, dots, dashes or underscores',
    );
  }
  const checked = parseApiKeyScopes(scopes.join(','));
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record = await insertApiKey(ctx.db, {
    name: trimmed,
    prefix: key.slice(0, 12),
    keyHash: hashApiKey(key),
    scopes: checked,
  });
  await audit(
    ctx,
    { type: 'system' },
    {
      action: 'api_key.created',
      outcome: 'success',
      subjectType: 'api_key',
      subjectId: record.id,
      details: { name: trimmed, scopes: checked },
    },
  );
  return { key, record };
}

/**
 * Registers a key handed over through configuration (BOOTSTRAP_API_KEY), so an operator or a test
 * harness can provision an integration without a shell on the server. Idempotent.
 */
export async function registerBootstrapApiKey(ctx: PaymentContext, key: string): Promise<void> {
  if (!isWellFormedApiKey(key))
    throw new Error('BOOTSTRAP_API_KEY must look like mck_ followed by at least 32 characters');
  if (await findApiKeyByHash(ctx.db, hashApiKey(key))) return;
  // A new key like any other: its own links only. One registered before scopes existed keeps all.
  await insertApiKey(ctx.db, {
    name: `bootstrap-${key.slice(4, 12)}`,
    prefix: key.slice(0, 12),
    keyHash: hashApiKey(key),
    scopes: [...DEFAULT_API_KEY_SCOPES],
  });
}

/** The key behind an `Authorization: Bearer …` header, or a 401 error. */
export async function authenticateApiKey(
  ctx: PaymentContext,
  authorization: string | null,
): Promise<ApiKey> {
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
  await audit(
    ctx,
    { type: 'system' },
    {
      action: 'api_key.revoked',
      outcome: 'success',
      subjectType: 'api_key',
      subjectId: revoked.id,
      details: { name },
    },
  );
  return revoked;
}

export { listApiKeys };
