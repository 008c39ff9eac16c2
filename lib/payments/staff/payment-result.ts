import type { PaymentAttempt } from '@/lib/db/schema';

/** What a staff payment form gets back: the ledger row's essentials, never card data beyond the mask. */
export interface StaffPaymentResult {
  attemptId: string;
  state: PaymentAttempt['state'];
  method: PaymentAttempt['method'];
  amountMinor: number;
  currency: string;
  mewsPaymentId: string | null;
  failureMessage: string | null;
  replayed: boolean;
}
