import type { Metadata } from 'next';
import { AuditView } from '@/components/staff/audit-view';
import { ManagersOnly } from '@/components/staff/managers-only';
import { staffPage } from '@/lib/auth/staff-page';
import { listAuditTrail } from '@/lib/payments/back-office/audit-trail';
import { staffDirectory } from '@/lib/payments/back-office/staff-directory';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const { ctx, allowed } = await staffPage('/staff/audit', 'manager', 'see the audit log');
  if (!allowed) return <ManagersOnly what="see the audit log" />;
  return <AuditView initial={await listAuditTrail(ctx, {})} staff={await staffDirectory(ctx)} />;
}
