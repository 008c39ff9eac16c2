/**
 * A session ends when its account's session version moves on: at sign-out, a new password, a role
 * change and disabling. Run through lib/auth/index.ts' own Auth.js callbacks (tests/support/auth-session.ts):
 * the test keeps a copy of the session cookie the way an attacker would, presents it again after
 * the change to server actions, route handlers, pages and the sign-in page, and is refused; a
 * cookie from a fresh sign-in works.
 */
import type { JWT } from '@auth/core/jwt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import type { PaymentContext } from '@/lib/server/context';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';
import {
  authSession,
  readSession,
  signInWithOidc,
  signInWithPassword,
  signOutWith,
} from '../../support/auth-session';

const harness = vi.hoisted(() => ({ ctx: undefined as unknown }));

vi.mock('next-auth', async () => (await import('../../support/auth-session')).nextAuthModule);
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => harness.ctx }));

const DESK_ACCOUNT = { email: 'desk@hotel.test', password: 'front desk password 1' };
const BOSS = { email: 'boss@hotel.test', password: 'manager password 12' };

type ActionResult = { ok: boolean; error?: { code: string }; data?: unknown };

beforeAll(async () => {
  // Loads lib/auth/index.ts, whose NextAuth() call hands the test its configuration.
  await import('@/lib/auth/index');
});

beforeEach(() => {
  vi.stubEnv('AUTH_SECRET', 's'.repeat(48));
  resetConfigForTests();
  authSession.cookie = null;
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigForTests();
});

/** What a request presenting `cookie` gets from the back office, each way in. */
async function asRequestWith(cookie: JWT | null) {
  authSession.cookie = cookie;
  const { GET } = await import('@/app/api/staff/payments/route');
  const route = await GET(new Request('http://localhost/api/staff/payments'), {
    params: Promise.resolve({}),
  });
  const { recordExternalPaymentAction } = await import('@/lib/payments/staff/actions');
  // Invalid input on purpose: a caller the session check lets through gets `invalid_input`.
  const action = (await recordExternalPaymentAction({})) as ActionResult;
  const { sessionStaffId } = await import('@/lib/auth/require-staff');
  const { staffPage } = await import('@/lib/auth/staff-page');
  const page = await staffPage('/staff/payments').then(
    () => 'rendered',
    (error: { digest?: string }) => error.digest ?? String(error),
  );
  return {
    route: route.status,
    action: action.ok ? 'ok' : action.error?.code,
    page,
    /** What the sign-in page sees (it sends a signed-in visitor on to /staff). */
    signedIn: Boolean(await sessionStaffId()),
  };
}

const ACCEPTED = { route: 200, action: 'invalid_input', page: 'rendered', signedIn: true };
const REFUSED = {
  route: 401,
  action: 'unauthenticated',
  page: expect.stringContaining('/staff/sign-in?callbackUrl=%2Fstaff%2Fpayments'),
  signedIn: false,
};

describe.each(testDatabaseTargets)('ending staff sessions on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let deskId: string;
  // Per database: the password test changes it.
  const DESK = { ...DESK_ACCOUNT };

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database);
    harness.ctx = ctx;
    const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
    deskId = (
      await createStaffAccount(
        ctx,
        { ...DESK, name: 'Desk', role: 'frontdesk' },
        { type: 'system' },
      )
    ).id;
    await createStaffAccount(ctx, { ...BOSS, name: 'Boss', role: 'manager' }, { type: 'system' });
  });

  beforeEach(() => {
    harness.ctx = ctx;
  });

  afterAll(async () => {
    await database?.close();
  });

  async function signIn(who: { email: string; password: string }): Promise<JWT> {
    const token = await signInWithPassword(who.email, who.password);
    expect(token, `sign-in of ${who.email}`).not.toBeNull();
    return token!;
  }

  async function asManager<T>(run: () => Promise<T>): Promise<T> {
    authSession.cookie = await signIn(BOSS);
    return run();
  }

  async function updateDesk(patch: { role?: 'frontdesk' | 'manager'; disabled?: boolean }) {
    const { updateStaffUserAction } = await import('@/lib/payments/back-office/actions');
    const result = (await asManager(() =>
      updateStaffUserAction({ staffId: deskId, ...patch }),
    )) as ActionResult;
    expect(result).toMatchObject({ ok: true });
  }

  it('signing out ends the session: a copy of its cookie is refused everywhere, a new sign-in works', async () => {
    const copied = await signIn(DESK);
    expect(await asRequestWith(copied)).toEqual(ACCEPTED);

    await signOutWith(copied);
    expect(await asRequestWith(copied)).toEqual(REFUSED);
    expect(await readSession(copied)).toBeNull();

    const fresh = await signIn(DESK);
    expect(await asRequestWith(fresh)).toEqual(ACCEPTED);
    // The stale copy cannot sign its owner out again: the fresh session stays.
    await signOutWith(copied);
    expect(await asRequestWith(fresh)).toEqual(ACCEPTED);

    const { listAudit } = await import('@/lib/db/staff-ledger');
    const signOuts = await listAudit(database.db, { actionPrefix: 'staff.sign_out' });
    expect(signOuts.filter((event) => event.subjectId === deskId)).toHaveLength(1);
    await signOutWith(fresh);
  });

  it('a role change ends the sessions issued before it; setting the same role again ends none', async () => {
    const before = await signIn(DESK);
    await updateDesk({ role: 'frontdesk' });
    expect(await asRequestWith(before)).toEqual(ACCEPTED);

    await updateDesk({ role: 'manager' });
    expect(await asRequestWith(before)).toEqual(REFUSED);
    const after = await signIn(DESK);
    expect(await readSession(after)).toMatchObject({ user: { id: deskId } });
    expect(await asRequestWith(after)).toEqual(ACCEPTED);

    await updateDesk({ role: 'frontdesk' });
    expect(await asRequestWith(after)).toEqual(REFUSED);
  });

  it('disabling ends the sessions; enabling again does not bring them back', async () => {
    const before = await signIn(DESK);
    await updateDesk({ disabled: true });
    expect(await asRequestWith(before)).toEqual(REFUSED);
    expect(await signInWithPassword(DESK.email, DESK.password)).toBeNull();

    await updateDesk({ disabled: false });
    expect(await asRequestWith(before)).toEqual(REFUSED);
    expect(await asRequestWith(await signIn(DESK))).toEqual(ACCEPTED);
  });

  it('a new password ends the sessions issued before it', async () => {
    const before = await signIn(DESK);
    const { updateStaffUser } = await import('@/lib/db/staff-accounts');
    const { hashPassword } = await import('@/lib/auth/password');
    const newPassword = 'a brand new password';
    await updateStaffUser(database.db, deskId, { passwordHash: await hashPassword(newPassword) });

    expect(await asRequestWith(before)).toEqual(REFUSED);
    expect(await signInWithPassword(DESK.email, DESK.password)).toBeNull();
    expect(await asRequestWith(await signIn({ ...DESK, password: newPassword }))).toEqual(ACCEPTED);
    DESK.password = newPassword;
  });

  it('single sign-on sessions carry the version too', async () => {
    const sso = await signInWithOidc({
      sub: 'idp-user-1',
      email: DESK.email,
      email_verified: true,
    });
    expect(sso).not.toBeNull();
    expect(await asRequestWith(sso)).toEqual(ACCEPTED);
    await signOutWith(sso!);
    expect(await asRequestWith(sso)).toEqual(REFUSED);
    expect(await signInWithOidc({ sub: 'idp-user-2', email: 'nobody@hotel.test' })).toBeNull();
  });

  it('a token from before session versions (no claim) counts as version 0, until the account moves on', async () => {
    const token = (await signIn(BOSS)) as JWT & { sessionVersion?: number };
    const { sessionVersion, ...legacy } = token;
    expect(sessionVersion).toBe(0);
    expect(await asRequestWith(legacy)).toEqual(ACCEPTED);
    await signOutWith(token);
    expect(await asRequestWith(legacy)).toEqual(REFUSED);
  });
});
