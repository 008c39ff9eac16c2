'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { removeLogoAction, updatePropertyAction } from '@/lib/payments/property/actions';
import { AA_CONTRAST, buttonTextOn, HEX_COLOR } from '@/lib/payments/property/colors';
import {
  contrastFigure,
  MAX_POLICY_LENGTH,
  propertySettingsSchema,
  type PropertySettings,
  type PropertySettingsInput,
} from '@/lib/payments/property/schemas';
import type { PropertySettingsView as Settings } from '@/lib/payments/property/settings';
import type { ActionResult } from '@/lib/server/action-result';
import { handleSessionLoss } from './fetch-staff';
import { Field, SubmitButton, TextInput } from './fields';
import { dateTime } from './format';
import local from './property-settings.module.css';
import styles from './staff.module.css';

/** The default look's button colour (the guest pages' own accent), shown when no colour is set. */
const DEFAULT_BRAND = '#1d4ed8';
const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const ACCEPTED_LOGO_TYPES = 'image/png,image/jpeg,image/webp';

type Message = { ok: boolean; text: string } | null;

/**
 * The manager's Property settings: the hotel's name, logo, colour, contact, deposit policy and
 * e-mail schedule as guests see them on every page and e-mail. The form checks with the server's
 * own schema; the colour's contrast is shown live, before saving, since a colour the pay button's
 * text would be unreadable on is refused.
 */
export function PropertySettingsView({ settings }: { settings: Settings }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<Message>(null);
  const form = useForm<PropertySettingsInput, unknown, PropertySettings>({
    resolver: zodResolver(propertySettingsSchema),
    defaultValues: settings.values,
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      setMessage(null);
      // What the manager typed, not the parsed values: the server parses it with the same schema.
      const result = handleSessionLoss(await updatePropertyAction(form.getValues()));
      if (!result.ok) {
        for (const [field, problems] of Object.entries(result.error.fieldErrors ?? {})) {
          if (problems[0]) {
            form.setError(field as keyof PropertySettingsInput, { message: problems[0] });
          }
        }
        setMessage({ ok: false, text: result.error.message });
        return;
      }
      const { changed, publishedPolicyVersion } = result.data;
      setMessage({
        ok: true,
        text:
          changed.length === 0
            ? 'Nothing had changed.'
            : publishedPolicyVersion !== null
              ? `Saved. Policy version ${publishedPolicyVersion} is now shown to guests.`
              : 'Saved. Guest pages and e-mails show the change within a few seconds.',
      });
      form.reset(form.getValues());
      router.refresh();
    }),
  );

  const policyDescription = settings.policy
    ? `Version ${settings.policy.version}, published ${dateTime(settings.policy.publishedAt)}${settings.policy.publishedBy ? ` by ${settings.policy.publishedBy}` : ''}.`
    : 'No policy published yet.';

  return (
    <>
      <h1>Property</h1>
      <p className={styles.hint}>
        How guests see the hotel on every payment page and e-mail.
        {settings.updatedAt
          ? ` Last changed ${dateTime(settings.updatedAt)}${settings.updatedBy ? ` by ${settings.updatedBy}` : ''}.`
          : ''}
      </p>
      {message ? (
        <p
          className={message.ok ? styles.success : styles.alert}
          role={message.ok ? 'status' : 'alert'}
          data-testid="property-message"
        >
          {message.text}
        </p>
      ) : null}

      <LogoSection logo={settings.logo} />

      <form className={styles.form} noValidate onSubmit={submit} data-testid="property-form">
        <section className="card" aria-labelledby="identity-heading">
          <h2 id="identity-heading">Name and colour</h2>
          <div className={styles.form}>
            <Field
              id="property-name"
              label="Display name"
              hint={
                settings.mewsName
                  ? `Leave empty to show the name in Mews: “${settings.mewsName}”.`
                  : 'Leave empty to show the name in Mews.'
              }
              error={errors.displayName?.message}
            >
              <TextInput
                id="property-name"
                error={errors.displayName}
                hasHint
                maxLength={80}
                autoComplete="organization"
                placeholder={settings.mewsName ?? undefined}
                {...form.register('displayName')}
              />
            </Field>
            <BrandColorField form={form} error={errors.brandColor?.message} />
          </div>
        </section>

        <section className="card" aria-labelledby="contact-heading">
          <h2 id="contact-heading">Contact</h2>
          <p className={styles.hint}>
            Shown on every guest page, including canceled, expired and unknown links, so a guest
            always knows how to reach the hotel.
          </p>
          <div className={styles.form}>
            <div className={styles.row}>
              <Field id="property-phone" label="Phone" error={errors.phone?.message}>
                <TextInput
                  id="property-phone"
                  error={errors.phone}
                  type="tel"
                  autoComplete="tel"
                  maxLength={40}
                  {...form.register('phone')}
                />
              </Field>
              <Field id="property-email" label="E-mail" error={errors.email?.message}>
                <TextInput
                  id="property-email"
                  error={errors.email}
                  type="email"
                  autoComplete="email"
                  {...form.register('email')}
                />
              </Field>
            </div>
            <Field id="property-website" label="Website" error={errors.website?.message}>
              <TextInput
                id="property-website"
                error={errors.website}
                type="url"
                inputMode="url"
                placeholder="https://"
                {...form.register('website')}
              />
            </Field>
            <Field id="property-address" label="Address" error={errors.address?.message}>
              <textarea
                id="property-address"
                className={styles.input}
                rows={3}
                maxLength={300}
                autoComplete="street-address"
                aria-invalid={errors.address ? true : undefined}
                aria-describedby={errors.address ? 'property-address-error' : undefined}
                {...form.register('address')}
              />
            </Field>
          </div>
        </section>

        <section className="card" aria-labelledby="policy-heading">
          <h2 id="policy-heading">Deposit and cancellation policy</h2>
          <p className={styles.hint} data-testid="policy-version">
            {policyDescription} A changed text is published as a new version; guests who accepted an
            earlier one keep theirs on record.
          </p>
          <div className={styles.form}>
            <Field
              id="property-locale"
              label="Default language"
              hint="Guest pages and e-mails fall back to it, and so does the policy for a language left empty."
              error={errors.defaultLocale?.message}
            >
              <select
                id="property-locale"
                className={styles.input}
                aria-describedby="property-locale-hint"
                {...form.register('defaultLocale')}
              >
                {LOCALES.map((locale) => (
                  <option key={locale} value={locale} lang={locale}>
                    {LOCALE_NAMES[locale]}
                  </option>
                ))}
              </select>
            </Field>
            {LOCALES.map((locale) => {
              const id = `property-policy-${locale}`;
              const error = errors.policyTexts?.[locale]?.message;
              return (
                <Field
                  key={locale}
                  id={id}
                  label={`Policy in ${LOCALE_NAMES[locale]}`}
                  error={error}
                >
                  <textarea
                    id={id}
                    lang={locale}
                    className={`${styles.input} ${local.policy}`}
                    rows={4}
                    maxLength={MAX_POLICY_LENGTH}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    data-testid={id}
                    {...form.register(`policyTexts.${locale}`)}
                  />
                </Field>
              );
            })}
            <div className={styles.field}>
              <label className={local.checkbox} htmlFor="property-policy-required">
                <input
                  id="property-policy-required"
                  type="checkbox"
                  aria-invalid={errors.policyRequired ? true : undefined}
                  aria-describedby={
                    errors.policyRequired
                      ? 'property-policy-required-error'
                      : 'property-policy-required-hint'
                  }
                  {...form.register('policyRequired')}
                />
                Require guests to accept the policy before paying
              </label>
              <p className={styles.hint} id="property-policy-required-hint">
                Guests then tick “I accept the deposit policy”; the version they accepted, when and
                in which language is kept with their payment.
              </p>
              {errors.policyRequired?.message ? (
                <p className={styles.error} id="property-policy-required-error" role="alert">
                  {errors.policyRequired.message}
                </p>
              ) : null}
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="email-heading">
          <h2 id="email-heading">E-mail</h2>
          <div className={styles.form}>
            <Field
              id="property-reminders"
              label="Reminder days before a link expires"
              hint="Up to 3 days between 1 and 30, e.g. 3, 1. Leave empty for no reminders. None are sent after payment or cancellation."
              error={errors.reminderDaysBefore?.message}
            >
              <TextInput
                id="property-reminders"
                error={errors.reminderDaysBefore}
                hasHint
                inputMode="numeric"
                {...form.register('reminderDaysBefore')}
              />
            </Field>
            <Field
              id="property-receipt-copy"
              label="Send a copy of every receipt to"
              hint="Optional: a hotel address, e.g. the front office or accounting."
              error={errors.receiptCopyEmail?.message}
            >
              <TextInput
                id="property-receipt-copy"
                error={errors.receiptCopyEmail}
                hasHint
                type="email"
                autoComplete="off"
                {...form.register('receiptCopyEmail')}
              />
            </Field>
          </div>
        </section>

        <div className={styles.actions}>
          <SubmitButton pending={pending} pendingLabel="Saving…">
            Save property settings
          </SubmitButton>
        </div>
      </form>
    </>
  );
}

/** Colour picker and hex field kept in step, with the pay button as guests would see it. */
function BrandColorField({
  form,
  error,
}: {
  form: ReturnType<typeof useForm<PropertySettingsInput, unknown, PropertySettings>>;
  error?: string;
}) {
  const value = (form.watch('brandColor') ?? '').trim();
  const valid = HEX_COLOR.test(value);
  const color = valid ? value.toLowerCase() : DEFAULT_BRAND;
  const text = buttonTextOn(color);
  const readable = text.contrast >= AA_CONTRAST;
  const hintId = 'property-color-hint';
  const previewId = 'property-color-preview';
  return (
    <Field
      id="property-color"
      label="Brand colour"
      hint="Used for the pay button and the band at the top of guest pages. Leave empty for the default look."
      error={error}
    >
      <div className={local.colorRow}>
        <input
          type="color"
          className={local.colorSwatch}
          aria-label="Pick the brand colour"
          value={color}
          onChange={(event) =>
            form.setValue('brandColor', event.target.value, {
              shouldDirty: true,
              shouldValidate: true,
            })
          }
        />
        <TextInput
          id="property-color"
          error={error}
          placeholder="#1b2a4a"
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={[hintId, previewId, error ? 'property-color-error' : null]
            .filter(Boolean)
            .join(' ')}
          {...form.register('brandColor')}
        />
        {value ? (
          <button
            type="button"
            className={styles.secondary}
            onClick={() =>
              form.setValue('brandColor', '', { shouldDirty: true, shouldValidate: true })
            }
          >
            Use the default
          </button>
        ) : null}
      </div>
      <div className={local.preview} id={previewId} aria-live="polite">
        <span
          className={local.payButton}
          style={{ background: color, color: text.color }}
          data-testid="pay-button-preview"
          data-label="Pay €240.50"
          aria-hidden="true"
        />
        <span className={readable ? styles.hint : styles.error} data-testid="contrast-figure">
          {valid || !value
            ? `Button text contrast ${contrastFigure(text.contrast)} (${text.color === '#ffffff' ? 'white' : 'dark'} text): ${
                readable
                  ? 'meets WCAG AA.'
                  : `below the ${AA_CONTRAST}:1 guests need; this colour cannot be saved. Choose a darker or lighter shade.`
              }`
            : 'Preview shows the default colour until the hex code is complete.'}
        </span>
      </div>
    </Field>
  );
}

interface UploadAnswer {
  ok: boolean;
  error?: { message?: string };
}

/** POSTs the file as the route handler expects it; a network failure is `answer: null`. */
async function postLogo(file: File): Promise<{ status: number; answer: UploadAnswer | null }> {
  const body = new FormData();
  body.append('logo', file);
  try {
    const response = await fetch('/api/staff/property/logo', { method: 'POST', body });
    return {
      status: response.status,
      answer: (await response.json().catch(() => null)) as UploadAnswer | null,
    };
  } catch {
    return { status: 0, answer: null };
  }
}

/** The current logo, a new upload (checked and re-encoded by the server) and removal. */
function LogoSection({ logo }: { logo: Settings['logo'] }) {
  const router = useRouter();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<Message>(null);

  const upload = (file: File) =>
    startTransition(async () => {
      setMessage(null);
      if (file.size > MAX_LOGO_BYTES) {
        setMessage({ ok: false, text: 'The file is larger than 2 MB. Choose a smaller image.' });
        return;
      }
      const { status, answer: result } = await postLogo(file);
      if (status === 401) {
        handleSessionLoss({
          ok: false,
          error: { code: 'unauthenticated', message: 'Sign in again.' },
        });
        return;
      }
      if (result?.ok) {
        setMessage({ ok: true, text: 'Logo uploaded. Guest pages and e-mails now show it.' });
        router.refresh();
      } else {
        setMessage({
          ok: false,
          text: result?.error?.message ?? 'The upload did not go through. Please try again.',
        });
      }
      if (fileInput.current) fileInput.current.value = '';
    });

  const remove = () =>
    startTransition(async () => {
      setMessage(null);
      const result: ActionResult<{ removed: boolean }> = handleSessionLoss(
        await removeLogoAction({}),
      );
      setMessage(
        result.ok
          ? { ok: true, text: 'Logo removed. Guest pages show the hotel name only.' }
          : { ok: false, text: result.error.message },
      );
      router.refresh();
    });

  return (
    <section className="card" aria-labelledby="logo-heading" data-testid="logo-section">
      <h2 id="logo-heading">Logo</h2>
      <div className={local.logoBox}>
        {logo ? (
          // A plain <img>: the logo is already re-encoded and resized on the server.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={logo.url}
            width={logo.width}
            height={logo.height}
            alt="Current logo"
            className={local.logo}
            data-testid="current-logo"
          />
        ) : (
          <p className={styles.hint}>No logo: guest pages show the hotel name only.</p>
        )}
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={inputId}>
          {logo ? 'Replace the logo' : 'Upload a logo'}
        </label>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept={ACCEPTED_LOGO_TYPES}
          className={local.file}
          disabled={pending}
          aria-describedby={`${inputId}-hint`}
          data-testid="logo-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) upload(file);
          }}
        />
        <p className={styles.hint} id={`${inputId}-hint`}>
          PNG, JPEG or WebP, at most 2 MB. It is resized to fit 512×256 pixels and stored without
          its metadata; a transparent background works best. SVG is not accepted.
        </p>
      </div>
      {pending ? (
        <p className={styles.hint} role="status">
          Working…
        </p>
      ) : null}
      {message ? (
        <p
          className={message.ok ? styles.success : styles.alert}
          role={message.ok ? 'status' : 'alert'}
          data-testid="logo-message"
        >
          {message.text}
        </p>
      ) : null}
      {logo ? (
        <div className={styles.actions}>
          <button type="button" className={styles.secondary} disabled={pending} onClick={remove}>
            Remove the logo
          </button>
        </div>
      ) : null}
    </section>
  );
}
