import { logoFileResponse } from '@/lib/payments/property/logo-response';

/** GET /api/property/favicon/<version>: 64×64 PNG from the hotel's logo, public and cached for a year. */
export async function GET(request: Request, context: { params: Promise<{ version: string }> }) {
  return logoFileResponse((await context.params).version, 'favicon', request);
}
