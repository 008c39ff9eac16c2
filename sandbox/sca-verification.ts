import type { Hono } from 'hono';
import { html } from 'hono/html';
import { sandboxPage } from './html-page';
import type { SandboxRuntime } from './runtime';
import { enterpriseById } from './seed';
import { completeVerification, type VerificationOutcome } from './settlement';
import type { PaymentRecord, PaymentState, SandboxStore } from './state';
import { toUtc } from './state';

/**
 * The page behind the link Mews e-mails a guest whose card charge needs strong customer
 * authentication (Mews help, "PSD2 compliance and 3DS FAQ"): the payment waits in `Verifying`,
 * the guest verifies (→ `Charged`) or declines (→ `Failed`), and a link nobody answers within
 * 24 hours leaves the payment `Canceled`. The sandbox sends no e-mail; the link is listed by
 * `GET /_sandbox/verifications` instead.
 */

export const VERIFICATION_PATH = '/sca/verify';

export interface VerificationView {
  paymentId: string;
  customerId: string;
  email: string | null;
  url: string;
  createdUtc: string;
  expiresUtc: string;
  /** The payment's current state: `Verifying` until answered or expired. */
  state: PaymentState;
}

export function verificationUrl(origin: string, token: string): string {
  return `${origin}${VERIFICATION_PATH}/${token}`;
}

/** Every verification link the sandbox has "e-mailed", oldest first. */
export function listVerifications(
  store: SandboxStore,
  origin: string,
  filter: { customerId?: string; email?: string } = {},
): VerificationView[] {
  return store.state.payments
    .filter(
      (r) =>
        r.verification &&
        (filter.customerId === undefined || r.payment.AccountId === filter.customerId) &&
        (filter.email === undefined ||
          r.verification.email?.toLowerCase() === filter.email.toLowerCase()),
    )
    .map((r) => {
      const v = r.verification as NonNullable<PaymentRecord['verification']>;
      return {
        paymentId: r.payment.Id,
        customerId: r.payment.AccountId,
        email: v.email,
        url: verificationUrl(origin, v.token),
        createdUtc: toUtc(v.createdAtMs),
        expiresUtc: toUtc(v.expiresAtMs),
        state: r.payment.State,
      };
    });
}

export function registerScaVerificationRoutes(app: Hono, runtime: SandboxRuntime): void {
  const find = (token: string) =>
    runtime.store.state.payments.find((r) => r.verification?.token === token);
  const expired = (record: PaymentRecord) =>
    record.payment.State === 'Canceled' &&
    (record.verification?.expiresAtMs ?? Infinity) <= runtime.store.nowMs();

  app.get(`${VERIFICATION_PATH}/:token`, (c) => {
    runtime.tick();
    const record = find(c.req.param('token'));
    if (!record?.verification) return c.html(notFound(), 404);
    if (expired(record)) return c.html(expiredPage(), 410);
    const p = record.payment;
    const merchant = enterpriseById(p.EnterpriseId)?.name ?? 'the hotel';
    if (p.State !== 'Verifying') return c.html(donePage(p.State, merchant));
    const amount = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: p.Amount.Currency,
    }).format(Math.abs(p.Amount.GrossValue));
    const expiresUtc = toUtc(record.verification.expiresAtMs);
    return c.html(
      page(
        'Verify your card payment',
        html`<p>
            <strong>${merchant}</strong> charged <strong data-testid="amount">${amount}</strong> to
            your card. Your bank asks you to confirm it's you.
          </p>
          <p class="muted">
            Sandbox verification page: no money moves. This link expires at
            <span data-testid="expires">${expiresUtc}</span> (sandbox clock); then the payment is
            canceled.
          </p>
          <form method="post" action="${VERIFICATION_PATH}/${record.verification.token}">
            <button name="outcome" value="approve" class="approve">Verify payment</button>
            <button name="outcome" value="fail" class="fail">Decline</button>
          </form>`,
      ),
    );
  });

  app.post(`${VERIFICATION_PATH}/:token`, async (c) => {
    const record = find(c.req.param('token'));
    if (!record?.verification) return c.html(notFound(), 404);
    const form = await c.req.parseBody();
    const outcome = String(form.outcome ?? '');
    if (outcome !== 'approve' && outcome !== 'fail') {
      return c.html(page('Unknown choice', html`<p>Choose Verify payment or Decline.</p>`), 400);
    }
    completeVerification(runtime.store, runtime.events, record, outcome as VerificationOutcome);
    if (expired(record)) return c.html(expiredPage(), 410);
    const merchant = enterpriseById(record.payment.EnterpriseId)?.name ?? 'the hotel';
    return c.html(donePage(record.payment.State, merchant));
  });
}

function notFound() {
  return page('Link not valid', html`<p>This verification link is not valid.</p>`);
}

function expiredPage() {
  return page(
    'Link expired',
    html`<p>
      This verification link has expired. The payment was
      <strong data-testid="state">Canceled</strong>; nothing was charged.
    </p>`,
  );
}

function donePage(state: PaymentState, merchant: string) {
  const title =
    state === 'Charged'
      ? 'Payment verified'
      : state === 'Failed'
        ? 'Payment declined'
        : 'Payment already processed';
  return page(
    title,
    html`<p>This payment is <strong data-testid="state">${state}</strong>.</p>
      <p class="muted">You can close this page and return to ${merchant}.</p>`,
  );
}

function page(title: string, body: unknown) {
  return sandboxPage(title, body, '#1a4d8f');
}
