'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { PaymentDetail } from '@/lib/payments/back-office/payments';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import { LOCALE_NAMES, isLocale } from '@/lib/i18n/locales';
import { AuditTable } from './audit-table';
import { EmailMessages } from './email-messages';
import { fetchStaff } from './fetch-staff';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import { PaymentsTable } from './payments-table';
import { RefundForm } from './refund-form';
import { RefundStatus } from './refund-status';
import { ReleaseAttemptButton } from './release-attempt-button';
import { AwaitingVerification } from './verification-status';
import { paymentReference } from '@/lib/payments/reference';
import { paymentTimeline, type TimelineEvent } from './payment-timeline';
import styles from './staff.module.css';
import timelineStyles from './payment-detail.module.css';
import { checkoutMethodLabel } from './checkout-method';

/** Every event of the payment, oldest first (payment-timeline.ts). */
function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className={timelineStyles.timeline} data-testid="payment-timeline">
      {events.map((event) => (
        <li key={event.key} className={timelineStyles.event} data-tone={event.tone}>
          <time dateTime={event.at} className={timelineStyles.when}>
            {dateTime(event.at)}
          </time>
          <span className={timelineStyles.what}>
            {event.href ? <Link href={event.href}>{event.what}</Link> : event.what}
            {event.who ? <span className={timelineStyles.who}> — {event.who}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

function languageName(locale: string | null): string {
  if (!locale) return 'language not recorded';
  return isLocale(locale) ? LOCALE_NAMES[locale] : locale;
}

/** The deposit policy the guest accepted: the hotel's evidence when a guest disputes a deposit. */
function PolicyAcceptanceSection({ data }: { data: PaymentDetail }) {
  const policy = data.policy;
  // Staff payments have no guest to accept anything: only a link's payments show the section.
  if (!policy && !data.payment.paymentLinkId) return null;
  return (
    <section className="card" aria-labelledby="policy-heading" data-testid="policy-acceptance">
      <h2 id="policy-heading">Deposit policy</h2>
      {policy ? (
        <>
          <p>
            Guest accepted the deposit policy (version {policy.version},{' '}
            {policy.acceptedAt ? dateTime(policy.acceptedAt) : 'time not recorded'},{' '}
            {languageName(policy.locale)}).
          </p>
          {policy.text ? (
            <details>
              <summary>
                Text of version {policy.version}
                {policy.textLocale && policy.textLocale !== policy.locale
                  ? ` (${languageName(policy.textLocale)}; none was written in ${languageName(policy.locale)})`
                  : ''}
              </summary>
              <p
                className={styles.policyText}
                lang={policy.textLocale ?? undefined}
                data-testid="policy-text"
              >
                {policy.text}
              </p>
            </details>
          ) : (
            <p className={styles.alert}>The text of version {policy.version} could not be found.</p>
          )}
        </>
      ) : (
        <p className="muted">No policy was required.</p>
      )}
    </section>
  );
}

export function PaymentDetailView({
  initial,
  isManager,
}: {
  initial: PaymentDetail;
  isManager: boolean;
}) {
  const { data } = useQuery({
    queryKey: ['staff', 'payment', initial.payment.id],
    queryFn: () => fetchStaff<PaymentDetail>(`/api/staff/payments/${initial.payment.id}`),
    initialData: initial,
    refetchInterval: (query) =>
      ['succeeded', 'failed', 'canceled'].includes(query.state.data?.payment.state ?? '')
        ? 60_000
        : 5_000,
  });
  const p = data.payment;
  const vocabulary = useStaffVocabulary();
  // The same short reference the guest's receipt shows (lib/payments/reference.ts).
  const reference = paymentReference(p.id) ?? p.id;
  return (
    <>
      <h1>
        {vocabulary.method(p.method)} {p.method === 'refund' ? '−' : ''}
        {money(p.amountMinor, p.currency)}
        {p.guestName ? ` · ${p.guestName}` : ''}
      </h1>
      <p className="muted">
        Reference <strong data-testid="payment-reference">{reference}</strong>
      </p>
      {p.needsAttention ? (
        <p className={styles.notice} role="status">
          Mews has not confirmed this payment. Do not take it again; this page reads Mews back every
          few seconds.
        </p>
      ) : null}
      <AwaitingVerification payment={p} />
      <RefundStatus payment={p} refunds={data.refunds} />
      <section className="card" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">In our ledger</h2>
        <table>
          <tbody>
            <tr>
              <th scope="row">State</th>
              <td data-testid="ledger-state">
                <StateBadge state={p.state} method={p.method} />
              </td>
            </tr>
            <tr>
              <th scope="row">Created</th>
              <td>{dateTime(p.createdAt)}</td>
            </tr>
            <tr>
              <th scope="row">Reference</th>
              <td>{reference}</td>
            </tr>
            <tr>
              <th scope="row">Staff</th>
              <td data-testid="payment-staff">
                {p.staffName ?? p.staffEmail ?? (p.paymentLinkId ? 'Guest (payment link)' : '–')}
              </td>
            </tr>
            {p.approvedByName ? (
              <tr>
                <th scope="row">Approved by</th>
                <td data-testid="payment-approved-by">{p.approvedByName} (manager)</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">Guest</th>
              <td>
                <Link href={`/staff/customers/${p.customerId}`}>
                  {p.guestName ?? 'Open the customer'}
                </Link>
              </td>
            </tr>
            {p.reservationId ? (
              <tr>
                <th scope="row">Reservation</th>
                <td>
                  <Link
                    href={`/staff/customers/${p.customerId}?reservation=${encodeURIComponent(p.reservationId)}`}
                  >
                    {p.reservationNumber ?? p.reservationId}
                  </Link>
                </td>
              </tr>
            ) : null}
            {p.paymentLinkId ? (
              <tr>
                <th scope="row">Payment link</th>
                <td>{p.linkDescription ?? 'Paid through a payment link'}</td>
              </tr>
            ) : null}
            {p.method === 'mews_checkout' ? (
              <>
                <tr>
                  <th scope="row">Method</th>
                  <td data-testid="payment-checkout-method">
                    {vocabulary.method(p.method)}
                    {p.checkoutMethod ? ` · ${checkoutMethodLabel(p.checkoutMethod)}` : ''}
                  </td>
                </tr>
                {p.mewsPaymentRequestId ? (
                  <tr>
                    <th scope="row">Mews payment request</th>
                    <td className={styles.mono} data-testid="payment-request-id">
                      {p.mewsPaymentRequestId}
                    </td>
                  </tr>
                ) : null}
              </>
            ) : null}
            {p.cardMasked ? (
              <tr>
                <th scope="row">Card</th>
                <td>
                  {p.cardBrand} {p.cardMasked}
                </td>
              </tr>
            ) : null}
            {p.notes ? (
              <tr>
                <th scope="row">Notes</th>
                <td>{p.notes}</td>
              </tr>
            ) : null}
            {p.failureCode ? (
              <tr>
                <th scope="row">Failure</th>
                <td>{p.failureMessage ?? p.failureCode}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">Attempt id</th>
              <td className={styles.mono}>{p.id}</td>
            </tr>
            <tr>
              <th scope="row">Mews payment id</th>
              <td className={styles.mono} data-testid="mews-payment-id">
                {p.mewsPaymentId ?? '–'}
              </td>
            </tr>
          </tbody>
        </table>
        {data.original ? (
          <p>
            Refund of{' '}
            <Link href={`/staff/payments/${data.original.id}`}>
              {money(data.original.amountMinor, data.original.currency)}{' '}
              {vocabulary.method(data.original.method)}
            </Link>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="mews-heading">
        <h2 id="mews-heading">In Mews (read back now)</h2>
        {data.mewsError ? <p className={styles.alert}>{data.mewsError}</p> : null}
        {data.mews ? (
          <table data-testid="mews-state">
            <tbody>
              <tr>
                <th scope="row">State</th>
                <td>
                  <StateBadge state={data.mews.state} />
                </td>
              </tr>
              <tr>
                <th scope="row">Amount</th>
                <td>
                  {data.mews.direction === 'outgoing' ? '−' : ''}
                  {money(data.mews.amountMinor, data.mews.currency)}
                </td>
              </tr>
              <tr>
                <th scope="row">Method</th>
                <td>{vocabulary.mewsMethod(data.mews.method)}</td>
              </tr>
              {data.mews.externalIdentifier ? (
                <tr>
                  <th scope="row">External identifier</th>
                  <td>{data.mews.externalIdentifier}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">Created</th>
                <td>{dateTime(data.mews.createdAt)}</td>
              </tr>
              <tr>
                <th scope="row">Paid at</th>
                <td>{dateTime(data.mews.chargedAt)}</td>
              </tr>
            </tbody>
          </table>
        ) : !data.mewsError ? (
          <p className="muted">Mews has no payment for this attempt (yet).</p>
        ) : null}
      </section>
      <PolicyAcceptanceSection data={data} />
      {p.paymentLinkId ? (
        <section className="card" aria-labelledby="emails-heading" data-testid="payment-emails">
          <h2 id="emails-heading">E-mails to the guest</h2>
          <EmailMessages
            emails={data.emails}
            caption="E-mails about this payment’s link"
            linkOpen={data.linkOpen}
          />
        </section>
      ) : null}
      {data.refunds.length > 0 ? (
        <section className="card" aria-labelledby="refunds-heading">
          <h2 id="refunds-heading">Refunds</h2>
          <PaymentsTable
            rows={data.refunds}
            caption="Refunds of this payment"
            showCustomer={false}
          />
        </section>
      ) : null}
      {isManager && p.state === 'unknown' && !p.mewsPaymentId ? (
        <ReleaseAttemptButton attemptId={p.id} />
      ) : null}
      {data.refundable ? (
        <section className="card" aria-labelledby="refund-heading">
          <h2 id="refund-heading">Refund</h2>
          {isManager ? (
            <RefundForm attemptId={p.id} refundable={data.refundable} />
          ) : (
            <p className="muted" data-testid="refund-managers-only">
              Only a manager can refund payments.
            </p>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <Timeline events={paymentTimeline(data)} />
        {data.audit.length > 0 ? (
          <details>
            <summary>Audit details (Mews ids)</summary>
            <AuditTable rows={data.audit} />
          </details>
        ) : null}
      </section>
    </>
  );
}
