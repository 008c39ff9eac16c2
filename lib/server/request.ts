import 'server-only';
import { headers } from 'next/headers';
import { getConfig } from '@/lib/config';
import { logger } from '@/lib/log';
import {
  PEER_ADDRESS_HEADER,
  peerAddressHeaderIsTrusted,
  selectClientAddress,
} from './client-address';

/**
 * What every request handler reads off the request: the caller's address and a bounded body.
 */

let warnedNoPeerAddress = false;

/**
 * The caller's IP address, or null. Used for per-address rate limits and the audit trail, never
 * for authorisation. The one reader of these headers: sign-in, guest pages, server actions and the
 * audit log all take the address from here.
 *
 * With TRUSTED_PROXY_HOPS=0 (the default) the connection's peer address, which the app's own Node
 * server (lib/server/node-server.ts) puts in a header no client can set; X-Forwarded-For is
 * ignored. With N, the address the N-th proxy from us appended to X-Forwarded-For (the right-most
 * entry with one proxy); whatever the client wrote to its left is never read. X-Real-IP is never
 * read: a client sets it as easily. How the entry is chosen: lib/server/client-address.ts.
 */
export function clientAddressOf(requestHeaders: Headers): string | null {
  const trustedProxyHops = getConfig().trustedProxyHops;
  const peerTrusted = peerAddressHeaderIsTrusted();
  if (!peerTrusted && trustedProxyHops === 0 && !warnedNoPeerAddress) {
    warnedNoPeerAddress = true;
    logger.warn(
      'The client address is unknown: the app was not started by its own server (npm start), so per-address limits count every caller together. Start it with npm start, or set TRUSTED_PROXY_HOPS behind a proxy.',
    );
  }
  return selectClientAddress({
    forwardedFor: requestHeaders.get('x-forwarded-for'),
    peerAddress: peerTrusted ? requestHeaders.get(PEER_ADDRESS_HEADER) : null,
    trustedProxyHops,
  });
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
