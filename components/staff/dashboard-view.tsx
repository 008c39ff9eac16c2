'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import type { Dashboard } from '@/lib/payments/back-office/dashboard';
import { ResendEmailButton } from './email-actions';
import { canSendAgain, EMAIL_KIND_LABEL, EmailStateBadge } from './email-state';
import { TakingsChart } from './takings-chart';
import { fetchStaff } from './fetch-staff';
import { PaymentsTable } from './payments-table';
import { ReconcileNowButton } from './reconcile-now-button';
import { dateTime, money } from './format';
import styles from './staff.module.css';
import dashboard from './dashboard.module.css';

/** What a manager must know about the Mews connection: each missing method and why. */
function PaymentMethodProblems({ data }: { data: Dashboard }) {
  const t = useTranslations('staffDashboard');
  const locale = useLocale();
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
          ? t('methodsMissing', { count: missing.length })
          : t('methodsUnconfirmed')}
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
            <strong>{status.label}</strong> {t('methodOffered')}: {status.reason}
          </li>
        ))}
      </ul>
      {data.permissionsCheckedAt ? (
        <p className="muted">
          {t('methodsChecked', { time: dateTime(data.permissionsCheckedAt, locale) })}
        </p>
      ) : null}
    </section>
  );
}

/** For managers: e-mails the sender gave up on, or cannot tell were delivered, to act on. */
function EmailsNeedingAttention({ data }: { data: Dashboard }) {
  const t = useTranslations('staffDashboard');
  const attention = data.emailAttention;
  if (!attention || attention.failed + attention.uncertain === 0) return null;
  return (
    <section
      className="card"
      id="email-attention"
      aria-labelledby="emails-attention-heading"
      data-testid="email-attention"
    >
      <h2 id="emails-attention-heading">
        {t('emailsHeading', { failed: attention.failed, uncertain: attention.uncertain })}
      </h2>
      <p className={styles.hint}>{t('emailsHint')}</p>
      <table className={styles.stackTable}>
        <caption className={styles.srOnly}>{t('emailsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('emailColumn')}</th>
            <th scope="col">{t('toColumn')}</th>
            <th scope="col">{t('stateColumn')}</th>
            <th scope="col">{t('reasonColumn')}</th>
            <th scope="col">
              <span className={styles.srOnly}>{t('actionsColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attention.emails.map((email) => (
            <tr key={email.id} data-email-id={email.id}>
              <td data-label={t('emailColumn')}>
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
              <td data-label={t('toColumn')} className={styles.address}>
                {email.recipient}
              </td>
              <td data-label={t('stateColumn')}>
                <EmailStateBadge state={email.state} />
              </td>
              <td data-label={t('reasonColumn')}>
                {email.lastError ?? (email.state === 'uncertain' ? t('deliveryUnconfirmed') : '')}
              </td>
              <td>
                {canSendAgain(email, email.link?.open) ? <ResendEmailButton email={email} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {attention.emails.length < attention.failed + attention.uncertain ? (
        <p className="muted">{t('emailsMostRecent', { count: attention.emails.length })}</p>
      ) : null}
    </section>
  );
}

/** The two things a clerk with a guest at the desk came for. */
function StartActions() {
  const t = useTranslations('staffDashboard');
  return (
    <nav className={dashboard.actions} aria-label={t('startLabel')}>
      <Link href="/staff/customers" className={dashboard.action} data-testid="take-payment">
        <span className={dashboard.actionTitle}>{t('takePayment')}</span>
        <span className={dashboard.actionHint}>{t('takePaymentHint')}</span>
      </Link>
      <Link
        href="/staff/links#new-link"
        className={dashboard.action}
        data-testid="new-payment-link"
      >
        <span className={dashboard.actionTitle}>{t('newLink')}</span>
        <span className={dashboard.actionHint}>{t('newLinkHint')}</span>
      </Link>
    </nav>
  );
}

/** Today's takings: one net total per currency, desk and link payments and refunds each with a count. */
function TodayTakings({ data }: { data: Dashboard }) {
  const t = useTranslations('staffDashboard');
  const locale = useLocale();
  // English day first, as a hotel outside the US writes it ("Thursday 3 December 2026").
  const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    dateStyle: 'full',
    timeZone: data.timeZone,
  }).format(new Date(data.todayStart));
  return (
    <section className="card" aria-labelledby="today-heading">
      <h2 id="today-heading">{t('todayHeading', { day })}</h2>
      {data.takings.length === 0 ? (
        <p className="muted">{t('noPaymentsToday')}</p>
      ) : (
        <div className={dashboard.takings} data-testid="today-totals">
          {data.takings.map((takings) => (
            <div
              key={takings.currency}
              className={dashboard.currency}
              data-testid="today-currency"
              data-currency={takings.currency}
            >
              <div className="muted">{t('netToday', { currency: takings.currency })}</div>
              <div className={styles.kpiValue} data-testid="today-net">
                {takings.netMinor < 0 ? '−' : ''}
                {money(Math.abs(takings.netMinor), takings.currency)}
              </div>
              <dl className={dashboard.split}>
                <div data-testid="today-desk">
                  <dt>{t('desk', { count: takings.desk.count })}</dt>
                  <dd>{money(takings.desk.amountMinor, takings.currency)}</dd>
                </div>
                <div data-testid="today-link">
                  <dt>{t('link', { count: takings.link.count })}</dt>
                  <dd>{money(takings.link.amountMinor, takings.currency)}</dd>
                </div>
                {takings.refunds.count > 0 ? (
                  <div data-testid="today-refunds">
                    <dt>{t('refunds', { count: takings.refunds.count })}</dt>
                    <dd>−{money(takings.refunds.amountMinor, takings.currency)}</dd>
                  </div>
                ) : null}
              </dl>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** What needs someone: each entry opens the list it counts. */
function NeedsAttention({ data }: { data: Dashboard }) {
  const t = useTranslations('staffDashboard');
  const emails = data.emailAttention;
  const entries = [
    {
      key: 'unknown',
      count: data.attention.unknown,
      href: '/staff/payments?state=unknown',
      text: t('attentionUnknown', { count: data.attention.unknown }),
    },
    {
      key: 'stuck',
      count: data.attention.stuck,
      href: '/staff/payments?state=processing',
      text: t('attentionStuck', { count: data.attention.stuck }),
    },
    {
      key: 'verifying',
      count: data.attention.verifying,
      href: '/staff/payments?state=verifying',
      text: t('attentionVerifying', { count: data.attention.verifying }),
    },
    {
      key: 'emails-failed',
      count: emails?.failed ?? 0,
      href: '#email-attention',
      text: t('attentionEmailsFailed', { count: emails?.failed ?? 0 }),
    },
    {
      key: 'emails-uncertain',
      count: emails?.uncertain ?? 0,
      href: '#email-attention',
      text: t('attentionEmailsUncertain', { count: emails?.uncertain ?? 0 }),
    },
    {
      key: 'links-expiring',
      count: data.attention.linksExpiringToday,
      href: '/staff/links?expiring=today',
      text: t('attentionLinksExpiring', { count: data.attention.linksExpiringToday }),
    },
  ].filter((entry) => entry.count > 0);
  return (
    <section className="card" aria-labelledby="attention-heading" data-testid="attention-summary">
      <h2 id="attention-heading">{t('attentionHeading')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('attentionNone')}</p>
      ) : (
        <ul className={dashboard.attention}>
          {entries.map((entry) => (
            <li key={entry.key} data-attention={entry.key}>
              <Link href={entry.href}>{entry.text}</Link>
            </li>
          ))}
        </ul>
      )}
      {data.needsAttention.length > 0 ? (
        <div data-testid="needs-attention">
          <p className={styles.notice}>{t('attentionNotice')}</p>
          <PaymentsTable rows={data.needsAttention} caption={t('attentionCaption')} />
        </div>
      ) : null}
    </section>
  );
}

export function DashboardView({ initial }: { initial: Dashboard }) {
  const t = useTranslations('staffDashboard');
  const { data } = useQuery({
    queryKey: ['staff', 'dashboard'],
    queryFn: () => fetchStaff<Dashboard>('/api/staff/dashboard'),
    initialData: initial,
    refetchInterval: 30_000,
  });
  return (
    <>
      <h1>{t('title')}</h1>
      <StartActions />
      <TodayTakings data={data} />
      <NeedsAttention data={data} />
      <EmailsNeedingAttention data={data} />
      <section className="card" aria-labelledby="latest-heading">
        <h2 id="latest-heading">{t('latestHeading')}</h2>
        <PaymentsTable rows={data.latest} caption={t('latestCaption')} />
        <p>
          <Link href="/staff/payments">{t('allPayments')}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t('chartHeading')}</h2>
        <TakingsChart days={data.days} currencies={data.currencies} />
      </section>
      <section className="card" aria-labelledby="mews-heading">
        <h2 id="mews-heading">{t('mewsHeading')}</h2>
        <p className={styles.hint}>{t('mewsHint')}</p>
        <ReconcileNowButton />
      </section>
      <PaymentMethodProblems data={data} />
    </>
  );
}
