import 'server-only';

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
