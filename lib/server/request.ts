import 'server-only';
import { isIP } from 'node:net';
import { headers } from 'next/headers';

/**
 * What every request handler reads off the request: the caller's address and a bounded body.
 */

/**
 * The caller's IP address as the proxy in front of us reports it (first X-Forwarded-For hop, else
 * X-Real-IP), or null. Used for per-address rate limits and the audit trail, never for
 * authorisation. The one reader of these headers: sign-in, guest pages, server actions and the
 * audit log all take the address from here.
 */
export function clientAddressOf(requestHeaders: Headers): string | null {
  const candidates = [requestHeaders.get('x-forwarded-for')?.split(',')[0], requestHeaders.get('x-real-ip')];
  for (const candidate of candidates) {
    const address = candidate?.trim().replace(/^::ffff:/, '');
    if (address && isIP(address)) return address;
  }
  return null;
}

/** The address of the request being handled (server components and server actions). */
export async function clientAddressFromHeaders(): Promise<string | null> {
  return clientAddressOf(await headers());
}

/**
 * Reads a request body up to `maxBytes` without buffering an unbounded upload: `null` when the
 * declared or actual size is larger. Public endpoints (the v1 API, the Mews webhook) use it so a
 * huge body is refused after at most `maxBytes` were read.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) return null;
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
