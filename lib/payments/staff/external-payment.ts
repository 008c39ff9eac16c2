import 'server-only';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { paymentAttempts } from '@/lib/db/schema';
import { orderExternalPaymentTypes } from './external-types';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { assertPaymentCapability } from '@/lib/payments/installation/operation-permissions';
import { PaymentError } from '@/lib/server/errors';
import { openAttempt, refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';
import {
  assertCustomerExists,
  enterpriseConfiguration,
  sendRecordedWrite,
  staffMoney,
  staffPaymentResult,
  type StaffPaymentResult,
} from './common';
import type { externalPaymentSchema } from './schemas';

/**
 * Records a payment received outside Mews (cash, wire transfer, voucher…) with
 * `payments/addExternal`. Nothing is charged. The staff member's reference goes to Mews as
 * `ExternalIdentifier`; our attempt id goes into `Notes` so reconciliation can find the payment.
 */

type ExternalPayment = z.output<typeof externalPaymentSchema>;

/** How far back the desk's habits count for the external type a form starts on. */
const USAGE_DAYS = 90;

/**
 * How many external payments of each type the desk recorded lately (the type is the start of the
 * attempt's notes, as recordExternalPayment writes them), for the form's default type.
 */
export async function externalPaymentTypeUsage(
  ctx: PaymentContext,
): Promise<Record<string, number>> {
  const since = new Date(ctx.now().getTime() - USAGE_DAYS * 24 * 60 * 60_000);
  try {
    const result = await ctx.db.execute(sql`
      select split_part(${paymentAttempts.notes}, ':', 1) as type, count(*)::int as n
      from ${paymentAttempts}
      where ${paymentAttempts.method} = 'external' and ${paymentAttempts.createdAt} >= ${since}
        and ${paymentAttempts.notes} is not null
      group by 1`);
    const rows = (result as unknown as { rows: Array<{ type: string; n: number }> }).rows;
    return Object.fromEntries(rows.map((row) => [row.type, Number(row.n)]));
  } catch (error) {
    // A default is a convenience: the form still works in the usual order.
    ctx.log.warn({ err: error }, 'Could not count recent external payments by type');
    return {};
  }
}

/**
 * The enterprise's enabled external payment types, for the form: the one it starts on first (the
 * desk's most used lately, else Cash, bank transfer…), "Unspecified" last.
 */
export async function orderedExternalPaymentTypes(ctx: PaymentContext): Promise<string[]> {
  const [enabled, usage] = await Promise.all([
    enabledExternalPaymentTypes(ctx),
    externalPaymentTypeUsage(ctx),
  ]);
  return orderExternalPaymentTypes(enabled, usage);
}

/** The enterprise's enabled external payment types, for the form. */
export async function enabledExternalPaymentTypes(ctx: PaymentContext): Promise<string[]> {
  return (await enterpriseConfiguration(ctx)).enabledExternalPaymentTypes;
}

export async function recordExternalPayment(
  ctx: PaymentContext,
  input: ExternalPayment,
  actor: AuditActor,
  clientAddress: string | null,
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'external');
  const configuration = await enterpriseConfiguration(ctx);
  if (!configuration.enabledExternalPaymentTypes.includes(input.type)) {
    const message = `${input.type} is not an enabled external payment type; enabled: ${configuration.enabledExternalPaymentTypes.join(', ')}`;
    throw new PaymentError('method_unavailable', message, { fieldErrors: { type: [message] } });
  }
  const amount = await staffMoney(ctx, input.amount, input.currency);
  await assertCustomerExists(ctx, input.customerId);

  // Written straight in `processing`: the Mews write follows at once, so should this request die
  // the reconciler searches Mews for it rather than abandoning it unread.
  const { attempt, created } = await openAttempt(
    ctx,
    {
      idempotencyKey: input.idempotencyKey,
      paymentLinkId: null,
      method: 'external',
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      mewsCustomerId: input.customerId,
      mewsReservationId: input.reservationId ?? null,
      initiatedByStaffId: actor.type === 'staff' ? actor.staffId : null,
      clientAddress,
      notes: [`${input.type}: ${input.externalIdentifier}`, input.notes]
        .filter(Boolean)
        .join(' — '),
    },
    'processing',
  );
  if (!created) return staffPaymentResult(await refreshAttemptIfPossible(ctx, attempt), true);

  const settled = await sendRecordedWrite(ctx, attempt, actor, async () => {
    const { paymentId } = await ctx.mews.recordExternalPayment({
      accountId: input.customerId,
      amount,
      type: input.type as Parameters<typeof ctx.mews.recordExternalPayment>[0]['type'],
      externalIdentifier: input.externalIdentifier,
      reservationId: input.reservationId,
      attemptId: attempt.id,
      notes: input.notes,
    });
    return { paymentId };
  });
  return staffPaymentResult(settled);
}
