import type { PaymentEvents } from './connector/context';
import { roundMoney } from './connector/context';
import { syncPaymentRequests } from './connector/payment-requests';
import { settlePayment } from './connector/payments';
import { expireHolds } from './connector/preauthorizations';
import type { PaymentRecord, PaymentState, SandboxStore } from './state';

/**
 * Time-driven payment changes, evaluated against the sandbox clock: pending card payments and
 * refunds settle when their time comes, iDEAL payments nobody finished expire as `Canceled` after
 * 15 minutes, and `Verifying` payments nobody verified as `Canceled` after 24 hours (Mews help,
 * "PSD2 compliance and 3DS FAQ").
 */
export function runDueTransitions(store: SandboxStore, events: PaymentEvents): string[] {
  const now = store.nowMs();
  const changed: string[] = [];
  for (const record of store.state.payments) {
    if (record.settleAtMs !== null && record.settleTo !== null && record.settleAtMs <= now) {
      if (settle(store, record, record.settleTo)) changed.push(record.payment.Id);
    } else if (
      record.verification &&
      record.payment.State === 'Verifying' &&
      record.verification.expiresAtMs <= now
    ) {
      if (settlePayment(record, 'Canceled', store.nowUtc())) changed.push(record.payment.Id);
    } else if (
      record.ideal &&
      record.payment.State === 'Pending' &&
      record.ideal.expiresAtMs <= now
    ) {
      if (settlePayment(record, 'Canceled', store.nowUtc())) changed.push(record.payment.Id);
    }
  }
  finish(store, events, changed);
  expireHolds(store);
  syncPaymentRequests(store);
  return changed;
}

/** Settles pending card payments and refunds now (to their planned outcome unless `state` says otherwise). */
export function settlePendingNow(
  store: SandboxStore,
  events: PaymentEvents,
  paymentIds: string[] | null,
  state: PaymentState | null,
): string[] {
  const changed: string[] = [];
  for (const record of store.state.payments) {
    if (record.settleTo === null || record.payment.State !== 'Pending') continue;
    if (paymentIds !== null && !paymentIds.includes(record.payment.Id)) continue;
    if (settle(store, record, state ?? record.settleTo)) changed.push(record.payment.Id);
  }
  finish(store, events, changed);
  return changed;
}

export type IdealOutcome = 'approve' | 'cancel' | 'fail';

export const IDEAL_STATES: Record<IdealOutcome, PaymentState> = {
  approve: 'Charged',
  cancel: 'Canceled',
  fail: 'Failed',
};

/** The payer's answer on the bank page. Returns false when the payment was no longer pending. */
export function completeIdeal(
  store: SandboxStore,
  events: PaymentEvents,
  record: PaymentRecord,
  outcome: IdealOutcome,
): boolean {
  runDueTransitions(store, events);
  const changed = settlePayment(record, IDEAL_STATES[outcome], store.nowUtc());
  finish(store, events, changed ? [record.payment.Id] : []);
  return changed;
}

/** A refund that does not go through gives its amount back to what can still be refunded. */
function settle(store: SandboxStore, record: PaymentRecord, state: PaymentState): boolean {
  if (!settlePayment(record, state, store.nowUtc())) return false;
  if (record.refundOf && state !== 'Charged') {
    const original = store.state.payments.find((r) => r.payment.Id === record.refundOf);
    if (original)
      original.refundedValue = roundMoney(Math.max(0, original.refundedValue - record.value));
  }
  return true;
}

export type VerificationOutcome = 'approve' | 'fail';

export const VERIFICATION_STATES: Record<VerificationOutcome, PaymentState> = {
  approve: 'Charged',
  fail: 'Failed',
};

/**
 * The guest's answer on the verification page (or the control API). Returns false when the
 * payment was no longer `Verifying` (already answered, or the link expired).
 */
export function completeVerification(
  store: SandboxStore,
  events: PaymentEvents,
  record: PaymentRecord,
  outcome: VerificationOutcome,
): boolean {
  runDueTransitions(store, events);
  const changed =
    record.payment.State === 'Verifying' &&
    settlePayment(record, VERIFICATION_STATES[outcome], store.nowUtc());
  finish(store, events, changed ? [record.payment.Id] : []);
  return changed;
}

function finish(store: SandboxStore, events: PaymentEvents, changed: string[]): void {
  if (changed.length === 0) return;
  // A payment that turned Charged may complete its payment request.
  syncPaymentRequests(store);
  store.save();
  for (const id of changed) {
    const record = store.state.payments.find((r) => r.payment.Id === id);
    if (record) events.paymentUpdated(record.payment.EnterpriseId, id);
  }
}
