/**
 * Fault matrix (see ./support.ts), rate limiting: every Mews write refused once with 429 and
 * Retry-After 1 s. Mews refuses a 429 unprocessed, so the client waits and sends the write again:
 * one refused request, then one that reaches Mews, and the payment goes through.
 */
import { describeFaultMatrix, FAULTS, itForEachWrite } from './support';

describeFaultMatrix('fault-matrix-rate-limited', (suite) => {
  itForEachWrite(suite, [FAULTS.rateLimited]);
});
