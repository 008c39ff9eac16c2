import type { OperationHandler } from './context';
import {
  inScope,
  intervalFilter,
  invalid,
  newestFirst,
  obj,
  page,
  serviceInScope,
  str,
  strArray,
} from './context';

export const getAllReservations: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
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
      serviceInScope(ctx, r.ServiceId) &&
      (!enterpriseIds ||
        ctx.scope.some((e) => e.serviceId === r.ServiceId && enterpriseIds.includes(e.id))) &&
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

/** Mews deprecations table: `Extent.Items` of `bills/getAll` was discontinued on 2025-01-10. */
export const BILL_ITEMS_DISCONTINUED =
  'Extent.Items was discontinued on 2025-01-10. Use payments/getAll with BillIds (and orderItems/getAll) instead.';

export const getAllBills: OperationHandler = (body, ctx) => {
  if (obj(body, 'Extent')?.Items === true) throw invalid('Extent', BILL_ITEMS_DISCONTINUED);
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
      inScope(ctx, b.EnterpriseId) &&
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
  return { Bills: items, Cursor: cursor };
};

export const getAllAccountingCategories: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'AccountingCategoryIds');
  const states = strArray(body, 'ActivityStates');
  const updated = intervalFilter(body, 'UpdatedUtc');
  const matches = ctx.store.state.accountingCategories.filter(
    (a) =>
      inScope(ctx, a.EnterpriseId) &&
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
