/**
 * GET /api/staff/reservations?query=: the front desk's search over HTTP, as the reservation picker
 * and the customer search call it. Signed out it is a 401 before Mews is asked; signed in, a
 * reservation number gives the reservation and its guest; too short a query is a 400 that says
 * what to type.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestPaymentContext } from '../../support/payment-context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import type { TestDatabase } from '../../support/test-database';

const session = vi.hoisted(() => ({
  staffId: undefined as string | undefined,
  ctx: undefined as unknown,
}));

vi.mock('@/lib/auth/index', () => ({
  auth: async () => (session.staffId ? { user: { id: session.staffId, email: 'x' } } : null),
}));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => session.ctx }));

let sandbox: TestSandbox;
let database: TestDatabase;
let frontDeskId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const opened = await openTestPaymentContext({ sandbox });
  database = opened.database;
  session.ctx = opened.ctx;
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  frontDeskId = (
    await createStaffAccount(
      opened.ctx,
      {
        email: 'desk@hotel.test',
        name: 'Desk',
        role: 'frontdesk',
        password: 'front desk password',
      },
      { type: 'system' },
    )
  ).id;
});
afterAll(async () => {
  await database?.close();
  await sandbox?.stop();
});
beforeEach(async () => {
  session.staffId = undefined;
  await sandbox.control.reset();
});

async function get(query: string) {
  const { GET } = await import('@/app/api/staff/reservations/route');
  return GET(
    new Request(`http://localhost/api/staff/reservations?query=${encodeURIComponent(query)}`),
    { params: Promise.resolve({}) },
  );
}

describe('GET /api/staff/reservations', () => {
  it('answers 401 without a session, and asks Mews nothing', async () => {
    const response = await get('SBX-1001');
    expect(response.status).toBe(401);
    expect(await sandbox.control.requests()).toEqual([]);
  });

  it('gives a clerk the reservation SBX-1001 and its guest', async () => {
    session.staffId = frontDeskId;
    const response = await get('sbx-1001');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: true;
      data: Array<{
        customer: { id: string; name: string };
        reservation: { id: string; number: string };
      }>;
    };
    expect(body.data).toMatchObject([
      {
        customer: { id: SEED.customers.alice.id, name: 'Alice Smith' },
        reservation: { id: SEED.reservations.aliceLondon.id, number: 'SBX-1001', room: '101' },
        matchedBy: 'reservation',
      },
    ]);
  });

  it('refuses a one-letter search with a message that says what to type', async () => {
    session.staffId = frontDeskId;
    const response = await get('S');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Type at least 2 characters of a reservation number, a name or an e-mail',
      },
    });
  });
});
