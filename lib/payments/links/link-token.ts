import { createHash, randomBytes } from 'node:crypto';

/**
 * Payment link tokens: 256 random bits in the URL, only their SHA-256 in the database, so a
 * database leak does not hand out payable links.
 */
export function generateLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before touching the database: 43 base64url characters. */
export function isWellFormedLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
