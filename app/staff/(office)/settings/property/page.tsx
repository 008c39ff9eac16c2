import type { Metadata } from 'next';
import { PropertySettingsView } from '@/components/staff/property-settings-view';
import { managerPage } from '@/lib/auth/staff-page';
import { readPropertySettings } from '@/lib/payments/property/settings';

export const metadata: Metadata = { title: 'Property' };

const WHAT = 'change the property settings';

export default async function PropertySettingsPage() {
  const { ctx } = await managerPage('/staff/settings/property', WHAT);
  return <PropertySettingsView settings={await readPropertySettings(ctx)} />;
}
