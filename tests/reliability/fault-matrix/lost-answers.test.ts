/**
 * Fault matrix (see ./support.ts), lost answers: every Mews write whose answer never came, either
 * because the request hung until the client timed out before Mews processed it, or because Mews
 * processed it and the answer was dropped. The outcome is unknown until Mews is read back; and two
 * iDEAL starts for the same guest and amount whose answers were both lost.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { findPaymentAttempt, listAttemptsByMewsPaymentIds } from '@/lib/db/payment-attempts';
import type { PaymentAttemptState } from '@/lib/db/schema';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { withClockOffset } from '../../support/payment-context';
import { SEED } from '../../support/sandbox';
import {
  claimIsTruthful,
  describeFaultMatrix,
  FAULTS,
  itForEachWrite,
  nextAddress,
  nextAmountMinor,
  PAST_HORIZON_MS,
  recordScenarios,
  RUNS,
  sandboxPayments,
  tally,
  type ScenarioMeasure,
} from './support';

// iDEAL is paid at the Dutch hotel (London refuses it with 403): its guest, on `h.idealCtx`.
const { bram } = SEED.customers;

describeFaultMatrix('fault-matrix-lost-answers', (suite) => {
  const { h, label, recorder } = suite;
  itForEachWrite(suite, [FAULTS.timeoutBeforeProcessing, FAULTS.answerDropped]);

  it('two iDEAL starts for the same guest and amount, both answers dropped', async () => {
    // Two deposit links of the same amount for one guest (two rooms), paid by iDEAL in two tabs
    // at once; Mews creates both payments and both answers are lost. iDEAL payments carry no
    // attempt marker, so only account, amount and time can tie them to the ledger.
    const runs: ScenarioMeasure[] = [];
    const stages: string[] = [];
    const finalStates: PaymentAttemptState[] = [];
    for (let run = 0; run < RUNS; run++) {
      const amountMinor = nextAmountMinor(h);
      const links = await Promise.all(
        [1, 2].map((room) =>
          createPaymentLink(
            h.idealCtx,
            {
              customerId: bram.id,
              amountMinor,
              currency: 'EUR',
              description: `Deposit room ${room}`,
            },
            { via: 'cli', actor: { type: 'system' } },
          ),
        ),
      );
      const before = new Set(sandboxPayments(h).map((p) => p.Id));
      await h.sandbox.control.clearFaults();
      await h.sandbox.control.addFault({
        operation: 'payments/addAlternative',
        kind: 'drop-after-processing',
        count: 2,
      });
      const statuses = await Promise.all(
        links.map(({ token }) =>
          payLinkWithIdeal(h.idealCtx, { token, idempotencyKey: randomUUID() }, nextAddress(h)),
        ),
      );
      const created = () => sandboxPayments(h).filter((p) => !before.has(p.Id));
      expect(created()).toHaveLength(2);
      const problems: string[] = [];
      for (const status of statuses)
        if (!claimIsTruthful(status.state, created())) problems.push(`answered ${status.state}`);

      await reconcilePayments(h.idealCtx, { trigger: 'test' });
      const afterFirst = await Promise.all(
        statuses.map(async (s) => (await findPaymentAttempt(h.ctx.db, s.attemptId))!),
      );
      await reconcilePayments(withClockOffset(h.idealCtx, PAST_HORIZON_MS), { trigger: 'test' });
      const afterHorizon = await Promise.all(
        statuses.map(async (s) => (await findPaymentAttempt(h.ctx.db, s.attemptId))!),
      );
      // While Mews still holds both payments as pending, no attempt may say "Mews never recorded it".
      for (const attempt of afterHorizon) {
        if (!claimIsTruthful(attempt.state, created())) {
          problems.push(
            `ledger says ${attempt.state} (${attempt.failureCode}) while Mews holds ${created()
              .map((p) => p.State)
              .join('+')} payments of this guest and amount`,
          );
        }
      }
      for (const link of links) {
        const status = await getLinkPaymentStatus(h.idealCtx, link.token);
        if (!claimIsTruthful(status?.attempt?.state ?? 'created', created())) {
          problems.push(
            `guest sees ${status?.attempt?.state} and link ${status?.linkState} while Mews holds pending payments`,
          );
        }
      }
      // Nobody has the bank pages, so both payments expire (the state Mews' expiry leaves). Now
      // nothing can be charged any more: the attempts must end and the links open again.
      for (const payment of created()) await h.sandbox.control.completeIdeal(payment.Id, 'cancel');
      await reconcilePayments(withClockOffset(h.idealCtx, PAST_HORIZON_MS), { trigger: 'test' });
      const afterExpiry = await Promise.all(
        statuses.map(async (s) => (await findPaymentAttempt(h.ctx.db, s.attemptId))!),
      );
      for (const [index, link] of links.entries()) {
        const status = await getLinkPaymentStatus(h.idealCtx, link.token);
        const attempt = afterExpiry[index]!;
        if (!['failed', 'canceled'].includes(attempt.state) || status?.linkState !== 'open') {
          problems.push(
            `after both payments expired (Canceled) the attempt stays ${attempt.state} and the link ${status?.linkState}: the guest cannot pay again`,
          );
        }
      }
      finalStates.push(...afterExpiry.map((a) => a.state));
      stages.push(
        `${afterFirst.map((a) => a.state).join('+')} → ${afterHorizon.map((a) => a.state).join('+')} → ${afterExpiry
          .map((a) => `${a.state}${a.failureCode ? ` (${a.failureCode})` : ''}`)
          .join('+')}`,
      );
      const held = new Set(
        (
          await listAttemptsByMewsPaymentIds(
            h.ctx.db,
            created().map((p) => p.Id),
          )
        ).map((a) => a.mewsPaymentId),
      );
      runs.push({
        doubleCharges: 0,
        missingFromLedger: created().filter((p) => !held.has(p.Id)).length,
        problems,
        finalState: afterExpiry[0]!.state,
      });
    }
    recordScenarios(
      recorder,
      `Ambiguous matches (${label})`,
      'two iDEAL starts, same guest and amount, both answers dropped',
      runs,
      `2 attempts per run; ledger after first pass → past the horizon → after both payments expired: ${[...new Set(stages)].join(' / ')}`,
      tally(finalStates),
    );
  });
});
