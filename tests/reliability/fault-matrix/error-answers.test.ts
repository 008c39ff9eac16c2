/**
 * Fault matrix (see ./support.ts), error answers: every Mews write answered once with 500 or 408,
 * before Mews processed it. An error answer does not prove that Mews did nothing, so the write is
 * never sent again, and what the guest or staff member is shown must still agree with Mews.
 */
import { describeFaultMatrix, FAULTS, itForEachWrite } from './support';

describeFaultMatrix('fault-matrix-error-answers', (suite) => {
  itForEachWrite(suite, [FAULTS.serverError, FAULTS.requestTimeout]);
});
