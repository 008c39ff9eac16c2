import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { DashboardView } from '@/components/staff/dashboard-view';
import { staffPage } from '@/lib/auth/staff-page';
import { dashboard } from '@/lib/payments/back-office/dashboard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staffDashboard');
  return { title: t('title') };
}

export default async function DashboardPage() {
  const { ctx, actor } = await staffPage('/staff');
  const [board, locale] = await Promise.all([dashboard(ctx, actor), getLocale()]);
  // The dashboard is translated in full; the back office around it may still be in English.
  return (
    <div lang={locale}>
      <DashboardView initial={board} />
    </div>
  );
}
