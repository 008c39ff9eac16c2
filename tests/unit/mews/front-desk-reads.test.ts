/**
 * The front desk's reads, on the wire: reservations by number and by owner in a window (Mews'
 * state names, the three-month limit), rooms with `Extent.Resources`, and order items priced by
 * the enterprise's pricing, canceled ones flagged and rebates negative.
 */
import { describe, expect, it } from 'vitest';
import { IDS, wireConfiguration, wireOrderItem, wireReservation, wireResource } from './fixtures';
import { jsonResponse, testClient } from './support';

function bodyOf(scripted: ReturnType<typeof testClient>['scripted'], operation: string, index = 0) {
  const request = scripted.requests.filter((r) => r.operation === operation)[index];
  if (!request) throw new Error(`no ${operation} request`);
  const { ClientToken: _c, AccessToken: _a, Client: _n, ...payload } = request.body;
  return payload;
}

describe('findReservations', () => {
  it('asks by number and by owner in a departure window, with Mews state names', async () => {
    const { client, scripted } = testClient({
      'reservations/getAll/2023-06-06': [
        jsonResponse({
          Reservations: [wireReservation({ AssignedResourceId: IDS.room })],
          Cursor: null,
        }),
      ],
    });
    const [reservation] = await client.findReservations({
      numbers: ['SBX-1001', 'SBX-1001'],
      accountIds: [IDS.customer],
      scheduledEndBetween: {
        start: new Date('2026-12-03T12:00:00Z'),
        end: new Date('2027-03-03T12:00:00Z'),
      },
      states: ['confirmed', 'started'],
    });
    expect(reservation).toMatchObject({ id: IDS.reservation, assignedResourceId: IDS.room });
    expect(bodyOf(scripted, 'reservations/getAll/2023-06-06')).toEqual({
      Numbers: ['SBX-1001'],
      AccountIds: [IDS.customer],
      ScheduledEndUtc: { StartUtc: '2026-12-03T12:00:00Z', EndUtc: '2027-03-03T12:00:00Z' },
      States: ['Confirmed', 'Started'],
      Limitation: { Count: 1000 },
    });
  });

  it('refuses without asking: no number nor owner, a window over three months, a bad owner id', async () => {
    const { client, scripted } = testClient([]);
    await expect(client.findReservations({})).rejects.toMatchObject({ code: 'invalid-filter' });
    await expect(
      client.findReservations({
        accountIds: [IDS.customer],
        scheduledEndBetween: {
          start: new Date('2026-12-03T12:00:00Z'),
          end: new Date('2027-03-04T12:00:00Z'),
        },
      }),
    ).rejects.toMatchObject({ code: 'invalid-filter' });
    await expect(client.findReservations({ accountIds: ['Alice'] })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(await client.findReservations({ numbers: [] })).toEqual([]);
    expect(scripted.requests).toHaveLength(0);
  });
});

describe('getResources', () => {
  it('asks for resources (inactive ones too) and gives their names', async () => {
    const { client, scripted } = testClient({
      'resources/getAll': [jsonResponse({ Resources: [wireResource()], Cursor: null })],
    });
    expect(await client.getResources([IDS.room, IDS.room])).toEqual([
      { id: IDS.room, name: '101' },
    ]);
    expect(bodyOf(scripted, 'resources/getAll')).toEqual({
      ResourceIds: [IDS.room],
      Extent: { Resources: true, Inactive: true },
      Limitation: { Count: 1000 },
    });
  });

  it('reads a null Resources (no extent in the answer) as none', async () => {
    const { client } = testClient({
      'resources/getAll': [jsonResponse({ Resources: null, Cursor: null })],
    });
    expect(await client.getResources([IDS.room])).toEqual([]);
  });
});

describe('getOrderItems', () => {
  it('gives amounts in minor units by pricing, rebates negative, canceled items flagged', async () => {
    const rebate = wireOrderItem({
      Id: '63896156-f25b-4949-b55b-afd3007b1147',
      Amount: { ...wireOrderItem().Amount, NetValue: -20.5, GrossValue: -24.6 },
    });
    const canceled = wireOrderItem({
      Id: '73896156-f25b-4949-b55b-afd3007b1148',
      AccountingState: 'Canceled',
      CanceledUtc: '2026-11-02T00:00:00Z',
    });
    const { client, scripted } = testClient({
      'configuration/get': [jsonResponse(wireConfiguration({ pricing: 'Net' }))],
      'orderItems/getAll': [
        jsonResponse({ OrderItems: [wireOrderItem(), rebate, canceled], Cursor: null }),
      ],
    });
    const items = await client.getOrderItems([IDS.reservation]);
    expect(items.map((item) => [item.amountMinor, item.canceled])).toEqual([
      [15_000, false],
      [-2_050, false],
      [15_000, true],
    ]);
    expect(bodyOf(scripted, 'orderItems/getAll')).toEqual({
      ServiceOrderIds: [IDS.reservation],
      Limitation: { Count: 1000 },
    });
  });
});
