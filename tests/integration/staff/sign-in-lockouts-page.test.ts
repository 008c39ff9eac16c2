/**
 * A sign-in lock-out reaches managers: the staff page (/staff/users), rendered as a manager, lists
 * it under "Sign-in lock-outs"; a front-desk user gets the managers-only page (403) instead.
 */
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
let managerId: string;
let frontDeskId: string;

beforeAll(async () => {
  const opened = await openTestPaymentContext();
  database = opened.database;
  session.ctx = opened.ctx;
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const create = async (email: string, role: 'manager' | 'frontdesk') =>
    (
      await createStaffAccount(
        opened.ctx,
        { email, name: email, role, password: 'a long enough password' },
        { type: 'system' },
      )
    ).id;
  managerId = await create('boss@hotel.test', 'manager');
  frontDeskId = await create('desk@hotel.test', 'frontdesk');

  // Someone guesses the front desk's password from one address until it is locked out of it.
  const { MAX_ACCOUNT_ADDRESS_FAILURES, verifyStaffCredentials } =
    await import('@/lib/auth/sign-in');
  for (let i = 0; i < MAX_ACCOUNT_ADDRESS_FAILURES; i++) {
    await verifyStaffCredentials(
      opened.ctx,
      { email: 'desk@hotel.test', password: `guess ${i}` },
      '203.0.113.9',
    );
  }
});

afterAll(async () => {
  await database?.close();
});

/** The element of `type` somewhere in a page's element tree (client components are not rendered here). */
function findElement(node: ReactNode, type: unknown): ReactElement | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child as ReactNode, type);
      if (found) return found;
    }
    return undefined;
  }
  if (!isValidElement(node)) return undefined;
  if (node.type === type) return node;
  return findElement((node.props as { children?: ReactNode }).children, type);
}

describe('sign-in lock-outs on the staff page', () => {
  it('are listed for a manager', async () => {
    const { default: StaffUsersPage } = await import('@/app/staff/(office)/users/page');
    const { SignInLockouts } = await import('@/components/staff/sign-in-lockouts');
    session.staffId = managerId;
    const panel = findElement(await StaffUsersPage(), SignInLockouts);
    expect(panel, 'the page has a sign-in lock-outs panel').toBeDefined();
    const html = renderToStaticMarkup(panel!);
    expect(html).toContain('Sign-in lock-outs');
    expect(html).toContain('desk@hotel.test');
    expect(html).toContain('203.0.113.9');
    expect(html).toContain('5 wrong passwords from this address');
  });

  it('are not shown to front-desk staff: the page is refused as forbidden (Managers only, 403)', async () => {
    const { default: StaffUsersPage } = await import('@/app/staff/(office)/users/page');
    session.staffId = frontDeskId;
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
    await expect(StaffUsersPage()).rejects.toMatchObject({
      digest: 'NEXT_HTTP_ERROR_FALLBACK;403',
    });
  });
});
