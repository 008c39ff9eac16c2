/**
 * Going live on the data of a sandbox trial: the demo staff that sandbox mode seeds have passwords
 * the landing page prints. The same database started against a non-sandbox Mews (here the Mews demo
 * environment's URL; nothing is sent to it) must not let them in: start-up disables them, ends their
 * sessions and says so in the log, and sign-in (password and single sign-on), sessions, actions and
 * route handlers refuse them even when start-up has not run. In sandbox mode nothing changes.
 * Run through lib/auth/index.ts' own Auth.js callbacks (tests/support/auth-session.ts).
 */
import type { JWT } from '@auth/core/jwt';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_STAFF } from '@/lib/auth/demo-staff-accounts';
import { resetConfigForTests } from '@/lib/config';
import { staffUsers } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import {
  captureLog,
  createTestPaymentContext,
  type LogCapture,
} from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';
import {
  authSession,
  readSession,
  signInWithOidc,
  signInWithPassword,
} from '../../support/auth-session';

const harness = vi.hoisted(() => ({ ctx: undefined as unknown }));

vi.mock('next-auth', async () => (await import('../../support/auth-session')).nextAuthModule);
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => harness.ctx }));

const [DEMO_MANAGER, DEMO_DESK] = DEMO_STAFF;
const OWNER = { email: 'owner@hotel.test', password: 'the owner password' };

type ActionResult = { ok: boolean; error?: { code: string } };

/** Restarts "the app" against the sandbox or the Mews demo environment (a non-sandbox Mews). */
function runAgainst(mews: 'sandbox' | 'mews-demo'): void {
  vi.unstubAllEnvs();
  vi.stubEnv('AUTH_SECRET', 's'.repeat(48));
  if (mews === 'mews-demo') {
    vi.stubEnv('MEWS_PLATFORM_URL', 'https://api.mews-demo.com');
    vi.stubEnv('MEWS_CLIENT_TOKEN', 'client-token');
    vi.stubEnv('MEWS_ACCESS_TOKEN', 'access-token');
  } else {
    // Loopback, so sandbox mode; nothing listens there, so the demo links step only warns.
    vi.stubEnv('MEWS_PLATFORM_URL', 'http://127.0.0.1:9');
  }
  resetConfigForTests();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigForTests();
  authSession.cookie = null;
});

/** What a caller presenting `cookie` gets from the manager's and the desk's money actions. */
async function withCookie(cookie: JWT | null) {
  authSession.cookie = cookie;
  const { createStaffUserAction } = await import('@/lib/payments/back-office/actions');
  const { chargeStoredCardAction, refundPaymentAction } =
    await import('@/lib/payments/staff/actions');
  const { GET } = await import('@/app/api/staff/payments/route');
  const code = (result: unknown) => {
    const r = result as ActionResult;
    return r.ok ? 'ok' : r.error?.code;
  };
  return {
    createStaff: code(
      await createStaffUserAction({
        email: `intruder-${Math.random().toString(36).slice(2)}@evil.test`,
        name: 'Intruder',
        role: 'manager',
        password: 'intruder password 1',
      }),
    ),
    // Invalid input: a caller past the session check gets `invalid_input`, never a charge.
    chargeStoredCard: code(await chargeStoredCardAction({})),
    refund: code(await refundPaymentAction({})),
    route: (
      await GET(new Request('http://localhost/api/staff/payments'), { params: Promise.resolve({}) })
    ).status,
  };
}

const MANAGER_WORKS = {
  createStaff: 'ok',
  chargeStoredCard: 'invalid_input',
  refund: 'invalid_input',
  route: 200,
};
const REFUSED = {
  createStaff: 'unauthenticated',
  chargeStoredCard: 'unauthenticated',
  refund: 'unauthenticated',
  route: 401,
};

describe.each(testDatabaseTargets)('demo staff from a sandbox trial on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let logs: LogCapture;

  beforeEach(async () => {
    // A fresh data folder per case: the trial starts in sandbox mode.
    database = await open();
    logs = captureLog();
    ctx = createTestPaymentContext(database, { log: logs.log });
    harness.ctx = ctx;
    await import('@/lib/auth/index');
    runAgainst('sandbox');
  });

  afterEach(async () => {
    await database?.close();
  });

  afterAll(() => {
    harness.ctx = undefined;
  });

  async function accounts() {
    return database.db.select().from(staffUsers).orderBy(staffUsers.email);
  }

  async function demoRow(email: string) {
    const [row] = await database.db.select().from(staffUsers).where(eq(staffUsers.email, email));
    return row!;
  }

  async function trialWithSeededDemoStaff(): Promise<{ manager: JWT; desk: JWT }> {
    const { seedDemoStaff } = await import('@/lib/auth/demo-staff');
    expect(await seedDemoStaff(database.db)).toBe(2);
    const manager = await signInWithPassword(DEMO_MANAGER.email, DEMO_MANAGER.password);
    const desk = await signInWithPassword(DEMO_DESK.email, DEMO_DESK.password);
    expect(manager).not.toBeNull();
    expect(desk).not.toBeNull();
    expect(await withCookie(manager)).toEqual(MANAGER_WORKS);
    return { manager: manager!, desk: desk! };
  }

  async function startUp(): Promise<void> {
    const { prepareInstallation } = await import('@/lib/payments/installation/start-up');
    await prepareInstallation();
  }

  it('sandbox seeding marks the demo accounts as seeded', async () => {
    await trialWithSeededDemoStaff();
    for (const demo of DEMO_STAFF)
      expect((await demoRow(demo.email)).seededDemo, demo.email).toBe(true);
  });

  it('start-up outside sandbox mode disables them, ends their sessions and names them in one log line', async () => {
    const { manager, desk } = await trialWithSeededDemoStaff();
    const before = await demoRow(DEMO_MANAGER.email);

    runAgainst('mews-demo');
    await startUp();

    for (const demo of DEMO_STAFF) {
      const row = await demoRow(demo.email);
      expect(row.disabledAt, demo.email).not.toBeNull();
      expect(row.sessionVersion, demo.email).toBeGreaterThan(before.sessionVersion);
    }
    const lines = logs.messages().filter((message) => message?.includes('npm run staff:create'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(DEMO_MANAGER.email);
    expect(lines[0]).toContain(DEMO_DESK.email);
    const { listAudit } = await import('@/lib/db/staff-ledger');
    const disabled = (await listAudit(database.db, { actionPrefix: 'staff_user.updated' })).filter(
      (event) =>
        (event.details as { reason?: string } | null)?.reason === 'demo_account_outside_sandbox',
    );
    expect(disabled).toHaveLength(2);

    expect(await withCookie(manager)).toEqual(REFUSED);
    expect(await readSession(desk)).toBeNull();
    expect(await signInWithPassword(DEMO_MANAGER.email, DEMO_MANAGER.password)).toBeNull();

    // A real manager, made the documented way, cannot bring a demo account back.
    const { createStaffAccount, updateStaffAccount } = await import('@/lib/auth/staff-accounts');
    const owner = await createStaffAccount(
      ctx,
      { ...OWNER, name: 'Owner', role: 'manager' },
      { type: 'system' },
    );
    await expect(
      updateStaffAccount(
        ctx,
        { staffId: before.id, disabled: false },
        { type: 'staff', staffId: owner.id, email: owner.email },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    const ownerSession = await signInWithPassword(OWNER.email, OWNER.password);
    expect(await withCookie(ownerSession)).toEqual(MANAGER_WORKS);

    // A second start-up (another instance, a restart) changes nothing more and still says so.
    const version = (await demoRow(DEMO_MANAGER.email)).sessionVersion;
    await startUp();
    expect((await demoRow(DEMO_MANAGER.email)).sessionVersion).toBe(version);
  });

  it('outside sandbox mode they are refused even when start-up has not run', async () => {
    const { manager, desk } = await trialWithSeededDemoStaff();

    runAgainst('mews-demo');
    expect(await withCookie(manager)).toEqual(REFUSED);
    expect(await withCookie(desk)).toMatchObject({
      chargeStoredCard: 'unauthenticated',
      route: 401,
    });
    expect(await signInWithPassword(DEMO_MANAGER.email, DEMO_MANAGER.password)).toBeNull();
    expect(
      await signInWithOidc({ sub: 'idp-1', email: DEMO_MANAGER.email, email_verified: true }),
    ).toBeNull();
    const { listAudit } = await import('@/lib/db/staff-ledger');
    const denied = (await listAudit(database.db, { actionPrefix: 'staff.sign_in' })).filter(
      (event) => event.outcome === 'denied',
    );
    expect(denied.map((event) => (event.details as { reason?: string }).reason)).toEqual([
      'demo_account_outside_sandbox',
      'demo_account_outside_sandbox',
    ]);
    // Still enabled: nothing but start-up disables accounts.
    expect((await demoRow(DEMO_MANAGER.email)).disabledAt).toBeNull();
  });

  it('accounts seeded before the mark existed are recognised by their published password', async () => {
    const { createStaffUser } = await import('@/lib/db/staff-users');
    const { hashPassword } = await import('@/lib/auth/password');
    // As an earlier version seeded them (no mark); the front-desk one has since had its password changed.
    await createStaffUser(database.db, {
      email: DEMO_MANAGER.email,
      name: DEMO_MANAGER.name,
      role: DEMO_MANAGER.role,
      passwordHash: await hashPassword(DEMO_MANAGER.password),
    });
    await createStaffUser(database.db, {
      email: DEMO_DESK.email,
      name: DEMO_DESK.name,
      role: DEMO_DESK.role,
      passwordHash: await hashPassword('a password of our own'),
    });

    runAgainst('mews-demo');
    // Before start-up: the published password itself is refused.
    expect(await signInWithPassword(DEMO_MANAGER.email, DEMO_MANAGER.password)).toBeNull();

    await startUp();
    const manager = await demoRow(DEMO_MANAGER.email);
    expect(manager).toMatchObject({ seededDemo: true });
    expect(manager.disabledAt).not.toBeNull();
    // Someone's own account with a demo address and password is left alone.
    const desk = await demoRow(DEMO_DESK.email);
    expect(desk).toMatchObject({ seededDemo: false, disabledAt: null });
    expect(await signInWithPassword(DEMO_DESK.email, 'a password of our own')).not.toBeNull();
    expect(logs.messages().filter((m) => m?.includes('npm run staff:create'))).toEqual([
      expect.stringContaining(DEMO_MANAGER.email),
    ]);
  });

  it('in sandbox mode start-up changes nothing: the demo accounts and their sessions keep working', async () => {
    const { manager } = await trialWithSeededDemoStaff();
    const before = await accounts();

    await startUp();
    expect(await accounts()).toEqual(before);
    expect(await withCookie(manager)).toEqual(MANAGER_WORKS);
    expect(await signInWithPassword(DEMO_DESK.email, DEMO_DESK.password)).not.toBeNull();
    expect(
      await signInWithOidc({ sub: 'idp-1', email: DEMO_MANAGER.email, email_verified: true }),
    ).not.toBeNull();
    expect(logs.messages().filter((m) => m?.includes('npm run staff:create'))).toEqual([]);
  });
});
