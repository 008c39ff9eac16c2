import { handleCancelPaymentLink } from '@/lib/payments/links/api';

export const dynamic = 'force-dynamic';

export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  return handleCancelPaymentLink(request, (await params).id);
}
