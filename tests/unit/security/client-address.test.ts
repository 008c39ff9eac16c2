import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import {
  normaliseAddress,
  PEER_ADDRESS_HEADER,
  peerAddressHeaderIsTrusted,
  selectClientAddress,
  stampPeerAddress,
  trustPeerAddressHeader,
} from '@/lib/server/client-address';
import { clientAddressOf } from '@/lib/server/request';

/**
 * Which address a request is counted under (lib/server/client-address.ts): the connection's peer
 * with TRUSTED_PROXY_HOPS=0, else the entry our own proxies appended to X-Forwarded-For, never
 * anything a client wrote itself.
 */

const select = (
  forwardedFor: string | null,
  peerAddress: string | null,
  trustedProxyHops: number,
) => selectClientAddress({ forwardedFor, peerAddress, trustedProxyHops });

describe('selectClientAddress', () => {
  it('with 0 hops ignores X-Forwarded-For and uses the socket', () => {
    expect(select('198.51.100.1', '203.0.113.9', 0)).toBe('203.0.113.9');
    expect(select('198.51.100.1, 198.51.100.2', '::ffff:203.0.113.9', 0)).toBe('203.0.113.9');
    expect(select(null, '2001:db8::7', 0)).toBe('2001:db8::7');
    // No socket address (a bare `next start`): unknown, never the header.
    expect(select('198.51.100.1', null, 0)).toBeNull();
  });

  it('with 1 hop takes the right-most entry, the one our proxy appended', () => {
    expect(select('203.0.113.5', '10.0.0.2', 1)).toBe('203.0.113.5');
    expect(select('198.51.100.1, 203.0.113.5', '10.0.0.2', 1)).toBe('203.0.113.5');
    expect(select('198.51.100.1,203.0.113.5', '10.0.0.2', 1)).toBe('203.0.113.5');
  });

  it('ignores forged left-most entries, however many and whatever they say', () => {
    for (const forged of [
      '1.2.3.4',
      '127.0.0.1',
      '203.0.113.5, 203.0.113.5',
      'unknown',
      '::1, 10.0.0.1',
      '<script>',
      'x'.repeat(500),
    ]) {
      expect(select(`${forged}, 192.0.2.44`, '10.0.0.2', 1), forged).toBe('192.0.2.44');
    }
  });

  it('with N hops takes the N-th entry from the right', () => {
    const header = '198.51.100.1, 203.0.113.5, 10.0.0.3';
    expect(select(header, '10.0.0.2', 2)).toBe('203.0.113.5');
    expect(select(header, '10.0.0.2', 3)).toBe('198.51.100.1');
  });

  it('falls back sensibly: the left-most entry when there are fewer than N, the socket when there are none', () => {
    expect(select('203.0.113.5', '10.0.0.2', 2)).toBe('203.0.113.5');
    expect(select('203.0.113.5, 10.0.0.3', '10.0.0.2', 5)).toBe('203.0.113.5');
    expect(select(null, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(select('', '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(select(' , ,', '10.0.0.2', 1)).toBe('10.0.0.2');
  });

  it('reads addresses with ports or brackets, and refuses a malformed chosen entry instead of moving left', () => {
    expect(select('198.51.100.1, 203.0.113.5:51234', null, 1)).toBe('203.0.113.5');
    expect(select('198.51.100.1, [2001:db8::5]:443', null, 1)).toBe('2001:db8::5');
    expect(select('198.51.100.1, 2001:db8::5', null, 1)).toBe('2001:db8::5');
    expect(select('198.51.100.1, ::ffff:203.0.113.5', null, 1)).toBe('203.0.113.5');
    // The entry our proxy is said to have written is not an address: the client's entries to its
    // left are no better, so the caller is unknown (counted with all unknown callers).
    for (const malformed of [
      'unknown',
      '203.0.113',
      '999.1.1.1',
      '203.0.113.5 extra',
      '[203.0.113.5',
      'localhost',
      '::ffff:evil',
    ]) {
      expect(select(`198.51.100.1, ${malformed}`, '10.0.0.2', 1), malformed).toBeNull();
    }
    expect(select('198.51.100.1', 'not-an-address', 0)).toBeNull();
  });

  it('never returns anything but the proxy-appended entry, whatever the client prepends (property)', () => {
    const proxyWritten = fc.oneof(fc.ipV4(), fc.ipV6());
    const clientText = fc.string({ maxLength: 200 });
    fc.assert(
      fc.property(
        clientText,
        proxyWritten,
        fc.integer({ min: 1, max: 4 }),
        (forged, client, hops) => {
          // What N proxies produce: the client's own header, then one entry per proxy.
          const proxies = Array.from({ length: hops - 1 }, (_, i) => `10.0.0.${i + 1}`);
          const header = [forged, client, ...proxies].join(', ');
          const chosen = select(header, '10.0.0.254', hops);
          expect(chosen).toBe(normaliseAddress(client));
        },
      ),
    );
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    [' 203.0.113.5 ', '203.0.113.5'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[2001:db8::1]:8443', '2001:db8::1'],
    ['203.0.113.5:80', '203.0.113.5'],
    ['', null],
    [null, null],
    ['unknown', null],
    ['2001:db8::1:80:x', null],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});

describe('clientAddressOf (the one reader, with the configuration)', () => {
  const forged = '198.51.100.66';
  const headersWith = (entries: Record<string, string>) => new Headers(entries);

  afterEach(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
    resetConfigForTests();
    trustPeerAddressHeader(false);
  });

  it('by default (0 hops) uses the peer address the app server set, not X-Forwarded-For or X-Real-IP', () => {
    trustPeerAddressHeader();
    const headers = headersWith({
      'x-forwarded-for': forged,
      'x-real-ip': forged,
      [PEER_ADDRESS_HEADER]: '::ffff:192.0.2.10',
    });
    expect(clientAddressOf(headers)).toBe('192.0.2.10');
  });

  it('ignores the peer header in a process the app server did not start (nobody scrubbed it)', () => {
    expect(peerAddressHeaderIsTrusted()).toBe(false);
    expect(
      clientAddressOf(headersWith({ [PEER_ADDRESS_HEADER]: forged, 'x-forwarded-for': forged })),
    ).toBeNull();
  });

  it('with TRUSTED_PROXY_HOPS=1 takes the right-most X-Forwarded-For entry', () => {
    process.env.TRUSTED_PROXY_HOPS = '1';
    resetConfigForTests();
    trustPeerAddressHeader();
    const headers = headersWith({
      'x-forwarded-for': `${forged}, 192.0.2.11`,
      [PEER_ADDRESS_HEADER]: '10.0.0.2',
    });
    expect(clientAddressOf(headers)).toBe('192.0.2.11');
  });
});

describe('stampPeerAddress (what the app server does to every request)', () => {
  let server: Server;
  let port: number;
  const seen: { headers: IncomingMessage['headers']; raw: string[]; address: string | null }[] = [];

  beforeAll(async () => {
    trustPeerAddressHeader();
    server = createServer((request, response) => {
      stampPeerAddress(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      seen.push({
        headers: request.headers,
        raw: [...request.rawHeaders],
        address: clientAddressOf(headers),
      });
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    trustPeerAddressHeader(false);
    await new Promise((resolve) => server.close(resolve));
  });

  /** One request from `localAddress` (any 127.x.y.z is this machine), with raw header lines. */
  function send(localAddress: string, headerLines: [string, string][]): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, localAddress, path: '/', method: 'GET' },
        (response) => {
          response.resume();
          response.on('end', () => resolve());
        },
      );
      request.on('error', reject);
      for (const [name, value] of headerLines) request.appendHeader(name, value);
      request.end();
    });
  }

  it('replaces every copy a client sent, in any case, with the socket address', async () => {
    seen.length = 0;
    await send('127.0.0.23', [
      ['X-Mews-Checkout-Peer-Address', '198.51.100.1'],
      ['x-mews-checkout-peer-address', '198.51.100.2'],
      ['X-MEWS-CHECKOUT-PEER-ADDRESS', '198.51.100.3'],
      ['X-Forwarded-For', '198.51.100.4'],
    ]);
    const [request] = seen;
    expect(request?.headers[PEER_ADDRESS_HEADER]).toMatch(/^(::ffff:)?127\.0\.0\.23$/);
    const copies = (request?.raw ?? []).filter(
      (_, i, raw) => i % 2 === 0 && raw[i]?.toLowerCase() === PEER_ADDRESS_HEADER,
    );
    expect(copies).toHaveLength(1);
    expect(request?.address).toBe('127.0.0.23');
  });

  it('gives two connections from two addresses two addresses, whatever X-Forwarded-For says', async () => {
    seen.length = 0;
    await send('127.0.0.31', [['X-Forwarded-For', '203.0.113.200']]);
    await send('127.0.0.32', [['X-Forwarded-For', '203.0.113.200']]);
    expect(seen.map((request) => request.address)).toEqual(['127.0.0.31', '127.0.0.32']);
  });
});
