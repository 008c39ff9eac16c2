import { handleGetPaymentLink } from '@/lib/payments/links/api';

export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  return handleGetPaymentLink(request, (await params).id);
}
