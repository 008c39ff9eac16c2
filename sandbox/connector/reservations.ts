import type { MewsObject, PaymentRecord, RevenueItem } from '../state';
import type { OperationHandler } from './context';
import { intervalFilter, newestFirst, obj, page, paymentAmount, str, strArray } from './context';
import { extendedAmount } from './payments';

export const getAllReservations: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  if (enterpriseIds && !enterpriseIds.includes(ctx.enterprise.id))
    return { Reservations: [], Cursor: null };
  const ids = strArray(body, 'ReservationIds');
  const accountIds = strArray(body, 'AccountIds');
  const numbers = strArray(body, 'Numbers');
  const serviceIds = strArray(body, 'ServiceIds');
  const groupIds = strArray(body, 'ReservationGroupIds');
  const states = strArray(body, 'States');
  const filters = (
    [
      'CreatedUtc',
      'UpdatedUtc',
      'ScheduledStartUtc',
      'ScheduledEndUtc',
      'ActualStartUtc',
      'ActualEndUtc',
    ] as const
  ).map((key) => [key, intervalFilter(body, key)] as const);
  const colliding = intervalFilter(body, 'CollidingUtc');
  const matches = ctx.store.state.reservations.filter(
    (r) =>
      r.ServiceId === ctx.enterprise.serviceId &&
      (!ids || ids.includes(r.Id)) &&
      (!accountIds || accountIds.includes(String(r.AccountId))) &&
      (!numbers || numbers.includes(String(r.Number))) &&
      (!serviceIds || serviceIds.includes(String(r.ServiceId))) &&
      (!groupIds || groupIds.includes(String(r.GroupId))) &&
      (!states || states.includes(String(r.State))) &&
      filters.every(([key, test]) => !test || test(r[key] as string | null)) &&
      (!colliding ||
        colliding(r.ScheduledStartUtc as string) ||
        colliding(r.ScheduledEndUtc as string)),
  );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (r) => r.CreatedUtc,
      (r) => r.Id,
    ),
    (r) => r.Id,
  );
  return { Reservations: items, Cursor: cursor };
};

export const getAllBills: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'BillIds');
  const customerIds = strArray(body, 'CustomerIds');
  const state = str(body, 'State');
  const type = str(body, 'Type');
  const filters = (['CreatedUtc', 'UpdatedUtc', 'IssuedUtc', 'PaidUtc', 'DueUtc'] as const).map(
    (key) => [key, intervalFilter(body, key)] as const,
  );
  const matches = ctx.store.state.bills.filter(
    (b) =>
      b.EnterpriseId === ctx.enterprise.id &&
      (!enterpriseIds || enterpriseIds.includes(String(b.EnterpriseId))) &&
      (!ids || ids.includes(b.Id)) &&
      (!customerIds || customerIds.includes(String(b.AccountId))) &&
      (state === null || b.State === state) &&
      (type === null || b.Type === type) &&
      filters.every(([key, test]) => !test || test(b[key] as string | null)),
  );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (b) => b.CreatedUtc,
      (b) => b.Id,
    ),
    (b) => b.Id,
  );
  // The deprecated `Extent.Items` still returns the bill's items; that is where a sandbox bill shows
  // the deposit owed (a revenue item) and the payments made against it.
  const withItems = obj(body, 'Extent')?.Items === true;
  const bills = withItems ? items.map((b) => ({ ...b, ...billItems(b, ctx.store.state) })) : items;
  return { Bills: bills, Cursor: cursor };
};

function billItems(
  bill: MewsObject,
  state: { revenueItems: RevenueItem[]; payments: PaymentRecord[] },
) {
  const revenue = state.revenueItems
    .filter((i) => i.billId === bill.Id)
    .map((i) => ({
      Id: i.id,
      AccountId: i.accountId,
      OrderId: i.reservationId,
      BillId: i.billId,
      AccountingCategoryId: i.accountingCategoryId,
      Type: 'ServiceRevenue',
      SubType: 'Deposit',
      Name: i.name,
      Notes: null,
      ConsumptionUtc: i.consumedUtc,
      ClosedUtc: null,
      State: 'Open',
      Amount: {
        ...paymentAmount(i.currency, i.grossValue),
        NetValue: i.netValue,
        TaxValues: [{ Code: i.taxRateCode, Value: i.taxValue }],
        Breakdown: {
          Items: [{ TaxRateCode: i.taxRateCode, NetValue: i.netValue, TaxValue: i.taxValue }],
        },
        Value: i.grossValue,
        Net: i.netValue,
        Tax: i.taxValue,
        TaxRate: null,
      },
    }));
  const payments = state.payments
    .filter((r) => r.payment.BillId === bill.Id && r.payment.AccountingState === 'Open')
    .map((r) => ({
      Id: r.payment.Id,
      AccountId: r.payment.AccountId,
      BillId: r.payment.BillId,
      AccountingCategoryId: r.payment.AccountingCategoryId,
      CreditCardId: r.payment.Data?.CreditCard?.CreditCardId ?? null,
      Type: r.payment.Type,
      Name: r.payment.Type,
      Notes: r.payment.Notes,
      ConsumptionUtc: r.payment.ConsumedUtc,
      ClosedUtc: r.payment.ClosedUtc,
      State: r.payment.AccountingState,
      Amount: extendedAmount(r.payment.Amount.Currency, r.payment.Amount.GrossValue),
    }));
  return { Revenue: revenue, Payments: payments };
}

export const getAllAccountingCategories: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'AccountingCategoryIds');
  const states = strArray(body, 'ActivityStates');
  const updated = intervalFilter(body, 'UpdatedUtc');
  const matches = ctx.store.state.accountingCategories.filter(
    (a) =>
      a.EnterpriseId === ctx.enterprise.id &&
      (!enterpriseIds || enterpriseIds.includes(String(a.EnterpriseId))) &&
      (!ids || ids.includes(a.Id)) &&
      (!states || states.includes(a.IsActive ? 'Active' : 'Deleted')) &&
      (!updated || updated(a.UpdatedUtc)),
  );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (a) => a.CreatedUtc,
      (a) => a.Id,
    ),
    (a) => a.Id,
  );
  return { AccountingCategories: items, Cursor: cursor };
};
