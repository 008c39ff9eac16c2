'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { LinkFormOptions, LinkRow } from '@/lib/payments/back-office/links';
import { LINK_STATUS_VALUES } from '@/lib/payments/links/schemas';
import { fetchStaff } from './fetch-staff';
import { Field, TextInput } from './fields';
import { LinksTable } from './links-table';
import { PaymentLinkForm } from './payment-link-form';
import { ReservationPicker } from './reservation-picker';
import linkStyles from './links.module.css';
import styles from './staff.module.css';

type Picked = Parameters<typeof ReservationPicker>[0]['value'];
type LinkStatus = (typeof LINK_STATUS_VALUES)[number];

const STATUS_FILTER_LABEL: Record<LinkStatus, string> = {
  open: 'Waiting for payment',
  processing: 'Being paid now',
  paid: 'Paid',
  expired: 'Expired',
  canceled: 'Canceled or closed',
};

/** "New payment link": pick the reservation (or guest), then the link form for them. */
function NewLink({ formOptions }: { formOptions: LinkFormOptions }) {
  const [picked, setPicked] = useState<Picked>(null);
  return (
    <section className={`card ${linkStyles.newLink}`} aria-labelledby="new-link-heading">
      <h2 id="new-link-heading">New payment link</h2>
      {formOptions.unavailable ? (
        <p className={styles.notice} role="status">
          {formOptions.unavailable}
        </p>
      ) : (
        <div className={styles.form}>
          <ReservationPicker value={picked} onChange={setPicked} />
          {picked ? (
            <PaymentLinkForm
              key={`${picked.customerId}:${picked.reservationId ?? ''}`}
              customerId={picked.customerId}
              currencies={formOptions.currencies}
              defaultCurrency={formOptions.defaultCurrency}
              holdsAvailable={formOptions.holds}
              picked={{
                reservationId: picked.reservationId ?? null,
                number: picked.number ?? null,
                guestName: picked.guestName ?? null,
              }}
            />
          ) : (
            <p className={styles.hint}>
              Type a reservation number, the guest’s name or e-mail to choose who the link is for.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

export function LinksView({
  initial,
  mailConfigured,
  formOptions,
}: {
  initial: LinkRow[];
  /** Whether e-mail is set up (SMTP_URL): "Send to guest" is offered only then. */
  mailConfigured: boolean;
  formOptions: LinkFormOptions;
}) {
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<LinkStatus | ''>('');
  const q = useDeferredValue(query.trim());
  const filtered = q !== '' || status !== '';
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (status) params.set('status', status);
  const { data, isFetching } = useQuery({
    queryKey: ['staff', 'links', q, status],
    queryFn: () => fetchStaff<LinkRow[]>(`/api/staff/links?${params.toString()}`),
    initialData: filtered ? undefined : initial,
    placeholderData: (previous) => previous,
    refetchInterval: 15_000,
  });
  return (
    <>
      <div className={linkStyles.header}>
        <h1>Payment links</h1>
        <button
          type="button"
          className={styles.button}
          aria-expanded={creating}
          aria-controls="new-link"
          onClick={() => setCreating(!creating)}
        >
          {creating ? 'Close the new link' : 'New payment link'}
        </button>
      </div>
      <div id="new-link" hidden={!creating}>
        {creating ? <NewLink formOptions={formOptions} /> : null}
      </div>
      <form
        className={linkStyles.search}
        role="search"
        aria-label="Find payment links"
        onSubmit={(event) => event.preventDefault()}
      >
        <Field id="links-search" label="Guest, reservation number or description">
          <TextInput
            id="links-search"
            type="search"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </Field>
        <Field id="links-status" label="Status">
          <select
            id="links-status"
            className={styles.input}
            value={status}
            onChange={(event) => setStatus(event.target.value as LinkStatus | '')}
          >
            <option value="">Any status</option>
            {LINK_STATUS_VALUES.map((value) => (
              <option key={value} value={value}>
                {STATUS_FILTER_LABEL[value]}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <p className="muted" aria-live="polite">
        {isFetching && filtered ? 'Searching…' : 'Status and e-mail delivery refresh on their own.'}
      </p>
      <LinksTable links={data ?? []} mailConfigured={mailConfigured} />
    </>
  );
}
