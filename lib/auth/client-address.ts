import { isIP } from 'node:net';

/** The caller's address from proxy headers (first X-Forwarded-For hop), or null. Throttling only. */
export function clientAddressOf(headers: Headers): string | null {
  const candidates = [headers.get('x-forwarded-for')?.split(',')[0], headers.get('x-real-ip')];
  for (const candidate of candidates) {
    const address = candidate?.trim().replace(/^::ffff:/, '');
    if (address && isIP(address)) return address;
  }
  return null;
}
