import { handleCreatePaymentLink } from '@/lib/payments/payment-links-api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleCreatePaymentLink(request);
}
