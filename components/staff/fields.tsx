'use client';

import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import styles from './staff.module.css';

/** A labelled form field with its hint and error wired up for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className={styles.error} id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, error: unknown, hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A text input whose invalid state and error/hint description follow its field's error, so every
 * form announces problems the same way.
 */
export function TextInput({
  id,
  error,
  hasHint,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  error?: unknown;
  /** The surrounding Field shows a hint to describe the input with. */
  hasHint?: boolean;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <input
      id={id}
      className={styles.input}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hasHint)}
      {...props}
    />
  );
}

/** "Staff member" filter: anyone, or one member of staff by email. */
export function StaffMemberField({
  id,
  value,
  staff,
  onChange,
}: {
  id: string;
  value: string;
  staff: Array<{ id: string; email: string; name?: string }>;
  onChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <Field id={id} label="Staff member">
      <select id={id} className={styles.input} value={value} onChange={onChange}>
        <option value="">Anyone</option>
        {staff.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name ? `${member.name} (${member.email})` : member.email}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** "From" and "To" date filters (property-local days, as the browser's date inputs give them). */
export function DateRangeFields({
  prefix,
  from,
  to,
  onFromChange,
  onToChange,
}: {
  prefix: string;
  from: string;
  to: string;
  onFromChange: (event: { target: { value: string } }) => void;
  onToChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <>
      <Field id={`${prefix}-from`} label="From">
        <TextInput id={`${prefix}-from`} type="date" value={from} onChange={onFromChange} />
      </Field>
      <Field id={`${prefix}-to`} label="To">
        <TextInput id={`${prefix}-to`} type="date" value={to} onChange={onToChange} />
      </Field>
    </>
  );
}

/** A payment's, a link's or Mews' state in the staff member's words; `method` makes a refund's "Refunded". */
export function StateBadge({ state, method }: { state: string; method?: string }) {
  const vocabulary = useStaffVocabulary();
  return (
    <span className={styles.state} data-state={state}>
      {vocabulary.state(state, method)}
    </span>
  );
}

export function SubmitButton({
  pending,
  children,
  pendingLabel,
  className,
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel: string;
  className?: string;
}) {
  return (
    <button
      type="submit"
      className={className ?? styles.button}
      disabled={pending}
      aria-busy={pending}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
