import { NextResponse } from 'next/server';
import { staffRoute } from '@/lib/auth/staff-route';
import { LogoRefusal, processLogo } from '@/lib/payments/property/logo';
import { assertSameOrigin, readLogoUpload } from '@/lib/payments/property/logo-upload';
import { saveLogo } from '@/lib/payments/property/settings';

/**
 * POST /api/staff/property/logo (multipart/form-data, field `logo`): managers only, from the back
 * office's own pages. Answers `{ ok: true, logo: { url, faviconUrl, width, height } }`, or
 * `{ ok: false, error: { code, message } }` with 400 (unreadable), 413 (too large) or 415 (not a
 * PNG, JPEG or WebP image); 401/403 come from staffRoute and the origin check.
 */
export const POST = staffRoute(
  'property.logo.upload',
  'manager',
  async (request, { ctx, actor }) => {
    assertSameOrigin(request, ctx.appUrl);
    try {
      const logo = await processLogo(await readLogoUpload(request));
      const saved = await saveLogo(ctx, logo, actor);
      return NextResponse.json(
        {
          ok: true,
          logo: {
            url: saved.url,
            faviconUrl: saved.faviconUrl,
            width: saved.width,
            height: saved.height,
          },
        },
        { headers: { 'Cache-Control': 'no-store' } },
      );
    } catch (error) {
      if (!(error instanceof LogoRefusal)) throw error;
      return NextResponse.json(
        { ok: false, error: { code: 'invalid_input', message: error.message } },
        { status: error.status, headers: { 'Cache-Control': 'no-store' } },
      );
    }
  },
  'change the property settings',
);
