/**
 * Fault matrix (see ./support.ts), rate limiting: every Mews write refused once with 429 and
 * Retry-After 1 s. Mews refuses a 429 unprocessed, so the client waits and sends the write again:
 * one refused request, then one that reaches Mews, and the payment goes through.
 */
import { expect, it } from 'vitest';
import { describeFaultMatrix, FAULTS, measureWriteCase, WRITES, writesGroup } from './support';

describeFaultMatrix('fault-matrix-rate-limited', ({ h, label, recorder }) => {
  for (const write of WRITES) {
    for (const fault of [FAULTS.rateLimited]) {
      const name = `${write.label} × ${fault.label}`;
      it(name, async () => {
        const { runs, entry } = await measureWriteCase(h, writesGroup(label), write, fault);
        recorder.record(entry);
        expect(entry.doubleCharges, 'double charges').toBe(0);
        expect(entry.missingFromLedger, 'payments missing from the ledger').toBe(0);
        expect(
          runs.flatMap((r) => r.problems),
          'untruthful views',
        ).toEqual([]);
        // A write that may have been processed is never sent again (429s are refused unprocessed).
        expect(
          runs.map((r) => r.writesSent),
          'writes that reached Mews per run',
        ).toEqual(runs.map(() => 1));
      });
    }
  }
});
