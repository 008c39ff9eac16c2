import 'server-only';
import type { z } from 'zod';
import type { CardBrand } from '@/lib/mews';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { assertPaymentCapability } from '@/lib/payments/installation/operation-permissions';
import { openAttempt, refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';
import {
  assertCustomerExists,
  sendRecordedWrite,
  staffMoney,
  staffPaymentResult,
  type StaffPaymentResult,
} from './common';
import type { terminalCardPaymentSchema } from './schemas';

/**
 * Records a card payment taken on an outside terminal (`payments/addCreditCard`, deprecated by
 * Mews and discontinued 2028-01-10). Nothing is charged. The schema has already refused anything
 * but an obfuscated number (at most first 6 + last 4 digits) before this runs, so a full card
 * number never reaches the ledger, a log line or Mews; the Mews client checks it once more.
 */

type TerminalCardPayment = z.output<typeof terminalCardPaymentSchema>;

// Generous on purpose: the window is in Mews' clock, not ours, and the attempt marker in the notes
// is what identifies the payment; a day of one customer's payments is still a short list.
const FIND_WINDOW_MS = 24 * 3_600_000;

export async function recordTerminalCardPayment(
  ctx: PaymentContext,
  input: TerminalCardPayment,
  actor: AuditActor,
  clientAddress: string | null,
): Promise<StaffPaymentResult> {
  await assertPaymentCapability(ctx, 'terminal');
  const amount = await staffMoney(ctx, input.amount, input.currency);
  await assertCustomerExists(ctx, input.customerId);
  const [month, year] = input.expiry.split('/').map(Number) as [number, number];

  // Written straight in `processing`: the Mews write follows at once, so should this request die
  // the reconciler searches Mews for it rather than abandoning it unread.
  const { attempt, created } = await openAttempt(
    ctx,
    {
      idempotencyKey: input.idempotencyKey,
      paymentLinkId: null,
      method: 'terminal_card',
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      mewsCustomerId: input.customerId,
      mewsReservationId: input.reservationId ?? null,
      initiatedByStaffId: actor.type === 'staff' ? actor.staffId : null,
      clientAddress,
      cardBrand: input.brand,
      cardMasked: input.obfuscatedNumber,
      notes: [`Receipt ${input.receiptIdentifier}`, input.notes].filter(Boolean).join(' — '),
    },
    'processing',
  );
  if (!created) return staffPaymentResult(await refreshAttemptIfPossible(ctx, attempt), true);

  const settled = await sendRecordedWrite(ctx, attempt, actor, async () => {
    const { creditCardId } = await ctx.mews.recordCardPayment({
      customerId: input.customerId,
      amount,
      card: {
        brand: input.brand as CardBrand,
        obfuscatedNumber: input.obfuscatedNumber,
        holderName: input.holderName,
        expiration: { month, year },
      },
      attemptId: attempt.id,
      receiptIdentifier: input.receiptIdentifier,
      reservationId: input.reservationId,
      notes: input.notes,
    });
    // addCreditCard answers with the card only: find the payment by the attempt marker in its notes.
    const now = ctx.now().getTime();
    let paymentId: string | null = null;
    try {
      const payments = await ctx.mews.getPayments({
        accountIds: [input.customerId],
        createdBetween: {
          start: new Date(attempt.createdAt.getTime() - FIND_WINDOW_MS),
          end: new Date(now + FIND_WINDOW_MS),
        },
      });
      paymentId = payments.find((payment) => payment.attemptId === attempt.id)?.id ?? null;
    } catch (error) {
      ctx.log.warn(
        { err: error, attemptId: attempt.id },
        'Terminal payment recorded; finding it in Mews failed',
      );
    }
    const mewsIds: Record<string, string> = creditCardId ? { creditCardId } : {};
    return { paymentId, mewsIds };
  });
  return staffPaymentResult(settled);
}
