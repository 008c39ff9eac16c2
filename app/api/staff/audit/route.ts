import { csvResponse, jsonResponse, staffRoute } from '@/lib/auth/staff-route';
import { PaymentError } from '@/lib/server/errors';
import { auditCsv } from '@/lib/payments/back-office/csv';
import { listAuditTrail } from '@/lib/payments/back-office/audit-trail';
import { auditFilterSchema } from '@/lib/payments/back-office/filters';
import { assertSafeRequest, firstIssueMessage } from '@/lib/server/validated-action';

/** GET /api/staff/audit?staffId=&action=&from=&to=[&format=csv]: managers only. */
export const GET = staffRoute(
  'staff.audit.list',
  'manager',
  async (request, { ctx }) => {
    assertSafeRequest(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const filter = auditFilterSchema.safeParse(params);
    if (!filter.success)
      throw new PaymentError('invalid_input', firstIssueMessage(filter.error, 'Invalid filter'));
    if (params.format === 'csv') {
      const rows = await listAuditTrail(ctx, filter.data, 50_000);
      return csvResponse(auditCsv(rows), `audit-${ctx.now().toISOString().slice(0, 10)}.csv`);
    }
    return jsonResponse(await listAuditTrail(ctx, filter.data));
  },
  'see the audit log',
);
