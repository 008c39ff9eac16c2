'use client';

import { useRef, useState, type FormEvent } from 'react';
import { Controller, useForm, type Resolver } from 'react-hook-form';
import type { CardDetails } from '@/lib/card-capture/card-details';
import { useSecureFields } from '@/lib/card-capture/use-secure-fields';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import type { ActionResult } from '@/lib/server/action-result';
import type { AttemptStatus } from '@/lib/payments/guest/types';
import { submitCardPaymentAction } from '@/lib/payments/guest/actions';
import styles from './guest.module.css';

export const CARD_NUMBER_ELEMENT_ID = 'card-number';
export const CVV_ELEMENT_ID = 'card-cvv';

type PaymentFailure = Extract<ActionResult<AttemptStatus>, { ok: false }>['error'];

export interface CardPaymentFormProps {
  token: string;
  merchantId: string;
  scriptUrl: string;
  amountLabel: string;
  onAttempt: (attempt: AttemptStatus) => void;
  onError: (error: PaymentFailure) => void;
  /** Cleared when the guest starts a new submission. */
  onSubmitStart: () => void;
  /** Checks what the form does not hold (the deposit policy tick); false stops the payment. */
  beforeSubmit?: () => boolean;
  /** Sent with the payment: the guest's answer to the hotel's deposit policy. */
  policyAnswer?: { policyAccepted?: boolean; policyVersion?: number };
}

// Styles live inside the PCI Proxy iframes (our stylesheet cannot reach them): keep them in step
// with the inputs around them. System fonts only; web fonts cannot be loaded into the frames.
const IFRAME_STYLES: Record<string, string> = {
  '*': "font-size: 16px; color: #14171f; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; padding: 0.6rem 0.75rem; height: 100%;",
  '*::placeholder': 'color: #6b7280;',
};

/**
 * The form's validation: the server's own zod schema (lib/card-capture/card-details) through
 * zodResolver, fetched when the guest first touches the form rather than with the page. zod is the
 * largest part of the pay page's own JavaScript (26 kB gzip with the resolver) and nothing on
 * screen needs it before the guest types, so the page is usable sooner on a slow phone. Should the
 * code fail to load, the form sends the details as they are and the server, checking with the same
 * schema, answers with the same field errors.
 */
let cardDetailsValidation: Promise<Resolver<CardDetails>> | undefined;

function loadCardDetailsValidation(): Promise<Resolver<CardDetails>> {
  cardDetailsValidation ??= Promise.all([
    import('@hookform/resolvers/zod'),
    import('@/lib/card-capture/card-details'),
  ]).then(
    ([{ zodResolver }, { cardDetailsSchema }]) => zodResolver(cardDetailsSchema()),
    (error: unknown) => {
      cardDetailsValidation = undefined;
      throw error;
    },
  );
  return cardDetailsValidation;
}

const cardDetailsResolver: Resolver<CardDetails> = async (values, context, options) => {
  let resolver: Resolver<CardDetails>;
  try {
    resolver = await loadCardDetailsValidation();
  } catch {
    return { values, errors: {} };
  }
  return resolver(values, context, options);
};

/** "1227" → "12/27" as the guest types, so the expiry needs no separator typed. */
function formatExpiryInput(raw: string): string {
  if (raw.includes('/')) return raw.replace(/[^\d/ ]/g, '').slice(0, 7);
  const digits = raw.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/**
 * The card form: cardholder name and expiry in our inputs (validated with the same zod schema as
 * the server), card number and CVV in the Secure Fields iframes. One idempotency key per attempt,
 * created with the form and kept across double clicks and retries of the same submission, so the
 * server answers a repeat with the first attempt instead of charging again.
 */
export function CardPaymentForm({
  token,
  merchantId,
  scriptUrl,
  amountLabel,
  onAttempt,
  onError,
  onSubmitStart,
  beforeSubmit,
  policyAnswer,
}: CardPaymentFormProps) {
  const t = useGuestTranslations();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<{ cardNumber: boolean; cvv: boolean } | undefined>(
    undefined,
  );
  const inFlight = useRef(false);

  const secureFields = useSecureFields({
    scriptUrl,
    merchantId,
    cardNumberElementId: CARD_NUMBER_ELEMENT_ID,
    cvvElementId: CVV_ELEMENT_ID,
    labels: {
      cardNumber: t('card.cardNumber'),
      cvv: t('card.cvv'),
      cardNumberPlaceholder: '1234 1234 1234 1234',
      cvvPlaceholder: t('card.cvvPlaceholder'),
    },
    styles: IFRAME_STYLES,
  });

  const form = useForm<CardDetails>({
    resolver: cardDetailsResolver,
    defaultValues: { cardholderName: '', expiry: '' },
    mode: 'onTouched',
  });
  const { errors } = form.formState;

  const translate = (key: string | undefined) => {
    if (!key) return undefined;
    return t.has(key) ? t(key) : t('errors.invalid_input');
  };

  const submit = async (values: { cardholderName: string; expiry: string }) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setProblem(null);
    setInvalid(undefined);
    onSubmitStart();
    try {
      const [month = '', year = ''] = values.expiry.split('/').map((part) => part.trim());
      const tokenized = await secureFields.tokenize({ month, year });
      if (tokenized.kind === 'invalid') {
        setInvalid(tokenized.invalid);
        secureFields.focus(tokenized.invalid.cardNumber ? 'cardNumber' : 'cvv');
        return;
      }
      if (tokenized.kind === 'error') {
        setProblem(t('card.tokenizeFailed'));
        return;
      }
      let result: ActionResult<AttemptStatus>;
      try {
        result = await submitCardPaymentAction({
          token,
          idempotencyKey,
          cardholderName: values.cardholderName,
          expiry: values.expiry,
          card: tokenized.card,
          ...policyAnswer,
        });
      } catch {
        // We cannot know whether the server got it: the same key makes pressing Pay again safe.
        setProblem(t('card.networkProblem'));
        return;
      }
      if (result.ok) {
        // A final failure ends this attempt: the next try (maybe another card) is a new attempt.
        if (result.data.state === 'failed' || result.data.state === 'canceled')
          setIdempotencyKey(crypto.randomUUID());
        onAttempt(result.data);
        return;
      }
      const fieldErrors = result.error.fieldErrors ?? {};
      for (const field of ['cardholderName', 'expiry'] as const) {
        const message = fieldErrors[field]?.[0];
        if (message) form.setError(field, { message });
      }
      onError(result.error);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };
  const pay = (event: FormEvent<HTMLFormElement>) => {
    if (inFlight.current) {
      event.preventDefault();
      return;
    }
    if (beforeSubmit && !beforeSubmit()) {
      // Nothing is sent (nor the card tokenized) until the policy is accepted; the fields are
      // still checked, so the guest sees everything left to do at once.
      event.preventDefault();
      void form.trigger();
      return;
    }
    void form.handleSubmit(submit)(event);
  };

  const ready = secureFields.status === 'ready';
  const unavailable = secureFields.status === 'unavailable';

  return (
    <form
      className={styles.form}
      onSubmit={pay}
      // The guest is about to type: have the validation ready before the first field is left.
      onFocus={() => void loadCardDetailsValidation().catch(() => undefined)}
      onPointerDown={() => void loadCardDetailsValidation().catch(() => undefined)}
      noValidate
      aria-describedby={problem ? 'card-problem' : undefined}
    >
      <div className={styles.field}>
        <span
          className={styles.label}
          id={`${CARD_NUMBER_ELEMENT_ID}-label`}
          onClick={() => secureFields.focus('cardNumber')}
        >
          {t('card.cardNumber')}
          {secureFields.fields.cardNumber?.paymentMethod ? (
            <span className={styles.brand} data-testid="card-brand">
              {secureFields.fields.cardNumber.paymentMethod}
            </span>
          ) : null}
        </span>
        <div
          id={CARD_NUMBER_ELEMENT_ID}
          className={`${styles.iframeBox} ${invalid?.cardNumber ? styles.inputInvalid : ''}`}
          role="group"
          aria-labelledby={`${CARD_NUMBER_ELEMENT_ID}-label`}
          aria-describedby={invalid?.cardNumber ? `${CARD_NUMBER_ELEMENT_ID}-error` : undefined}
        />
        {invalid?.cardNumber ? (
          <p className={styles.fieldError} id={`${CARD_NUMBER_ELEMENT_ID}-error`}>
            {t('card.cardNumberInvalid')}
          </p>
        ) : null}
      </div>

      <div className={styles.row}>
        <div className={styles.field}>
          <label className={styles.label} htmlFor="card-expiry">
            {t('card.expiry')}
          </label>
          <Controller
            control={form.control}
            name="expiry"
            render={({ field }) => (
              <input
                id="card-expiry"
                className={`${styles.input} ${errors.expiry ? styles.inputInvalid : ''}`}
                name={field.name}
                ref={field.ref}
                value={field.value}
                onBlur={field.onBlur}
                onChange={(event) => field.onChange(formatExpiryInput(event.target.value))}
                inputMode="numeric"
                autoComplete="cc-exp"
                placeholder={t('card.expiryPlaceholder')}
                maxLength={7}
                aria-invalid={errors.expiry ? true : undefined}
                aria-describedby={errors.expiry ? 'card-expiry-error' : 'card-expiry-hint'}
              />
            )}
          />
          {errors.expiry ? (
            <p className={styles.fieldError} id="card-expiry-error">
              {translate(errors.expiry.message)}
            </p>
          ) : (
            <p className={styles.visuallyHidden} id="card-expiry-hint">
              {t('card.expiryHint')}
            </p>
          )}
        </div>
        <div className={styles.field}>
          <span
            className={styles.label}
            id={`${CVV_ELEMENT_ID}-label`}
            onClick={() => secureFields.focus('cvv')}
          >
            {t('card.cvv')}
          </span>
          <div
            id={CVV_ELEMENT_ID}
            className={`${styles.iframeBox} ${invalid?.cvv ? styles.inputInvalid : ''}`}
            role="group"
            aria-labelledby={`${CVV_ELEMENT_ID}-label`}
            aria-describedby={invalid?.cvv ? `${CVV_ELEMENT_ID}-error` : undefined}
          />
          {invalid?.cvv ? (
            <p className={styles.fieldError} id={`${CVV_ELEMENT_ID}-error`}>
              {t('card.cvvInvalid')}
            </p>
          ) : null}
        </div>
      </div>

      <div className={styles.field}>
        <label className={styles.label} htmlFor="card-name">
          {t('card.cardholderName')}
        </label>
        <input
          id="card-name"
          className={`${styles.input} ${errors.cardholderName ? styles.inputInvalid : ''}`}
          autoComplete="cc-name"
          autoCapitalize="words"
          spellCheck={false}
          aria-invalid={errors.cardholderName ? true : undefined}
          aria-describedby={errors.cardholderName ? 'card-name-error' : undefined}
          {...form.register('cardholderName')}
        />
        {errors.cardholderName ? (
          <p className={styles.fieldError} id="card-name-error">
            {translate(errors.cardholderName.message)}
          </p>
        ) : null}
      </div>

      <p className={styles.fieldsStatus} role="status" aria-live="polite">
        {secureFields.status === 'loading'
          ? t('card.loading')
          : unavailable
            ? t('card.unavailable')
            : ''}
      </p>

      {problem ? (
        <p className={styles.alert} id="card-problem" role="alert">
          {problem}
        </p>
      ) : null}

      <button
        type="submit"
        data-testid="pay-button"
        className={styles.payButton}
        disabled={!ready || submitting}
        aria-busy={submitting || undefined}
      >
        {submitting ? (
          <>
            <span className={styles.spinner} aria-hidden="true" />
            {t('card.processing')}
          </>
        ) : (
          t('card.pay', { amount: amountLabel })
        )}
      </button>
    </form>
  );
}
