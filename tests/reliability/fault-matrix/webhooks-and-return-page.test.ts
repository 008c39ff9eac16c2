/**
 * Fault matrix (see ./support.ts), webhooks and the return page: races, duplicates and
 * reordering. The webhook racing the iDEAL return page, the same webhook delivered many times at
 * once, a lost card answer settled by duplicate webhooks or by every settle path at the same moment,
 * and older states read after newer ones. A payment's state only ever moves forward, with one
 * final audit event.
 */
import { describe, expect, it } from 'vitest';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { listAudit } from '@/lib/db/staff-ledger';
import { type MewsPayment as AppMewsPayment } from '@/lib/mews';
import { attemptIdFromNotes } from '@/lib/mews/mappers';
import type { PaymentContext } from '@/lib/server/context';
import { getLinkPaymentStatus } from '@/lib/payments/guest/checkout-view';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { applyMewsPayment } from '@/lib/payments/ledger/ledger';
import { processDueWebhookEvents } from '@/lib/payments/reconciliation/webhooks';
import { CARDS, SEED } from '../../support/sandbox';
import {
  deliverWebhook,
  describeFaultMatrix,
  measureScenario,
  nextAmountMinor,
  prepareFlow,
  receive,
  recordScenarios,
  runFlow,
  sandboxPayments,
  startIdeal,
  stateTrail,
  WEBHOOK_RUNS,
  webhookMessage,
  webhookMessageFor,
  type ScenarioMeasure,
} from './support';

const { alice } = SEED.customers;
const GROSS = SEED.enterprises.gross;
/** iDEAL is paid at the Dutch hotel (London refuses it with 403); its cases run on `h.idealCtx`. */
const DUTCH = SEED.enterprises.dutch;

describeFaultMatrix('fault-matrix-webhooks', ({ h, label, recorder }) => {
  const webhookGroup = `Webhooks, return page and reordering (${label})`;

  describe('webhooks and the return page', () => {
    const orders = [
      { name: 'iDEAL approved: webhook before the return page', order: 'webhook-first' },
      { name: 'iDEAL approved: return page before the webhook', order: 'return-first' },
      { name: 'iDEAL approved: webhook and return page at the same time', order: 'together' },
    ] as const;
    for (const { name, order } of orders) {
      it(name, async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < WEBHOOK_RUNS; run++) {
          const { start, before, paymentId } = await startIdeal(h);
          const trail = stateTrail(h, start.attemptId);
          const problems: string[] = [];
          await trail.sample();
          await h.sandbox.control.completeIdeal(paymentId, 'approve');
          const returnPage = async () => {
            const status = await getLinkPaymentStatus(h.idealCtx, start.token!);
            if (status?.attempt?.state !== 'succeeded')
              problems.push(`return page showed ${status?.attempt?.state}`);
          };
          if (order === 'webhook-first') {
            await deliverWebhook(h, paymentId, h.idealCtx);
            await trail.sample();
            await returnPage();
          } else if (order === 'return-first') {
            await returnPage();
            await trail.sample();
            await deliverWebhook(h, paymentId, h.idealCtx);
          } else {
            await Promise.all([
              deliverWebhook(h, paymentId, h.idealCtx),
              returnPage(),
              returnPage(),
            ]);
          }
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          recorder,
          webhookGroup,
          name,
          runs,
          'the payer approves at the bank; one settle path, conditional updates',
        );
      });
    }

    it('iDEAL approved: the same webhook message 5×, processed at once', async () => {
      const runs: ScenarioMeasure[] = [];
      for (let run = 0; run < WEBHOOK_RUNS; run++) {
        const { start, before, paymentId } = await startIdeal(h);
        const trail = stateTrail(h, start.attemptId);
        await trail.sample();
        await h.sandbox.control.completeIdeal(paymentId, 'approve');
        const body = webhookMessageFor(DUTCH.id, paymentId);
        const receipts = [];
        for (let i = 0; i < 5; i++) receipts.push(await receive(h, body, h.idealCtx));
        const results = await Promise.all(
          receipts.map((r) => processDueWebhookEvents(h.idealCtx, r.storedEventIds)),
        );
        const problems: string[] = [];
        if (results.reduce((sum, r) => sum + r.deferred, 0) > 0)
          problems.push('a duplicate was deferred');
        const finalizedAt = (await findPaymentAttempt(
          h.ctx.db,
          start.attemptId,
        ))!.finalizedAt?.getTime();
        // And once more, late: a no-op.
        await deliverWebhook(h, paymentId, h.idealCtx);
        if (
          (await findPaymentAttempt(h.ctx.db, start.attemptId))!.finalizedAt?.getTime() !==
          finalizedAt
        )
          problems.push('a late duplicate moved finalizedAt');
        runs.push(await measureScenario(h, start, before, trail, problems));
      }
      recordScenarios(
        recorder,
        webhookGroup,
        'iDEAL approved: the same webhook message 5×, processed at once',
        runs,
        '5 identical deliveries processed concurrently, then a late 6th',
      );
    });

    it('card charge whose answer was lost, settled only by 5 duplicate webhooks at once', async () => {
      const runs: ScenarioMeasure[] = [];
      for (let run = 0; run < WEBHOOK_RUNS; run++) {
        const prepared = await prepareFlow(h, 'guest-card');
        const before = new Set(sandboxPayments(h).map((p) => p.Id));
        await h.sandbox.control.addFault({
          operation: 'creditCards/charge',
          kind: 'drop-after-processing',
          count: 1,
        });
        // The charge's immediate read-back fails too, so only the webhooks can settle it.
        await h.sandbox.control.addFault({ operation: 'payments/getAll', kind: '500', count: 4 });
        const start = await runFlow(h, 'guest-card', prepared);
        await h.sandbox.control.clearFaults();
        const trail = stateTrail(h, start.attemptId);
        await trail.sample();
        const problems: string[] = [];
        if (start.immediate !== 'unknown')
          problems.push(`answered ${start.immediate} after a lost answer`);
        const charged = sandboxPayments(h).find(
          (p) => !before.has(p.Id) && attemptIdFromNotes(p.Notes) === start.attemptId,
        );
        expect(charged).toBeDefined();
        const body = webhookMessage(charged!.Id);
        const receipts = await Promise.all(Array.from({ length: 5 }, () => receive(h, body)));
        await Promise.all(receipts.map((r) => processDueWebhookEvents(h.ctx, r.storedEventIds)));
        runs.push(await measureScenario(h, start, before, trail, problems));
      }
      recordScenarios(
        recorder,
        webhookGroup,
        'card charge answer lost, settled by 5 duplicate webhooks at once',
        runs,
        'the webhook finds the attempt by the marker in Notes',
      );
    });

    it('card charge whose answer was lost: webhooks, reconcilers and the guest page all at once', async () => {
      const runs: ScenarioMeasure[] = [];
      for (let run = 0; run < WEBHOOK_RUNS; run++) {
        const prepared = await prepareFlow(h, 'guest-card');
        const before = new Set(sandboxPayments(h).map((p) => p.Id));
        await h.sandbox.control.addFault({
          operation: 'creditCards/charge',
          kind: 'drop-after-processing',
          count: 1,
        });
        const start = await runFlow(h, 'guest-card', prepared);
        const trail = stateTrail(h, start.attemptId);
        await trail.sample();
        const problems: string[] = [];
        const charged = sandboxPayments(h).find(
          (p) => !before.has(p.Id) && attemptIdFromNotes(p.Notes) === start.attemptId,
        );
        expect(charged).toBeDefined();
        // Without the lease: two reconciler passes race each other, two webhook deliveries and
        // two guest page polls, all finding the attempt by its marker or by the payment id.
        await Promise.all([
          reconcilePayments(h.ctx, { trigger: 'test' }),
          reconcilePayments(h.ctx, { trigger: 'test' }),
          deliverWebhook(h, charged!.Id),
          deliverWebhook(h, charged!.Id),
          getLinkPaymentStatus(h.ctx, start.token!),
          getLinkPaymentStatus(h.ctx, start.token!),
        ]);
        runs.push(await measureScenario(h, start, before, trail, problems));
      }
      recordScenarios(
        recorder,
        webhookGroup,
        'card charge answer lost: 2 reconciler passes, 2 webhooks, 2 guest polls at once',
        runs,
        'every settle path at the same moment, without the reconciler lease',
      );
    });

    it('reordered: an older pending state read after the payment was charged', async () => {
      const runs: ScenarioMeasure[] = [];
      for (let run = 0; run < WEBHOOK_RUNS; run++) {
        const { start, before, paymentId } = await startIdeal(h);
        const trail = stateTrail(h, start.attemptId);
        await trail.sample();
        // The creation event arrives and is stored, but processing it is delayed...
        const early = await receive(h, webhookMessageFor(DUTCH.id, paymentId), h.idealCtx);
        const [stalePending] = await h.idealCtx.mews.getPayments({ paymentIds: [paymentId] });
        expect(stalePending?.state).toBe('pending');
        // ...the payer approves and the newer event is processed first.
        await h.sandbox.control.completeIdeal(paymentId, 'approve');
        await deliverWebhook(h, paymentId, h.idealCtx);
        await trail.sample();
        const auditBefore = (await listAudit(h.ctx.db, { subjectId: start.attemptId })).length;
        // The older event, processed late, re-reads Mews.
        await processDueWebhookEvents(h.idealCtx, early.storedEventIds);
        await trail.sample();
        // A lagging read that still returns the old pending state (a replica behind Mews).
        const lagging: PaymentContext = {
          ...h.idealCtx,
          mews: { ...h.idealCtx.mews, getPayments: async () => [stalePending as AppMewsPayment] },
        };
        await deliverWebhook(h, paymentId, lagging);
        await trail.sample();
        await applyMewsPayment(
          h.idealCtx,
          (await findPaymentAttempt(h.ctx.db, start.attemptId))!,
          stalePending!,
        );
        await trail.sample();
        const problems: string[] = [];
        const auditAfter = (await listAudit(h.ctx.db, { subjectId: start.attemptId })).length;
        if (auditAfter !== auditBefore)
          problems.push(`stale events wrote ${auditAfter - auditBefore} audit events`);
        runs.push(await measureScenario(h, start, before, trail, problems));
      }
      recordScenarios(
        recorder,
        webhookGroup,
        'reordered: pending re-read after charged (late event, lagging read, stale apply)',
        runs,
        'state sampled after every step; succeeded never goes back to pending',
      );
    });

    it('pending card charge: webhooks for pending then charged, delivered in reverse', async () => {
      const runs: ScenarioMeasure[] = [];
      for (let run = 0; run < WEBHOOK_RUNS; run++) {
        const amountMinor = nextAmountMinor(h);
        const { token } = await createPaymentLink(
          h.ctx,
          { customerId: alice.id, amountMinor, currency: 'GBP', description: 'Pending card' },
          { via: 'cli', actor: { type: 'system' } },
        );
        const tokenized = await h.sandbox.control.tokenize({
          cardNumber: CARDS.mastercardPending,
          merchantId: GROSS.publicKey,
        });
        const before = new Set(sandboxPayments(h).map((p) => p.Id));
        const start = await runFlow(h, 'guest-card', {
          amountMinor,
          token,
          transactionId: tokenized.transactionId,
          maskedCard: tokenized.maskedCard,
          brand: tokenized.cardInfo.brand,
        });
        const problems: string[] = [];
        if (start.immediate !== 'pending')
          problems.push(`pending card answered ${start.immediate}`);
        const attempt = (await findPaymentAttempt(h.ctx.db, start.attemptId))!;
        const trail = stateTrail(h, start.attemptId);
        await trail.sample();
        const [stalePending] = await h.ctx.mews.getPayments({
          paymentIds: [attempt.mewsPaymentId!],
        });
        const pendingEvent = await receive(h, webhookMessage(attempt.mewsPaymentId!));
        await h.sandbox.control.settlePayments({
          paymentIds: [attempt.mewsPaymentId!],
          state: 'Charged',
        });
        await deliverWebhook(h, attempt.mewsPaymentId!);
        await trail.sample();
        await processDueWebhookEvents(h.ctx, pendingEvent.storedEventIds);
        await applyMewsPayment(
          h.ctx,
          (await findPaymentAttempt(h.ctx.db, start.attemptId))!,
          stalePending!,
        );
        await trail.sample();
        runs.push(await measureScenario(h, start, before, trail, problems));
      }
      recordScenarios(
        recorder,
        webhookGroup,
        'pending card: charged event processed before the older pending one',
        runs,
        'test card 5200 0000 0000 0007, settled through the sandbox',
      );
    });
  });
});
