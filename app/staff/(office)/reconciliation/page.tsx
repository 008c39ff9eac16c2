import type { Metadata } from 'next';
import { ReconciliationView } from '@/components/staff/reconciliation-view';
import { managerPage } from '@/lib/auth/staff-page';
import { reconciliationOverview } from '@/lib/payments/reconciliation/drift-report';

export const metadata: Metadata = { title: 'Reconciliation' };

export default async function ReconciliationPage({
  searchParams,
}: {
  searchParams: Promise<{ days?: string }>;
}) {
  const { ctx } = await managerPage('/staff/reconciliation', 'see the reconciliation report');
  const requested = Number((await searchParams).days ?? '7');
  const days = Number.isInteger(requested) && requested >= 1 && requested <= 89 ? requested : 7;
  return <ReconciliationView overview={await reconciliationOverview(ctx, days)} days={days} />;
}
