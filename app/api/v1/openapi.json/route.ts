import { getConfig } from '@/lib/config';
import { paymentLinksOpenApiDocument } from '@/lib/payments/payment-links-api';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const config = getConfig();
  return Response.json(paymentLinksOpenApiDocument(config.appUrl, config.version));
}
