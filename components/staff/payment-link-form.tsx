'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { ActionResult } from '@/lib/server/action-result';
import { createPaymentLinkAction } from '@/lib/payments/links/actions';
import { staffPaymentLinkSchema } from '@/lib/payments/links/schemas';
import type { CreatedStaffLink } from '@/lib/payments/links/staff-links';
import { handleSessionLoss } from './fetch-staff';
import { Field, SubmitButton, TextInput } from './fields';
import { dateTime, money } from './format';
import { applyFieldErrors, MoneyFields, ReservationAndNotes } from './payment-form-kit';
import type { CustomerFormProps } from './payment-forms';
import styles from './staff.module.css';

export function PaymentLinkForm({ customerId, currencies, defaultCurrency }: CustomerFormProps) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedStaffLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const form = useForm({
    resolver: zodResolver(staffPaymentLinkSchema),
    defaultValues: {
      customerId,
      amount: '',
      currency: defaultCurrency,
      description: '',
      expiresInHours: 72,
      reservationId: '',
    },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      setProblem(null);
      setCopied(false);
      const result: ActionResult<CreatedStaffLink> = handleSessionLoss(
        await createPaymentLinkAction(values),
      );
      if (!result.ok) {
        setProblem(result.error.message);
        applyFieldErrors(result, form.setError as never, [
          'amount',
          'currency',
          'description',
          'reservationId',
          'expiresInHours',
        ]);
        return;
      }
      setCreated(result.data);
      form.reset({ ...form.getValues(), amount: '', description: '' });
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    }),
  );

  return (
    <>
      <form className={styles.form} onSubmit={submit} noValidate aria-label="Create a payment link">
        <MoneyFields
          prefix="link"
          register={form.register}
          errors={errors}
          currencies={currencies}
        />
        <Field
          id="link-description"
          label="Description (shown to the guest)"
          error={errors.description?.message}
        >
          <TextInput
            id="link-description"
            error={errors.description}
            autoComplete="off"
            {...form.register('description')}
          />
        </Field>
        <Field
          id="link-expiry"
          label="Expires after (hours)"
          error={errors.expiresInHours?.message}
        >
          <TextInput
            id="link-expiry"
            error={errors.expiresInHours}
            type="number"
            min={1}
            max={2160}
            {...form.register('expiresInHours')}
          />
        </Field>
        <ReservationAndNotes
          prefix="link"
          register={form.register}
          errors={{ reservationId: errors.reservationId }}
        />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create payment link
        </SubmitButton>
        {problem ? (
          <p className={styles.alert} role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      {created ? (
        <section
          className={styles.success}
          aria-labelledby="created-link-heading"
          data-testid="created-link"
          style={{ marginTop: '1rem' }}
        >
          <h3 id="created-link-heading" style={{ marginTop: 0 }}>
            Link for {money(created.link.amountMinor, created.link.currency)} (expires{' '}
            {dateTime(created.link.expiresAt)})
          </h3>
          <p className={styles.hint}>
            Copy it now: for safety the link cannot be shown again later.
          </p>
          <p className={styles.mono} data-testid="created-link-url">
            {created.url}
          </p>
          <div className={styles.actions}>
            <button
              type="button"
              className={styles.button}
              onClick={async () => {
                await navigator.clipboard.writeText(created.url).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <div
            className={styles.qr}
            role="img"
            aria-label="QR code of the payment link, for the guest to scan"
            data-testid="link-qr"
            dangerouslySetInnerHTML={{ __html: created.qrSvg }}
          />
        </section>
      ) : null}
    </>
  );
}
