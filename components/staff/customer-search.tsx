'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { FrontDeskResult } from '@/lib/payments/back-office/customers';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import styles from './customer.module.css';
import { fetchStaff } from './fetch-staff';
import { Field, TextInput } from './fields';
import { RESERVATION_STATE_LABEL, stayDates } from './reservation-format';
import staffStyles from './staff.module.css';

/** The customer page, with the reservation found preselected for a charge or a link. */
export function customerHref(result: FrontDeskResult): string {
  const base = `/staff/customers/${result.customer.id}`;
  return result.reservation ? `${base}?reservation=${result.reservation.id}` : base;
}

/**
 * The front desk's search: a reservation number goes straight to its guest's page with the
 * reservation preselected; a name or an e-mail lists the guests found with their next stay.
 */
export function CustomerSearch() {
  const router = useRouter();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const search = useQuery({
    queryKey: ['staff', 'front-desk-search', query],
    queryFn: () =>
      fetchStaff<FrontDeskResult[]>(
        `/api/staff/reservations?query=${encodeURIComponent(query ?? '')}`,
      ),
    enabled: query !== null,
  });

  const only = search.data?.length === 1 ? search.data[0] : undefined;
  const goStraight = only?.matchedBy === 'reservation' ? customerHref(only) : null;
  useEffect(() => {
    if (goStraight) router.push(goStraight);
  }, [goStraight, router]);

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
      <form className={staffStyles.form} onSubmit={submit} role="search" noValidate>
        <Field
          id="customer-query"
          label="Reservation number, guest name or e-mail"
          hint="Searches Mews: a reservation number (e.g. SBX-1001), a last or full name (Smith, Alice Smith) or an exact e-mail."
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
        <div className={staffStyles.actions}>
          <button
            type="submit"
            className={staffStyles.button}
            disabled={search.isFetching}
            aria-busy={search.isFetching}
          >
            {search.isFetching ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {search.isError ? <p className={staffStyles.alert}>{search.error.message}</p> : null}
        {goStraight ? <p>Opening the guest of reservation {only?.reservation?.number}…</p> : null}
        {search.data && !goStraight ? (
          search.data.length === 0 ? (
            <p>No reservation or guest found in Mews.</p>
          ) : (
            <ul className={styles.results} data-testid="customer-results" aria-label="Guests found">
              {search.data.map((result) => (
                <li
                  key={`${result.customer.id}-${result.reservation?.id ?? ''}`}
                  className={styles.result}
                >
                  <Link href={customerHref(result)}>
                    {result.matchedBy === 'reservation' && result.reservation
                      ? `${result.reservation.number ?? 'Reservation'} · ${result.customer.name}`
                      : result.customer.name}
                  </Link>
                  <p className={styles.resultDetail}>
                    {result.customer.email ?? 'No e-mail'}
                    {result.customer.number ? ` · Mews customer ${result.customer.number}` : ''}
                  </p>
                  <p className={styles.resultDetail}>
                    {result.reservation
                      ? [
                          result.matchedBy === 'reservation'
                            ? null
                            : `Next: ${result.reservation.number ?? 'reservation'}`,
                          stayDates(result.reservation),
                          result.reservation.room ? `Room ${result.reservation.room}` : null,
                          RESERVATION_STATE_LABEL[result.reservation.state],
                        ]
                          .filter(Boolean)
                          .join(' · ')
                      : 'No current or upcoming reservation'}
                  </p>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </div>
    </>
  );
}
