'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/server/action-result';
import {
  APPROVAL_FIELDS,
  managerApprovalSchema,
  needsManagerApproval,
} from '@/lib/payments/staff/schemas';
import { Field, TextInput } from './fields';
import styles from './staff.module.css';

export type ManagerApprovalValues = z.output<typeof managerApprovalSchema>;

/** Whether a refused charge can be approved by a manager on this screen (see needsManagerApproval). */
export function approvalWanted(result: ActionResult<unknown> | null): boolean {
  return Boolean(result && !result.ok && needsManagerApproval(result.error));
}

/**
 * "Manager approval" on the clerk's screen, for a charge above the front-desk limit: a manager
 * types their e-mail and password (checked like a sign-in, see lib/payments/staff/manager-approval.ts)
 * and the same charge is sent again with them. Not a form of its own (it sits inside the payment
 * form): Enter in either field approves. The password is cleared after every try and never shown.
 */
export function ManagerApproval({
  prefix,
  summary,
  result,
  pending,
  onApprove,
  onCancel,
}: {
  prefix: string;
  /** The charge being approved, e.g. "Charge 1,500.00 GBP to Visa ••••4242." */
  summary?: ReactNode;
  /** The last answer of the server: its approval field errors are shown here. */
  result: ActionResult<unknown> | null;
  pending: boolean;
  onApprove: (approval: ManagerApprovalValues) => void;
  onCancel: () => void;
}) {
  const form = useForm({
    resolver: zodResolver(managerApprovalSchema),
    defaultValues: { email: '', password: '' },
  });
  const emailRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => emailRef.current?.focus(), []);
  const serverErrors = result && !result.ok ? result.error.fieldErrors : undefined;
  useEffect(() => {
    // Whatever the answer, the password typed is gone from the screen.
    form.resetField('password');
    const email = serverErrors?.[APPROVAL_FIELDS.email]?.[0];
    const password = serverErrors?.[APPROVAL_FIELDS.password]?.[0];
    if (email) form.setError('email', { message: email });
    if (password) form.setError('password', { message: password });
  }, [serverErrors, form]);
  const { errors } = form.formState;
  const approve = form.handleSubmit((values) => onApprove(values));
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void approve();
  };
  const emailField = form.register('email');
  return (
    <fieldset className={styles.notice} data-testid="manager-approval" disabled={pending}>
      <legend>
        <strong>Manager approval</strong>
      </legend>
      {summary ? <p style={{ marginTop: 0 }}>{summary}</p> : null}
      <p>
        A manager approves this charge here with their own e-mail and password. It is recorded with
        both your names.
      </p>
      <div className={styles.row}>
        <Field
          id={`${prefix}-approver-email`}
          label="Manager’s e-mail"
          error={errors.email?.message}
        >
          <TextInput
            id={`${prefix}-approver-email`}
            error={errors.email}
            type="email"
            autoComplete="off"
            spellCheck={false}
            {...emailField}
            ref={(element) => {
              emailField.ref(element);
              emailRef.current = element;
            }}
            onKeyDown={onEnter}
          />
        </Field>
        <Field
          id={`${prefix}-approver-password`}
          label="Manager’s password"
          error={errors.password?.message}
        >
          <TextInput
            id={`${prefix}-approver-password`}
            error={errors.password}
            type="password"
            autoComplete="off"
            {...form.register('password')}
            onKeyDown={onEnter}
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <button
          type="button"
          className={styles.button}
          onClick={() => void approve()}
          aria-busy={pending}
        >
          {pending ? 'Working…' : 'Approve and charge'}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
