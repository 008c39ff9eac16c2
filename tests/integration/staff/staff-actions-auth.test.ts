/**
 * Every staff server action and route handler checks the session and the role itself, whatever
 * proxy.ts did: called directly with no session they refuse as `unauthenticated`, a front-desk
 * session is refused manager work as `forbidden`, and nothing is written to the ledger.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestPaymentContext } from '../../support/payment-context';
import type { TestDatabase } from '../../support/test-database';

const session = vi.hoisted(() => ({
  staffId: undefined as string | undefined,
  ctx: undefined as unknown,
}));

vi.mock('@/lib/auth/index', () => ({
  auth: async () => (session.staffId ? { user: { id: session.staffId, email: 'x' } } : null),
}));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => session.ctx }));

let database: TestDatabase;
let frontDeskId: string;

beforeAll(async () => {
  // No sandbox: every Mews call rejects ('Mews must not be called').
  const opened = await openTestPaymentContext();
  database = opened.database;
  const ctx = opened.ctx;
  session.ctx = ctx;
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  frontDeskId = (
    await createStaffAccount(
      ctx,
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
});

beforeEach(() => {
  session.staffId = undefined;
});

const MANAGER_ONLY = [
  'refundPaymentAction',
  'createStaffUserAction',
  'updateStaffUserAction',
  'updatePropertyAction',
  'removeLogoAction',
  'recheckCheckoutAction',
];

/** Every back-office action, wherever its feature folder keeps it. */
async function allStaffActions() {
  return {
    ...(await import('@/lib/payments/staff/actions')),
    ...(await import('@/lib/payments/links/actions')),
    ...(await import('@/lib/payments/back-office/actions')),
    ...(await import('@/lib/payments/email/staff-actions')),
    ...(await import('@/lib/payments/property/actions')),
  };
}

async function ledgerCount(): Promise<number> {
  const { sql } = await import('drizzle-orm');
  const result = await database.db.execute(sql`select count(*)::int as n from payment_attempts`);
  return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
}

describe('staff server actions', () => {
  it('all refuse a caller without a session, before reading the input', async () => {
    const actions = await allStaffActions();
    const entries = Object.entries(actions);
    expect(entries.length).toBeGreaterThanOrEqual(9);
    for (const [name, action] of entries) {
      const result = await (
        action as (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>
      )({ amount: '1' });
      expect(result, name).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(await ledgerCount()).toBe(0);
  });

  it('refuse manager work to a front-desk user, and audit the attempt', async () => {
    session.staffId = frontDeskId;
    const actions = (await allStaffActions()) as Record<
      string,
      (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>
    >;
    for (const name of MANAGER_ONLY) {
      expect(await actions[name]!({}), name).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    // Front-desk actions get past the role check and only then validate the input.
    expect(await actions.recordExternalPaymentAction!({})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const { listAudit } = await import('@/lib/db/staff-ledger');
    expect((await listAudit(database.db, { actionPrefix: 'staff.access_denied' })).length).toBe(
      MANAGER_ONLY.length,
    );
  });
});

describe('staff route handlers', () => {
  const routes = [
    ['payments', () => import('@/app/api/staff/payments/route')],
    ['audit', () => import('@/app/api/staff/audit/route')],
    ['customers', () => import('@/app/api/staff/customers/route')],
    ['reservations', () => import('@/app/api/staff/reservations/route')],
    ['dashboard', () => import('@/app/api/staff/dashboard/route')],
    ['links', () => import('@/app/api/staff/links/route')],
  ] as const;

  it('answer 401 without a session', async () => {
    for (const [name, load] of routes) {
      const { GET } = await load();
      const response = await GET(new Request(`http://localhost/api/staff/${name}`), {
        params: Promise.resolve({}),
      });
      expect(response.status, name).toBe(401);
    }
  });

  it('answer 403 to front desk for the audit log, and serve the payments list', async () => {
    session.staffId = frontDeskId;
    const audit = await import('@/app/api/staff/audit/route');
    expect(
      (
        await audit.GET(new Request('http://localhost/api/staff/audit?format=csv'), {
          params: Promise.resolve({}),
        })
      ).status,
    ).toBe(403);
    const payments = await import('@/app/api/staff/payments/route');
    const response = await payments.GET(new Request('http://localhost/api/staff/payments'), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, data: [] });
  });
});
