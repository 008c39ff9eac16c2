/**
 * Fault matrix (see ./support.ts), permissions: Mews answers a card charge `401 No permission to
 * use this operation.` (a connection that was never granted `creditCards/charge`, or lost it).
 * Nothing was charged, so the attempt fails at once, Mews holds no payment, the guest's link opens
 * again, and the app re-checks the connection's permissions so the card is not offered again.
 *
 * The 401 is the sandbox's own (SANDBOX_TOKENS.noCardPermission): the charge goes out with that
 * token while everything else (the guest's card storage, reads) uses the London demo token.
 */
import { expect, it } from 'vitest';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { getGuestCheckoutView, getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { knownOperationPermissions } from '@/lib/payments/installation/operation-permissions';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import type { PaymentContext } from '@/lib/server/context';
import { SANDBOX_TOKENS } from '../../support/sandbox';
import { withClockOffset } from '../../support/payment-context';
import {
  describeFaultMatrix,
  mewsClientFor,
  PAST_HORIZON_MS,
  paymentsOfAttempt,
  prepareFlow,
  RUNS,
  runFlow,
  sandboxPayments,
  tally,
  type Flow,
  type Harness,
} from './support';

const NO_PERMISSION = 'No permission to use this operation.';
let connectionSeq = 0;

/**
 * The harness's client, except that `creditCards/charge` and the permission probe go out with the
 * token Mews refuses charges. A connection of its own per run, so every run starts knowing nothing
 * and meets the 401 on the payment itself.
 */
function chargeRefusingContext(h: Harness): PaymentContext {
  const london = mewsClientFor(h);
  const refusing = mewsClientFor(h, {}, SANDBOX_TOKENS.noCardPermission);
  connectionSeq += 1;
  return {
    ...h.ctx,
    mews: {
      ...london,
      chargeCreditCard: refusing.chargeCreditCard,
      probeOperationPermissions: refusing.probeOperationPermissions,
      connectionKey: `${refusing.connectionKey}|fault-matrix-run-${connectionSeq}`,
    },
  };
}

interface PermissionRun {
  doubleCharges: number;
  missingFromLedger: number;
  problems: string[];
  finalState: string;
  chargesSent: number;
}

async function measureRun(h: Harness, flow: Flow): Promise<PermissionRun> {
  await h.sandbox.control.clearFaults();
  const prepared = await prepareFlow(h, flow);
  const before = new Set(sandboxPayments(h).map((payment) => payment.Id));
  await h.sandbox.control.clearRequests();
  const ctx = chargeRefusingContext(h);

  const start = await runFlow(h, flow, prepared, ctx);
  const problems: string[] = [];
  const created = () => sandboxPayments(h).filter((payment) => !before.has(payment.Id));
  if (start.immediate !== 'failed') problems.push(`answered ${start.immediate}, not failed`);

  const charges = await h.sandbox.control.requests('creditCards/charge');
  const refused = charges.filter(
    (entry) => entry.status === 401 && JSON.stringify(entry.response).includes(NO_PERMISSION),
  );
  if (refused.length === 0) problems.push('Mews never answered the charge with 401');

  // The 401 was no token problem: the re-check right after it withdrew the method.
  const known = await knownOperationPermissions(ctx);
  if (known?.operations['creditCards/charge']?.verdict !== 'denied')
    problems.push(
      `after the 401 the app thinks charge is ${known?.operations['creditCards/charge']?.verdict}`,
    );

  if (start.token) {
    const status = await getLinkPaymentStatus(h.ctx, start.token);
    if (status?.linkState !== 'open') problems.push(`link is ${status?.linkState}, not open again`);
    const view = await getGuestCheckoutView(ctx, start.token, 'http://sandbox/sf.js');
    if (view.kind !== 'payable' || view.summary.card.available)
      problems.push('the guest is still offered a card');
  }

  // Nothing for the reconciler to find, even past its horizon.
  await reconcilePayments(withClockOffset(h.ctx, PAST_HORIZON_MS), { trigger: 'test' });
  const mine = await paymentsOfAttempt(h, start, created());
  const finalState = (await findPaymentAttempt(h.ctx.db, start.attemptId))!.state;
  if (finalState !== 'failed') problems.push(`after reconciliation the attempt is ${finalState}`);
  return {
    doubleCharges: Math.max(0, mine.length - 1),
    missingFromLedger: created().length,
    problems,
    finalState,
    // Charges sent by the payment, the permission probe's made-up one aside.
    chargesSent: charges.filter(
      (entry) => !JSON.stringify(entry.request).includes('permission check'),
    ).length,
  };
}

describeFaultMatrix('fault-matrix-permissions', ({ h, label, recorder }) => {
  for (const { flow, name } of [
    { flow: 'guest-card', name: 'creditCards/charge (guest, new card) × 401 No permission' },
    {
      flow: 'staff-stored-card',
      name: 'creditCards/charge (staff, stored card) × 401 No permission',
    },
  ] as const) {
    it(name, async () => {
      const runs: PermissionRun[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await measureRun(h, flow));
      const entry = {
        group: `Operation permissions (${label})`,
        name,
        runs: runs.length,
        doubleCharges: runs.reduce((sum, r) => sum + r.doubleCharges, 0),
        missingFromLedger: runs.reduce((sum, r) => sum + r.missingFromLedger, 0),
        untruthfulViews: runs.filter((r) => r.problems.length > 0).length,
        outcomes: tally(runs.map((r) => r.finalState)),
        notes: [
          'attempt failed at once, 0 Mews payments, method withdrawn after a fresh permission check',
          `charges sent per run: ${[...new Set(runs.map((r) => r.chargesSent))].join(' / ')}`,
          ...new Set(runs.flatMap((r) => r.problems)),
        ].join('; '),
      };
      recorder.record(entry);
      expect(entry.doubleCharges, 'double charges').toBe(0);
      expect(entry.missingFromLedger, 'Mews payments created').toBe(0);
      expect(runs.flatMap((r) => r.problems)).toEqual([]);
      expect(runs.map((r) => r.chargesSent)).toEqual(runs.map(() => 1));
      expect(entry.outcomes).toEqual({ failed: RUNS });
    });
  }
});
