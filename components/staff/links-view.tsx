'use client';

import { useQuery } from '@tanstack/react-query';
import type { LinkRow } from '@/lib/payments/back-office/links';
import { fetchStaff } from './fetch-staff';
import { LinksTable } from './links-table';

export function LinksView({
  initial,
  mailConfigured,
}: {
  initial: LinkRow[];
  /** Whether e-mail is set up (SMTP_URL): "Send to guest" is offered only then. */
  mailConfigured: boolean;
}) {
  const { data } = useQuery({
    queryKey: ['staff', 'links'],
    queryFn: () => fetchStaff<LinkRow[]>('/api/staff/links'),
    initialData: initial,
    refetchInterval: 15_000,
  });
  return (
    <>
      <h1>Payment links</h1>
      <p className="muted">
        Create links from a customer’s page. Status and e-mail delivery refresh on their own.
      </p>
      <LinksTable links={data} mailConfigured={mailConfigured} />
    </>
  );
}
