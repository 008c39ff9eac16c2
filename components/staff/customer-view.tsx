'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import type { CustomerDetail } from '@/lib/payments/back-office/customers';
import customerStyles from './customer.module.css';
import { fetchStaff } from './fetch-staff';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import { LinksTable } from './links-table';
import { NewCardChargeForm } from './new-card-form';
import { PaymentLinkForm } from './payment-link-form';
import {
  ExternalPaymentForm,
  StoredCardChargeForm,
  TerminalCardPaymentForm,
} from './payment-forms';
import { PaymentsTable } from './payments-table';
import { StoredCards } from './stored-cards';
import { RESERVATION_STATE_LABEL, stayDates } from './reservation-format';
import styles from './staff.module.css';

const TABS = [
  { id: 'stored', label: 'Charge stored card' },
  { id: 'new', label: 'New card' },
  { id: 'external', label: 'External payment' },
  { id: 'terminal', label: 'Terminal card payment' },
  { id: 'link', label: 'Payment link' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function CustomerView({
  initial,
  secureFieldsScriptUrl,
  thresholdMinor,
  isManager,
  selectedReservationId: initialReservationId = null,
}: {
  initial: CustomerDetail;
  secureFieldsScriptUrl: string;
  thresholdMinor: number;
  isManager: boolean;
  /** From `?reservation=`: the reservation the forms start with. */
  selectedReservationId?: string | null;
}) {
  const vocabulary = useStaffVocabulary();
  const { data } = useQuery({
    queryKey: ['staff', 'customer', initial.customer.id],
    queryFn: () => fetchStaff<CustomerDetail>(`/api/staff/customers/${initial.customer.id}`),
    initialData: initial,
    // Link status and pending payments change without us: keep the page current. Each refresh
    // costs about ten Connector API reads (customer, cards, payments, stays, rooms, order items)
    // of the property's shared rate limit, so once a minute, and only while the tab is in front.
    refetchInterval: 60_000,
  });
  const cardTab: TabId = data.cards.some((card) => card.chargeable) ? 'stored' : 'new';
  const [tab, setTab] = useState<TabId>(cardTab);
  const [selectedReservationId, setSelectedReservationId] = useState<string | null>(
    initialReservationId,
  );
  const common = {
    customerId: data.customer.id,
    currencies: data.currencies,
    defaultCurrency: data.defaultCurrency ?? data.currencies[0] ?? 'EUR',
    reservations: data.reservations,
    selectedReservationId,
  };
  /** "Take payment" / "Send payment link" on a reservation: the form below, starting with it. */
  const startWith = (reservationId: string, next: TabId) => {
    setSelectedReservationId(reservationId);
    setTab(next);
    // The address says which reservation is chosen, so a reload or a shared link keeps it.
    window.history.replaceState(
      null,
      '',
      `/staff/customers/${data.customer.id}?reservation=${reservationId}`,
    );
    requestAnimationFrame(() => {
      const heading = document.getElementById('take-heading');
      heading?.scrollIntoView({ block: 'start' });
      document.getElementById(`tab-${next}`)?.focus();
    });
  };

  return (
    <>
      <h1>{data.customer.name}</h1>
      <p className="muted">
        {data.customer.email ?? 'No email'} · Mews customer{' '}
        {data.customer.number ?? data.customer.id}
      </p>

      {data.customerError ? (
        <p className={styles.notice} role="status">
          {data.customerError}
        </p>
      ) : null}

      <section className="card" aria-labelledby="reservations-heading">
        <h2 id="reservations-heading">Reservations</h2>
        <p className={styles.hint}>
          In house now and arriving within the next 12 months, from Mews.
        </p>
        {data.reservationsError ? (
          <p className={styles.notice} role="status">
            {data.reservationsError}
          </p>
        ) : null}
        {data.reservations.length === 0 ? (
          data.reservationsError ? null : (
            <p className="muted">No current or upcoming reservation in Mews.</p>
          )
        ) : (
          <ul className={customerStyles.reservations} data-testid="reservations">
            {data.reservations.map((reservation) => (
              <li
                key={reservation.id}
                className={customerStyles.reservation}
                data-selected={reservation.id === selectedReservationId}
                aria-current={reservation.id === selectedReservationId ? 'true' : undefined}
                aria-labelledby={`reservation-${reservation.id}`}
              >
                <h3 id={`reservation-${reservation.id}`} style={{ margin: 0 }}>
                  {reservation.number ?? 'Reservation'}
                  {reservation.current ? (
                    <span className={customerStyles.current}>Staying now</span>
                  ) : null}
                </h3>
                <dl className={customerStyles.reservationFacts}>
                  <div>
                    <dt>Arrival – departure</dt>
                    <dd>{stayDates(reservation, data.timeZone)}</dd>
                  </div>
                  <div>
                    <dt>Room</dt>
                    <dd>{reservation.room ?? 'Not assigned yet'}</dd>
                  </div>
                  <div>
                    <dt>State</dt>
                    <dd>{RESERVATION_STATE_LABEL[reservation.state]}</dd>
                  </div>
                  <div>
                    <dt>Still to pay</dt>
                    <dd>
                      {reservation.due
                        ? reservation.due.amountMinor === 0
                          ? 'Nothing'
                          : money(reservation.due.amountMinor, reservation.due.currency)
                        : 'Not known'}
                    </dd>
                  </div>
                </dl>
                <div className={styles.actions}>
                  <button
                    type="button"
                    className={styles.button}
                    onClick={() => startWith(reservation.id, cardTab)}
                    aria-describedby={`reservation-${reservation.id}`}
                  >
                    Take payment
                  </button>
                  <button
                    type="button"
                    className={styles.secondary}
                    onClick={() => startWith(reservation.id, 'link')}
                    aria-describedby={`reservation-${reservation.id}`}
                  >
                    Send payment link
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <StoredCards
        cards={data.cards}
        error={data.cardsError}
        brand={(brand) => vocabulary.cardBrand(brand)}
      />

      <section className="card" aria-labelledby="take-heading">
        <h2 id="take-heading">Take or record a payment</h2>
        {!isManager ? (
          <p className={styles.hint}>
            Card charges above {money(thresholdMinor, common.defaultCurrency)} need a manager (other
            currencies have limits of their own).
          </p>
        ) : null}
        <div className={styles.tabs} role="tablist" aria-label="Payment type">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className={styles.tab}
              onClick={() => setTab(t.id)}
              onKeyDown={(event) => {
                const index = TABS.findIndex((x) => x.id === tab);
                const move = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (!move) return;
                const next = TABS[(index + move + TABS.length) % TABS.length];
                if (next) {
                  setTab(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }
              }}
            >
              {t.label}
            </button>
          ))}
        </div>
        {/* Keyed by the reservation: the forms take it (and its due amount) as their starting values. */}
        <div
          role="tabpanel"
          id={`panel-${tab}`}
          aria-labelledby={`tab-${tab}`}
          key={selectedReservationId ?? 'none'}
        >
          {tab === 'stored' ? <StoredCardChargeForm {...common} cards={data.cards} /> : null}
          {tab === 'new' ? (
            data.cardStorage ? (
              <NewCardChargeForm
                {...common}
                merchantId={data.cardStorage.merchantId}
                scriptUrl={secureFieldsScriptUrl}
              />
            ) : (
              <p className="muted">
                This property has no card storage in Mews, so new cards cannot be taken here.
              </p>
            )
          ) : null}
          {tab === 'external' ? (
            <ExternalPaymentForm {...common} types={data.externalPaymentTypes} />
          ) : null}
          {tab === 'terminal' ? <TerminalCardPaymentForm {...common} /> : null}
          {tab === 'link' ? <PaymentLinkForm {...common} /> : null}
        </div>
      </section>

      <section className="card" aria-labelledby="customer-payments-heading">
        <h2 id="customer-payments-heading">Payments</h2>
        <PaymentsTable
          rows={data.payments}
          caption="Payments of this customer taken through Mews Checkout"
          showCustomer={false}
        />
      </section>

      <section className="card" aria-labelledby="customer-mews-payments-heading">
        <h2 id="customer-mews-payments-heading">In Mews (last three months)</h2>
        {data.mewsPaymentsError ? (
          <p role="alert">{data.mewsPaymentsError}</p>
        ) : data.mewsPayments.length === 0 ? (
          <p className="muted">Mews has no payments of this customer in the last three months.</p>
        ) : (
          <table data-testid="mews-payments">
            <caption className="muted">
              Every payment Mews records for this customer, whoever took it
            </caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Amount</th>
                <th scope="col">Method</th>
                <th scope="col">State</th>
                <th scope="col">Taken here</th>
              </tr>
            </thead>
            <tbody>
              {data.mewsPayments.map((payment) => (
                <tr key={payment.id}>
                  <td>{dateTime(payment.createdAt)}</td>
                  <td>
                    {payment.direction === 'outgoing' ? '−' : ''}
                    {money(payment.amountMinor, payment.currency)}
                  </td>
                  <td>{vocabulary.mewsMethod(payment.method)}</td>
                  <td>
                    <StateBadge state={payment.state} />
                  </td>
                  <td data-label="Taken here">{payment.viaCheckout ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="customer-links-heading">
        <h2 id="customer-links-heading">Payment links</h2>
        <LinksTable links={data.links} mailConfigured={data.linkEmail.mailConfigured} />
      </section>
    </>
  );
}
