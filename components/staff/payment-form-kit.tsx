'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import Link from 'next/link';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { ActionResult } from '@/lib/server/action-result';
import type { StaffPaymentResult } from '@/lib/payments/staff/payment-result';
import { currencyExponent, decimalDigitsOf, parseAmount } from '@/lib/money';
import { describedBy, Field, TextInput } from './fields';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import { money } from './format';
import styles from './staff.module.css';

/** Pieces shared by the staff payment forms: money fields, the confirmation step, the outcome. */

export function MoneyFields({
  prefix,
  register,
  errors,
  currencies,
}: {
  prefix: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  register: UseFormRegister<any>;
  errors: FieldErrors<{ amount: string; currency: string }>;
  currencies: string[];
}) {
  return (
    <div className={styles.row}>
      <Field id={`${prefix}-amount`} label="Amount" error={errors.amount?.message}>
        <TextInput
          id={`${prefix}-amount`}
          error={errors.amount}
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          {...register('amount')}
        />
      </Field>
      <Field id={`${prefix}-currency`} label="Currency" error={errors.currency?.message}>
        <select id={`${prefix}-currency`} className={styles.input} {...register('currency')}>
          {currencies.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/**
 * A reservation of the customer, as the payment forms offer it (the shape of `ReservationView` in
 * lib/payments/back-office/customers.ts, declared here so the forms do not depend on the server).
 */
export interface ReservationOption {
  id: string;
  number: string | null;
  state?: string;
  startUtc: string | null;
  endUtc: string | null;
  room: string | null;
  due: { amountMinor: number; currency: string } | null;
  current?: boolean;
}

/** The reservation props the customer page passes to every payment form. */
export interface ReservationProps {
  /** The customer's current and upcoming reservations; undefined: type a reservation id instead. */
  reservations?: readonly ReservationOption[];
  /** Preselected, e.g. from `/staff/customers/<id>?reservation=<reservationId>`. */
  selectedReservationId?: string | null;
}

const shortDate = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
    : '?';

/** "SBX-1001 · 3 Dec 2026 – 5 Dec 2026 · Room 101" */
export function reservationLabel(reservation: ReservationOption): string {
  return [
    reservation.number ?? 'Reservation',
    `${shortDate(reservation.startUtc)} – ${shortDate(reservation.endUtc)}`,
    reservation.room ? `Room ${reservation.room}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The reservation to preselect: the one asked for, if it is the customer's; else none. */
export function preselectedReservation(
  reservations: readonly ReservationOption[] | undefined,
  selectedReservationId: string | null | undefined,
): ReservationOption | undefined {
  return selectedReservationId
    ? reservations?.find((reservation) => reservation.id === selectedReservationId)
    : undefined;
}

/** What is due on a reservation as the amount field's text ("125.50"), or undefined. */
export function dueAmountText(
  reservation: ReservationOption | undefined,
  currencies: readonly string[],
): { amount: string; currency: string } | undefined {
  const due = reservation?.due;
  if (!due || due.amountMinor <= 0 || !currencies.includes(due.currency)) return undefined;
  try {
    return {
      amount: decimalDigitsOf(due.amountMinor, currencyExponent(due.currency)),
      currency: due.currency,
    };
  } catch {
    return undefined;
  }
}

/**
 * Choosing a reservation with a known due amount fills the amount (and its currency) with it; the
 * clerk can still change it.
 */
export function reservationChangeHandler(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  setValue: (name: any, value: string) => void,
  reservations: readonly ReservationOption[] | undefined,
  currencies: readonly string[],
) {
  return (reservationId: string) => {
    const due = dueAmountText(
      reservations?.find((reservation) => reservation.id === reservationId),
      currencies,
    );
    if (!due) return;
    setValue('amount', due.amount);
    setValue('currency', due.currency);
  };
}

export function ReservationAndNotes({
  prefix,
  register,
  errors,
  reservations,
  onReservationChange,
}: {
  prefix: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  register: UseFormRegister<any>;
  errors: FieldErrors<{ reservationId: string; notes: string }>;
  reservations?: readonly ReservationOption[];
  /** Called with the reservation id chosen (see reservationChangeHandler). */
  onReservationChange?: (reservationId: string) => void;
}) {
  const reservationField = register('reservationId');
  return (
    <>
      {reservations ? (
        <Field
          id={`${prefix}-reservation`}
          label="Reservation"
          error={errors.reservationId?.message}
        >
          <select
            id={`${prefix}-reservation`}
            className={styles.input}
            aria-invalid={errors.reservationId ? true : undefined}
            aria-describedby={describedBy(`${prefix}-reservation`, errors.reservationId)}
            {...reservationField}
            onChange={(event) => {
              void reservationField.onChange(event);
              onReservationChange?.(event.target.value);
            }}
          >
            <option value="">No reservation</option>
            {reservations.map((reservation) => (
              <option key={reservation.id} value={reservation.id}>
                {reservationLabel(reservation)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <Field
          id={`${prefix}-reservation`}
          label="Reservation id (optional)"
          error={errors.reservationId?.message}
        >
          <TextInput
            id={`${prefix}-reservation`}
            error={errors.reservationId}
            autoComplete="off"
            {...reservationField}
          />
        </Field>
      )}
      <Field id={`${prefix}-notes`} label="Notes (optional)" error={errors.notes?.message}>
        <textarea
          id={`${prefix}-notes`}
          className={styles.input}
          rows={2}
          aria-invalid={errors.notes ? true : undefined}
          aria-describedby={describedBy(`${prefix}-notes`, errors.notes)}
          {...register('notes')}
        />
      </Field>
    </>
  );
}

/** "Charge 125.00 EUR?" — the last look before money moves; focus lands on the confirm button. */
/** The amount as typed, formatted in its currency, for a confirmation sentence. */
export function ConfirmAmount({ amount, currency }: { amount: string; currency: string }) {
  return <strong>{money(parseAmount(amount, currency) ?? 0, currency)}</strong>;
}

export function ConfirmStep({
  summary,
  confirmLabel,
  pending,
  onConfirm,
  onBack,
}: {
  summary: ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className={styles.notice} role="region" aria-label="Confirm" data-testid="confirm-step">
      <p style={{ marginTop: 0 }}>{summary}</p>
      <div className={styles.actions}>
        <button
          ref={confirmRef}
          type="button"
          className={styles.button}
          onClick={onConfirm}
          disabled={pending}
          aria-busy={pending}
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className={styles.secondary} onClick={onBack} disabled={pending}>
          Back
        </button>
      </div>
    </div>
  );
}

/**
 * The outcome of a payment form. A refusal the form already shows next to one of its fields (the
 * amount above the front-desk limit or above what can still be refunded…) is not said a second
 * time here: `fieldsShown` lists the fields the form puts server errors on.
 */
export function PaymentOutcome({
  result,
  fieldsShown = [],
}: {
  result: ActionResult<StaffPaymentResult> | null;
  fieldsShown?: readonly string[];
}) {
  const vocabulary = useStaffVocabulary();
  if (!result) return null;
  if (!result.ok) {
    if (fieldsShown.some((field) => result.error.fieldErrors?.[field]?.length)) return null;
    return (
      <p className={styles.alert} role="alert" data-testid="payment-error">
        {result.error.message}
      </p>
    );
  }
  const { data } = result;
  const className =
    data.state === 'succeeded'
      ? styles.success
      : data.state === 'failed' || data.state === 'canceled'
        ? styles.alert
        : styles.notice;
  return (
    <p className={className} role="status" data-testid="payment-outcome" data-state={data.state}>
      {money(data.amountMinor, data.currency)}:{' '}
      <strong>{vocabulary.attemptState(data.state)}</strong>
      {data.state === 'unknown'
        ? ' — Mews did not confirm it. Do not take it again; check it on the payment page.'
        : null}
      {data.state === 'pending' ? ' — Mews is still processing it.' : null}
      {data.state === 'verifying'
        ? ' — Mews has e-mailed the guest a link to confirm it (valid 24 hours). Do not take it again.'
        : null}
      {data.failureMessage ? ` — ${data.failureMessage}` : null}
      {data.replayed ? ' (already submitted)' : null}{' '}
      <Link href={`/staff/payments/${data.attemptId}`}>View payment</Link>
    </p>
  );
}

/** Field errors the server found, onto the form. */
export function applyFieldErrors(
  result: ActionResult<unknown>,
  setError: (name: never, error: { message: string }) => void,
  fields: readonly string[],
): void {
  if (result.ok) return;
  for (const field of fields) {
    const message = result.error.fieldErrors?.[field]?.[0];
    if (message) setError(field as never, { message });
  }
}
