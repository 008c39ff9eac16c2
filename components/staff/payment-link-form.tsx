'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import type { ActionResult } from '@/lib/server/action-result';
import type { CustomerDetail } from '@/lib/payments/back-office/customers';
import { createPaymentLinkAction } from '@/lib/payments/links/actions';
import { MAIL_NOT_SET_UP, staffPaymentLinkSchema } from '@/lib/payments/links/schemas';
import type { CreatedStaffLink } from '@/lib/payments/links/staff-links';
import { EMAIL_STATE_LABEL } from './email-state';
import { fetchStaff, handleSessionLoss } from './fetch-staff';
import { Field, SubmitButton, TextInput } from './fields';
import { dateTime, money } from './format';
import { applyFieldErrors, MoneyFields, ReservationAndNotes } from './payment-form-kit';
import type { CustomerFormProps } from './payment-forms';
import styles from './staff.module.css';

/**
 * The customer's e-mail, language and whether e-mail is set up, from the customer page's own query
 * (already in the cache there, so no extra request).
 */
function useLinkEmailDefaults(customerId: string): CustomerDetail['linkEmail'] | undefined {
  const { data } = useQuery({
    queryKey: ['staff', 'customer', customerId],
    queryFn: () => fetchStaff<CustomerDetail>(`/api/staff/customers/${customerId}`),
    staleTime: 60_000,
  });
  return data?.linkEmail;
}

export function PaymentLinkForm({ customerId, currencies, defaultCurrency }: CustomerFormProps) {
  const queryClient = useQueryClient();
  const linkEmail = useLinkEmailDefaults(customerId);
  const mailConfigured = linkEmail?.mailConfigured ?? false;
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
      sendToGuest: Boolean(linkEmail?.mailConfigured && linkEmail.email),
      guestEmail: linkEmail?.email ?? '',
      guestLocale: linkEmail?.locale ?? 'en',
    },
  });
  const { errors } = form.formState;
  const sendToGuest = useWatch({ control: form.control, name: 'sendToGuest' });

  // Should the customer's details arrive after the form (not cached), fill in what was untouched.
  useEffect(() => {
    if (!linkEmail) return;
    const { dirtyFields } = form.formState;
    if (!dirtyFields.sendToGuest) {
      form.setValue('sendToGuest', Boolean(linkEmail.mailConfigured && linkEmail.email));
    }
    if (!dirtyFields.guestEmail) form.setValue('guestEmail', linkEmail.email ?? '');
    if (!dirtyFields.guestLocale) form.setValue('guestLocale', linkEmail.locale);
  }, [linkEmail, form]);

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
          'sendToGuest',
          'guestEmail',
          'guestLocale',
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
        <div className={styles.field}>
          <label className={styles.checkbox} htmlFor="link-send-to-guest">
            <input
              id="link-send-to-guest"
              type="checkbox"
              disabled={!mailConfigured}
              aria-describedby={!mailConfigured ? 'link-send-to-guest-hint' : undefined}
              {...form.register('sendToGuest')}
            />
            E-mail the link to the guest
          </label>
          {!mailConfigured ? (
            <p className={styles.hint} id="link-send-to-guest-hint">
              {linkEmail ? MAIL_NOT_SET_UP : 'Checking whether e-mail is set up…'}
            </p>
          ) : null}
          {errors.sendToGuest?.message ? (
            <p className={styles.error} role="alert">
              {errors.sendToGuest.message}
            </p>
          ) : null}
        </div>
        {mailConfigured && sendToGuest ? (
          <div className={styles.row} style={{ alignItems: 'start' }}>
            <Field
              id="link-guest-email"
              label="Guest’s e-mail address"
              hint={linkEmail?.email ? 'From Mews; change it if the guest asks.' : undefined}
              error={errors.guestEmail?.message}
            >
              <TextInput
                id="link-guest-email"
                type="email"
                autoComplete="off"
                error={errors.guestEmail}
                hasHint={Boolean(linkEmail?.email)}
                {...form.register('guestEmail')}
              />
            </Field>
            <Field
              id="link-guest-locale"
              label="Language of the e-mail"
              error={errors.guestLocale?.message}
            >
              <select
                id="link-guest-locale"
                className={styles.input}
                {...form.register('guestLocale')}
              >
                {LOCALES.map((code) => (
                  <option key={code} value={code}>
                    {LOCALE_NAMES[code]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        ) : null}
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
          {created.emailed ? (
            <p data-testid="created-link-emailed">
              E-mailed to <strong>{created.emailed.recipient}</strong> (
              {EMAIL_STATE_LABEL[created.emailed.state].toLowerCase()}). The links list shows when
              it is delivered.
            </p>
          ) : null}
          <p className={styles.hint}>
            Copy it now: for safety the link cannot be shown again later
            {created.emailed ? ' (the e-mail can be sent again from the links list)' : ''}.
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
