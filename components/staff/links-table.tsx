'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import type { LinkRow } from '@/lib/payments/back-office/links';
import { cancelPaymentLinkAction } from '@/lib/payments/links/actions';
import { handleSessionLoss } from './fetch-staff';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import styles from './staff.module.css';

function CancelButton({ link }: { link: LinkRow }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        disabled={pending}
        aria-busy={pending}
        aria-label={`Cancel the ${money(link.amountMinor, link.currency)} link “${link.description}”`}
        onClick={() =>
          startTransition(async () => {
            const result = handleSessionLoss(await cancelPaymentLinkAction({ linkId: link.id }));
            setProblem(result.ok ? null : result.error.message);
            await queryClient.invalidateQueries({ queryKey: ['staff'] });
          })
        }
      >
        {pending ? 'Canceling…' : 'Cancel'}
      </button>
      {problem ? (
        <span className={styles.error} role="alert">
          {' '}
          {problem}
        </span>
      ) : null}
    </>
  );
}

export function LinksTable({ links }: { links: LinkRow[] }) {
  if (links.length === 0) return <p className="muted">No payment links.</p>;
  return (
    <div className={styles.tableWrap}>
      <table data-testid="links-table">
        <caption className={styles.srOnly}>Payment links</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className={styles.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id} data-link-id={link.id}>
              <td>{dateTime(link.createdAt)}</td>
              <td>{link.description}</td>
              <td>{money(link.amountMinor, link.currency)}</td>
              <td>
                <StateBadge state={link.state} />
              </td>
              <td>{dateTime(link.expiresAt)}</td>
              <td>
                {link.state === 'open' || link.state === 'expired' ? (
                  <CancelButton link={link} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
