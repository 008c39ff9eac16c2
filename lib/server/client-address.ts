import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Which address a request comes from, decided from what cannot be forged: the TCP connection's
 * peer, and of X-Forwarded-For only the entries our own proxies appended.
 *
 * Next.js hands route handlers and server actions headers, never the socket. So the app runs
 * behind its own Node server (lib/server/node-server.ts, started by `npm start` and `npm run dev`),
 * which removes every copy of PEER_ADDRESS_HEADER a client sent and sets it from
 * `req.socket.remoteAddress` before Next.js sees the request. The header is believed only in a
 * process where that server said so (`trustPeerAddressHeader`): under a bare `next start` nobody
 * strips it, so there it is ignored.
 *
 * No `server-only` and no imports from the app: the Node server loads this file outside Next.js.
 */

/** Set by lib/server/node-server.ts from the connection; a client's copy never gets through. */
export const PEER_ADDRESS_HEADER = 'x-mews-checkout-peer-address';

const TRUSTED = Symbol.for('mews-checkout.peer-address-header-trusted');
const marks = globalThis as unknown as Record<symbol, boolean | undefined>;

/** Called by the Node server before it serves anything (tests call it to play that server). */
export function trustPeerAddressHeader(trusted = true): void {
  marks[TRUSTED] = trusted;
}

/** Whether this process runs behind lib/server/node-server.ts, which sets and scrubs the header. */
export function peerAddressHeaderIsTrusted(): boolean {
  return marks[TRUSTED] === true;
}

/**
 * Drops every copy of PEER_ADDRESS_HEADER the client sent, whatever its case, then sets it to the
 * connection's peer address. Called for each request before Next.js reads any header.
 */
export function stampPeerAddress(request: IncomingMessage): void {
  const raw = request.rawHeaders;
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() !== PEER_ADDRESS_HEADER) kept.push(raw[i] ?? '', raw[i + 1] ?? '');
  }
  const peer = request.socket.remoteAddress;
  if (peer) kept.push(PEER_ADDRESS_HEADER, peer);
  raw.splice(0, raw.length, ...kept);
  // `headers` is built from rawHeaders on first read; it may have been read already.
  delete request.headers[PEER_ADDRESS_HEADER];
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
}

/**
 * One address as a proxy or the socket writes it, or null when it is not one: `::ffff:` IPv4
 * mapping removed, `[v6]:port` and `v4:port` reduced to the address (some proxies add ports).
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let address = raw.trim();
  if (address.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1] ?? '';
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(address);
  if (v4WithPort) address = v4WithPort[1] ?? '';
  address = address.replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/i, '');
  return isIP(address) ? address : null;
}

export interface AddressSources {
  /** The X-Forwarded-For header as received (several header lines arrive joined by commas). */
  forwardedFor: string | null | undefined;
  /** The connection's peer address (PEER_ADDRESS_HEADER), when it can be trusted. */
  peerAddress: string | null | undefined;
  /** TRUSTED_PROXY_HOPS: how many proxies in front of the app append to X-Forwarded-For. */
  trustedProxyHops: number;
}

/**
 * The client's address, walking from the connection towards the client and stopping at the first
 * address that none of our proxies vouches for (as Express' `trust proxy` with a hop count does):
 *
 * - 0 hops: the peer address; X-Forwarded-For is the client's own text and ignored.
 * - N hops: the N-th X-Forwarded-For entry from the right, the one our outermost proxy appended
 *   (with one proxy, the right-most). Entries to its left were sent by the client and are never
 *   read, however many or however malformed. With fewer entries than N (a request that did not
 *   pass every proxy), the left-most; with none at all, the peer address.
 *
 * Null when the chosen entry is not an IP address: the entries further left are the client's
 * text, so there is nothing better to fall back to (callers count unknown callers together).
 */
export function selectClientAddress({
  forwardedFor,
  peerAddress,
  trustedProxyHops,
}: AddressSources): string | null {
  if (trustedProxyHops <= 0) return normaliseAddress(peerAddress);
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return normaliseAddress(peerAddress);
  return normaliseAddress(entries[Math.max(0, entries.length - trustedProxyHops)]);
}
