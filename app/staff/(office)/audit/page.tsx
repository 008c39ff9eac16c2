import type { Metadata } from 'next';
import { AuditView } from '@/components/staff/audit-view';
import { managerPage } from '@/lib/auth/staff-page';
import { listAuditTrail } from '@/lib/payments/back-office/audit-trail';
import { staffDirectory } from '@/lib/payments/back-office/staff-directory';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const { ctx } = await managerPage('/staff/audit', 'see the audit log');
  return <AuditView initial={await listAuditTrail(ctx, {})} staff={await staffDirectory(ctx)} />;
}
