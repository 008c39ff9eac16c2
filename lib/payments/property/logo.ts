import 'server-only';
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';

/**
 * The logo pipeline: what a manager uploads is never served. The type is decided by the file's
 * first bytes (never its name or the browser's word), only PNG, JPEG and WebP are decoded, and
 * what is stored is sharp's re-encoding of the decoded pixels: no metadata (EXIF, GPS, comments),
 * nothing appended after the image (an HTML or ZIP tail of a polyglot file is not pixels), at
 * most 512×256. SVG is refused outright: it is a document that can carry scripts and links.
 *
 * The output is PNG, not WebP, although WebP would be smaller on the guest pages: the logo also
 * goes into e-mails, and Outlook for Windows and older mail apps show no WebP. PNG keeps
 * transparency (a logo on the brand colour) and is lossless for the flat colours of most logos; a
 * photographic one that stays large is reduced to a 256-colour palette to keep the page weight.
 */

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/**
 * Decoded size limit, checked from the header before any pixel is decoded: a 20000×20000 PNG of
 * one colour is a few kilobytes on disk and 1.6 GB in memory. 40 megapixels is any camera's photo.
 */
export const MAX_LOGO_INPUT_PIXELS = 40_000_000;
export const LOGO_MAX_WIDTH = 512;
export const LOGO_MAX_HEIGHT = 256;
export const FAVICON_SIZE = 64;
/** Above this the full-colour PNG is replaced by a palette one (photographic logos). */
const PALETTE_ABOVE_BYTES = 120 * 1024;

export const ACCEPTED_LOGO_TYPES = 'PNG, JPEG or WebP';

/** An upload refused, with the HTTP status that says why (400 broken, 413 too large, 415 wrong type). */
export class LogoRefusal extends Error {
  override name = 'LogoRefusal';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

type LogoType = 'png' | 'jpeg' | 'webp';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The image type by magic bytes, or a refusal that names what the file looks like. */
export function sniffLogoType(bytes: Uint8Array): LogoType {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  throw new LogoRefusal(
    415,
    `${describeRefused(bytes)} Upload the logo as a ${ACCEPTED_LOGO_TYPES} image.`,
  );
}

function describeRefused(bytes: Uint8Array): string {
  if (startsWith(bytes, ascii('GIF8'))) return 'GIF images are not accepted.';
  if (startsWith(bytes, ascii('%PDF'))) return 'PDF files are not accepted.';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP files are not accepted.';
  // Text: an SVG or HTML document (after a byte order mark and white space, if any).
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.includes('<svg')) {
    return 'SVG files are not accepted: an SVG is a document that can carry scripts.';
  }
  if (head.startsWith('<')) return 'This is a web page or other text document, not an image.';
  return 'This file is not an image of a type we accept.';
}

export interface ProcessedLogo {
  /** Hex SHA-256 prefix of `image`: the URL of the logo, which therefore never changes meaning. */
  version: string;
  contentType: 'image/png';
  image: Buffer;
  width: number;
  height: number;
  /** 64×64 PNG, the logo contained on transparency. */
  favicon: Buffer;
  /** What was uploaded, for the audit trail. */
  uploaded: { type: LogoType; bytes: number; width: number; height: number };
}

const SHARP_FORMAT: Record<LogoType, string> = { png: 'png', jpeg: 'jpeg', webp: 'webp' };

/** Decoding options for untrusted input: the pixel limit, and any decoder error is fatal. */
const decodeOptions = {
  limitInputPixels: MAX_LOGO_INPUT_PIXELS,
  failOn: 'error',
  // The first frame of an animated WebP only: a logo does not move.
  animated: false,
} as const;

function refusalForDecodeError(error: unknown, type: LogoType): LogoRefusal {
  const message = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(message)) {
    return new LogoRefusal(
      413,
      `The image is too large in pixels (more than ${MAX_LOGO_INPUT_PIXELS / 1_000_000} megapixels). Upload a smaller version of the logo; ${LOGO_MAX_WIDTH}×${LOGO_MAX_HEIGHT} pixels is enough.`,
    );
  }
  return new LogoRefusal(
    400,
    `The ${type.toUpperCase()} file is damaged or incomplete and cannot be read. Export the logo again and upload the new file.`,
  );
}

/**
 * Checks and re-encodes an uploaded logo. Throws LogoRefusal (with the words the manager reads)
 * for anything that is not a whole PNG, JPEG or WebP image within the limits.
 */
export async function processLogo(bytes: Uint8Array): Promise<ProcessedLogo> {
  if (bytes.length === 0)
    throw new LogoRefusal(400, 'The file is empty. Choose the logo image again.');
  if (bytes.length > MAX_LOGO_BYTES) {
    throw new LogoRefusal(
      413,
      `The file is larger than 2 MB. Upload a smaller ${ACCEPTED_LOGO_TYPES} image.`,
    );
  }
  const type = sniffLogoType(bytes);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let metadata: Metadata;
  try {
    metadata = await sharp(input, decodeOptions).metadata();
  } catch (error) {
    throw refusalForDecodeError(error, type);
  }
  // The decoder must agree with the magic bytes (a file that only starts like a PNG is not one).
  if (metadata.format !== SHARP_FORMAT[type] || !metadata.width || !metadata.height) {
    throw new LogoRefusal(
      415,
      `This file is not a ${ACCEPTED_LOGO_TYPES} image we can read. Export the logo again as PNG.`,
    );
  }
  if (metadata.width * metadata.height > MAX_LOGO_INPUT_PIXELS) {
    throw refusalForDecodeError(new Error('pixel limit'), type);
  }
  let image: Buffer;
  let info: OutputInfo;
  try {
    const resized = () =>
      sharp(input, decodeOptions)
        .timeout({ seconds: 15 })
        // Turned upright by its EXIF orientation, which is then dropped with all other metadata.
        .rotate()
        .resize({
          width: LOGO_MAX_WIDTH,
          height: LOGO_MAX_HEIGHT,
          fit: 'inside',
          withoutEnlargement: true,
        });
    ({ data: image, info } = await resized()
      .png({ compressionLevel: 9, adaptiveFiltering: true })
      .toBuffer({ resolveWithObject: true }));
    if (image.length > PALETTE_ABOVE_BYTES) {
      ({ data: image, info } = await resized()
        .png({ palette: true, quality: 90, dither: 1, compressionLevel: 9 })
        .toBuffer({ resolveWithObject: true }));
    }
  } catch (error) {
    throw refusalForDecodeError(error, type);
  }
  // From our own re-encoded PNG, not the upload: nothing untrusted is decoded a third time.
  const favicon = await sharp(image)
    .resize({
      width: FAVICON_SIZE,
      height: FAVICON_SIZE,
      fit: 'contain',
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return {
    version: createHash('sha256').update(image).digest('hex').slice(0, 32),
    contentType: 'image/png',
    image,
    width: info.width,
    height: info.height,
    favicon,
    uploaded: { type, bytes: bytes.length, width: metadata.width, height: metadata.height },
  };
}
