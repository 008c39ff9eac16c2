/**
 * Fault matrix (see ./support.ts), error answers: every Mews write answered once with 500 or 408,
 * before Mews processed it. An error answer does not prove that Mews did nothing, so the write is
 * never sent again, and what the guest or staff member is shown must still agree with Mews.
 */
import { expect, it } from 'vitest';
import { describeFaultMatrix, FAULTS, measureWriteCase, WRITES, writesGroup } from './support';

describeFaultMatrix('fault-matrix-error-answers', ({ h, label, recorder }) => {
  for (const write of WRITES) {
    for (const fault of [FAULTS.serverError, FAULTS.requestTimeout]) {
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
