/**
 * The logo upload, fuzzed the way an attacker or a confused upload would: the route handler is
 * called directly with Request objects, as Next.js would call it. What a manager notices: PNG,
 * JPEG and WebP logos are taken (and what is kept is our re-encoding: upright, no metadata, within
 * 512×256); everything else is refused with a message naming the accepted types, and nothing of a
 * polyglot's script or archive survives into the bytes guests are served.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestPaymentContext, TEST_APP_URL } from '../../support/payment-context';
import type { TestDatabase } from '../../support/test-database';

const session = vi.hoisted(() => ({
  staffId: undefined as string | undefined,
  ctx: undefined as unknown,
}));

vi.mock('@/lib/auth/index', () => ({
  auth: async () => (session.staffId ? { user: { id: session.staffId, email: 'x' } } : null),
}));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => session.ctx }));

let database: TestDatabase;
let managerId: string;
let frontDeskId: string;

beforeAll(async () => {
  const opened = await openTestPaymentContext();
  database = opened.database;
  session.ctx = opened.ctx;
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const create = async (email: string, role: 'manager' | 'frontdesk') =>
    (
      await createStaffAccount(
        opened.ctx,
        { email, name: email, role, password: 'a long enough password' },
        { type: 'system' },
      )
    ).id;
  managerId = await create('manager@hotel.test', 'manager');
  frontDeskId = await create('desk@hotel.test', 'frontdesk');
});

afterAll(async () => {
  await database?.close();
});

beforeEach(() => {
  session.staffId = managerId;
});

// ---- Calling the route --------------------------------------------------------------------------

const UPLOAD_URL = `${TEST_APP_URL}/api/staff/property/logo`;

interface UploadOptions {
  name?: string;
  type?: string;
  origin?: string | null;
  headers?: Record<string, string>;
  /** A raw body instead of the multipart form. */
  body?: BodyInit;
}

async function upload(bytes: Uint8Array | null, options: UploadOptions = {}) {
  const { POST } = await import('@/app/api/staff/property/logo/route');
  let body = options.body;
  if (body === undefined) {
    const form = new FormData();
    if (bytes) {
      form.append(
        'logo',
        new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/png' }),
        options.name ?? 'logo.png',
      );
    }
    body = form;
  }
  const headers = new Headers(options.headers);
  if (options.origin !== null) headers.set('origin', options.origin ?? TEST_APP_URL);
  const request = new Request(UPLOAD_URL, {
    method: 'POST',
    body,
    headers,
    // A stream body (the Content-Length cases) is sent as it is read.
    duplex: 'half',
  } as RequestInit);
  const response = await POST(request, { params: Promise.resolve({}) });
  const json = (await response.json()) as {
    ok: boolean;
    logo?: { url: string; faviconUrl: string; width: number; height: number };
    error?: { code: string; message: string };
  };
  return { status: response.status, json };
}

async function serve(url: string) {
  const [, , , kind, version] = url.split('/');
  const route =
    kind === 'logo'
      ? await import('@/app/api/property/logo/[version]/route')
      : await import('@/app/api/property/favicon/[version]/route');
  return route.GET(new Request(`${TEST_APP_URL}${url}`), {
    params: Promise.resolve({ version: version! }),
  });
}

async function storedLogo(url: string): Promise<Buffer> {
  const response = await serve(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function auditActions(): Promise<string[]> {
  const { listAudit } = await import('@/lib/db/staff-ledger');
  return (await listAudit(database.db, { actionPrefix: 'property.' })).map((row) => row.action);
}

// ---- Test files ---------------------------------------------------------------------------------

const logoPng = () =>
  sharp({
    create: {
      width: 800,
      height: 400,
      channels: 4,
      background: { r: 27, g: 42, b: 74, alpha: 0.8 },
    },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><circle cx="200" cy="100" r="90" fill="#f3c84b"/></svg>',
        ),
        left: 200,
        top: 100,
      },
    ])
    .png()
    .withExif({ IFD0: { Copyright: 'Secret Photographer', ImageDescription: 'GPS 52.37 4.89' } })
    .toBuffer();

/** 1200×900 pixels stored sideways: EXIF orientation 6 says "turn 90° clockwise to view". */
const sidewaysJpeg = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c0392b' } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Artist: 'Secret Photographer' } })
    .toBuffer();

const smallWebp = () =>
  sharp({ create: { width: 300, height: 100, channels: 4, background: '#1b2a4a' } })
    .webp()
    .toBuffer();

/** A PNG chunk: length, type, data, CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A well-formed 20000×20000 one-bit PNG of one colour: about 50 kB on disk, 400 megapixels
 * (1.2 GB as RGB) once decoded. A decompression bomb.
 */
function decompressionBomb(): Buffer {
  const size = 20_000;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc(size * (1 + size / 8)); // filter byte 0 and zero bits, every row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive with one stored file (enough for an unzip tool to open the polyglot). */
function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, data]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

const SCRIPT = '<script>alert(document.cookie)</script>';
const ACCEPTED_TYPES = /PNG, JPEG or WebP/;

// ---- Accepted -----------------------------------------------------------------------------------

describe('a manager uploading a logo', () => {
  it('gets a PNG re-encoded within 512×256, without its metadata, served from our origin', async () => {
    const original = await logoPng();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { status, json } = await upload(original);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.logo).toMatchObject({ width: 512, height: 256 });
    expect(json.logo!.url).toMatch(/^\/api\/property\/logo\/[0-9a-f]{32}$/);
    const stored = await storedLogo(json.logo!.url);
    expect(stored.equals(original)).toBe(false);
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: 512, height: 256, hasAlpha: true });
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes('Secret Photographer')).toBe(false);
    expect(stored.includes('eXIf')).toBe(false);

    const favicon = await storedLogo(json.logo!.faviconUrl);
    expect(await sharp(favicon).metadata()).toMatchObject({
      format: 'png',
      width: 64,
      height: 64,
      hasAlpha: true,
    });
    expect(await auditActions()).toContain('property.logo_changed');
  });

  it('gets a sideways JPEG turned upright, its EXIF gone', async () => {
    const original = await sidewaysJpeg();
    expect((await sharp(original).metadata()).orientation).toBe(6);
    const { status, json } = await upload(original, { name: 'photo.jpg', type: 'image/jpeg' });
    expect(status, JSON.stringify(json)).toBe(200);
    // 900×1200 upright, fitted into 512×256.
    expect(json.logo).toMatchObject({ width: 192, height: 256 });
    const stored = await storedLogo(json.logo!.url);
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(stored.includes('Secret Photographer')).toBe(false);
  });

  it('gets a small WebP kept at its size (never enlarged)', async () => {
    const original = await smallWebp();
    const { status, json } = await upload(original, { name: 'logo.webp', type: 'image/webp' });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.logo).toMatchObject({ width: 300, height: 100 });
    const stored = await storedLogo(json.logo!.url);
    expect(stored.equals(original)).toBe(false);
    expect((await sharp(stored).metadata()).format).toBe('png');
  });

  it('sees the new logo in the hotel identity guest pages read', async () => {
    const { json } = await upload(await smallWebp(), { type: 'image/webp' });
    const { getPropertyIdentity } = await import('@/lib/payments/property/identity');
    const identity = await getPropertyIdentity(session.ctx as never, 'Hotel');
    expect(identity.logo).toMatchObject({ url: json.logo!.url, width: 300, height: 100 });
  });
});

// ---- Refused ------------------------------------------------------------------------------------

describe('uploads that are refused with a clear message', () => {
  it('an SVG, even named .png and sent as image/png', async () => {
    const svg = Buffer.from(
      `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${SCRIPT}</svg>`,
    );
    const { status, json } = await upload(svg, { name: 'logo.png', type: 'image/png' });
    expect(status).toBe(415);
    expect(json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(json.error!.message).toMatch(/SVG files are not accepted/);
    expect(json.error!.message).toMatch(ACCEPTED_TYPES);
  });

  it('a GIF', async () => {
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const { status, json } = await upload(gif, { name: 'logo.gif', type: 'image/gif' });
    expect(status).toBe(415);
    expect(json.error!.message).toMatch(/GIF images are not accepted/);
    expect(json.error!.message).toMatch(ACCEPTED_TYPES);
  });

  it('an HTML file', async () => {
    const html = Buffer.from(`<!doctype html><html><body>${SCRIPT}</body></html>`);
    const { status, json } = await upload(html, { name: 'logo.png', type: 'image/png' });
    expect(status).toBe(415);
    expect(json.error!.message).toMatch(/web page/);
    expect(json.error!.message).toMatch(ACCEPTED_TYPES);
  });

  it('a PDF', async () => {
    const { status, json } = await upload(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), {
      type: 'application/pdf',
    });
    expect(status).toBe(415);
    expect(json.error!.message).toMatch(/PDF files are not accepted/);
  });

  it('an empty file, and a form without the file', async () => {
    const empty = await upload(new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.json.error!.message).toMatch(/empty/);
    const none = await upload(null);
    expect(none.status).toBe(400);
    expect(none.json.error!.message).toMatch(ACCEPTED_TYPES);
  });

  it('a truncated PNG', async () => {
    const whole = await logoPng();
    const { status, json } = await upload(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(status).toBe(400);
    expect(json.error!.message).toMatch(/damaged or incomplete/);
  });

  it('random bytes behind a PNG signature', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256)),
    ]);
    const { status, json } = await upload(bytes);
    expect(status).toBe(400);
    expect(json.error!.message).toMatch(/damaged or incomplete/);
  });

  it('a 3 MB file (413), read no further than the limit', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { status, json } = await upload(big);
    expect(status).toBe(413);
    expect(json.error!.message).toMatch(/larger than 2 MB/);
  });

  it('a declared Content-Length over the limit, before any byte is read', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 1;
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const { status, json } = await upload(null, {
      body,
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(3 * 1024 * 1024),
      },
    });
    expect(status).toBe(413);
    expect(json.error!.message).toMatch(/larger than 2 MB/);
    expect(pulled).toBe(0);
  });

  it('a Content-Length that lies (says 1 kB, sends 3 MB): the bytes read are capped', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(65);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const { status, json } = await upload(null, {
      body,
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '1000' },
    });
    expect(status).toBe(413);
    expect(json.error!.message).toMatch(/larger than 2 MB/);
    // Reading stopped at the cap (plus at most the chunk in flight and the stream's read-ahead).
    expect(sent).toBeLessThan(2.5 * 1024 * 1024);
  });

  it('a decompression bomb (20000×20000 pixels in a tiny PNG), by the pixel limit', async () => {
    const bomb = decompressionBomb();
    expect(bomb.length).toBeLessThan(200_000);
    const { status, json } = await upload(bomb);
    expect(status).toBe(413);
    expect(json.error!.message).toMatch(/too large in pixels/);
  });

  it('something that is not a multipart upload', async () => {
    const { status, json } = await upload(null, {
      body: await logoPng(),
      headers: { 'content-type': 'image/png' },
    });
    expect(status).toBe(415);
    expect(json.error!.message).toMatch(/multipart\/form-data/);
  });
});

describe('polyglots are kept only as re-encoded pixels', () => {
  it('a PNG with HTML appended', async () => {
    const polyglot = Buffer.concat([await logoPng(), Buffer.from(`<html>${SCRIPT}</html>`)]);
    const { status, json } = await upload(polyglot);
    expect(status, JSON.stringify(json)).toBe(200);
    for (const url of [json.logo!.url, json.logo!.faviconUrl]) {
      const stored = await storedLogo(url);
      expect(stored.includes('<script')).toBe(false);
      expect(stored.includes('<html')).toBe(false);
    }
  });

  it('a JPEG that is also a ZIP archive', async () => {
    const polyglot = Buffer.concat([
      await sidewaysJpeg(),
      zipWith('index.html', `<html>${SCRIPT}</html>`),
    ]);
    const { status, json } = await upload(polyglot, { type: 'image/jpeg', name: 'logo.jpg' });
    expect(status, JSON.stringify(json)).toBe(200);
    const stored = await storedLogo(json.logo!.url);
    expect(stored.includes('<script')).toBe(false);
    expect(stored.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
    expect(stored.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(false);
  });
});

describe('who may upload', () => {
  it('front desk: 403, audited as a denied attempt', async () => {
    session.staffId = frontDeskId;
    const { status, json } = await upload(await smallWebp());
    expect(status).toBe(403);
    expect(json.error!.message).toMatch(/Only a manager/);
    expect(await auditActions()).not.toContain('staff.access_denied'); // not a property.* action
    const { listAudit } = await import('@/lib/db/staff-ledger');
    const denied = await listAudit(database.db, { actionPrefix: 'staff.access_denied' });
    expect(denied[0]?.details).toMatchObject({ what: 'change the property settings' });
  });

  it('nobody signed in: 401', async () => {
    session.staffId = undefined;
    const { status, json } = await upload(await smallWebp());
    expect(status).toBe(401);
    expect(json).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('a manager, but from another site: 403', async () => {
    const before = (await auditActions()).length;
    const crossSite = await upload(await smallWebp(), { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.error!.message).toMatch(/did not come from the back office/);
    const noOrigin = await upload(await smallWebp(), {
      origin: null,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(noOrigin.status).toBe(403);
    expect((await auditActions()).length).toBe(before);
    // The browser's own same-origin request without an Origin header is fine.
    const sameSite = await upload(await smallWebp(), {
      origin: null,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameSite.status).toBe(200);
  });
});

describe('serving the logo', () => {
  it('answers with the stored type, a year of immutable cache and no way to run anything', async () => {
    const { json } = await upload(await logoPng());
    for (const [url, type] of [
      [json.logo!.url, 'image/png'],
      [json.logo!.faviconUrl, 'image/png'],
    ] as const) {
      const response = await serve(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    }
  });

  it('answers 404 for an unknown or malformed version', async () => {
    for (const url of [
      '/api/property/logo/0123456789abcdef0123456789abcdef',
      '/api/property/favicon/0123456789abcdef0123456789abcdef',
      '/api/property/logo/..%2F..%2Fetc',
      '/api/property/logo/<script>',
    ]) {
      const response = await serve(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
