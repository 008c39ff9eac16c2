import type { Metadata } from 'next';
import { ManagersOnly } from '@/components/staff/managers-only';
import { PropertySettingsView } from '@/components/staff/property-settings-view';
import { staffPage } from '@/lib/auth/staff-page';
import { readPropertySettings } from '@/lib/payments/property/settings';

export const metadata: Metadata = { title: 'Property' };

const WHAT = 'change the property settings';

export default async function PropertySettingsPage() {
  const { ctx, allowed } = await staffPage('/staff/settings/property', 'manager', WHAT);
  if (!allowed) return <ManagersOnly what={WHAT} />;
  return <PropertySettingsView settings={await readPropertySettings(ctx)} />;
}
