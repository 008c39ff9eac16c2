import type { Metadata } from 'next';
import { HoldsView } from '@/components/staff/holds-view';
import { staffPage } from '@/lib/auth/staff-page';
import { holdsOverview } from '@/lib/payments/back-office/holds';

export const metadata: Metadata = { title: 'Holds' };

/** Every hold a link asked for, with its state read from Mews: front desk and managers. */
export default async function HoldsPage() {
  const { ctx } = await staffPage('/staff/holds');
  return <HoldsView overview={await holdsOverview(ctx)} />;
}
