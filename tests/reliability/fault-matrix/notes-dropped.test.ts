/**
 * Fault matrix (see ./support.ts) once more without the attempt marker: Mews documents neither
 * that it keeps the `Notes` of gateway charges (and a refund's `Reason`) nor a length limit, so the
 * sandbox drops them (`notesMode: drop`) or keeps 16 characters (`truncate`, which leaves
 * "Mews Checkout at" and no attempt id). Every write whose answer was lost must still be found by
 * account, card, amount, currency, direction and creation time, never failed while Mews holds a
 * payment that could be its own, and never charged twice.
 */
import { describeFaultMatrix, FAULTS, itForEachWrite, type FaultCase } from './support';

function withNotes(fault: FaultCase, notesMode: 'drop' | 'truncate'): FaultCase {
  return {
    ...fault,
    label: `${fault.label}, Notes ${notesMode === 'drop' ? 'dropped' : 'cut to 16 characters'}`,
    notesMode,
  };
}

describeFaultMatrix('fault-matrix-notes-dropped', (suite) => {
  itForEachWrite(suite, [
    withNotes(FAULTS.answerDropped, 'drop'),
    withNotes(FAULTS.timeoutBeforeProcessing, 'drop'),
    withNotes(FAULTS.serverError, 'drop'),
    withNotes(FAULTS.answerDropped, 'truncate'),
  ]);
});
