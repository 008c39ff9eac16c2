import type { Metadata } from 'next';
import { AuditView } from '@/components/staff/audit-view';
import { managerPage } from '@/lib/auth/staff-page';
import { listAuditTrail } from '@/lib/payments/back-office/audit-trail';
import { staffDirectory } from '@/lib/payments/back-office/staff-directory';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const { ctx } = await managerPage('/staff/audit', 'see the audit log');
  // Neither read needs the other's answer: the page waits for the slower, not for both in turn.
  const [initial, staff] = await Promise.all([listAuditTrail(ctx, {}), staffDirectory(ctx)]);
  return <AuditView initial={initial} staff={staff} />;
}
