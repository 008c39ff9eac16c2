import { ROOM_LIST, SEED, enterpriseByKey } from '../seed';
import { SANDBOX_PROFILE_ID } from '../seed-state';
import type { MewsAmount, RevenueItem } from '../state';
import type { Body, OperationContext, OperationHandler } from './context';
import { intervalFilter, invalid, newestFirst, obj, page, strArray } from './context';
import { convert } from './payments';

/**
 * `resources/getAll`: the seeded rooms (`SEED.rooms`, `Space` resources, all active) of the
 * enterprises the token reaches. Resources come back only with `Extent.Resources: true`, as in
 * Mews; the deprecated category and feature extents answer `null`.
 */
export const getAllResources: OperationHandler = (body, ctx) => {
  const extent = obj(body, 'Extent');
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'ResourceIds');
  const names = strArray(body, 'Names');
  const created = intervalFilter(body, 'CreatedUtc');
  const updated = intervalFilter(body, 'UpdatedUtc');
  const at = SEED.seedTimeUtc;
  const rooms = ROOM_LIST.map((room) => {
    const enterprise = enterpriseByKey(room.enterpriseKey);
    return {
      Id: room.id,
      EnterpriseId: enterprise.id,
      IsActive: true,
      ParentResourceId: null,
      Name: room.name,
      State: 'Inspected',
      Descriptions: {},
      CreatedUtc: at,
      UpdatedUtc: at,
      Data: { Discriminator: 'Space', Value: { FloorNumber: room.floor, LocationNotes: null } },
      ExternalNames: { [enterprise.defaultLanguageCode]: `Room ${room.name}` },
      Directions: {},
    };
  });
  const matches = rooms.filter(
    (r) =>
      ctx.scope.some((e) => e.id === r.EnterpriseId) &&
      (!enterpriseIds || enterpriseIds.includes(r.EnterpriseId)) &&
      (!ids || ids.includes(r.Id)) &&
      (!names || names.includes(r.Name)) &&
      (!created || created(r.CreatedUtc)) &&
      (!updated || updated(r.UpdatedUtc)),
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
  return {
    Resources: extent?.Resources === true ? items : null,
    ResourceCategories: null,
    ResourceCategoryAssignments: null,
    ResourceCategoryImageAssignments: null,
    ResourceFeatures: null,
    ResourceFeatureAssignments: null,
    Cursor: cursor,
  };
};

/** The filters of which `orderItems/getAll` needs at least one (its description in the spec). */
const ORDER_ITEM_FILTERS = [
  'OrderItemIds',
  'ServiceOrderIds',
  'ServiceIds',
  'BillIds',
  'CreatedUtc',
  'UpdatedUtc',
  'ClosedUtc',
];

/**
 * `orderItems/getAll`: the revenue items the seed posts on reservations' open bills (a deposit
 * per reservation), as Mews `OrderItem`s of the reservation (`ServiceOrderId` = reservation id).
 * They are open and never canceled; `Currency` converts at the same fixed rates as payments.
 */
export const getAllOrderItems: OperationHandler = (body, ctx) => {
  if (!ORDER_ITEM_FILTERS.some((f) => body[f] !== undefined && body[f] !== null)) {
    throw invalid(
      'filter',
      'At least one of OrderItemIds, ServiceOrderIds, ServiceIds, BillIds, CreatedUtc, UpdatedUtc, ClosedUtc is required',
    );
  }
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'OrderItemIds');
  const accountIds = strArray(body, 'AccountIds');
  const serviceOrderIds = strArray(body, 'ServiceOrderIds');
  const serviceIds = strArray(body, 'ServiceIds');
  const billIds = strArray(body, 'BillIds');
  const accountingStates = strArray(body, 'AccountingStates');
  const types = strArray(body, 'Types');
  const currency = typeof body.Currency === 'string' ? body.Currency : null;
  const intervals = (
    ['CreatedUtc', 'UpdatedUtc', 'ConsumedUtc', 'CanceledUtc', 'ClosedUtc'] as const
  ).map((key) => [key, intervalFilter(body, key)] as const);
  const matches = ctx.store.state.revenueItems
    .map((item) => orderItemOf(item, ctx))
    .filter(
      (o): o is Body & { Id: string; EnterpriseId: string; CreatedUtc: string } =>
        o !== null &&
        (!enterpriseIds || enterpriseIds.includes(String(o.EnterpriseId))) &&
        (!ids || ids.includes(String(o.Id))) &&
        (!accountIds || accountIds.includes(String(o.AccountId))) &&
        (!serviceOrderIds || serviceOrderIds.includes(String(o.ServiceOrderId))) &&
        (!serviceIds || serviceIds.includes(String(o.ServiceId))) &&
        (!billIds || billIds.includes(String(o.BillId))) &&
        (!accountingStates || accountingStates.includes(String(o.AccountingState))) &&
        (!types || types.includes(String(o.Type))) &&
        intervals.every(([key, test]) => !test || test(o[key] as string | null)),
    );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (o) => o.CreatedUtc,
      (o) => o.Id,
    ),
    (o) => o.Id,
  );
  const converted =
    currency === null
      ? items
      : items.map((o) => {
          const amount = convert(o.Amount as MewsAmount, currency);
          return { ...o, Amount: amount, UnitAmount: amount, OriginalAmount: amount };
        });
  return { OrderItems: converted, Cursor: cursor };
};

/** A seeded revenue item as an `OrderItem`, or `null` when its enterprise is out of the token's reach. */
function orderItemOf(item: RevenueItem, ctx: OperationContext): Body | null {
  const bill = ctx.store.state.bills.find((b) => b.Id === item.billId);
  const enterprise = ctx.scope.find((e) => e.id === bill?.EnterpriseId);
  if (!bill || !enterprise) return null;
  const amount = {
    Currency: item.currency,
    NetValue: item.netValue,
    GrossValue: item.grossValue,
    TaxValues: [{ Code: item.taxRateCode, Value: item.taxValue }],
    Breakdown: {
      Items: [{ TaxRateCode: item.taxRateCode, NetValue: item.netValue, TaxValue: item.taxValue }],
    },
  };
  return {
    Id: item.id,
    EnterpriseId: enterprise.id,
    AccountId: item.accountId,
    AccountType: 'Customer',
    ServiceId: enterprise.serviceId,
    ServiceOrderId: item.reservationId,
    Notes: null,
    BillId: item.billId,
    AccountingCategoryId: item.accountingCategoryId,
    BillingName: item.name,
    ExternalIdentifier: null,
    UnitCount: 1,
    UnitAmount: amount,
    Amount: amount,
    OriginalAmount: amount,
    RevenueType: 'Service',
    CreatorProfileId: SANDBOX_PROFILE_ID,
    UpdaterProfileId: SANDBOX_PROFILE_ID,
    CreatedUtc: item.consumedUtc,
    UpdatedUtc: item.consumedUtc,
    ConsumedUtc: item.consumedUtc,
    CanceledUtc: null,
    ClosedUtc: null,
    StartUtc: null,
    ClaimedUtc: null,
    AccountingState: 'Open',
    // Posted by hand on the bill (the deposit the hotel asks for), not a night of the stay.
    Type: 'CustomItem',
    Options: { CanceledWithReservation: false },
    Data: null,
  };
}
