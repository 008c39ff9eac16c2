import { handleCreatePaymentLink } from '@/lib/payments/links/api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleCreatePaymentLink(request);
}
