'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import Link from 'next/link';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { ActionResult } from '@/lib/server/action-result';
import type { StaffPaymentResult } from '@/lib/payments/staff/payment-result';
import { parseAmount } from '@/lib/money';
import { describedBy, Field, TextInput } from './fields';
import { money, STATE_LABEL } from './format';
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

export function ReservationAndNotes({
  prefix,
  register,
  errors,
}: {
  prefix: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  register: UseFormRegister<any>;
  errors: FieldErrors<{ reservationId: string; notes: string }>;
}) {
  return (
    <>
      <Field
        id={`${prefix}-reservation`}
        label="Reservation id (optional)"
        error={errors.reservationId?.message}
      >
        <TextInput
          id={`${prefix}-reservation`}
          error={errors.reservationId}
          autoComplete="off"
          {...register('reservationId')}
        />
      </Field>
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

export function PaymentOutcome({ result }: { result: ActionResult<StaffPaymentResult> | null }) {
  if (!result) return null;
  if (!result.ok) {
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
      <strong>{STATE_LABEL[data.state] ?? data.state}</strong>
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
