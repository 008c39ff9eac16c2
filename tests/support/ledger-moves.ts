import {
  transitionPaymentAttempt as transitionWithRules,
  type AttemptMoveEffects,
  type AttemptPatch,
} from '@/lib/db/payment-attempts';
import type { Database } from '@/lib/db/client';
import type { PaymentAttempt, PaymentAttemptState } from '@/lib/db/schema';
import { attemptMoveTo } from '@/lib/payments/ledger/state-machine';

/**
 * The repository's conditional move with the ledger's rules, as the ledger calls it: repository
 * tests move attempts by target state, and which states may move there is the state machine's.
 */
export function transitionPaymentAttempt(
  db: Database,
  id: string,
  to: PaymentAttemptState,
  patch: AttemptPatch = {},
  effects: AttemptMoveEffects = {},
): Promise<PaymentAttempt | undefined> {
  return transitionWithRules(db, id, attemptMoveTo(to), patch, effects);
}
