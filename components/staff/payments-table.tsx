import Link from 'next/link';
import type { PaymentRow } from '@/lib/payments/back-office/payments';
import { METHOD_LABEL } from '@/lib/payments/back-office/filters';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import { VerificationWindow } from './verification-status';
import styles from './staff.module.css';

export function PaymentsTable({
  rows,
  caption,
  showCustomer = true,
}: {
  rows: PaymentRow[];
  caption: string;
  showCustomer?: boolean;
}) {
  if (rows.length === 0) return <p className="muted">No payments.</p>;
  return (
    <div className={styles.tableWrap}>
      <table data-testid="payments-table">
        <caption className="muted" style={{ textAlign: 'left' }}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Method</th>
            <th scope="col">Amount</th>
            <th scope="col">State</th>
            {showCustomer ? <th scope="col">Customer</th> : null}
            <th scope="col">Staff</th>
            <th scope="col">
              <span className={styles.srOnly}>Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-attempt-id={row.id}>
              <td>{dateTime(row.createdAt)}</td>
              <td>
                {METHOD_LABEL[row.method]}
                {row.cardMasked ? <span className="muted"> {row.cardMasked}</span> : null}
              </td>
              <td>
                {row.method === 'refund' ? '−' : ''}
                {money(row.amountMinor, row.currency)}
              </td>
              <td>
                <StateBadge state={row.state} />
                {row.needsAttention && row.state !== 'unknown' ? (
                  <span className="muted"> (stuck)</span>
                ) : null}
                <VerificationWindow row={row} />
              </td>
              {showCustomer ? (
                <td>
                  <Link href={`/staff/customers/${row.customerId}`}>Customer</Link>
                </td>
              ) : null}
              <td>{row.staffEmail ?? (row.paymentLinkId ? 'Guest (link)' : '–')}</td>
              <td>
                <Link
                  href={`/staff/payments/${row.id}`}
                  aria-label={`Details of the ${money(row.amountMinor, row.currency)} payment of ${dateTime(row.createdAt)}`}
                >
                  Details
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
