import type { Metadata } from 'next';
import { LinksView } from '@/components/staff/links-view';
import { staffPage } from '@/lib/auth/staff-page';
import { linkFormOptions, listLinks, mailConfigured } from '@/lib/payments/back-office/links';

export const metadata: Metadata = { title: 'Payment links' };

export default async function LinksPage() {
  const { ctx } = await staffPage('/staff/links');
  const [links, options] = await Promise.all([listLinks(ctx), linkFormOptions(ctx)]);
  return <LinksView initial={links} mailConfigured={mailConfigured()} formOptions={options} />;
}
