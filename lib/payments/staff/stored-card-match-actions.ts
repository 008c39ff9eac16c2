'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import { validatedAction } from '@/lib/server/validated-action';
import { findStoredCardMatch, storedCardMatchSchema } from './stored-card-match';

/** Asked by the new-card form after Secure Fields tokenized the card, before it is stored. */
export const findStoredCardMatchAction = validatedAction({
  name: 'staff.find-stored-card-match',
  schema: storedCardMatchSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'charge cards'),
  run: async (input, { ctx }) => ({ match: await findStoredCardMatch(ctx, input) }),
});
