'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PaymentRow } from '@/lib/payments/back-office/payments';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import { PAYMENT_METHODS, PAYMENT_STATES } from '@/lib/payments/back-office/filters';
import { fetchStaff } from './fetch-staff';
import { Field, DateRangeFields, StaffMemberField } from './fields';
import { PaymentsTable } from './payments-table';
import styles from './staff.module.css';

type Filters = {
  q: string;
  state: string;
  method: string;
  from: string;
  to: string;
  staffId: string;
  customerId: string;
  reservationId: string;
};
const EMPTY: Filters = {
  q: '',
  state: '',
  method: '',
  from: '',
  to: '',
  staffId: '',
  customerId: '',
  reservationId: '',
};

function query(filters: Filters): string {
  return new URLSearchParams(
    Object.entries(filters).filter(([, value]) => value !== ''),
  ).toString();
}

export function PaymentsView({
  initial,
  initialFilters,
  staff,
}: {
  initial: PaymentRow[];
  /** The filters `initial` was read with (the page's query string: a dashboard link, a bookmark). */
  initialFilters?: Partial<Filters>;
  staff: Array<{ id: string; email: string; name?: string }>;
}) {
  const vocabulary = useStaffVocabulary();
  const [initialQuery] = useState(() => query({ ...EMPTY, ...initialFilters }));
  const [draft, setDraft] = useState<Filters>({ ...EMPTY, ...initialFilters });
  const [filters, setFilters] = useState<Filters>({ ...EMPTY, ...initialFilters });
  const qs = query(filters);
  const { data, isFetching, isError, error } = useQuery({
    queryKey: ['staff', 'payments', qs],
    queryFn: () => fetchStaff<PaymentRow[]>(`/api/staff/payments?${qs}`),
    initialData: qs === initialQuery ? initial : undefined,
    refetchInterval: 30_000,
  });
  const show = (next: Filters) => {
    setFilters(next);
    // The address keeps the search, so reloading or sharing it shows the same list.
    const search = query(next);
    window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    show(draft);
  };
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  return (
    <>
      <h1>Payments</h1>
      <form className="card" onSubmit={apply} aria-label="Filter payments" role="search">
        <Field
          id="filter-q"
          label="Search"
          hint="Part of a guest's name or e-mail, a reservation number, a link's description or a staff member's name"
        >
          <input
            id="filter-q"
            type="search"
            className={styles.input}
            placeholder="Guest, reservation number, description…"
            aria-describedby="filter-q-hint"
            maxLength={200}
            value={draft.q}
            onChange={set('q')}
          />
        </Field>
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
                  {vocabulary.attemptState(state)}
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
                  {vocabulary.method(method)}
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
          {qs !== '' ? (
            <button
              type="button"
              className={styles.secondary}
              onClick={() => {
                setDraft(EMPTY);
                show(EMPTY);
              }}
            >
              Clear filters
            </button>
          ) : null}
        </div>
      </form>
      {isError ? <p className={styles.alert}>{error.message}</p> : null}
      <PaymentsTable
        rows={data ?? []}
        caption={`${data?.length ?? 0} payments${filters.q ? ` matching “${filters.q}”` : ''}, newest first`}
      />
    </>
  );
}
