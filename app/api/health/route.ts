import { checkHealth, mayReadHealthDetails, publicHealth } from '@/lib/health';
import { alternativeMethodsHealth } from '@/lib/payments/installation/alternative-methods';
import { operationPermissionsHealth } from '@/lib/payments/installation/operation-permissions';
import { actionFailure, assertSafeRequest } from '@/lib/server/validated-action';

export const dynamic = 'force-dynamic';

/**
 * For load balancers and uptime monitors: 200 when the database and Mews answer, 503 otherwise.
 * The body is `{"status":"ok"}` (or `degraded`) for anyone; the details (version, database kind,
 * Mews mode, hotel name, latencies, which payment operations Mews grants and which methods are
 * missing and why) only with `Authorization: Bearer <HEALTH_TOKEN>` or a signed-in
 * manager's session.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    // Takes no input; a card number in the query string is still refused rather than ignored.
    assertSafeRequest(request);
  } catch (error) {
    return Response.json(actionFailure(error, 'health'), {
      status: 400,
      headers: { 'Cache-Control': 'no-store' },
    });
  }
  const [report, detailed] = await Promise.all([checkHealth(), mayReadHealthDetails(request)]);
  return Response.json(
    detailed
      ? {
          ...report,
          ...(await alternativeMethodsHealth()),
          ...(await operationPermissionsHealth()),
        }
      : publicHealth(report),
    {
      status: report.status === 'ok' ? 200 : 503,
      headers: { 'Cache-Control': 'no-store', Vary: 'Authorization, Cookie' },
    },
  );
}
