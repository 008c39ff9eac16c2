/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely here; their shape is checked against the spec */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSpecValidator, type OperationName } from '@/sandbox/spec-validator';
import {
  SEED,
  startTestSandbox,
  type SandboxTokenKey,
  type TestSandbox,
} from '@/tests/support/sandbox';

/**
 * What a front desk reads about a reservation besides the reservation itself: its room
 * (`AssignedResourceId` → `resources/getAll`) and what it costs (`orderItems/getAll` by
 * `ServiceOrderIds`), answered by the sandbox the way the spec describes, and the guest in house.
 */

const validator = getSpecValidator();
const { aliceLondon, bramAmsterdam, danLondonInHouse } = SEED.reservations;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
});

async function call(
  operation: OperationName,
  body: Record<string, unknown>,
  enterprise: SandboxTokenKey = 'gross',
) {
  const response = await sandbox.connector<Record<string, any>>(operation, body, { enterprise });
  if (response.status === 200) {
    expect(validator.validateResponse(operation, response.body).issues).toEqual([]);
  } else {
    expect(validator.validateError(response.body).valid).toBe(true);
  }
  return response;
}

describe('rooms and order items of reservations', () => {
  it("a reservation names its room, and resources/getAll gives the room's name", async () => {
    const { body } = await call('reservations/getAll/2023-06-06', {
      Numbers: ['SBX-1001'],
      Limitation: { Count: 10 },
    });
    expect(body.Reservations).toHaveLength(1);
    expect(body.Reservations[0].AssignedResourceId).toBe(SEED.rooms.london101.id);

    const rooms = await call('resources/getAll', {
      ResourceIds: [SEED.rooms.london101.id],
      Extent: { Resources: true },
      Limitation: { Count: 10 },
    });
    expect(rooms.status).toBe(200);
    expect(rooms.body.Resources.map((r: any) => r.Name)).toEqual(['101']);
  });

  it('resources come back only with Extent.Resources, and only those of the enterprise the token reaches', async () => {
    const without = await call('resources/getAll', {
      Extent: { Resources: false },
      Limitation: { Count: 10 },
    });
    expect(without.body.Resources).toBeNull();
    const london = await call('resources/getAll', {
      Extent: { Resources: true },
      Limitation: { Count: 100 },
    });
    expect(london.body.Resources.map((r: any) => r.Name).sort()).toEqual([
      '101',
      '102',
      '204',
      '301',
    ]);
    const foreign = await call('resources/getAll', {
      ResourceIds: [SEED.rooms.amsterdam7.id],
      Extent: { Resources: true },
      Limitation: { Count: 10 },
    });
    expect(foreign.body.Resources).toEqual([]);
  });

  it("SBX-1001's order items add up to the 150.00 GBP deposit on its bill", async () => {
    const { status, body } = await call('orderItems/getAll', {
      ServiceOrderIds: [aliceLondon.id],
      Limitation: { Count: 100 },
    });
    expect(status).toBe(200);
    expect(body.OrderItems).toHaveLength(1);
    const [item] = body.OrderItems;
    expect(item).toMatchObject({
      ServiceOrderId: aliceLondon.id,
      BillId: aliceLondon.billId,
      AccountId: aliceLondon.customerId,
      AccountingState: 'Open',
      Amount: { Currency: 'GBP', GrossValue: 150 },
    });
  });

  it('orderItems/getAll needs a filter, and never shows another enterprise its items', async () => {
    const none = await call('orderItems/getAll', { Limitation: { Count: 10 } });
    expect(none.status).toBe(400);
    const foreign = await call('orderItems/getAll', {
      ServiceOrderIds: [bramAmsterdam.id],
      Limitation: { Count: 10 },
    });
    expect(foreign.body.OrderItems).toEqual([]);
    const own = await call(
      'orderItems/getAll',
      { ServiceOrderIds: [bramAmsterdam.id], Limitation: { Count: 10 } },
      'dutch',
    );
    expect(own.body.OrderItems[0].Amount).toMatchObject({ Currency: 'EUR', GrossValue: 180 });
  });

  it('Dan Walker is in house: SBX-1004 started before the sandbox clock and ends after it', async () => {
    const now = Date.now();
    const { body } = await call('reservations/getAll/2023-06-06', {
      Numbers: ['SBX-1004'],
      Limitation: { Count: 10 },
    });
    const [stay] = body.Reservations;
    expect(stay).toMatchObject({
      Id: danLondonInHouse.id,
      State: 'Started',
      AssignedResourceId: SEED.rooms.london301.id,
    });
    expect(Date.parse(stay.ScheduledStartUtc)).toBeLessThan(now);
    expect(Date.parse(stay.ScheduledEndUtc)).toBeGreaterThan(now);
    expect(stay.ActualStartUtc).toBe(stay.ScheduledStartUtc);
  });
});
