import 'server-only';
import { z } from 'zod';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { isFinalAttemptState } from '@/lib/payments/ledger/state-machine';
import {
  awaitsOutcome,
  checkAttemptOutcome,
  IN_FLIGHT_GRACE_MS,
} from '@/lib/payments/reconciliation/outcome-check';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';

/**
 * A manager's release of an attempt whose answer was lost, from the payment page, when the guest
 * at the desk cannot wait for the quick check to end. Never on the ledger's word alone: Mews is
 * read back first (by the attempt's marker and by matching, like the quick check), and
 * - a payment found is applied instead (the guest paid; the page shows it);
 * - payments that could be this attempt's but cannot be told apart: refused, with their ids;
 * - nothing that could be ours: the attempt fails and the payment link opens again.
 * Every request is audited with what the read-back found.
 */

export const releaseAttemptSchema = z.strictObject({
  attemptId: z.uuid('attemptId must be a payment attempt id'),
});

export type ReleaseResult =
  | { outcome: 'released'; state: string }
  | { outcome: 'found'; state: string; mewsPaymentId: string };

export async function releaseAttempt(
  ctx: PaymentContext,
  input: z.output<typeof releaseAttemptSchema>,
  actor: AuditActor,
): Promise<ReleaseResult> {
  const attempt = await findPaymentAttempt(ctx.db, input.attemptId);
  if (!attempt) throw new PaymentError('not_found', 'No such payment');
  if (isFinalAttemptState(attempt.state) || !awaitsOutcome(attempt)) {
    throw new PaymentError(
      'conflict',
      isFinalAttemptState(attempt.state)
        ? 'This payment is already settled; there is nothing to release.'
        : 'Mews has answered for this payment; it settles on its own.',
    );
  }
  // Our own request may still be on its way to Mews: a release now could hide its charge.
  if (
    attempt.state === 'processing' &&
    ctx.now().getTime() - attempt.updatedAt.getTime() < IN_FLIGHT_GRACE_MS
  ) {
    throw new PaymentError(
      'conflict',
      'The payment request may still be on its way to Mews. Try again in two minutes.',
    );
  }

  const record = (
    outcome: 'success' | 'failure' | 'denied',
    details: Record<string, unknown>,
    mewsIds: Record<string, string> = {},
  ) =>
    audit(ctx, actor, {
      action: `payment.${attempt.method}.release`,
      outcome,
      subjectType: 'payment_attempt',
      subjectId: attempt.id,
      amountMinor: attempt.amountMinor,
      currency: attempt.currency,
      mewsIds: { customerId: attempt.mewsCustomerId, ...mewsIds },
      details,
    });

  let check;
  try {
    check = await checkAttemptOutcome(ctx, attempt, { actor, releaseNow: true });
  } catch (error) {
    await record('failure', { readBack: 'mews-unreachable' });
    throw paymentErrorFromMews(error, 'Mews could not be read back; nothing was released');
  }

  switch (check.outcome) {
    case 'released':
      await record('success', { readBack: 'nothing-in-mews' });
      return { outcome: 'released', state: check.attempt.state };
    case 'found':
      await record(
        'denied',
        { readBack: 'payment-found', how: check.how },
        { paymentId: check.paymentId },
      );
      return { outcome: 'found', state: check.attempt.state, mewsPaymentId: check.paymentId };
    case 'ambiguous':
      await record('denied', {
        readBack: 'ambiguous',
        candidatePaymentIds: check.candidatePaymentIds,
      });
      throw new PaymentError(
        'conflict',
        `Mews has ${check.candidatePaymentIds.length} payments that could be this one (${check.candidatePaymentIds.join(', ')}) and they cannot be told apart. Nothing was released: compare them in Mews and in the drift report.`,
      );
    case 'not-needed':
      await record('denied', { readBack: 'settled-meanwhile' });
      throw new PaymentError('conflict', 'This payment was settled meanwhile; reload the page.');
    case 'checking':
      // Only payments that are still pending could be this one: they may yet be charged.
      await record('denied', { readBack: 'pending-candidates' });
      throw new PaymentError(
        'conflict',
        'Mews has a payment that could be this one and is not final yet. Nothing was released.',
      );
  }
}
