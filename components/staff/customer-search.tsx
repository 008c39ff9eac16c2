'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { CustomerSummary } from '@/lib/payments/back-office/customers';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import { fetchStaff } from './fetch-staff';
import { Field, TextInput } from './fields';
import styles from './staff.module.css';

export function CustomerSearch() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const search = useQuery({
    queryKey: ['staff', 'customers', query],
    queryFn: () =>
      fetchStaff<CustomerSummary[]>(
        `/api/staff/customers?query=${encodeURIComponent(query ?? '')}`,
      ),
    enabled: query !== null,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = customerSearchSchema.safeParse({ query: text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    setQuery(parsed.data.query);
  };

  return (
    <>
      <form className={styles.form} onSubmit={submit} role="search" noValidate>
        <Field
          id="customer-query"
          label="Last name, full name or email"
          hint="Searches Mews: exact email, or last name (e.g. Smith or Alice Smith)."
          error={error}
        >
          <TextInput
            id="customer-query"
            error={error}
            hasHint
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            autoFocus
          />
        </Field>
        <div className={styles.actions}>
          <button
            type="submit"
            className={styles.button}
            disabled={search.isFetching}
            aria-busy={search.isFetching}
          >
            {search.isFetching ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {search.isError ? <p className={styles.alert}>{search.error.message}</p> : null}
        {search.data ? (
          search.data.length === 0 ? (
            <p>No customer found in Mews.</p>
          ) : (
            <table data-testid="customer-results" style={{ marginTop: '1rem' }}>
              <caption className={styles.srOnly}>Customers found</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Number</th>
                </tr>
              </thead>
              <tbody>
                {search.data.map((customer) => (
                  <tr key={customer.id}>
                    <td>
                      <Link href={`/staff/customers/${customer.id}`}>{customer.name}</Link>
                    </td>
                    <td>{customer.email ?? '–'}</td>
                    <td>{customer.number ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : null}
      </div>
    </>
  );
}
