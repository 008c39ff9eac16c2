'use client';

import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { useRef, useState } from 'react';
import type { ActionResult } from '@/lib/server/action-result';
import type { AttemptStatus } from '@/lib/payments/guest/types';
import { startIdealPaymentAction } from '@/lib/payments/guest/actions';
import styles from './guest.module.css';

type PaymentFailure = Extract<ActionResult<AttemptStatus>, { ok: false }>['error'];

/**
 * Starts iDEAL and sends the browser to the bank. The attempt (with Mews' payment id) is stored
 * by the server before we leave, so the return page can find it without trusting the redirect.
 */
export function IdealPayment(props: {
  token: string;
  amountLabel: string;
  onAttempt: (attempt: AttemptStatus) => void;
  onError: (error: PaymentFailure) => void;
  onSubmitStart: () => void;
  /** Checks the deposit policy tick (components/guest/payment-panel); false stops the payment. */
  beforeSubmit?: () => boolean;
  policyAnswer?: { policyAccepted?: boolean; policyVersion?: number };
}) {
  const t = useGuestTranslations('ideal');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Mews refused iDEAL for the hotel (or it was just switched off): the server has stopped
  // offering it, so the button goes and the guest reads why next to the other method, if any.
  const [withdrawn, setWithdrawn] = useState(false);
  const inFlight = useRef(false);

  async function start() {
    if (inFlight.current) return;
    if (props.beforeSubmit && !props.beforeSubmit()) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    props.onSubmitStart();
    let leaving = false;
    try {
      const result = await startIdealPaymentAction({
        token: props.token,
        idempotencyKey,
        ...props.policyAnswer,
      });
      if (!result.ok) {
        if (result.error.code === 'method_unavailable') setWithdrawn(true);
        props.onError(result.error);
        return;
      }
      const attempt = result.data;
      if (attempt.state === 'pending' && attempt.redirectUrl) {
        leaving = true;
        window.location.assign(attempt.redirectUrl);
        return;
      }
      if (attempt.state === 'failed' || attempt.state === 'canceled')
        setIdempotencyKey(crypto.randomUUID());
      props.onAttempt(attempt);
    } catch {
      setProblem(t('networkProblem'));
    } finally {
      // While the browser leaves for the bank the button stays disabled.
      if (!leaving) {
        inFlight.current = false;
        setBusy(false);
      }
    }
  }

  if (withdrawn) return null;

  return (
    <div className={styles.form}>
      <p className={styles.muted}>{t('explanation')}</p>
      {problem ? (
        <p className={styles.alert} role="alert">
          {problem}
        </p>
      ) : null}
      <button
        type="button"
        data-testid="ideal-pay-button"
        className={`${styles.payButton} ${styles.idealButton}`}
        onClick={start}
        disabled={busy}
        aria-busy={busy || undefined}
      >
        {busy ? (
          <>
            <span className={styles.spinner} aria-hidden="true" />
            {t('redirecting')}
          </>
        ) : (
          t('pay', { amount: props.amountLabel })
        )}
      </button>
    </div>
  );
}
