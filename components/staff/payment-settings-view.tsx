'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { PaymentMethodSettingsOverview } from '@/lib/payments/installation/alternative-methods';
import { recheckCheckoutAction, setIdealEnabledAction } from '@/lib/payments/back-office/actions';
import type { GuestRouteOverview } from '@/lib/payments/back-office/guest-route';
import { handleSessionLoss } from './fetch-staff';
import { dateTime } from './format';
import styles from './staff.module.css';

/**
 * The manager's payment-method settings. iDEAL is off until turned on here; turning it on asks
 * Mews first (one request it can only refuse), so a property without iDEAL in its Mews
 * subscription reads Mews' own refusal instead of guests meeting it at the pay page.
 */
export function PaymentSettingsView({
  overview,
  guestRoute,
}: {
  overview: PaymentMethodSettingsOverview;
  guestRoute?: GuestRouteOverview;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { ideal } = overview;

  const change = (enabled: boolean) =>
    startTransition(async () => {
      setMessage(null);
      const result = handleSessionLoss(await setIdealEnabledAction({ enabled }));
      setMessage(
        result.ok
          ? {
              ok: true,
              text: result.data.enabled
                ? 'iDEAL is on: guests paying in euros are offered it.'
                : 'iDEAL is off: guests are no longer offered it.',
            }
          : { ok: false, text: result.error.message },
      );
      router.refresh();
    });

  return (
    <>
      <h1>Payment methods</h1>
      {message ? (
        <p
          className={message.ok ? styles.success : styles.alert}
          role={message.ok ? 'status' : 'alert'}
          data-testid="payment-settings-message"
        >
          {message.text}
        </p>
      ) : null}
      {guestRoute ? <GuestRouteBlock overview={guestRoute} /> : null}
      <section className="card" aria-labelledby="ideal-heading" data-testid="ideal-setting">
        <h2 id="ideal-heading">iDEAL</h2>
        <p className={styles.hint}>
          iDEAL works only where the property has it in its Mews subscription (the Stripe gateway
          and the iDEAL add-on); Mews offers no way to read that. Turning it on sends Mews one iDEAL
          request for a customer that does not exist, which Mews can only refuse: a refusal of iDEAL
          itself keeps it off, with Mews&apos; reason below.
        </p>
        <p data-testid="ideal-state">
          <strong>{ideal.enabled ? 'On' : 'Off'}</strong>
          {ideal.enabled
            ? ' — guests paying in euros may choose iDEAL.'
            : ' — guests are not offered iDEAL.'}
          {ideal.changedAt ? (
            <span className={styles.hint}>
              {' '}
              Changed {dateTime(ideal.changedAt)}
              {ideal.changedBy ? ` by ${ideal.changedBy}` : ''}.
            </span>
          ) : null}
        </p>
        {ideal.enabled ? (
          <p className={styles.hint} data-testid="ideal-confirmation">
            {ideal.confirmedAt
              ? `Mews confirmed it with the first iDEAL payment on ${dateTime(ideal.confirmedAt)}.`
              : 'Mews did not refuse iDEAL; it confirms it with the first real iDEAL payment. Should Mews refuse that payment, iDEAL turns itself off and the reason appears here.'}
          </p>
        ) : null}
        {!ideal.enabled && ideal.refusedAt ? (
          <div className={styles.notice} role="status" data-testid="ideal-refusal">
            <p>
              Mews refused iDEAL on {dateTime(ideal.refusedAt)}, so guests are no longer offered it.
            </p>
            <p>
              Mews said: <q>{ideal.refusalMessage ?? 'no reason given'}</q>
            </p>
            <p className={styles.hint}>
              Once the property has iDEAL in its Mews subscription, try again.
            </p>
          </div>
        ) : null}
        {overview.euroAccepted === false ? (
          <p className={styles.notice}>
            {overview.hotelName ?? 'The hotel'} does not accept euros in Mews, and iDEAL takes only
            euros.
          </p>
        ) : null}
        <div className={styles.actions}>
          {ideal.enabled ? (
            <button
              type="button"
              className={styles.secondary}
              disabled={pending}
              onClick={() => change(false)}
              data-testid="ideal-disable"
            >
              {pending ? 'Turning off…' : 'Turn iDEAL off'}
            </button>
          ) : (
            <button
              type="button"
              className={styles.button}
              disabled={pending}
              aria-busy={pending || undefined}
              onClick={() => change(true)}
              data-testid="ideal-enable"
            >
              {pending ? 'Asking Mews…' : ideal.refusedAt ? 'Try again' : 'Turn iDEAL on'}
            </button>
          )}
        </div>
      </section>
    </>
  );
}

const ROUTE_LABEL: Record<GuestRouteOverview['routes'][number], string> = {
  'secure-fields': 'Card form on our page (Secure Fields), charged through Mews',
  'mews-checkout': 'Mews Payments Checkout (embedded Mews form: 3-D Secure, wallets, iDEAL, holds)',
};

const VERDICT_LABEL: Record<GuestRouteOverview['checkout']['verdict'], string> = {
  available: 'Available: Mews accepts payment requests from this connection.',
  refused: 'Not available: Mews refused payment requests (the property is not on Mews Payments).',
  'no-permission': 'Not available: this connection has no permission for payment requests.',
  unknown: 'Not known: Mews did not give an answer yet.',
};

/**
 * Read-only: the guest payment routes as configured (GUEST_PAYMENT_ROUTES, GUEST_HOLDS) and what
 * Mews allows; a manager may ask Mews again whether Mews Payments Checkout is available.
 */
function GuestRouteBlock({ overview: initial }: { overview: GuestRouteOverview }) {
  const router = useRouter();
  const [overview, setOverview] = useState(initial);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { checkout } = overview;
  const recheck = () =>
    startTransition(async () => {
      setMessage(null);
      const result = handleSessionLoss(await recheckCheckoutAction({ check: true }));
      if (result.ok) {
        setOverview(result.data);
        setMessage({ ok: true, text: 'Mews was asked again.' });
      } else {
        setMessage({ ok: false, text: result.error.message });
      }
      router.refresh();
    });
  return (
    <section className="card" aria-labelledby="guest-route-heading" data-testid="guest-route">
      <h2 id="guest-route-heading">Guest payment route</h2>
      <p className={styles.hint}>
        Set in the configuration (GUEST_PAYMENT_ROUTES, GUEST_HOLDS); guests get the first route
        that Mews allows.
      </p>
      <ol data-testid="guest-route-routes">
        {overview.routes.map((route) => (
          <li key={route}>{ROUTE_LABEL[route]}</li>
        ))}
      </ol>
      <dl>
        <dt>Mews Payments Checkout</dt>
        <dd data-testid="guest-route-checkout" data-verdict={checkout.verdict}>
          {VERDICT_LABEL[checkout.verdict]}
          {checkout.mewsMessage ? (
            <>
              {' '}
              Mews said: <q>{checkout.mewsMessage}</q>
            </>
          ) : null}
          {checkout.checkedAt && Date.parse(checkout.checkedAt) > 0 ? (
            <span className={styles.hint}> Checked {dateTime(checkout.checkedAt)}.</span>
          ) : null}
        </dd>
        <dt>Holds</dt>
        <dd data-testid="guest-route-holds">
          {overview.holds
            ? 'On: payment links may ask for a hold on the card instead of a payment.'
            : 'Off: payment links ask for a payment only.'}
        </dd>
        <dt>Guests get now</dt>
        <dd data-testid="guest-route-current">
          {overview.currentError
            ? `Not known: ${overview.currentError}`
            : overview.current
              ? `${ROUTE_LABEL[overview.current]}${overview.currency ? ` (paying in ${overview.currency})` : ''}`
              : 'Neither route: guests are offered iDEAL alone where it is on, else no online payment.'}
        </dd>
      </dl>
      {message ? (
        <p
          className={message.ok ? styles.success : styles.alert}
          role={message.ok ? 'status' : 'alert'}
          data-testid="guest-route-message"
        >
          {message.text}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button
          type="button"
          className={styles.secondary}
          disabled={pending}
          aria-busy={pending || undefined}
          onClick={recheck}
          data-testid="guest-route-recheck"
        >
          {pending ? 'Asking Mews…' : 'Check with Mews again'}
        </button>
      </div>
    </section>
  );
}
