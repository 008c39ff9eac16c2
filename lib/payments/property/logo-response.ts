import 'server-only';
import { readPropertyLogo } from '@/lib/db/property-profile';
import { getPaymentContext } from '@/lib/server/context';

/**
 * The stored logo and favicon as HTTP responses, for guest pages, e-mails and browsers' tab icons,
 * with no session (guests see them). The version in the URL is the image's content hash, so a
 * response never changes: cached for a year, `immutable`. The bytes are our own re-encoding (see
 * logo.ts), and the headers say so twice: nosniff (never read as anything but the stated image
 * type) and a policy that lets the response, opened on its own, load and run nothing.
 */

const VERSION = /^[0-9a-f]{16,64}$/;

const IMAGE_HEADERS = {
  'Cache-Control': 'public, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
}

export async function logoFileResponse(
  version: string,
  kind: 'logo' | 'favicon',
  request: Request,
): Promise<Response> {
  if (!VERSION.test(version)) return notFound();
  const ctx = await getPaymentContext();
  const row = await readPropertyLogo(ctx.db, version);
  if (!row) return notFound();
  const etag = `"${kind}-${version}"`;
  const headers = {
    ...IMAGE_HEADERS,
    'Content-Type': kind === 'logo' ? row.contentType : 'image/png',
    ETag: etag,
  };
  if (request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers });
  }
  const bytes = Buffer.from(kind === 'logo' ? row.image : row.favicon, 'base64');
  return new Response(new Uint8Array(bytes), {
    headers: { ...headers, 'Content-Length': String(bytes.length) },
  });
}
