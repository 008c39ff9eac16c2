'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/server/action-result';
import type {
  AttemptStatus,
  GuestCheckoutRoute,
  GuestLinkSummary,
} from '@/lib/payments/guest/types';
import { policyProblemOf, type PolicyProblem } from '@/lib/payments/guest/policy-problem';
import type { PayByCard } from './card-payment-form';
import { IdealPayment } from './ideal-payment';
import { errorMessageKey, failureMessageKey, retryAfterSecondsOf } from './messages';
import { useShowReceipt } from './pay-page-body';
import { PaymentProgress } from './payment-progress';
import type { LinkStatus } from './use-link-status';
import styles from './guest.module.css';

/**
 * Mews Payments Checkout's part of the page, fetched only where the route is on: a Secure Fields
 * page carries none of it (the page-weight budget is measured against a bare page).
 */
const MewsCheckout = dynamic(() => import('./mews-checkout').then((module) => module.MewsCheckout));

/**
 * The Secure Fields form (with react-hook-form and the receipt's client parts), likewise in its own
 * chunk: rendered on the server as before, so a card page loads it with its first scripts, and a
 * Mews Payments Checkout page, which has no card form, never downloads it.
 */
const CardPaymentForm = dynamic(() =>
  import('./card-payment-form').then((module) => module.CardPaymentForm),
);

type PaymentFailure = Extract<ActionResult<AttemptStatus>, { ok: false }>['error'];
type Notice = {
  key: string;
  reason?: string;
  values?: Record<string, number>;
  /** The failed attempt the notice explains. */
  attemptId?: string;
};

type Phase =
  | { kind: 'choose' }
  | { kind: 'confirming'; attempt: AttemptStatus | null; scope: string }
  | { kind: 'done' };

export interface PaymentPanelProps {
  token: string;
  /** The card payment with its receipt in the answer (app/pay/[token]/pay-by-card-action). */
  payByCard: PayByCard;
  hotelName: string;
  amountLabel: string;
  card: GuestLinkSummary['card'];
  idealAvailable: boolean;
  /** Mews Payments Checkout instead of the card and iDEAL forms (components/guest/mews-checkout). */
  checkout?: GuestCheckoutRoute | null;
  activeAttempt: AttemptStatus | null;
  lastFailure: AttemptStatus | null;
  /** The hotel's current deposit policy, when it has one; `required`: it must be accepted to pay. */
  policy: { version: number; required: boolean } | null;
  /** The policy's text, rendered on the server (components/guest/policy-text). */
  policyText?: ReactNode;
}

/** What a payment request says about the policy (lib/payments/guest/schemas). */
export interface PolicyAnswer {
  policyAccepted?: boolean;
  policyVersion?: number;
}

/**
 * The interactive part of the pay page: method choice, the card form or the iDEAL button, and the
 * truthful result of an attempt (paid → receipt, failed → why and try again, anything else →
 * "we are confirming, do not pay again" while the status is polled).
 */
export function PaymentPanel(props: PaymentPanelProps) {
  const t = useGuestTranslations();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>(() =>
    props.activeAttempt
      ? { kind: 'confirming', attempt: props.activeAttempt, scope: props.activeAttempt.attemptId }
      : { kind: 'choose' },
  );
  // A guest back from the bank after an iDEAL payment that did not go through ("Try again" on the
  // return page) is trying iDEAL again: open on iDEAL, not on the card form.
  const [method, setMethod] = useState<'card' | 'ideal'>(() =>
    !props.card.available || (props.lastFailure?.method === 'ideal' && props.idealAvailable)
      ? 'ideal'
      : 'card',
  );
  const [notice, setNotice] = useState<Notice | null>(() =>
    props.lastFailure ? failureNotice(props.lastFailure) : null,
  );
  // The version the guest ticked: a newer policy (after a refresh) is unticked by itself.
  const [acceptedVersion, setAcceptedVersion] = useState<number | null>(null);
  const [policyProblem, setPolicyProblem] = useState<PolicyProblem | null>(null);
  const policyCheckbox = useRef<HTMLInputElement>(null);
  const policy = props.policy;
  const mustAccept = policy?.required === true;
  const accepted = mustAccept && acceptedVersion === policy.version;
  const policyAnswer: PolicyAnswer = mustAccept
    ? { policyAccepted: accepted, policyVersion: policy.version }
    : {};

  /** Before a payment is sent: a required policy must be ticked; else the guest is told and taken there. */
  const ensurePolicyAccepted = useCallback((): boolean => {
    if (!mustAccept || accepted) return true;
    setPolicyProblem('policy_not_accepted');
    policyCheckbox.current?.focus();
    return false;
  }, [mustAccept, accepted]);

  const showReceipt = useCallback(() => {
    setPhase({ kind: 'done' });
    router.refresh();
  }, [router]);
  const showReceiptInPlace = useShowReceipt();
  const onReceipt = useCallback(
    (receipt: ReactNode, title?: string) => {
      if (showReceiptInPlace) showReceiptInPlace(receipt, title);
      else showReceipt();
    },
    [showReceiptInPlace, showReceipt],
  );

  const onAttempt = useCallback(
    (attempt: AttemptStatus) => {
      if (attempt.state === 'succeeded') showReceipt();
      else if (attempt.state === 'failed' || attempt.state === 'canceled') {
        setNotice(failureNotice(attempt));
        setPhase({ kind: 'choose' });
      } else setPhase({ kind: 'confirming', attempt, scope: `${attempt.attemptId}-${Date.now()}` });
    },
    [showReceipt],
  );

  const onError = useCallback(
    (error: PaymentFailure) => {
      const problem = policyProblemOf(error);
      if (problem) {
        // Refused before anything was written. A changed (or newly required) policy is loaded
        // again for the guest to read; their tick was for the old one.
        setAcceptedVersion(null);
        setPolicyProblem(problem);
        if (problem === 'policy_changed' || !mustAccept) {
          if (!mustAccept) setNotice({ key: 'policy.changed' });
          router.refresh();
        }
        policyCheckbox.current?.focus();
        return;
      }
      switch (error.code) {
        case 'method_unavailable':
          if (props.checkout) {
            // Mews refused the checkout for this hotel: the page is rendered again, with the
            // card form when the hotel has one.
            setNotice({ key: 'checkout.unavailable' });
            router.refresh();
            return;
          }
          setNotice({ key: errorMessageKey(error.code) });
          return;
        case 'payment_in_progress':
          setPhase({ kind: 'confirming', attempt: null, scope: `in-progress-${Date.now()}` });
          return;
        case 'link_paid':
        case 'link_expired':
        case 'link_canceled':
        case 'link_not_found':
        case 'conflict':
          // The link changed under us: the server-rendered page says what it is now.
          showReceipt();
          return;
        default: {
          const seconds = retryAfterSecondsOf(error);
          setNotice(
            seconds === null
              ? { key: errorMessageKey(error.code) }
              : { key: 'errors.rate_limited', values: { seconds } },
          );
        }
      }
    },
    [showReceipt, mustAccept, router, props.checkout],
  );

  const onSettled = useCallback(
    (status: LinkStatus) => {
      const attempt = status.attempt;
      if (
        status.linkState === 'paid' ||
        attempt?.state === 'succeeded' ||
        status.linkState !== 'open'
      ) {
        showReceipt();
        return;
      }
      if (attempt && (attempt.state === 'failed' || attempt.state === 'canceled'))
        setNotice(failureNotice(attempt));
      setPhase({ kind: 'choose' });
      // The checkout's request may have moved on meanwhile: the server says where it is now.
      if (props.checkout) router.refresh();
    },
    [showReceipt, props.checkout, router],
  );

  const clearNotice = useCallback(() => {
    setNotice(null);
    setPolicyProblem(null);
  }, []);

  if (phase.kind === 'done') {
    return (
      <section className={styles.panel} aria-live="polite">
        <p className={styles.noticeTitle}>
          <span className={styles.spinner} aria-hidden="true" />
          {t('pay.loadingResult')}
        </p>
      </section>
    );
  }

  if (phase.kind === 'confirming') {
    return (
      <PaymentProgress
        token={props.token}
        hotelName={props.hotelName}
        attempt={phase.attempt}
        scope={phase.scope}
        onSettled={onSettled}
      />
    );
  }

  const checkout = props.checkout ?? null;
  const both = !checkout && props.card.available && props.idealAvailable;
  const none = !checkout && !props.card.available && !props.idealAvailable;

  const policyTick =
    mustAccept && !none ? (
      <div className={styles.policyAccept}>
        <label className={styles.checkbox}>
          <input
            ref={policyCheckbox}
            type="checkbox"
            checked={accepted}
            onChange={(event) => {
              setAcceptedVersion(event.target.checked ? policy.version : null);
              if (event.target.checked) setPolicyProblem(null);
            }}
            aria-invalid={policyProblem ? true : undefined}
            aria-describedby={policyProblem ? 'policy-problem' : undefined}
            data-testid="policy-accept"
          />
          <span>{t('policy.accept')}</span>
        </label>
        {policyProblem ? (
          <p className={styles.fieldError} id="policy-problem" role="alert">
            {t(policyProblem === 'policy_changed' ? 'policy.changed' : 'policy.required')}
          </p>
        ) : null}
      </div>
    ) : null;

  return (
    <section className={styles.panel} aria-labelledby="pay-heading">
      <h2 id="pay-heading" className={styles.panelTitle}>
        {checkout
          ? t(checkout.hold ? 'checkout.holdTitle' : 'checkout.title', {
              amount: props.amountLabel,
            })
          : both
            ? t('pay.chooseMethod')
            : method === 'card'
              ? t('pay.payByCard')
              : t('pay.payByIdeal')}
      </h2>

      {notice ? (
        <div
          className={`${styles.notice} ${styles.noticeError}`}
          role="alert"
          data-testid="payment-failure"
        >
          <p>{t(notice.key, notice.values)}</p>
          {notice.reason ? (
            <p className={styles.reason}>{t('failure.reason', { reason: notice.reason })}</p>
          ) : null}
        </div>
      ) : null}

      {none ? (
        <p className={styles.muted}>{t('pay.noMethods', { hotel: props.hotelName })}</p>
      ) : null}

      {props.policyText ?? null}
      {checkout ? (
        <MewsCheckout
          token={props.token}
          hotelName={props.hotelName}
          checkout={checkout}
          // Asked where a request is about to be made; accepted once, it is stored with it.
          policyCheckbox={policyTick}
          policyAnswer={policyAnswer}
          beforeStart={ensurePolicyAccepted}
          onStart={clearNotice}
          onError={onError}
          onAttempt={onAttempt}
          onPaid={showReceipt}
          knownFailureId={notice?.attemptId ?? null}
        />
      ) : (
        policyTick
      )}

      {both ? (
        <fieldset className={styles.methods} aria-labelledby="pay-heading">
          {(['card', 'ideal'] as const).map((value) => (
            <label
              key={value}
              className={`${styles.method} ${method === value ? styles.methodSelected : ''}`}
            >
              <input
                type="radio"
                name="method"
                value={value}
                checked={method === value}
                onChange={() => setMethod(value)}
              />
              <span>{value === 'card' ? t('pay.methodCard') : t('pay.methodIdeal')}</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {!checkout && !props.card.available && props.idealAvailable ? (
        <p className={styles.muted}>{t('pay.cardUnavailable', { hotel: props.hotelName })}</p>
      ) : null}

      {/* Kept mounted while iDEAL is selected, so the guest's card entry survives a look at the other tab. */}
      {!checkout && props.card.available ? (
        <div hidden={method !== 'card'}>
          <CardPaymentForm
            token={props.token}
            payByCard={props.payByCard}
            onReceipt={onReceipt}
            merchantId={props.card.merchantId}
            scriptUrl={props.card.scriptUrl}
            amountLabel={props.amountLabel}
            onAttempt={onAttempt}
            onError={onError}
            onSubmitStart={clearNotice}
            beforeSubmit={ensurePolicyAccepted}
            policyAnswer={policyAnswer}
          />
        </div>
      ) : null}
      {!checkout && props.idealAvailable && method === 'ideal' ? (
        <IdealPayment
          token={props.token}
          amountLabel={props.amountLabel}
          onAttempt={onAttempt}
          onError={onError}
          onSubmitStart={clearNotice}
          beforeSubmit={ensurePolicyAccepted}
          policyAnswer={policyAnswer}
        />
      ) : null}
    </section>
  );
}

function failureNotice(attempt: AttemptStatus): Notice {
  return {
    // A payment in Mews' form: the form is below, ready for another try.
    key: attempt.method === 'mews_checkout' ? 'checkout.failed' : failureMessageKey(attempt),
    attemptId: attempt.attemptId,
    ...(attempt.failureMessage ? { reason: attempt.failureMessage } : {}),
  };
}
