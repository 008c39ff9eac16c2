import { randomUUID } from 'node:crypto';
import type { PaymentRequestRecord, PreauthorizationRecord, SandboxStore } from '../state';
import type { OperationHandler } from './context';
import { paymentAmount, strArray } from './context';

/**
 * Preauthorizations (reference §3): read-only in the Connector API. A hold comes to exist when a
 * `Type: Preauthorization` payment request is completed (the hosted page, a control-API fixture, or
 * the checkout when the `preauthorizationCheckout` switch says `completes`). It is `Chargeable`
 * until staff charge or cancel it (control API, standing in for Mews Operations) or it expires
 * after `holdLifetimeDays` of sandbox time. No capture or release operation exists, as in Mews.
 */

export const getAllPreauthorizationsByCustomers: OperationHandler = (body, ctx) => {
  const customerIds = strArray(body, 'CustomerIds') ?? [];
  const rows = ctx.store.state.preauthorizations
    .filter(
      (r) =>
        ctx.scope.some((e) => e.id === r.enterpriseId) &&
        customerIds.includes(r.preauthorization.CustomerId),
    )
    .map((r) => r.preauthorization);
  return { Preauthorizations: rows };
};

/** Places the hold of a `Preauthorization` request on `creditCardId` (Chargeable, active). */
export function placeHold(
  store: SandboxStore,
  request: PaymentRequestRecord,
  creditCardId: string,
): PreauthorizationRecord {
  const r = request.request;
  const now = store.nowUtc();
  const lifetimeDays = store.state.checkoutSettings.holdLifetimeDays;
  const record: PreauthorizationRecord = {
    preauthorization: {
      Id: randomUUID(),
      CreditCardId: creditCardId,
      Amount: paymentAmount(r.Amount.Currency, request.value),
      State: 'Chargeable',
      ReservationId: r.ReservationId,
      Code: `PRE-${r.Id.slice(0, 8).toUpperCase()}`,
      CustomerId: r.AccountId,
      IsActive: true,
    },
    enterpriseId: r.EnterpriseId,
    paymentRequestId: r.Id,
    createdUtc: now,
    updatedUtc: now,
    expiresAtMs: store.nowMs() + lifetimeDays * 86_400_000,
  };
  store.state.preauthorizations.push(record);
  store.save();
  return record;
}

/** Holds past their lifetime become `Expired` (inactive). Returns whether anything changed. */
export function expireHolds(store: SandboxStore): boolean {
  const now = store.nowMs();
  let changed = false;
  for (const record of store.state.preauthorizations) {
    if (record.preauthorization.State === 'Chargeable' && record.expiresAtMs <= now) {
      record.preauthorization.State = 'Expired';
      record.preauthorization.IsActive = false;
      record.updatedUtc = store.nowUtc();
      changed = true;
    }
  }
  if (changed) store.save();
  return changed;
}
