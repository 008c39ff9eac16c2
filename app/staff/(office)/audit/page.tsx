import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditView } from '@/components/staff/audit-view';
import { PageLoading } from '@/components/staff/page-loading';
import { managerPage } from '@/lib/auth/staff-page';
import type { PaymentContext } from '@/lib/server/context';
import { listAuditTrail } from '@/lib/payments/back-office/audit-trail';
import { staffDirectory } from '@/lib/payments/back-office/staff-directory';

export const metadata: Metadata = { title: 'Audit log' };

/**
 * The manager check comes first (a front-desk user gets 403, not a page that says so), then the
 * page starts streaming while the log is read.
 */
export default async function AuditPage() {
  const { ctx } = await managerPage('/staff/audit', 'see the audit log');
  return (
    <Suspense fallback={<PageLoading title="Audit log" what="the audit log" />}>
      <AuditLog ctx={ctx} />
    </Suspense>
  );
}

async function AuditLog({ ctx }: { ctx: PaymentContext }) {
  // Neither read needs the other's answer: the page waits for the slower, not for both in turn.
  const [initial, staff] = await Promise.all([listAuditTrail(ctx, {}), staffDirectory(ctx)]);
  return <AuditView initial={initial} staff={staff} />;
}
