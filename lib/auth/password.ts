import 'server-only';
import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords, hashed with argon2id (the library's default algorithm) at OWASP's minimum cost
 * (19 MiB, 2 passes): strong enough offline, fast enough that a busy desk does not wait.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { MIN_PASSWORD_LENGTH } from './staff-schemas';

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so a wrong email costs as long as a wrong
// password and response times do not tell which staff emails exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('not-a-real-password-0000', OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
