import { getLinkPaymentStatus } from '@/lib/payments/guest-checkout';
import { getPaymentContext } from '@/lib/payments/context';

export const dynamic = 'force-dynamic';

/**
 * The state of a link's latest payment, read back from Mews. Polled by the pay and return pages;
 * it needs only the token, so it works in a fresh browser with no cookies.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const ctx = await getPaymentContext();
  try {
    const status = await getLinkPaymentStatus(ctx, token);
    if (!status) return Response.json({ error: 'not_found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
    return Response.json(status, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    ctx.log.error({ err: error }, 'Payment status lookup failed');
    return Response.json({ error: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
