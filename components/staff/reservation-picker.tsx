'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FrontDeskResult } from '@/lib/payments/back-office/customers';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import styles from './customer.module.css';
import { fetchStaff } from './fetch-staff';
import { RESERVATION_STATE_LABEL, stayDates } from './reservation-format';
import staffStyles from './staff.module.css';

/** What the picker gives: a reservation and its guest, or a guest without a reservation. */
export interface PickedGuest {
  /** Null: the customer was picked without a reservation. */
  reservationId: string | null;
  customerId: string;
  number: string | null;
  guestName: string;
}

interface PickerOption {
  key: string;
  value: PickedGuest;
  title: string;
  detail: string;
}

/** One option per reservation found, and one per guest "without a reservation". */
function optionsOf(results: FrontDeskResult[]): PickerOption[] {
  const options: PickerOption[] = [];
  for (const { customer, reservation } of results) {
    if (reservation) {
      options.push({
        key: `r-${reservation.id}`,
        value: {
          reservationId: reservation.id,
          customerId: customer.id,
          number: reservation.number,
          guestName: customer.name,
        },
        title: `${reservation.number ?? 'Reservation'} · ${customer.name}`,
        detail: [
          stayDates(reservation),
          reservation.room ? `Room ${reservation.room}` : null,
          RESERVATION_STATE_LABEL[reservation.state],
        ]
          .filter(Boolean)
          .join(' · '),
      });
    }
    options.push({
      key: `c-${customer.id}`,
      value: {
        reservationId: null,
        customerId: customer.id,
        number: null,
        guestName: customer.name,
      },
      title: `${customer.name} · no reservation`,
      detail: customer.email ?? 'No e-mail',
    });
  }
  return options;
}

/**
 * Picks a guest and (optionally) one of their reservations: type a reservation number, a name or
 * an e-mail, then choose with the arrow keys and Enter, or tap. An ARIA 1.2 combobox (input with
 * a listbox popup; the active option is announced through `aria-activedescendant`).
 */
export function ReservationPicker({
  value,
  onChange,
  label = 'Guest or reservation',
  id: givenId,
}: {
  value: PickedGuest | null;
  onChange: (value: PickedGuest | null) => void;
  label?: string;
  id?: string;
}) {
  const autoId = useId();
  const id = givenId ?? `reservation-picker-${autoId.replace(/:/g, '')}`;
  const listId = `${id}-options`;
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  // Ask Mews once typing pauses, not at every key.
  useEffect(() => {
    const parsed = customerSearchSchema.safeParse({ query: text });
    const timer = setTimeout(() => setQuery(parsed.success ? parsed.data.query : null), 350);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: ['staff', 'front-desk-search', query],
    queryFn: () =>
      fetchStaff<FrontDeskResult[]>(
        `/api/staff/reservations?query=${encodeURIComponent(query ?? '')}`,
      ),
    enabled: query !== null,
    staleTime: 30_000,
  });
  const options = search.data ? optionsOf(search.data) : [];
  const expanded = open && query !== null && !value;

  const choose = (option: PickerOption | undefined) => {
    if (!option) return;
    onChange(option.value);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const move = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + move + options.length) % options.length);
    } else if (event.key === 'Enter' && expanded && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  if (value) {
    return (
      <div className={staffStyles.field}>
        <span className={staffStyles.label} id={`${id}-label`}>
          {label}
        </span>
        <div className={styles.picked} aria-labelledby={`${id}-label`} role="group">
          <span data-testid="picked-guest">
            <strong>{value.number ?? 'No reservation'}</strong> · {value.guestName}
          </span>
          <button
            type="button"
            className={staffStyles.secondary}
            onClick={() => {
              onChange(null);
              setOpen(true);
              requestAnimationFrame(() => inputRef.current?.focus());
            }}
          >
            Change
          </button>
        </div>
      </div>
    );
  }

  const status = search.isFetching
    ? 'Searching Mews…'
    : search.isError
      ? search.error.message
      : search.data && options.length === 0
        ? 'No reservation or guest found in Mews.'
        : search.data
          ? `${options.length} result${options.length === 1 ? '' : 's'}; use the arrow keys to choose.`
          : '';

  return (
    <div className={`${staffStyles.field} ${styles.combo}`}>
      <label className={staffStyles.label} htmlFor={id}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        className={staffStyles.input}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          expanded && options[active] ? `${id}-${options[active].key}` : undefined
        }
        aria-describedby={`${id}-hint ${id}-status`}
        autoComplete="off"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <p className={staffStyles.hint} id={`${id}-hint`}>
        Reservation number (e.g. SBX-1001), guest name or e-mail.
      </p>
      <p className={staffStyles.hint} id={`${id}-status`} aria-live="polite">
        {status}
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        className={styles.options}
        hidden={!expanded || options.length === 0}
      >
        {options.map((option, index) => (
          <li
            key={option.key}
            id={`${id}-${option.key}`}
            role="option"
            aria-selected={index === active}
            className={styles.option}
            // Keeps the input focused (its blur would close the list before the click lands).
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            onMouseEnter={() => setActive(index)}
          >
            <span className={styles.optionTitle}>{option.title}</span>
            <span className={styles.optionDetail}>{option.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
