import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import type { AuditRow } from '@/lib/payments/back-office/audit-trail';
import { dateTime, money } from './format';
import styles from './staff.module.css';

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const vocabulary = useStaffVocabulary();
  if (rows.length === 0) return <p className="muted">No events.</p>;
  return (
    <div className={styles.tableWrap}>
      <table data-testid="audit-table">
        <caption className={styles.srOnly}>Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Outcome</th>
            <th scope="col">Amount</th>
            <th scope="col">Mews ids</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{dateTime(row.occurredAt)}</td>
              {/* Staff by name; the e-mail the event kept stays in the CSV and on hover. */}
              <td title={row.actorName ? row.actor : undefined}>{row.actorName ?? row.actor}</td>
              {/* In words; the recorded code (what the CSV and the filter use) on hover. */}
              <td title={row.action} data-action={row.action}>
                {vocabulary.auditAction(row.action)}
              </td>
              <td>{vocabulary.auditOutcome(row.outcome)}</td>
              <td data-label="Amount">
                {row.amountMinor !== null ? money(row.amountMinor, row.currency) : '–'}
              </td>
              <td data-label="Mews ids" className={styles.mono}>
                {row.mewsIds
                  ? Object.entries(row.mewsIds)
                      .map(([key, value]) => `${key}: ${value}`)
                      .join(', ')
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
