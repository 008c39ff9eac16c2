'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CustomerDetail } from '@/lib/payments/back-office/customers';
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
}: {
  initial: CustomerDetail;
  secureFieldsScriptUrl: string;
  thresholdMinor: number;
  isManager: boolean;
}) {
  const { data } = useQuery({
    queryKey: ['staff', 'customer', initial.customer.id],
    queryFn: () => fetchStaff<CustomerDetail>(`/api/staff/customers/${initial.customer.id}`),
    initialData: initial,
    // Link status and pending payments change without us: keep the page current.
    refetchInterval: 15_000,
  });
  const [tab, setTab] = useState<TabId>(
    data.cards.some((card) => card.chargeable) ? 'stored' : 'new',
  );
  const common = {
    customerId: data.customer.id,
    currencies: data.currencies,
    defaultCurrency: data.defaultCurrency ?? data.currencies[0] ?? 'EUR',
  };

  return (
    <>
      <h1>{data.customer.name}</h1>
      <p className="muted">
        {data.customer.email ?? 'No email'} · Mews customer{' '}
        {data.customer.number ?? data.customer.id}
      </p>

      <section className="card" aria-labelledby="cards-heading">
        <h2 id="cards-heading">Stored cards</h2>
        {data.cardsError ? <p className={styles.alert}>{data.cardsError}</p> : null}
        {data.cards.length === 0 ? (
          <p className="muted">No cards stored in Mews.</p>
        ) : (
          <table data-testid="stored-cards">
            <caption className={styles.srOnly}>Stored cards</caption>
            <thead>
              <tr>
                <th scope="col">Card</th>
                <th scope="col">Expiry</th>
                <th scope="col">Kind</th>
                <th scope="col">Can be charged</th>
              </tr>
            </thead>
            <tbody>
              {data.cards.map((card) => (
                <tr key={card.id}>
                  <td>
                    {card.brand ?? 'Card'} {card.obfuscatedNumber}
                  </td>
                  <td>{card.expiration ?? '–'}</td>
                  <td>
                    {card.kind === 'gateway'
                      ? 'Gateway'
                      : card.kind === 'terminal'
                        ? 'Terminal'
                        : 'Other'}
                  </td>
                  <td>{card.chargeable ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

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
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
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
                  <td>{payment.method}</td>
                  <td>
                    <StateBadge state={payment.state} />
                  </td>
                  <td>{payment.viaCheckout ? 'Yes' : 'No'}</td>
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
