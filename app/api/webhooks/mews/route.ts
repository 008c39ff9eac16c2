import { after } from 'next/server';
import { getConfig } from '@/lib/config';
import { getPaymentContext } from '@/lib/server/context';
import {
  processDueWebhookEvents,
  readWebhookBody,
  receiveMewsWebhook,
} from '@/lib/payments/reconciliation/webhooks';

export const dynamic = 'force-dynamic';

/**
 * Mews general webhooks: `POST /api/webhooks/mews?secret=…`. No proxy or session check runs in
 * front of it (the proxy matcher leaves it out) and it never redirects. Other methods get 405
 * from Next.js because only POST is exported.
 */
export async function POST(request: Request): Promise<Response> {
  const receipt = await receiveMewsWebhook(getPaymentContext, {
    configuredSecret: getConfig().webhookSecret,
    providedSecret: new URL(request.url).searchParams.get('secret'),
    contentType: request.headers.get('content-type'),
    body: await readWebhookBody(request),
  });
  if (receipt.storedEventIds.length > 0) {
    // After the answer: Mews waits at most 5 s, and a failure here is retried by the reconciler.
    after(async () => {
      const ctx = await getPaymentContext();
      try {
        await processDueWebhookEvents(ctx, receipt.storedEventIds);
      } catch (error) {
        ctx.log.warn({ err: error }, 'Webhook events left for the reconciler');
      }
    });
  }
  return Response.json(receipt.body, {
    status: receipt.status,
    headers: { 'Cache-Control': 'no-store' },
  });
}
