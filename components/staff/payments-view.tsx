'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PaymentRow } from '@/lib/payments/back-office/payments';
import { METHOD_LABEL, PAYMENT_METHODS, PAYMENT_STATES } from '@/lib/payments/back-office/filters';
import { fetchStaff } from './fetch-staff';
import { Field, DateRangeFields, StaffMemberField } from './fields';
import { STATE_LABEL } from './format';
import { PaymentsTable } from './payments-table';
import styles from './staff.module.css';

type Filters = { state: string; method: string; from: string; to: string; staffId: string };
const EMPTY: Filters = { state: '', method: '', from: '', to: '', staffId: '' };

function query(filters: Filters): string {
  return new URLSearchParams(
    Object.entries(filters).filter(([, value]) => value !== ''),
  ).toString();
}

export function PaymentsView({
  initial,
  staff,
}: {
  initial: PaymentRow[];
  staff: Array<{ id: string; email: string }>;
}) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const qs = query(filters);
  const { data, isFetching, isError, error } = useQuery({
    queryKey: ['staff', 'payments', qs],
    queryFn: () => fetchStaff<PaymentRow[]>(`/api/staff/payments?${qs}`),
    initialData: qs === '' ? initial : undefined,
    refetchInterval: 30_000,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  return (
    <>
      <h1>Payments</h1>
      <form className="card" onSubmit={apply} aria-label="Filter payments">
        <div className={styles.row}>
          <Field id="filter-state" label="State">
            <select
              id="filter-state"
              className={styles.input}
              value={draft.state}
              onChange={set('state')}
            >
              <option value="">Any</option>
              {PAYMENT_STATES.map((state) => (
                <option key={state} value={state}>
                  {STATE_LABEL[state]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="filter-method" label="Method">
            <select
              id="filter-method"
              className={styles.input}
              value={draft.method}
              onChange={set('method')}
            >
              <option value="">Any</option>
              {PAYMENT_METHODS.map((method) => (
                <option key={method} value={method}>
                  {METHOD_LABEL[method]}
                </option>
              ))}
            </select>
          </Field>
          <DateRangeFields
            prefix="filter"
            from={draft.from}
            to={draft.to}
            onFromChange={set('from')}
            onToChange={set('to')}
          />
          <StaffMemberField
            id="filter-staff"
            value={draft.staffId}
            staff={staff}
            onChange={set('staffId')}
          />
        </div>
        <div className={styles.actions} style={{ marginTop: '0.75rem' }}>
          <button
            type="submit"
            className={styles.button}
            disabled={isFetching}
            aria-busy={isFetching}
          >
            {isFetching ? 'Loading…' : 'Apply filters'}
          </button>
          <a
            className={styles.secondary}
            href={`/api/staff/payments?${query(filters)}${qs ? '&' : ''}format=csv`}
            download
          >
            Export CSV
          </a>
        </div>
      </form>
      {isError ? <p className={styles.alert}>{error.message}</p> : null}
      <PaymentsTable rows={data ?? []} caption={`${data?.length ?? 0} payments, newest first`} />
    </>
  );
}
