import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { getPaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { consumeGuestPageRateLimit } from '@/lib/payments/guest/rate-limit';
import { assertSafeRequest } from '@/lib/server/validated-action';

export const dynamic = 'force-dynamic';

/**
 * The state of a link's latest payment, read back from Mews. Polled by the pay and return pages;
 * it needs only the token, so it works in a fresh browser with no cookies. Shares the per-address
 * limit of the pay pages (lib/payments/guest-rate-limit): over it, 429 with Retry-After, which the
 * pages' poller waits out.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  try {
    assertSafeRequest(request, { token });
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    return Response.json(
      { error: error.code, message: error.message },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const limit = await consumeGuestPageRateLimit();
  if (!limit.allowed) {
    return Response.json(
      { error: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds },
      {
        status: 429,
        headers: { 'Cache-Control': 'no-store', 'Retry-After': String(limit.retryAfterSeconds) },
      },
    );
  }
  const ctx = await getPaymentContext();
  try {
    const status = await getLinkPaymentStatus(ctx, token);
    if (!status)
      return Response.json(
        { error: 'not_found' },
        { status: 404, headers: { 'Cache-Control': 'no-store' } },
      );
    return Response.json(status, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    ctx.log.error({ err: error }, 'Payment status lookup failed');
    return Response.json(
      { error: 'unavailable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
