'use server';

import { z } from 'zod';
import { requireStaff } from '@/lib/auth/require-staff';
import { audit } from '@/lib/server/audit';
import { reconcileExclusively } from './schedule';
import { validatedAction } from '@/lib/server/validated-action';

/** "Reconcile now" on the staff dashboard: any staff member may ask Mews for the truth early. */
export const reconcileNowAction = validatedAction({
  name: 'staff.reconcile-now',
  schema: z.strictObject({}),
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'run reconciliation'),
  run: async (_input, { ctx, actor }) => {
    const staffId = actor.type === 'staff' ? actor.staffId : null;
    const outcome = await reconcileExclusively(ctx, { trigger: 'staff', staffId });
    if (!outcome.ran) return { ran: false as const, checked: 0, settled: 0, errors: 0 };
    const { result } = outcome;
    await audit(ctx, actor, {
      action: 'reconciliation.run',
      outcome: result.errors > 0 ? 'failure' : 'success',
      subjectType: 'reconciliation_run',
      subjectId: result.runId,
      details: { checked: result.checked, settled: result.settled, errors: result.errors },
    });
    return {
      ran: true as const,
      checked: result.checked,
      settled: result.settled,
      errors: result.errors,
    };
  },
});
