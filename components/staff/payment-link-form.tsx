'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import type { ActionResult } from '@/lib/server/action-result';
import type { CustomerDetail } from '@/lib/payments/back-office/customers';
import { createPaymentLinkAction } from '@/lib/payments/links/actions';
import {
  LINK_PURPOSE_LABEL,
  LINK_PURPOSE_VALUES,
  MAIL_NOT_SET_UP,
  staffPaymentLinkSchema,
} from '@/lib/payments/links/schemas';
import type { CreatedStaffLink } from '@/lib/payments/links/staff-links';
import { EMAIL_STATE_LABEL } from './email-state';
import { fetchStaff, handleSessionLoss } from './fetch-staff';
import { describedBy, Field, SubmitButton, TextInput } from './fields';
import { dateTime, money } from './format';
import {
  applyFieldErrors,
  dueAmountText,
  MoneyFields,
  preselectedReservation,
  reservationLabel,
  type ReservationOption,
} from './payment-form-kit';
import type { CustomerFormProps } from './payment-forms';
import linkStyles from './links.module.css';
import styles from './staff.module.css';

/**
 * The customer's e-mail, language and whether e-mail is set up, from the customer page's own query
 * (already in the cache there, so no extra request).
 */
function useCustomerLinkDefaults(
  customerId: string,
): Pick<CustomerDetail, 'linkEmail' | 'holdsAvailable'> | undefined {
  const { data } = useQuery({
    queryKey: ['staff', 'customer', customerId],
    queryFn: () => fetchStaff<CustomerDetail>(`/api/staff/customers/${customerId}`),
    staleTime: 60_000,
  });
  return data;
}

/** A reservation picked on the links page: the link is for it (and its guest); no select. */
export interface PickedReservation {
  reservationId: string | null;
  number: string | null;
  guestName: string | null;
}

export interface PaymentLinkFormProps extends CustomerFormProps {
  picked?: PickedReservation;
  /** Whether the link may ask for a hold (GUEST_HOLDS=on); else read with the customer's details. */
  holdsAvailable?: boolean;
}

/**
 * The staff link form, on the customer page (a select of the customer's reservations) and on the
 * links page (the reservation picked there). A reservation that already has an open or paid link
 * for the same purpose is refused by the server with a warning; "Create anyway" then confirms it.
 */
export function PaymentLinkForm({
  customerId,
  currencies,
  defaultCurrency,
  reservations,
  selectedReservationId,
  picked,
  holdsAvailable: holdsFromPage,
}: PaymentLinkFormProps) {
  const queryClient = useQueryClient();
  const customerDefaults = useCustomerLinkDefaults(customerId);
  const linkEmail = customerDefaults?.linkEmail;
  const holdsAvailable = holdsFromPage ?? customerDefaults?.holdsAvailable ?? false;
  const mailConfigured = linkEmail?.mailConfigured ?? false;
  const [created, setCreated] = useState<CreatedStaffLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The server's "already has a link" warning, for the reservation it was given for.
  const [duplicate, setDuplicate] = useState<{ reservationId: string; message: string } | null>(
    null,
  );
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const startReservation = picked
    ? undefined
    : preselectedReservation(reservations, selectedReservationId);
  const due = dueAmountText(startReservation, currencies);
  const form = useForm({
    resolver: zodResolver(staffPaymentLinkSchema),
    defaultValues: {
      customerId,
      amount: due?.amount ?? '',
      currency: due?.currency ?? defaultCurrency,
      description: '',
      purpose: 'deposit' as const,
      collect: 'payment' as const,
      expiresInHours: 72,
      reservationId: picked ? (picked.reservationId ?? '') : (startReservation?.id ?? ''),
      keepOpenWhenSiblingPaid: false,
      createAnyway: false,
      sendToGuest: Boolean(linkEmail?.mailConfigured && linkEmail.email),
      guestEmail: linkEmail?.email ?? '',
      guestLocale: linkEmail?.locale ?? 'en',
    },
  });
  const { errors } = form.formState;
  const sendToGuest = useWatch({ control: form.control, name: 'sendToGuest' });
  const purpose = useWatch({ control: form.control, name: 'purpose' }) ?? 'deposit';
  const collect = useWatch({ control: form.control, name: 'collect' }) ?? 'payment';
  const reservationField = form.register('reservationId');
  const reservationId = useWatch({ control: form.control, name: 'reservationId' }) ?? '';
  const duplicateWarning =
    duplicate && duplicate.reservationId === reservationId ? duplicate.message : null;

  // "Send payment link" on another reservation of the customer page: the form follows it.
  useEffect(() => {
    if (picked || !selectedReservationId) return;
    const reservation = preselectedReservation(reservations, selectedReservationId);
    if (!reservation) return;
    form.setValue('reservationId', reservation.id);
    form.setValue('createAnyway', false);
    const dueNow = dueAmountText(reservation, currencies);
    if (dueNow) {
      form.setValue('amount', dueNow.amount);
      form.setValue('currency', dueNow.currency);
    }
  }, [picked, selectedReservationId, reservations, currencies, form]);

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
        const warning = result.error.fieldErrors?.createAnyway?.[0];
        if (warning) {
          // Not a failure: a question. The warning and its "Create anyway" box answer it.
          setDuplicate({ reservationId: values.reservationId ?? '', message: warning });
          setProblem(null);
          return;
        }
        setProblem(result.error.message);
        applyFieldErrors(result, form.setError as never, [
          'purpose',
          'collect',
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
      setDuplicate(null);
      form.reset({ ...form.getValues(), amount: '', description: '', createAnyway: false });
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
        <Field id="link-purpose" label="What the link is for" error={errors.purpose?.message}>
          <select id="link-purpose" className={styles.input} {...form.register('purpose')}>
            {LINK_PURPOSE_VALUES.map((purpose) => (
              <option key={purpose} value={purpose}>
                {LINK_PURPOSE_LABEL[purpose]}
              </option>
            ))}
          </select>
        </Field>
        {holdsAvailable ? (
          <div className={styles.field}>
            <label className={styles.checkbox} htmlFor="link-hold">
              <input
                id="link-hold"
                type="checkbox"
                aria-describedby="link-hold-hint"
                checked={collect === 'hold'}
                onChange={(event) =>
                  form.setValue('collect', event.target.checked ? 'hold' : 'payment', {
                    shouldDirty: true,
                  })
                }
              />
              Ask for a hold on the card (Mews preauthorization) instead of a payment
            </label>
            <p className={styles.hint} id="link-hold-hint">
              The guest&apos;s card is held for the amount, nothing is charged; capturing or
              releasing the hold is done in Mews Operations.
            </p>
            {errors.collect?.message ? (
              <p className={styles.error} role="alert">
                {errors.collect.message}
              </p>
            ) : null}
          </div>
        ) : null}
        {picked ? (
          <p className={linkStyles.pickedFor} data-testid="link-form-for">
            For {picked.guestName ?? 'the guest'}
            {picked.number ? `, reservation ${picked.number}` : ' (no reservation)'}
          </p>
        ) : reservations ? (
          <Field id="link-reservation" label="Reservation" error={errors.reservationId?.message}>
            <select
              id="link-reservation"
              className={styles.input}
              aria-invalid={errors.reservationId ? true : undefined}
              aria-describedby={describedBy('link-reservation', errors.reservationId)}
              {...reservationField}
              onChange={(event) => {
                void reservationField.onChange(event);
                form.setValue('createAnyway', false);
                const dueNow = dueAmountText(
                  reservations.find((reservation) => reservation.id === event.target.value),
                  currencies,
                );
                if (dueNow) {
                  form.setValue('amount', dueNow.amount);
                  form.setValue('currency', dueNow.currency);
                }
              }}
            >
              <option value="">No reservation</option>
              {reservations.map((reservation: ReservationOption) => (
                <option key={reservation.id} value={reservation.id}>
                  {reservationLabel(reservation)}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field
            id="link-reservation"
            label="Reservation id (optional)"
            error={errors.reservationId?.message}
          >
            <TextInput
              id="link-reservation"
              error={errors.reservationId}
              autoComplete="off"
              {...reservationField}
            />
          </Field>
        )}
        <div className={styles.field}>
          <label className={styles.checkbox} htmlFor="link-keep-open">
            <input
              id="link-keep-open"
              type="checkbox"
              aria-describedby="link-keep-open-hint"
              {...form.register('keepOpenWhenSiblingPaid')}
            />
            Keep this link open even if another link for this reservation is paid
          </label>
          <p className={styles.hint} id="link-keep-open-hint">
            Otherwise, once another {LINK_PURPOSE_LABEL[purpose].toLowerCase()} link for the same
            reservation is paid, this one closes and a guest it was e-mailed to is told.
          </p>
        </div>
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
        {duplicateWarning ? (
          <div className={linkStyles.warning} role="alert" data-testid="duplicate-link-warning">
            <p className={linkStyles.warningText}>{duplicateWarning}.</p>
            <p className={styles.hint}>
              A second link can collect the same money twice. Create it only if the guest is to pay
              again.
            </p>
            <label className={styles.checkbox} htmlFor="link-create-anyway">
              <input id="link-create-anyway" type="checkbox" {...form.register('createAnyway')} />
              Create anyway
            </label>
          </div>
        ) : null}
        <SubmitButton pending={pending} pendingLabel="Creating…">
          {collect === 'hold' ? 'Create hold link' : 'Create payment link'}
        </SubmitButton>
        {problem ? (
          <p className={styles.alert} role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      {created ? (
        <section
          className={`${styles.success} ${linkStyles.created}`}
          aria-labelledby="created-link-heading"
          data-testid="created-link"
        >
          <h3 id="created-link-heading" className={linkStyles.createdHeading}>
            {created.link.collect === 'hold' ? 'Hold link' : 'Link'} for{' '}
            {money(created.link.amountMinor, created.link.currency)}
            {created.link.guestName ? ` for ${created.link.guestName}` : ''} (expires{' '}
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
            {created.emailed
              ? 'The links list can show this address and its QR code again, and send the e-mail again.'
              : 'Copy it now: only a fingerprint of the link is stored. Showing it again later gives it a new address, and this one stops working.'}
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
