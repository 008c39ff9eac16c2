import type { ReactElement } from 'react';
/**
 * A front-desk user opening a manager page directly (/staff/audit, /staff/users,
 * /staff/reconciliation, /staff/settings, /staff/settings/property) gets "Managers only" with HTTP
 * 403: the page calls `forbidden()` before reading anything, Next.js answers 403 with
 * app/staff/(office)/forbidden.tsx, and the refusal is audited. (The status itself is checked
 * against the production build in tests/e2e/manager-approval.spec.ts.)
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAuditEvents } from '@/lib/db/audit-log';
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

const FORBIDDEN = 'NEXT_HTTP_ERROR_FALLBACK;403';

let database: TestDatabase;
let managerId: string;
let frontDeskId: string;

beforeAll(async () => {
  // What next.config.mjs' experimental.authInterrupts sets in the app.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
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
});

afterAll(async () => {
  await database?.close();
});

const MANAGER_PAGES = {
  '/staff/audit': () => import('@/app/staff/(office)/audit/page'),
  '/staff/users': () => import('@/app/staff/(office)/users/page'),
  '/staff/reconciliation': () => import('@/app/staff/(office)/reconciliation/page'),
  '/staff/settings': () => import('@/app/staff/(office)/settings/page'),
  '/staff/settings/property': () => import('@/app/staff/(office)/settings/property/page'),
} as const;

describe('manager pages opened by front-desk staff', () => {
  it.each(Object.entries(MANAGER_PAGES))(
    '%s is refused as forbidden (403) and audited',
    async (path, load) => {
      const { default: Page } = await load();
      session.staffId = frontDeskId;
      const render = Page as (props: unknown) => Promise<unknown>;
      await expect(
        render({ searchParams: Promise.resolve({}), params: Promise.resolve({}) }),
      ).rejects.toMatchObject({ digest: FORBIDDEN });
      const denied = (await listAuditEvents(database.db, { limit: 5 })).find(
        (event) => event.action === 'staff.access_denied' && event.actorStaffId === frontDeskId,
      );
      expect(denied, path).toMatchObject({ outcome: 'denied', details: { required: 'manager' } });
    },
  );

  it('the forbidden page says "Managers only" in words', async () => {
    const { default: Forbidden } = await import('@/app/staff/(office)/forbidden');
    const html = renderToStaticMarkup(Forbidden());
    expect(html).toContain('<h1>Managers only</h1>');
    expect(html).toContain('Only a manager can open this page. Ask a manager if you need this.');
  });

  it('a manager gets the audit log itself', async () => {
    const { default: AuditPage } = await import('@/app/staff/(office)/audit/page');
    session.staffId = managerId;
    const page = (await AuditPage()) as ReactElement<{
      children: ReactElement<Record<string, unknown>>;
    }>;
    expect(page).toBeTruthy();
    // The log is read inside a Suspense boundary, after the manager check: render that part.
    const log = page.props.children;
    const rendered = await (log.type as (props: unknown) => Promise<unknown>)(log.props);
    expect(
      JSON.stringify(rendered, (_key, value) => (typeof value === 'function' ? value.name : value)),
    ).toContain('AuditView');
  });
});
