/**
 * Fault matrix (see ./support.ts), SCA by e-mail: card charges whose issuer demands strong customer
 * authentication, which Mews holds in `Verifying` while it e-mails the guest a verification link
 * (Mews help centre, "PSD2 compliance" and "3DS FAQ"). Verified, the payment is charged; declined,
 * it fails; unanswered for 24 hours, Mews cancels it. Meanwhile the link stays closed, a second
 * payment on it is refused, and the reconciler keeps reading the payment back however long it
 * takes, so no outcome is lost and nobody is charged twice.
 */
import { expect, it } from 'vitest';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard } from '@/lib/payments/guest/pay-link';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { PaymentError } from '@/lib/server/errors';
import { withClockOffset } from '../../support/payment-context';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { CARDS, SEED } from '../../support/sandbox';
import {
  deliverWebhook,
  describeFaultMatrix,
  FAULTS,
  measureScenario,
  nextAddress,
  nextAmountMinor,
  PAST_HORIZON_MS,
  recordScenarios,
  RUNS,
  runFlow,
  sandboxPayments,
  stateTrail,
  type FaultCase,
  type Harness,
  type Prepared,
  type ScenarioMeasure,
} from './support';

const { alice } = SEED.customers;
const GROSS = SEED.enterprises.gross;
const DAY_SECONDS = 24 * 60 * 60;

type Ending = 'approve' | 'fail' | 'expire';
type SettledBy = 'reconciler' | 'webhook';

interface VerifyingCase {
  name: string;
  ending: Ending;
  settledBy: SettledBy;
  /** A fault on the guest's `creditCards/charge`, once. */
  fault?: FaultCase;
}

async function prepareVerifyingCard(h: Harness): Promise<Prepared> {
  const amountMinor = nextAmountMinor(h);
  const { token } = await createPaymentLink(
    h.ctx,
    { customerId: alice.id, amountMinor, currency: 'GBP', description: 'Fault matrix SCA deposit' },
    { via: 'cli', actor: { type: 'system' } },
  );
  const card = await tokenizeTestCard(h.sandbox, CARDS.visaVerifying, GROSS.publicKey);
  return { amountMinor, token, ...card };
}

/** The guest, told not to pay again, pays again anyway with a card that would be charged at once. */
async function payAgain(h: Harness, token: string): Promise<string> {
  const card = await tokenizeTestCard(h.sandbox, CARDS.visaCharged, GROSS.publicKey);
  try {
    const status = await payLinkWithCard(h.ctx, guestCardInput(token, card), nextAddress(h));
    return `a second payment was taken while verifying (${status.state})`;
  } catch (error) {
    return error instanceof PaymentError ? error.code : String(error);
  }
}

async function runVerifyingCase(h: Harness, kase: VerifyingCase): Promise<ScenarioMeasure> {
  await h.sandbox.control.clearFaults();
  const prepared = await prepareVerifyingCard(h);
  const before = new Set(sandboxPayments(h).map((p) => p.Id));
  if (kase.fault)
    await h.sandbox.control.addFault({ operation: 'creditCards/charge', ...kase.fault.spec });
  const start = await runFlow(h, 'guest-card', prepared);
  const trail = stateTrail(h, start.attemptId);
  const problems: string[] = [];
  const ours = () => sandboxPayments(h).filter((p) => !before.has(p.Id) && p.State === 'Verifying');

  // Mews has the payment in Verifying: whatever the guest was told at once, one reconciliation
  // (the lost answer's) brings the ledger to `verifying`, and the page says so.
  if (ours().length !== 1) problems.push(`Mews holds ${ours().length} verifying payments`);
  if (start.immediate !== 'verifying' && !kase.fault)
    problems.push(`answered ${start.immediate} to a payment Mews holds in Verifying`);
  await reconcilePayments(h.ctx, { trigger: 'test' });
  await trail.sample();
  for (const offset of [PAST_HORIZON_MS, 23 * 60 * 60_000]) {
    await reconcilePayments(withClockOffset(h.ctx, offset), { trigger: 'test' });
    const state = await trail.sample();
    if (state !== 'verifying')
      problems.push(`ledger says ${state} ${offset / 60_000} min on while Mews is verifying`);
  }
  const shown = await getLinkPaymentStatus(h.ctx, start.token!);
  if (shown?.attempt?.state !== 'verifying' || shown.linkState !== 'processing')
    problems.push(`guest sees ${shown?.attempt?.state} on a ${shown?.linkState} link`);
  const refusal = await payAgain(h, start.token!);
  if (refusal !== 'payment_in_progress') problems.push(`second payment: ${refusal}`);

  const [payment] = ours();
  if (payment) {
    if (kase.ending === 'expire') await h.sandbox.control.advanceClock(DAY_SECONDS + 1);
    else await h.sandbox.control.completeVerification(payment.Id, kase.ending);
    if (kase.settledBy === 'webhook') await deliverWebhook(h, payment.Id);
    else await reconcilePayments(h.ctx, { trigger: 'test' });
  }
  const expected = { approve: 'succeeded', fail: 'failed', expire: 'canceled' }[kase.ending];
  const settled = (await findPaymentAttempt(h.ctx.db, start.attemptId))!.state;
  if (settled !== expected)
    problems.push(`settled by the ${kase.settledBy} as ${settled}, Mews says ${kase.ending}`);
  return measureScenario(h, start, before, trail, problems);
}

const CASES: VerifyingCase[] = [
  {
    name: 'verified by the guest, read back by the reconciler',
    ending: 'approve',
    settledBy: 'reconciler',
  },
  {
    name: 'verified by the guest, PaymentUpdated webhook',
    ending: 'approve',
    settledBy: 'webhook',
  },
  {
    name: 'declined by the guest, read back by the reconciler',
    ending: 'fail',
    settledBy: 'reconciler',
  },
  {
    name: 'charge answer dropped, then verified',
    ending: 'approve',
    settledBy: 'reconciler',
    fault: FAULTS.answerDropped,
  },
  {
    name: 'charge answer dropped, then declined (webhook)',
    ending: 'fail',
    settledBy: 'webhook',
    fault: FAULTS.answerDropped,
  },
  // Last: it moves the sandbox clock a day per run, ahead of the app's clock.
  { name: 'unverified for 24 hours, canceled by Mews', ending: 'expire', settledBy: 'reconciler' },
];

describeFaultMatrix('fault-matrix-verifying', ({ h, label, recorder }) => {
  for (const kase of CASES) {
    it(`guest card Verifying × ${kase.name}`, async () => {
      const runs: ScenarioMeasure[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await runVerifyingCase(h, kase));
      recordScenarios(
        recorder,
        `SCA verification by e-mail (${label})`,
        `creditCards/charge (guest) → Verifying × ${kase.name}`,
        runs,
        'link closed and a second payment refused while verifying; reconciled at +11 min and +23 h without giving up',
      );
      expect(runs.map((r) => r.finalState)).toEqual(
        runs.map(() => ({ approve: 'succeeded', fail: 'failed', expire: 'canceled' })[kase.ending]),
      );
    });
  }
});
