'use client';

import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  Controller,
  useForm,
  type FieldErrors,
  type Resolver,
  type ResolverResult,
} from 'react-hook-form';
import {
  CardNumberLabel,
  DetectedCardBrand,
  SecureFieldBox,
} from '@/components/secure-card-fields';
import type { CardDetails, TokenizedCard } from '@/lib/card-capture/card-details';
// The rules without zod: importing them from ./card-details would bring zod to the pay page.
import { cardholderNameProblem, expiryProblem } from '@/lib/card-capture/card-details-rules';
import { GUEST_CARD_FIELD_IDS } from '@/lib/card-capture/secure-fields-setup';
import { useSecureFields, type SecureFieldsIncomplete } from '@/lib/card-capture/use-secure-fields';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import type { ActionResult } from '@/lib/server/action-result';
import type { AttemptStatus, CardPaymentAnswer } from '@/lib/payments/guest/types';
import styles from './guest.module.css';
import { PrintButton } from './print-button';
import { ReceiptEmailForm } from './receipt-email-form';

/**
 * The receipt's two interactive parts, in the card form's own chunk (about 1 kB gzip): the receipt
 * that comes in the payment's answer then renders at once instead of first fetching them. Only the
 * card form's answer carries a receipt, so a Mews Payments Checkout page does without them.
 */
export const RECEIPT_CLIENT_PARTS = [PrintButton, ReceiptEmailForm] as const;

const CARD_NUMBER_ELEMENT_ID = GUEST_CARD_FIELD_IDS.cardNumber;
const CVV_ELEMENT_ID = GUEST_CARD_FIELD_IDS.cvv;

type PaymentFailure = Extract<ActionResult<AttemptStatus>, { ok: false }>['error'];

/** What the form sends: app/pay/[token]/pay-by-card-action, handed down by the page. */
export type PayByCard = (input: {
  token: string;
  idempotencyKey: string;
  cardholderName: string;
  expiry: string;
  card: TokenizedCard;
  policyAccepted?: boolean;
  policyVersion?: number;
}) => Promise<CardPaymentAnswer>;

export interface CardPaymentFormProps {
  token: string;
  payByCard: PayByCard;
  /** A paid link's receipt, rendered by the server in the payment's answer. */
  onReceipt: (receipt: ReactNode, title?: string) => void;
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

/**
 * The form's validation: the same rule functions the server's zod schema is built from
 * (lib/card-capture/card-details), without zod in the browser, so the check is there with the
 * page and costs the guest nothing to download on the first keystroke. The server checks again
 * with the schema and answers with the same keys.
 */
const cardDetailsResolver: Resolver<CardDetails> = async (
  values,
): Promise<ResolverResult<CardDetails>> => {
  const cardholderName = (values.cardholderName ?? '').trim();
  const expiry = (values.expiry ?? '').trim();
  const errors: FieldErrors<CardDetails> = {};
  const nameProblem = cardholderNameProblem(cardholderName);
  if (nameProblem) errors.cardholderName = { type: 'validate', message: nameProblem };
  const expiryFault = expiryProblem(expiry, new Date());
  if (expiryFault) errors.expiry = { type: 'validate', message: expiryFault };
  if (nameProblem || expiryFault) return { values: {}, errors };
  return { values: { cardholderName, expiry }, errors: {} };
};

/** "1227" → "12/27" as the guest types, so the expiry needs no separator typed. */
function formatExpiryInput(raw: string): string {
  if (raw.includes('/')) return raw.replace(/[^\d/ ]/g, '').slice(0, 7);
  const digits = raw.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/**
 * The card form: cardholder name and expiry in our inputs (validated by the same rules as
 * the server), card number and CVV in the Secure Fields iframes. One idempotency key per attempt,
 * created with the form and kept across double clicks and retries of the same submission, so the
 * server answers a repeat with the first attempt instead of charging again.
 */
export function CardPaymentForm({
  token,
  payByCard,
  onReceipt,
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
  const [invalid, setInvalid] = useState<SecureFieldsIncomplete | undefined>(undefined);
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
  });

  const form = useForm<CardDetails>({
    resolver: cardDetailsResolver,
    defaultValues: { cardholderName: '', expiry: '' },
    mode: 'onTouched',
    // The first field to fix gets the focus from `pay`, which knows the card fields too.
    shouldFocusError: false,
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
      let answer: CardPaymentAnswer;
      try {
        answer = await payByCard({
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
      const result = answer.result;
      if (result.ok) {
        if (answer.receipt) {
          onReceipt(answer.receipt, answer.title);
          return;
        }
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
  /**
   * Pay: every field is checked at once, ours by the card-details rules and the card number and CVV as
   * Secure Fields last reported them, so an empty form shows all four problems in one go (not
   * expiry and name first, and the card fields only on the next try). The focus goes to the first
   * field to fix, in the order they appear. Only a form with nothing left to fix is tokenized; the
   * library validates the card fields once more then, and anything it refuses is shown the same way.
   */
  const pay = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    // Nothing is sent (nor the card tokenized) until the policy is accepted; the fields are still
    // checked, so the guest sees everything left to do at once (the policy keeps the focus).
    const policyAccepted = beforeSubmit ? beforeSubmit() : true;
    const cardFields = secureFields.incomplete();
    // Validated as a submit (not a bare trigger): after it, each error clears as the guest types
    // its fix (re-validation on change), so no message vanishes under the pointer on the way to Pay.
    let formValid = false;
    await form.handleSubmit(
      () => {
        formValid = true;
      },
      () => {
        formValid = false;
      },
    )();
    const cardFieldsValid = !cardFields.cardNumber && !cardFields.cvv;
    setInvalid(cardFieldsValid ? undefined : cardFields);
    if (!formValid || !cardFieldsValid) {
      if (policyAccepted) focusFirstInvalid(cardFields);
      return;
    }
    if (!policyAccepted) return;
    await submit(form.getValues());
  };

  const focusFirstInvalid = (cardFields: SecureFieldsIncomplete) => {
    // getFieldState reads the errors the trigger just set (formState is this render's snapshot).
    const invalidNow = (name: 'expiry' | 'cardholderName') => form.getFieldState(name).invalid;
    if (cardFields.cardNumber) secureFields.focus('cardNumber');
    else if (invalidNow('expiry')) form.setFocus('expiry');
    else if (cardFields.cvv) secureFields.focus('cvv');
    else if (invalidNow('cardholderName')) form.setFocus('cardholderName');
  };

  const ready = secureFields.status === 'ready';
  // A card field flagged by the last Pay stays flagged until Secure Fields finds it valid.
  const cardInvalid = {
    cardNumber: invalid?.cardNumber === true && secureFields.fields.cardNumber?.valid !== true,
    cvv: invalid?.cvv === true && secureFields.fields.cvv?.valid !== true,
  };
  const unavailable = secureFields.status === 'unavailable';

  return (
    <form
      className={styles.form}
      onSubmit={(event) => void pay(event)}
      noValidate
      aria-describedby={problem ? 'card-problem' : undefined}
    >
      <div className={styles.field}>
        <CardNumberLabel
          handle={secureFields}
          elementId={CARD_NUMBER_ELEMENT_ID}
          label={t('card.cardNumber')}
          acceptedLabel={t('card.acceptedCards')}
          className={styles.label}
        />
        <SecureFieldBox
          handle={secureFields}
          field="cardNumber"
          elementId={CARD_NUMBER_ELEMENT_ID}
          inputClassName={styles.input}
          invalid={cardInvalid.cardNumber}
          errorId={`${CARD_NUMBER_ELEMENT_ID}-error`}
        >
          <DetectedCardBrand handle={secureFields} />
        </SecureFieldBox>
        {cardInvalid.cardNumber ? (
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
          <SecureFieldBox
            handle={secureFields}
            field="cvv"
            elementId={CVV_ELEMENT_ID}
            inputClassName={styles.input}
            invalid={cardInvalid.cvv}
            errorId={`${CVV_ELEMENT_ID}-error`}
          />
          {cardInvalid.cvv ? (
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
