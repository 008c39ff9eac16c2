'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import { readMewsCheckoutAction, startMewsCheckoutAction } from '@/lib/payments/guest/actions';
import type { ActionResult } from '@/lib/server/action-result';
import type {
  AttemptStatus,
  CheckoutRequestView,
  CheckoutStatus,
  GuestCheckoutRoute,
  LinkPaymentStatus,
} from '@/lib/payments/guest/types';
import {
  loadMewsCheckout,
  type MewsCheckoutFailureEvent,
  type MewsCheckoutStyles,
  type MewsCheckoutSuccessEvent,
  type MewsPaymentCheckout,
} from './load-mews-checkout';
import { retryAfterSecondsOf } from './messages';
import { isInProgress } from './use-link-status';
import styles from './guest.module.css';

type ActionFailure = Extract<ActionResult<CheckoutStatus>, { ok: false }>['error'];

/** The element Mews' script puts its iframe into. */
export const MEWS_CHECKOUT_CONTAINER_ID = 'mews-checkout-container';

/** How often the page asks while Mews prepares the request, and after a success callback. */
const QUICK_POLL_MS = 2_000;
/** While the form is shown, or Mews' e-mail is out: a payment made elsewhere turns the page too. */
const GENTLE_POLL_MS = 10_000;
/** After a success callback, how long the page keeps confirming before the e-mail promise. */
const CONFIRM_FOR_MS = 60_000;
/** A request Mews has not confirmed after this long is asked about at the gentle pace. */
const PREPARE_QUICKLY_FOR_MS = 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export interface MewsCheckoutProps {
  token: string;
  hotelName: string;
  checkout: GuestCheckoutRoute;
  /**
   * The deposit policy's tick box (components/guest/payment-panel), when the hotel requires one:
   * shown where a request is about to be made ("Continue", and the e-mail fallback of holds).
   */
  policyCheckbox: ReactNode;
  /** What the request says about the policy. */
  policyAnswer: { policyAccepted?: boolean; policyVersion?: number };
  /** Checks the policy tick; false stops the request (and the panel has said why). */
  beforeStart: () => boolean;
  /** A new request is on its way: the panel clears its notice. */
  onStart: () => void;
  /** A refused start, handled as the panel handles a refused payment. */
  onError: (error: ActionFailure) => void;
  /** Mews has a payment of this link under way: the panel's "we are confirming" takes over. */
  onAttempt: (attempt: AttemptStatus) => void;
  /** The link is paid: the panel loads the receipt. */
  onPaid: () => void;
  /** The failed attempt the page already explains (the panel's notice), so it is not told twice. */
  knownFailureId: string | null;
}

type Mode = 'start' | 'preparing' | 'embed' | 'emailed' | 'done';

/**
 * Mews Payments Checkout on the pay page: "Continue to payment" makes the link's one Mews payment
 * request, then Mews' own form (its script, its iframe) takes the payment. The script's callbacks
 * are only a reason to read Mews back (readMewsCheckoutAction): the page says "paid" when the
 * server has read the payment from Mews, never because the form said so.
 */
export function MewsCheckout(props: MewsCheckoutProps) {
  const t = useGuestTranslations();
  const router = useRouter();
  const { token, checkout, onError, onAttempt, onPaid } = props;
  const [request, setRequest] = useState<CheckoutRequestView | null>(checkout.request);
  const [busy, setBusy] = useState<'form' | 'email' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The last payment in the form did not go through: said next to it, the form stays. */
  const [failed, setFailed] = useState(false);
  /** A hold the form did not take: Mews' e-mail is offered first. */
  const [holdTrouble, setHoldTrouble] = useState(false);
  /** After a success callback: the read-back has not found the payment yet. */
  const [confirm, setConfirm] = useState<{ since: number; paymentId: string | null } | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const [done, setDone] = useState(false);
  const [loadRound, setLoadRound] = useState(0);
  const [loadResult, setLoadResult] = useState<{ key: string; ok: boolean } | null>(null);
  // The server's view after a refresh (router.refresh) replaces what this page last read.
  const [requestProp, setRequestProp] = useState(checkout.request);
  if (requestProp !== checkout.request) {
    setRequestProp(checkout.request);
    setRequest(checkout.request);
    setDone(false);
  }
  const seenFailure = useRef(props.knownFailureId);
  const inFlight = useRef(false);
  const focusForm = useRef(false);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const loadError = useRef<HTMLDivElement>(null);

  const pendingId =
    request?.state === 'pending' && request.mewsRequestId ? request.mewsRequestId : null;
  const mode: Mode = done
    ? 'done'
    : request?.state === 'creating' || request?.state === 'unknown'
      ? 'preparing'
      : pendingId && request?.mewsEmailsGuest
        ? 'emailed'
        : pendingId
          ? 'embed'
          : 'start';
  const embedId = mode === 'embed' ? pendingId : null;

  /** What a read-back says, applied: the page turns, the form stays, or the panel takes over. */
  const apply = useCallback(
    (
      status: LinkPaymentStatus & { request?: CheckoutRequestView | null },
      reason: 'start' | 'poll' | 'gentle' | 'success' | 'failure',
    ) => {
      const attempt = status.attempt;
      if (status.linkState === 'paid' || attempt?.state === 'succeeded') {
        setDone(true);
        onPaid();
        return;
      }
      if (
        status.request?.holdPlaced ||
        status.request?.state === 'completed' ||
        status.linkState === 'expired' ||
        status.linkState === 'canceled'
      ) {
        // A hold placed, or a link no longer payable: the server-rendered page says which.
        setDone(true);
        router.refresh();
        return;
      }
      // A payment under way in Mews (after a callback, or made before this page was opened): the
      // panel's "we are confirming, do not pay again". Not on the gentle poll, which must never
      // take the form away from a guest in the middle of it (a bank's challenge in the frame).
      if (attempt && isInProgress(attempt) && reason !== 'gentle') {
        onAttempt(attempt);
        return;
      }
      if (status.request !== undefined) setRequest(status.request);
      const newFailure =
        attempt &&
        (attempt.state === 'failed' || attempt.state === 'canceled') &&
        attempt.attemptId !== seenFailure.current;
      if (newFailure) seenFailure.current = attempt.attemptId;
      if (newFailure || reason === 'failure') {
        setConfirm(null);
        setFailed(true);
        if (checkout.hold) setHoldTrouble(true);
      }
    },
    [checkout.hold, onAttempt, onPaid, router],
  );

  /** The read-back action; a refusal other than the rate limit turns the page (the link changed). */
  const readBack = useCallback(
    async (
      reason: 'poll' | 'gentle' | 'success' | 'failure',
      paymentId: string | null,
    ): Promise<number | null> => {
      let result: ActionResult<CheckoutStatus>;
      try {
        result = await readMewsCheckoutAction({ token, ...(paymentId ? { paymentId } : {}) });
      } catch {
        if (reason === 'failure') apply({ linkState: 'open', attempt: null }, 'failure');
        return null;
      }
      if (result.ok) {
        apply(result.data, reason);
        return null;
      }
      const seconds = retryAfterSecondsOf(result.error);
      if (seconds !== null) {
        if (reason === 'failure') apply({ linkState: 'open', attempt: null }, 'failure');
        return seconds * 1000;
      }
      if (
        ['link_not_found', 'link_paid', 'link_expired', 'link_canceled'].includes(result.error.code)
      ) {
        setDone(true);
        router.refresh();
      } else if (reason === 'failure') apply({ linkState: 'open', attempt: null }, 'failure');
      return null;
    },
    [apply, router, token],
  );

  // The script's callbacks call the latest handlers, not the ones of the render that loaded it.
  const handlers = useRef<{
    onSuccess: (event: MewsCheckoutSuccessEvent) => void;
    onFailure: (event: MewsCheckoutFailureEvent) => void;
  }>({ onSuccess: () => undefined, onFailure: () => undefined });
  useEffect(() => {
    handlers.current = {
      onSuccess: (event) => {
        const paymentId =
          typeof event?.paymentId === 'string' && UUID.test(event.paymentId)
            ? event.paymentId
            : null;
        setFailed(false);
        setGaveUp(false);
        setConfirm({ since: Date.now(), paymentId });
        void readBack('success', paymentId);
      },
      onFailure: () => {
        void readBack('failure', null);
      },
    };
  }, [readBack]);

  // Mews' script, loaded once, and its form for the pending request; destroyed on the way out
  // (StrictMode mounts twice in development: load, destroy, load).
  const loadKey = embedId ? `${embedId}:${loadRound}` : null;
  const loadState = !loadKey
    ? null
    : loadResult?.key === loadKey
      ? loadResult.ok
        ? 'ready'
        : 'error'
      : 'loading';
  const { scriptUrl, languageCode, dataBaseUrl } = checkout;
  const enabledMethods = checkout.enabledPaymentMethods?.join(',') ?? null;
  useEffect(() => {
    if (!embedId || !loadKey) return;
    let cancelled = false;
    let loaded: MewsPaymentCheckout | null = null;
    loadMewsCheckout(scriptUrl)
      .then((api) => {
        if (cancelled) return;
        api.load({
          containerId: MEWS_CHECKOUT_CONTAINER_ID,
          requestId: embedId,
          languageCode,
          enableTracking: false,
          idealRedirectUrl: `${window.location.origin}/pay/${encodeURIComponent(token)}/return`,
          ...(enabledMethods !== null ? { enabledPaymentMethods: enabledMethods.split(',') } : {}),
          ...(dataBaseUrl ? { dataBaseUrl } : {}),
          styles: checkoutStyles(document.getElementById(MEWS_CHECKOUT_CONTAINER_ID)),
          onSuccess: (event) => handlers.current.onSuccess(event),
          onFailure: (event) => handlers.current.onFailure(event),
        });
        loaded = api;
        setLoadResult({ key: loadKey, ok: true });
      })
      .catch(() => {
        if (!cancelled) setLoadResult({ key: loadKey, ok: false });
      });
    return () => {
      cancelled = true;
      loaded?.destroy();
    };
  }, [embedId, loadKey, scriptUrl, languageCode, dataBaseUrl, enabledMethods, token]);

  // Focus: to the form's heading once it appears after "Continue"; to the message if it failed.
  useEffect(() => {
    if (mode === 'embed' && focusForm.current) {
      focusForm.current = false;
      formHeading.current?.focus();
    }
  }, [mode]);
  useEffect(() => {
    if (loadState === 'error') loadError.current?.focus();
  }, [loadState]);

  // After a success callback: confirming for a minute, then the hotel's e-mail promise.
  useEffect(() => {
    if (!confirm || gaveUp) return;
    const timer = window.setTimeout(
      () => setGaveUp(true),
      Math.max(0, confirm.since + CONFIRM_FOR_MS - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [confirm, gaveUp]);

  // Polling: quick while Mews prepares the request or a success is being confirmed; gently while
  // the form or Mews' e-mail waits for the guest. Not while the tab is hidden.
  const confirming = confirm !== null && !gaveUp;
  const pace: 'preparing' | 'confirming' | 'gentle' | null =
    mode === 'preparing'
      ? 'preparing'
      : mode === 'embed' && confirming
        ? 'confirming'
        : mode === 'embed' || mode === 'emailed'
          ? 'gentle'
          : null;
  const confirmPaymentId = confirming ? (confirm?.paymentId ?? null) : null;
  // A payment link's gentle poll uses the status route (the page's own limit, not the payment
  // actions'): it reads the request back as well, and a hold needs the request's own answer.
  const gentleByStatusRoute = !checkout.hold && mode === 'embed';
  useEffect(() => {
    if (pace === null) return;
    let cancelled = false;
    let timer: number | undefined;
    const startedAt = Date.now();
    const intervalNow = () =>
      pace === 'gentle'
        ? GENTLE_POLL_MS
        : pace === 'preparing' && Date.now() - startedAt > PREPARE_QUICKLY_FOR_MS
          ? GENTLE_POLL_MS
          : QUICK_POLL_MS;
    const schedule = (ms: number) => {
      timer = window.setTimeout(() => void tick(), ms);
    };
    const tick = async () => {
      if (document.visibilityState === 'hidden') {
        schedule(intervalNow());
        return;
      }
      let waitMs: number | null = null;
      if (pace === 'gentle' && gentleByStatusRoute) {
        const answer = await fetchLinkStatus(token);
        if (cancelled) return;
        if (answer.status) apply(answer.status, 'gentle');
        waitMs = answer.retryAfterMs;
      } else {
        waitMs = await readBack(
          pace === 'gentle' ? 'gentle' : 'poll',
          pace === 'confirming' ? confirmPaymentId : null,
        );
        if (cancelled) return;
      }
      schedule(Math.max(intervalNow(), waitMs ?? 0));
    };
    schedule(intervalNow());
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [pace, confirmPaymentId, gentleByStatusRoute, token, apply, readBack]);

  /** "Continue to payment", or (holds) "E-mail me a link from Mews". */
  async function start(mewsEmail: boolean) {
    if (inFlight.current) return;
    if (!props.beforeStart()) return;
    inFlight.current = true;
    setBusy(mewsEmail ? 'email' : 'form');
    setProblem(null);
    props.onStart();
    try {
      const result = await startMewsCheckoutAction({
        token,
        ...props.policyAnswer,
        ...(mewsEmail ? { mewsEmail: true } : {}),
      });
      if (!result.ok) {
        if (mewsEmail && result.error.code === 'payment_in_progress')
          setProblem(t('checkout.emailBusy'));
        else onError(result.error);
        return;
      }
      setFailed(false);
      setHoldTrouble(false);
      focusForm.current = !mewsEmail;
      apply(result.data, 'start');
    } catch {
      setProblem(t('checkout.networkProblem'));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }

  if (mode === 'done') {
    return (
      <p className={styles.noticeTitle} role="status">
        <span className={styles.spinner} aria-hidden="true" />
        {t('checkout.updating')}
      </p>
    );
  }

  const holdNote = checkout.hold ? (
    <p className={styles.checkoutHoldNote} data-testid="checkout-hold-note">
      {t('checkout.holdExplanation')}
    </p>
  ) : null;
  const problemAlert = problem ? (
    <p className={styles.alert} role="alert">
      {problem}
    </p>
  ) : null;

  if (mode === 'emailed') {
    return (
      <div className={styles.form} data-testid="mews-checkout">
        {holdNote}
        <section
          className={`${styles.notice} ${styles.noticeInfo}`}
          aria-labelledby="checkout-emailed-heading"
          data-testid="checkout-hold-emailed"
        >
          <h3 id="checkout-emailed-heading" className={styles.noticeTitle}>
            <span className={styles.spinner} aria-hidden="true" />
            {t('checkout.emailedTitle')}
          </h3>
          <p role="status">{t('checkout.emailed')}</p>
        </section>
      </div>
    );
  }

  if (mode === 'preparing') {
    return (
      <div className={styles.form} data-testid="mews-checkout">
        {holdNote}
        <p className={styles.noticeTitle} role="status" data-testid="checkout-preparing">
          <span className={styles.spinner} aria-hidden="true" />
          {t('checkout.preparing')}
        </p>
      </div>
    );
  }

  if (mode === 'start') {
    return (
      <div className={styles.form} data-testid="mews-checkout">
        {holdNote}
        <p className={styles.muted}>
          {t(checkout.hold ? 'checkout.introHold' : 'checkout.intro', { hotel: props.hotelName })}
        </p>
        {request?.state === 'failed' ? (
          <p className={styles.alert} role="alert" data-testid="checkout-prepare-failed">
            {t('checkout.prepareFailed')}
          </p>
        ) : null}
        {props.policyCheckbox}
        {problemAlert}
        <button
          type="button"
          className={styles.payButton}
          onClick={() => void start(false)}
          disabled={busy !== null}
          aria-busy={busy !== null || undefined}
          data-testid="checkout-continue"
        >
          {busy ? (
            <>
              <span className={styles.spinner} aria-hidden="true" />
              {t('checkout.preparing')}
            </>
          ) : (
            t('checkout.continue')
          )}
        </button>
      </div>
    );
  }

  // mode === 'embed'
  const fallback = checkout.hold ? (
    <section
      className={`${styles.checkoutFallback} ${holdTrouble ? styles.checkoutFallbackProminent : ''}`}
      aria-labelledby="checkout-fallback-text"
      data-testid="checkout-hold-email"
    >
      <p id="checkout-fallback-text" className={holdTrouble ? styles.strong : styles.muted}>
        {t(holdTrouble ? 'checkout.fallbackAfterFailure' : 'checkout.fallback')}
      </p>
      {props.policyCheckbox}
      {problemAlert}
      <button
        type="button"
        className={holdTrouble ? styles.payButton : styles.checkoutSecondary}
        onClick={() => void start(true)}
        disabled={busy !== null}
        aria-busy={busy === 'email' || undefined}
        data-testid="checkout-email-button"
      >
        {busy === 'email' ? (
          <>
            <span className={styles.spinner} aria-hidden="true" />
            {t('checkout.emailSending')}
          </>
        ) : (
          t('checkout.emailButton')
        )}
      </button>
    </section>
  ) : null;

  return (
    <div className={styles.form} data-testid="mews-checkout">
      {holdNote}
      {holdTrouble ? fallback : null}
      {confirm ? (
        <section
          className={`${styles.notice} ${styles.noticeInfo}`}
          aria-labelledby="checkout-confirming-heading"
          data-testid="checkout-confirming"
        >
          <h3 id="checkout-confirming-heading" className={styles.noticeTitle}>
            {gaveUp ? null : <span className={styles.spinner} aria-hidden="true" />}
            {t('checkout.confirming')}
          </h3>
          <p role="status">
            {gaveUp ? t('progress.gaveUp', { hotel: props.hotelName }) : t('progress.body')}
          </p>
          <p className={styles.strong}>{t('progress.doNotPayAgain')}</p>
          {gaveUp ? (
            <button
              type="button"
              className={styles.checkoutSecondary}
              onClick={() => {
                setGaveUp(false);
                setConfirm({ since: Date.now(), paymentId: confirm.paymentId });
              }}
            >
              {t('progress.checkAgain')}
            </button>
          ) : null}
        </section>
      ) : null}
      {failed && !confirm && !checkout.hold ? (
        <p className={styles.alert} role="alert" data-testid="checkout-failure">
          {t('checkout.failed')}
        </p>
      ) : null}
      <section className={styles.checkoutFrame} aria-labelledby="checkout-form-heading">
        <h3
          id="checkout-form-heading"
          className={styles.checkoutHeading}
          ref={formHeading}
          tabIndex={-1}
        >
          {t('checkout.formLabel')}
        </h3>
        {loadState === 'loading' ? (
          <p className={styles.noticeTitle} role="status" data-testid="checkout-loading">
            <span className={styles.spinner} aria-hidden="true" />
            {t('checkout.loading')}
          </p>
        ) : null}
        {loadState === 'error' ? (
          <div
            className={`${styles.notice} ${styles.noticeError}`}
            role="alert"
            tabIndex={-1}
            ref={loadError}
            data-testid="checkout-load-error"
          >
            <p>{t('checkout.loadFailed')}</p>
            <button
              type="button"
              className={styles.checkoutSecondary}
              onClick={() => setLoadRound((round) => round + 1)}
            >
              {t('checkout.retry')}
            </button>
          </div>
        ) : null}
        <div
          id={MEWS_CHECKOUT_CONTAINER_ID}
          className={styles.checkoutContainer}
          data-testid="mews-checkout-container"
        />
      </section>
      {holdTrouble ? null : fallback}
    </div>
  );
}

/** The status route's answer (the gentle poll of payment links), or how long to wait. */
async function fetchLinkStatus(
  token: string,
): Promise<{ status: LinkPaymentStatus | null; retryAfterMs: number | null }> {
  try {
    const response = await fetch(`/api/pay/${encodeURIComponent(token)}/status`, {
      cache: 'no-store',
    });
    if (response.status === 429) {
      const seconds = Number(response.headers.get('Retry-After'));
      return {
        status: null,
        retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : GENTLE_POLL_MS,
      };
    }
    if (!response.ok) return { status: null, retryAfterMs: null };
    return { status: (await response.json()) as LinkPaymentStatus, retryAfterMs: null };
  } catch {
    return { status: null, retryAfterMs: null };
  }
}

/**
 * Mews' style tokens from the page's own: the hotel's colour (the `--brand` custom properties the
 * guest shell sets, AA-checked with its text colour when saved) on the form's button and focus
 * rings, checked again here (4.5:1 for the button's text, 3:1 for borders on the white form), and a
 * container that never makes a 390 px phone scroll sideways.
 */
export function checkoutStyles(element: HTMLElement | null): MewsCheckoutStyles {
  const base: MewsCheckoutStyles = {
    global: { container: { width: '100%', maxWidth: '640px', minWidth: '280px' } },
  };
  if (!element) return base;
  const css = window.getComputedStyle(element);
  const brand = expandHex(css.getPropertyValue('--brand').trim());
  const text = expandHex(css.getPropertyValue('--brand-text').trim());
  if (!brand || !text || contrastRatio(brand, text) < 4.5) return base;
  const darker = mixWithBlack(brand, 0.12);
  const hover = contrastRatio(darker, text) >= 4.5 ? darker : brand;
  const result: MewsCheckoutStyles = {
    ...base,
    button: {
      backgroundColor: brand,
      textColor: text,
      hover: { backgroundColor: hover },
      active: { backgroundColor: hover },
    },
  };
  if (contrastRatio(brand, '#ffffff') >= 3) {
    result.paymentMethodsSelection = {
      selected: { borderColor: brand, hover: { borderColor: brand } },
    };
    result.input = { focus: { borderColor: brand } };
    result.spinner = { primaryColor: brand };
  }
  return result;
}

function expandHex(value: string): string | null {
  if (!HEX_COLOR.test(value)) return null;
  const hex = value.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join('')}` : `#${hex}`;
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function mixWithBlack(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((value) =>
      Math.round(value * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
