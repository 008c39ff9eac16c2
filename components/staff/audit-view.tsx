'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AuditRow } from '@/lib/payments/back-office/audit-trail';
import { AuditTable } from './audit-table';
import { fetchStaff } from './fetch-staff';
import { Field, DateRangeFields, StaffMemberField } from './fields';
import styles from './staff.module.css';

type Filters = { staffId: string; action: string; from: string; to: string };
const EMPTY: Filters = { staffId: '', action: '', from: '', to: '' };

export function AuditView({
  initial,
  staff,
}: {
  initial: AuditRow[];
  staff: Array<{ id: string; email: string }>;
}) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  const { data, isFetching } = useQuery({
    queryKey: ['staff', 'audit', qs],
    queryFn: () => fetchStaff<AuditRow[]>(`/api/staff/audit?${qs}`),
    initialData: qs === '' ? initial : undefined,
    refetchInterval: 30_000,
  });
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every sign-in and staff action, append-only. Card data is never recorded.
      </p>
      <form
        className="card"
        aria-label="Filter the audit log"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div className={styles.row}>
          <StaffMemberField
            id="audit-staff"
            value={draft.staffId}
            staff={staff}
            onChange={set('staffId')}
          />
          <Field id="audit-action" label="Action starts with">
            <input
              id="audit-action"
              className={styles.input}
              placeholder="payment. or staff.sign_in"
              value={draft.action}
              onChange={set('action')}
            />
          </Field>
          <DateRangeFields
            prefix="audit"
            from={draft.from}
            to={draft.to}
            onFromChange={set('from')}
            onToChange={set('to')}
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
            href={`/api/staff/audit?${qs}${qs ? '&' : ''}format=csv`}
            download
          >
            Export CSV
          </a>
        </div>
      </form>
      <AuditTable rows={data ?? []} />
    </>
  );
}
