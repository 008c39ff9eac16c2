import 'server-only';
import { isIP } from 'node:net';
import { headers } from 'next/headers';

/**
 * The caller's IP address as the proxy in front of us reports it (first X-Forwarded-For hop), or
 * null. Only used for per-address rate limits and the audit trail, never for authorisation.
 */
export async function clientAddressFromHeaders(): Promise<string | null> {
  const all = await headers();
  const candidates = [all.get('x-forwarded-for')?.split(',')[0], all.get('x-real-ip')];
  for (const candidate of candidates) {
    const address = candidate?.trim().replace(/^::ffff:/, '');
    if (address && isIP(address)) return address;
  }
  return null;
}
