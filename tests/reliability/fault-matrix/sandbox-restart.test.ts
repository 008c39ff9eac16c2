/**
 * Fault matrix (see ./support.ts), crashes: the sandbox (Mews) stops and starts again in the middle
 * of a guest's card charge, once before it processed the charge and once after it charged but
 * before the answer left. The guest is told nothing untrue, and after reconciliation the ledger
 * holds exactly what Mews kept across the restart.
 */
import { describe, it } from 'vitest';
import { reconcilePayments } from '@/lib/payments/reconciliation/reconciler';
import { withClockOffset } from '../../support/payment-context';
import { startTestSandbox } from '../../support/sandbox';
import {
  claimIsTruthful,
  describeFaultMatrix,
  measureScenario,
  PAST_HORIZON_MS,
  paymentsOfAttempt,
  prepareFlow,
  recordScenarios,
  RUNS,
  runFlow,
  SANDBOX_OPTIONS,
  sandboxPayments,
  stateTrail,
  type ScenarioMeasure,
} from './support';

describeFaultMatrix('fault-matrix-sandbox-restart', ({ h, label, recorder }) => {
  const restartGroup = `Sandbox restart mid-flow (${label})`;

  describe('sandbox restart in the middle of a charge', () => {
    const variants = [
      {
        name: 'restart while the charge waits before processing (latency)',
        kind: 'latency' as const,
        processed: false,
      },
      {
        name: 'restart after Mews charged, before the answer left (latency-after-processing)',
        kind: 'latency-after-processing' as const,
        processed: true,
      },
    ];
    for (const variant of variants) {
      it(variant.name, async () => {
        const runs: ScenarioMeasure[] = [];
        for (let run = 0; run < RUNS; run++) {
          const prepared = await prepareFlow(h, 'guest-card');
          const before = new Set(sandboxPayments(h).map((p) => p.Id));
          await h.sandbox.control.clearFaults();
          const rule = await h.sandbox.control.addFault({
            operation: 'creditCards/charge',
            kind: variant.kind,
            latencyMs: 5_000,
            count: 1,
          });
          // The client waits for the slow answer (the app's own timeouts): the restart cuts it.
          const flow = runFlow(h, 'guest-card', prepared);
          for (let waited = 0; ; waited += 20) {
            const [current] = (await h.sandbox.control.faults()).filter((f) => f.id === rule.id);
            if (!current || current.hits > 0) break;
            if (waited > 10_000) throw new Error('The charge never reached the sandbox');
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          if (variant.processed) {
            // Processed the moment the request arrived; wait until it is on disk.
            for (let waited = 0; !sandboxPayments(h).some((p) => !before.has(p.Id)); waited += 10) {
              if (waited > 5_000) throw new Error('The charge was not processed');
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
          }
          const dying = h.sandbox.runtime;
          await h.sandbox.stop({ keepData: true });
          // A stopped process does nothing more; in-process, the old handler is still awake.
          dying.store.save = () => undefined;
          h.sandbox = await startTestSandbox({
            ...SANDBOX_OPTIONS,
            dataDir: h.dataDir,
            port: h.port,
          });
          const start = await flow;
          const trail = stateTrail(h, start.attemptId);
          await trail.sample();
          const problems: string[] = [];
          const mineNow = await paymentsOfAttempt(
            h,
            start,
            sandboxPayments(h).filter((p) => !before.has(p.Id)),
          );
          if (!claimIsTruthful(start.immediate, mineNow))
            problems.push(
              `answered ${start.immediate} while Mews has ${mineNow.map((p) => p.State).join('+') || 'nothing'}`,
            );
          if (variant.processed !== mineNow.length > 0)
            problems.push(`sandbox kept ${mineNow.length} payments across the restart`);
          await reconcilePayments(h.ctx, { trigger: 'test' });
          await trail.sample();
          await reconcilePayments(withClockOffset(h.ctx, PAST_HORIZON_MS), { trigger: 'test' });
          runs.push(await measureScenario(h, start, before, trail, problems));
        }
        recordScenarios(
          recorder,
          restartGroup,
          variant.name,
          runs,
          variant.processed
            ? 'guest card; the payment survives in state.json and is found by its marker'
            : 'guest card; nothing reached Mews, so the attempt fails after the horizon and the link opens again',
        );
      });
    }
  });
});
