'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { requestReceiptEmailAction } from '@/lib/payments/email/guest-actions';
import { retryAfterSecondsOf } from './messages';
import styles from './guest.module.css';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; email: string }
  | { kind: 'error'; message: string; field: boolean };

/** Just enough to catch a typo before asking the server, which checks the address itself. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "E-mail me a receipt" on the receipt page: one address, one button. The receipt is queued on the
 * server (lib/payments/email) for a paid link only; the page says where it went, or why it could
 * not be sent. The rest of the receipt works without this script.
 */
export function ReceiptEmailForm({ token }: { token: string }) {
  const t = useGuestTranslations('receiptEmail');
  const errors = useGuestTranslations('errors');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (outcome.kind === 'sending') return;
    const email = input.current?.value.trim() ?? '';
    if (!LOOKS_LIKE_EMAIL.test(email)) {
      setOutcome({ kind: 'error', message: t('invalid'), field: true });
      input.current?.focus();
      return;
    }
    setOutcome({ kind: 'sending' });
    try {
      const result = await requestReceiptEmailAction({ token, email });
      if (result.ok) {
        setOutcome({ kind: 'sent', email: result.data.email || email });
        return;
      }
      const seconds = retryAfterSecondsOf(result.error);
      if (seconds !== null)
        setOutcome({ kind: 'error', message: errors('rate_limited', { seconds }), field: false });
      else if (result.error.code === 'invalid_input')
        setOutcome({ kind: 'error', message: t('invalid'), field: true });
      else if (result.error.code === 'too_many_attempts')
        setOutcome({ kind: 'error', message: t('tooMany'), field: false });
      else setOutcome({ kind: 'error', message: t('failed'), field: false });
    } catch {
      setOutcome({ kind: 'error', message: t('failed'), field: false });
    }
  }

  const fieldError = outcome.kind === 'error' && outcome.field;
  return (
    <form
      className={`${styles.receiptEmail} ${styles.noPrint}`}
      onSubmit={send}
      noValidate
      aria-labelledby="receipt-email-heading"
      data-testid="receipt-email"
    >
      <h2 id="receipt-email-heading" className={styles.receiptEmailTitle}>
        {t('title')}
      </h2>
      <div className={styles.receiptEmailRow}>
        <label className={styles.visuallyHidden} htmlFor="receipt-email-address">
          {t('label')}
        </label>
        <input
          ref={input}
          id="receipt-email-address"
          className={`${styles.input} ${fieldError ? styles.inputInvalid : ''}`}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          placeholder={t('placeholder')}
          maxLength={254}
          aria-invalid={fieldError || undefined}
          aria-describedby={outcome.kind === 'error' ? 'receipt-email-problem' : undefined}
        />
        <button
          type="submit"
          className={styles.secondaryButton}
          disabled={outcome.kind === 'sending'}
          aria-busy={outcome.kind === 'sending' || undefined}
        >
          {outcome.kind === 'sending' ? t('sending') : t('send')}
        </button>
      </div>
      <p className={styles.receiptEmailStatus} role="status" aria-live="polite">
        {outcome.kind === 'sent' ? t('sent', { email: outcome.email }) : ''}
      </p>
      {outcome.kind === 'error' ? (
        <p className={styles.fieldError} id="receipt-email-problem" role="alert">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
