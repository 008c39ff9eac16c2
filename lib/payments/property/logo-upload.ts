import 'server-only';
import { PaymentError } from '@/lib/server/errors';
import { ACCEPTED_LOGO_TYPES, LogoRefusal, MAX_LOGO_BYTES } from './logo';

/**
 * Reading the logo upload (`POST /api/staff/property/logo`, multipart/form-data, field `logo`)
 * without trusting the request: the declared length is checked before anything is read, and the
 * bytes actually read are capped too (a Content-Length can lie, and a chunked body has none), so
 * an oversized upload costs at most the cap in memory.
 */

/** The form around a 2 MB file: boundary lines and part headers. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
const MAX_BODY_BYTES = MAX_LOGO_BYTES + MULTIPART_OVERHEAD_BYTES;
const TOO_LARGE = `The file is larger than 2 MB. Upload a smaller ${ACCEPTED_LOGO_TYPES} image.`;

/**
 * Route handlers, unlike server actions, get no cross-site request check from Next.js: a page on
 * another site could post a form here with the manager's cookie. Browsers send `Origin` on every
 * POST; it must be this app (its configured URL, or the host the request came to). Without one,
 * only a request the browser marks same-origin gets through.
 */
export function assertSameOrigin(request: Request, appUrl: string): void {
  const origin = request.headers.get('origin');
  const allowed = new Set([new URL(appUrl).origin, new URL(request.url).origin]);
  const sameOrigin = origin
    ? allowed.has(origin)
    : request.headers.get('sec-fetch-site') === 'same-origin';
  if (!sameOrigin) {
    throw new PaymentError(
      'forbidden',
      'The upload was refused because it did not come from the back office itself. Upload the logo from the Property settings page.',
    );
  }
}

/** The body, up to `limit` bytes; past that, reading stops and LogoRefusal(413) is thrown. */
async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new LogoRefusal(413, TOO_LARGE);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The uploaded file's bytes, or LogoRefusal. */
export async function readLogoUpload(request: Request): Promise<Uint8Array> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new LogoRefusal(
      415,
      'Send the logo as a file upload (multipart/form-data with the field "logo").',
    );
  }
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared.trim())) {
      throw new LogoRefusal(400, 'The upload has an invalid Content-Length.');
    }
    if (Number(declared) > MAX_BODY_BYTES) throw new LogoRefusal(413, TOO_LARGE);
  }
  const body = await readCapped(request, MAX_BODY_BYTES);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new LogoRefusal(400, 'The upload could not be read. Choose the file again and retry.');
  }
  const file = form.get('logo');
  if (!file || typeof file === 'string') {
    throw new LogoRefusal(400, `Choose a ${ACCEPTED_LOGO_TYPES} file to upload.`);
  }
  if (file.size > MAX_LOGO_BYTES) throw new LogoRefusal(413, TOO_LARGE);
  if (file.size === 0)
    throw new LogoRefusal(400, 'The file is empty. Choose the logo image again.');
  return new Uint8Array(await file.arrayBuffer());
}
