import { getConfig } from '@/lib/config';
import { paymentLinksOpenApiDocument } from '@/lib/payments/links/api';
import { actionFailure, assertSafeRequest } from '@/lib/server/validated-action';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  try {
    // Takes no input; a card number in the query string is still refused rather than ignored.
    assertSafeRequest(request);
  } catch (error) {
    const failure = actionFailure(error, 'api.openapi');
    return Response.json({ error: failure.ok ? undefined : failure.error }, { status: 400 });
  }
  const config = getConfig();
  return Response.json(paymentLinksOpenApiDocument(config.appUrl, config.version));
}
