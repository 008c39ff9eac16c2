import Link from 'next/link';
import type { PaymentRow } from '@/lib/payments/back-office/payments';
import { useTranslations } from 'next-intl';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import { VerificationWindow } from './verification-status';
import styles from './staff.module.css';
import { checkoutMethodLabel } from './checkout-method';

export function PaymentsTable({
  rows,
  caption,
  showCustomer = true,
}: {
  rows: PaymentRow[];
  caption: string;
  showCustomer?: boolean;
}) {
  const vocabulary = useStaffVocabulary();
  const t = useTranslations('staffPaymentsTable');
  const when = (iso: string) => dateTime(iso, vocabulary.locale);
  if (rows.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <div className={styles.tableWrap}>
      <table data-testid="payments-table">
        <caption className="muted" style={{ textAlign: 'left' }}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('when')}</th>
            {showCustomer ? <th scope="col">{t('guest')}</th> : null}
            <th scope="col">{t('reservation')}</th>
            <th scope="col">{t('description')}</th>
            <th scope="col">{t('method')}</th>
            <th scope="col">{t('amount')}</th>
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('staff')}</th>
            <th scope="col">
              <span className={styles.srOnly}>{t('details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-attempt-id={row.id}>
              <td data-label={t('when')}>{when(row.createdAt)}</td>
              {showCustomer ? (
                <td data-label={t('guest')}>
                  <Link href={`/staff/customers/${row.customerId}`}>
                    {row.guestName ?? t('unknownGuest')}
                  </Link>
                </td>
              ) : null}
              <td data-label={t('reservation')}>{row.reservationNumber ?? '–'}</td>
              <td data-label={t('description')}>{row.linkDescription ?? row.notes ?? '–'}</td>
              <td data-label={t('method')}>
                {vocabulary.method(row.method)}
                {row.method === 'mews_checkout' && row.checkoutMethod ? (
                  <span className="muted"> · {checkoutMethodLabel(row.checkoutMethod)}</span>
                ) : null}
                {row.cardMasked ? <span className="muted"> {row.cardMasked}</span> : null}
              </td>
              <td data-label={t('amount')}>
                {row.method === 'refund' ? '−' : ''}
                {money(row.amountMinor, row.currency)}
              </td>
              <td data-label={t('state')}>
                <StateBadge state={row.state} method={row.method} />
                {row.needsAttention && row.state !== 'unknown' ? (
                  <span className="muted"> {t('stuck')}</span>
                ) : null}
                <VerificationWindow row={row} />
              </td>
              <td data-label={t('staff')}>
                {row.staffName ?? row.staffEmail ?? (row.paymentLinkId ? t('guestViaLink') : '–')}
                {row.approvedByName ? (
                  <span className="muted"> {t('approvedBy', { name: row.approvedByName })}</span>
                ) : null}
              </td>
              <td>
                <Link
                  href={`/staff/payments/${row.id}`}
                  aria-label={
                    row.guestName
                      ? t('detailsOfGuest', {
                          amount: money(row.amountMinor, row.currency),
                          when: when(row.createdAt),
                          guest: row.guestName,
                        })
                      : t('detailsOf', {
                          amount: money(row.amountMinor, row.currency),
                          when: when(row.createdAt),
                        })
                  }
                >
                  {t('details')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
