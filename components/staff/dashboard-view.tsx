'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Dashboard } from '@/lib/payments/back-office/dashboard';
import { METHOD_LABEL } from '@/lib/payments/back-office/filters';
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
