import type { Metadata } from 'next';
import { DashboardView } from '@/components/staff/dashboard-view';
import { staffPage } from '@/lib/auth/staff-page';
import { dashboard } from '@/lib/payments/back-office/dashboard';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { ctx, actor } = await staffPage('/staff');
  return <DashboardView initial={await dashboard(ctx, actor)} />;
}
