import 'server-only';
import { NextResponse } from 'next/server';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { actionFailure } from '@/lib/server/validated-action';
import { requireStaff, type StaffActor } from './require-staff';
import type { StaffRole } from './roles';

/**
 * For /api/staff route handlers: session and role checked here (whatever proxy.ts did), errors
 * as the same `{ ok: false, error }` JSON the actions return, with the matching HTTP status.
 */
export function staffRoute<Params = unknown>(
  name: string,
  role: StaffRole,
  handler: (
    request: Request,
    env: { ctx: PaymentContext; actor: StaffActor; params: Params },
  ) => Promise<Response>,
  what?: string,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    let ctx: PaymentContext | undefined;
    try {
      ctx = await getPaymentContext();
      const actor = await requireStaff(ctx, role, what);
      return await handler(request, { ctx, actor, params: await context.params });
    } catch (error) {
      const status = error instanceof PaymentError ? error.status : 500;
      return NextResponse.json(actionFailure(error, name, ctx), {
        status,
        headers: { 'Cache-Control': 'no-store' },
      });
    }
  };
}

export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
}

export function jsonResponse(data: unknown): Response {
  return NextResponse.json({ ok: true, data }, { headers: { 'Cache-Control': 'no-store' } });
}
