import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** For load balancers and uptime monitors: 200 when the database and Mews answer, 503 otherwise. */
export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
