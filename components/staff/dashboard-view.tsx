'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Dashboard } from '@/lib/payments/back-office/dashboard';
import { METHOD_LABEL } from '@/lib/payments/back-office/filters';
import { ResendEmailButton } from './email-actions';
import { canSendAgain, EMAIL_KIND_LABEL, EmailStateBadge } from './email-state';
import { TakingsChart } from './takings-chart';
import { fetchStaff } from './fetch-staff';
import { PaymentsTable } from './payments-table';
import { ReconcileNowButton } from './reconcile-now-button';
import { dateTime, money } from './format';
import styles from './staff.module.css';

/** What a manager must know about the Mews connection: each missing method and why. */
function PaymentMethodProblems({ data }: { data: Dashboard }) {
  if (!data.tokenProblem && data.methodProblems.length === 0) return null;
  const missing = data.methodProblems.filter((status) => !status.available);
  const unconfirmed = data.methodProblems.filter((status) => status.available);
  return (
    <section
      className="card"
      aria-labelledby="methods-heading"
      data-testid="payment-method-problems"
    >
      <h2 id="methods-heading">
        {missing.length > 0
          ? `Payment methods not available (${missing.length})`
          : 'Payment methods not confirmed'}
      </h2>
      {data.tokenProblem ? <p className={styles.alert}>{data.tokenProblem}</p> : null}
      <ul>
        {missing.map((status) => (
          <li key={status.method}>
            <strong>{status.label}</strong>: {status.reason}
          </li>
        ))}
        {unconfirmed.map((status) => (
          <li key={status.method}>
            <strong>{status.label}</strong> (offered): {status.reason}
          </li>
        ))}
      </ul>
      {data.permissionsCheckedAt ? (
        <p className="muted">Checked with Mews at {dateTime(data.permissionsCheckedAt)}.</p>
      ) : null}
    </section>
  );
}

/** For managers: e-mails the sender gave up on, or cannot tell were delivered, to act on. */
function EmailsNeedingAttention({ data }: { data: Dashboard }) {
  const attention = data.emailAttention;
  if (!attention || attention.failed + attention.uncertain === 0) return null;
  return (
    <section
      className="card"
      aria-labelledby="emails-attention-heading"
      data-testid="email-attention"
    >
      <h2 id="emails-attention-heading">
        E-mails that need attention: {attention.failed} failed, {attention.uncertain} uncertain
      </h2>
      <p className={styles.hint}>
        Failed: the mail server refused them or stayed away until the sender gave up. Uncertain: the
        sender stopped while handing them over, so they may have arrived; they are not sent again on
        their own. Check the address, then send again.
      </p>
      <table className={styles.stackTable}>
        <caption className={styles.srOnly}>E-mails that failed or are uncertain</caption>
        <thead>
          <tr>
            <th scope="col">E-mail</th>
            <th scope="col">To</th>
            <th scope="col">State</th>
            <th scope="col">Reason</th>
            <th scope="col">
              <span className={styles.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attention.emails.map((email) => (
            <tr key={email.id} data-email-id={email.id}>
              <td data-label="E-mail">
                {EMAIL_KIND_LABEL[email.kind]}
                {email.link ? (
                  <>
                    {' · '}
                    <Link href={`/staff/links#link-${email.link.id}`}>
                      {email.link.description} ({money(email.link.amountMinor, email.link.currency)}
                      )
                    </Link>
                  </>
                ) : null}
              </td>
              <td data-label="To" className={styles.address}>
                {email.recipient}
              </td>
              <td data-label="State">
                <EmailStateBadge state={email.state} />
              </td>
              <td data-label="Reason">
                {email.lastError ??
                  (email.state === 'uncertain' ? 'Delivery could not be confirmed' : '')}
              </td>
              <td>
                {canSendAgain(email, email.link?.open) ? <ResendEmailButton email={email} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {attention.emails.length < attention.failed + attention.uncertain ? (
        <p className="muted">The {attention.emails.length} most recent are listed.</p>
      ) : null}
    </section>
  );
}

export function DashboardView({ initial }: { initial: Dashboard }) {
  const { data } = useQuery({
    queryKey: ['staff', 'dashboard'],
    queryFn: () => fetchStaff<Dashboard>('/api/staff/dashboard'),
    initialData: initial,
    refetchInterval: 30_000,
  });
  return (
    <>
      <h1>Dashboard</h1>
      <ReconcileNowButton />
      <PaymentMethodProblems data={data} />
      <EmailsNeedingAttention data={data} />
      {data.needsAttention.length > 0 ? (
        <section className="card" aria-labelledby="attention-heading" data-testid="needs-attention">
          <h2 id="attention-heading">Needs attention ({data.needsAttention.length})</h2>
          <p className={styles.notice}>
            Mews did not confirm these payments. Do not take them again: open each one to read its
            state back from Mews.
          </p>
          <PaymentsTable rows={data.needsAttention} caption="Payments whose outcome is unknown" />
        </section>
      ) : null}
      <section className="card" aria-labelledby="today-heading">
        <h2 id="today-heading">Today’s takings ({data.today})</h2>
        {data.todayTotals.length === 0 ? (
          <p className="muted">No payments yet today.</p>
        ) : (
          <div className={styles.kpis} data-testid="today-totals">
            {data.todayTotals.map((total) => (
              <div key={`${total.method}-${total.currency}`} className={styles.kpi}>
                <div className="muted">
                  {METHOD_LABEL[total.method]} · {total.count} payment{total.count === 1 ? '' : 's'}
                </div>
                <div className={styles.kpiValue}>
                  {total.method === 'refund' ? '−' : ''}
                  {money(total.amountMinor, total.currency)}
                </div>
              </div>
            ))}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Last 14 days</h2>
        <TakingsChart days={data.days} currencies={data.currencies} />
      </section>
      <section className="card" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest payments</h2>
        <PaymentsTable rows={data.latest} caption="The ten latest payments" />
        <p>
          <Link href="/staff/payments">All payments</Link>
        </p>
      </section>
    </>
  );
}
