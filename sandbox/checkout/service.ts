import { randomBytes, randomUUID } from 'node:crypto';
import { checkoutCard, type CheckoutCardResult } from '../checkout-cards';
import type { OperationContext } from '../connector/context';
import { completeRequest, syncPaymentRequests } from '../connector/payment-requests';
import { createPayment, extendedAmount } from '../connector/payments';
import { placeHold } from '../connector/preauthorizations';
import type { SandboxRuntime } from '../runtime';
import { enterpriseById, type SeedEnterprise } from '../seed';
import type {
  CheckoutChallenge,
  CreditCardRecord,
  PaymentRecord,
  PaymentRequestRecord,
  PaymentState,
} from '../state';
import { MEWS_CARD_TYPE, maskCard, type BrandCode } from '../test-cards';

/**
 * The server side of the Mews Payments Checkout stand-in: what the frame (and the hosted
 * payment-request page, and the control-API fixtures) do to the sandbox's Mews state. Payments made
 * here are ordinary sandbox payments: `payments/getAll` reads them (negative, `PaymentRequestId`
 * set) and `PaymentUpdated` webhooks go out for them.
 */

export type WalletType = 'GooglePay' | 'ApplePay';

export type CheckoutResult =
  | { status: 'charged'; paymentId: string; paymentMethodId: string }
  | { status: 'failed'; error: string; paymentId?: string }
  | { status: 'challenge'; challengeId: string; expiresInSeconds: number }
  | { status: 'hold'; preauthorizationId: string }
  | { status: 'silent' }
  | { status: 'redirect'; url: string; paymentId: string }
  | { status: 'invalid'; field: 'cardNumber' | 'expiry' | 'cvc' | 'name'; message: string };

/** Stand-in choice: the value of `PaymentOrigin` on checkout payments is not documented. */
export const CHECKOUT_PAYMENT_ORIGIN = 'PaymentRequest';

let errorCounter = 0;

/** Mews' `error` is free text that changes: vary it so nobody parses it. */
export function varyingError(reason: string): string {
  errorCounter += 1;
  return `${reason} (sandbox ref ${errorCounter}-${randomBytes(3).toString('hex')})`;
}

export function findRequest(runtime: SandboxRuntime, id: string): PaymentRequestRecord | undefined {
  return runtime.store.state.paymentRequests.find((r) => r.request.Id === id);
}

/** A context for creating payments outside a Connector API call (as Mews' own UI does). */
export function internalContext(
  runtime: SandboxRuntime,
  enterprise: SeedEnterprise,
  origin: string,
): OperationContext {
  return {
    enterprise,
    scope: [enterprise],
    store: runtime.store,
    requestId: randomUUID(),
    origin,
    events: runtime.events,
    settings: runtime.settings,
    mail: runtime.mewsMail,
  };
}

function enterpriseOf(record: PaymentRequestRecord): SeedEnterprise {
  const enterprise = enterpriseById(record.request.EnterpriseId);
  if (!enterprise) throw new Error('A payment request of an unknown enterprise');
  return enterprise;
}

/** Why a request cannot be paid now, or null when it is `Pending`. */
export function notPayableReason(
  runtime: SandboxRuntime,
  record: PaymentRequestRecord | undefined,
) {
  runtime.tick();
  if (!record) return 'This payment request does not exist.';
  if (record.request.State !== 'Pending')
    return `This payment request is ${record.request.State} and can no longer be paid.`;
  return null;
}

function newPayment(
  runtime: SandboxRuntime,
  origin: string,
  record: PaymentRequestRecord,
  input: {
    state: PaymentState;
    type: 'CreditCardPayment' | 'AlternativePayment';
    data: PaymentRecord['payment']['Data'];
    id?: string;
  },
): PaymentRecord {
  const r = record.request;
  const ctx = internalContext(runtime, enterpriseOf(record), origin);
  const payment = createPayment(ctx, {
    id: input.id,
    accountId: r.AccountId,
    body: { ReservationId: r.ReservationId },
    billId: record.billId ?? undefined,
    currency: r.Amount.Currency,
    value: record.value,
    type: input.type,
    state: input.state,
    notes: null,
    identifier: null,
    data: input.data ?? { Discriminator: 'Alternative', Alternative: null },
  });
  payment.payment.PaymentRequestId = r.Id;
  payment.payment.PaymentOrigin = CHECKOUT_PAYMENT_ORIGIN;
  return payment;
}

/** Stores a card for the customer, as Mews does for a card paid through its checkout. */
export function storeCard(
  runtime: SandboxRuntime,
  record: PaymentRequestRecord,
  card: { pan?: string; maskedCard?: string; brand: BrandCode; expiration: string },
): CreditCardRecord {
  const masked = card.maskedCard ?? maskCard(card.pan ?? '');
  const at = runtime.store.nowUtc();
  const stored: CreditCardRecord = {
    card: {
      Id: randomUUID(),
      EnterpriseId: record.request.EnterpriseId,
      CustomerId: record.request.AccountId,
      IsActive: true,
      State: 'Enabled',
      Kind: 'Gateway',
      Format: 'Virtual',
      Type: MEWS_CARD_TYPE[card.brand],
      ObfuscatedNumber: `${'*'.repeat(Math.max(0, masked.length - 4))}${masked.slice(-4)}`,
      Expiration: card.expiration,
      CreatedUtc: at,
      UpdatedUtc: at,
    },
    outcome: 'charged',
    refundOutcome: 'Charged',
  };
  runtime.store.state.creditCards.push(stored);
  return stored;
}

const FAILURE_TEXT: Record<
  Exclude<CheckoutCardResult, 'charged'> | 'authentication' | 'abandoned',
  string
> = {
  declined: 'The card was declined by the issuer',
  'insufficient-funds': 'The card was declined: insufficient funds',
  expired: 'The card was declined: expired card',
  authentication: '3-D Secure authentication failed',
  abandoned: '3-D Secure authentication was abandoned',
};

/** A card charge's end: a stored card and a `Charged` payment, or a `Failed`/`Canceled` one. */
export function finishCardPayment(
  runtime: SandboxRuntime,
  origin: string,
  record: PaymentRequestRecord,
  card: { pan?: string; maskedCard?: string; brand: BrandCode; expiration: string },
  outcome: CheckoutCardResult | 'authentication' | 'abandoned',
): CheckoutResult {
  const charged = outcome === 'charged';
  const stored = charged ? storeCard(runtime, record, card) : null;
  const paymentId = randomUUID();
  const state: PaymentState = charged ? 'Charged' : outcome === 'abandoned' ? 'Canceled' : 'Failed';
  newPayment(runtime, origin, record, {
    id: paymentId,
    state,
    type: 'CreditCardPayment',
    data: {
      Discriminator: 'CreditCard',
      CreditCard: {
        CreditCardId: stored?.card.Id ?? null,
        Transaction: {
          PaymentId: paymentId,
          SettlementId: null,
          SettledUtc: null,
          Fee: null,
          AdjustedFee: null,
          ChargedAmount: extendedAmount(record.request.Amount.Currency, record.value),
          SettledAmount: null,
        },
      },
    },
  });
  syncPaymentRequests(runtime.store);
  runtime.store.save();
  if (stored) return { status: 'charged', paymentId, paymentMethodId: stored.card.Id };
  return { status: 'failed', paymentId, error: varyingError(FAILURE_TEXT[outcome as 'declined']) };
}

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
  name: string;
}

/** `MM/YY` (or `MM/YYYY`) in the future of the sandbox clock → `yyyy-MM`. */
function parseExpiry(runtime: SandboxRuntime, expiry: string): string | null {
  const match = /^\s*(\d{2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  const now = new Date(runtime.store.nowMs());
  if (year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The guest pressed Pay with a card. */
export function payByCard(
  runtime: SandboxRuntime,
  origin: string,
  requestId: string,
  input: CardInput,
  hosted: boolean,
): CheckoutResult {
  const record = findRequest(runtime, requestId);
  const reason = notPayableReason(runtime, record);
  if (reason !== null || !record) return { status: 'failed', error: varyingError(reason ?? '') };
  const settings = runtime.store.state.checkoutSettings;
  const preauthorization = record.request.Type === 'Preauthorization';
  if (preauthorization && !hosted) {
    if (settings.preauthorizationCheckout === 'silent') return { status: 'silent' };
    if (settings.preauthorizationCheckout === 'error')
      return {
        status: 'failed',
        error: varyingError('Preauthorization requests cannot be paid in the checkout'),
      };
  }
  const pan = input.number.replace(/[\s-]/g, '');
  const card = checkoutCard(pan);
  if (!card) return { status: 'invalid', field: 'cardNumber', message: 'invalidCard' };
  const expiration = parseExpiry(runtime, input.expiry);
  if (expiration === null) return { status: 'invalid', field: 'expiry', message: 'invalidExpiry' };
  const cvcLength = card.brand === 'AMX' ? 4 : card.brand === 'CUP' ? 0 : 3;
  if (cvcLength > 0 && !new RegExp(`^\\d{${cvcLength}}$`).test(input.cvc.trim()))
    return { status: 'invalid', field: 'cvc', message: 'invalidCvc' };
  if (input.name.trim() === '') return { status: 'invalid', field: 'name', message: 'invalidName' };

  if (preauthorization) {
    if (card.result !== 'charged')
      return { status: 'failed', error: varyingError(FAILURE_TEXT[card.result]) };
    // The hosted page (or the `completes` switch): the hold is placed, the request completed.
    const stored = storeCard(runtime, record, { pan, brand: card.brand, expiration });
    const hold = placeHold(runtime.store, record, stored.card.Id);
    completeRequest(runtime.store, record);
    return { status: 'hold', preauthorizationId: hold.preauthorization.Id };
  }
  if (card.challenge || settings.threeDsByDefault) {
    const now = runtime.store.nowMs();
    const challenge: CheckoutChallenge = {
      id: randomUUID(),
      paymentRequestId: record.request.Id,
      maskedCard: maskCard(pan),
      brand: card.brand,
      expiration,
      outcome: card.result === 'charged' ? 'charged' : card.result,
      createdAtMs: now,
      expiresAtMs: now + settings.challengeTimeoutSeconds * 1000,
    };
    // Challenges nobody answered (the frame was closed) are forgotten a day after they expired.
    runtime.store.state.checkoutChallenges = runtime.store.state.checkoutChallenges.filter(
      (c) => c.expiresAtMs > now - 86_400_000,
    );
    runtime.store.state.checkoutChallenges.push(challenge);
    runtime.store.save();
    return {
      status: 'challenge',
      challengeId: challenge.id,
      expiresInSeconds: settings.challengeTimeoutSeconds,
    };
  }
  return finishCardPayment(
    runtime,
    origin,
    record,
    { pan, brand: card.brand, expiration },
    card.result,
  );
}

export type ChallengeAnswer = 'pass' | 'fail' | 'abandon';

/** The guest's answer on the 3-D Secure page; a late answer counts as abandoned. */
export function answerChallenge(
  runtime: SandboxRuntime,
  origin: string,
  challengeId: string,
  answer: ChallengeAnswer,
): CheckoutResult {
  const list = runtime.store.state.checkoutChallenges;
  const index = list.findIndex((c) => c.id === challengeId);
  const challenge = list[index];
  if (!challenge) return { status: 'failed', error: varyingError('This authentication is over') };
  list.splice(index, 1);
  const record = findRequest(runtime, challenge.paymentRequestId);
  const reason = notPayableReason(runtime, record);
  if (reason !== null || !record) return { status: 'failed', error: varyingError(reason ?? '') };
  const late = challenge.expiresAtMs <= runtime.store.nowMs();
  const outcome =
    late || answer === 'abandon'
      ? 'abandoned'
      : answer === 'fail'
        ? 'authentication'
        : challenge.outcome === 'charged' ||
            challenge.outcome === 'declined' ||
            challenge.outcome === 'insufficient-funds' ||
            challenge.outcome === 'expired'
          ? challenge.outcome
          : 'charged';
  return finishCardPayment(
    runtime,
    origin,
    record,
    { maskedCard: challenge.maskedCard, brand: challenge.brand, expiration: challenge.expiration },
    outcome,
  );
}

/** A simulated wallet payment: `Charged` at once (the guest "confirmed" in the wallet sheet). */
export function payByWallet(
  runtime: SandboxRuntime,
  origin: string,
  requestId: string,
  wallet: WalletType,
): CheckoutResult {
  const record = findRequest(runtime, requestId);
  const reason = notPayableReason(runtime, record);
  if (reason !== null || !record) return { status: 'failed', error: varyingError(reason ?? '') };
  if (record.request.Type === 'Preauthorization')
    return {
      status: 'failed',
      error: varyingError('Only PaymentCard is supported for preauthorizations'),
    };
  return walletPayment(runtime, origin, record, wallet, 'Charged');
}

export function walletPayment(
  runtime: SandboxRuntime,
  origin: string,
  record: PaymentRequestRecord,
  wallet: WalletType,
  state: PaymentState,
): CheckoutResult {
  const payment = newPayment(runtime, origin, record, {
    state,
    type: 'AlternativePayment',
    data: { Discriminator: 'Alternative', Alternative: { Type: wallet } },
  });
  syncPaymentRequests(runtime.store);
  runtime.store.save();
  if (state !== 'Charged')
    return {
      status: 'failed',
      paymentId: payment.payment.Id,
      error: varyingError(`The ${wallet} payment did not go through`),
    };
  // Stand-in choice: a wallet payment stores no card, so its payment method id is made up.
  return { status: 'charged', paymentId: payment.payment.Id, paymentMethodId: randomUUID() };
}

/** `returnUrl` with `paymentId=<id>` set, other query parameters kept (stand-in choice). */
export function withPaymentId(returnUrl: string, paymentId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('paymentId', paymentId);
  return url.href;
}

/** iDEAL: a `Pending` payment and the bank page, which sends the guest back to `returnUrl`. */
export function payByIdeal(
  runtime: SandboxRuntime,
  origin: string,
  requestId: string,
  returnUrl: string,
  parentOrigin: string,
): CheckoutResult {
  const record = findRequest(runtime, requestId);
  const reason = notPayableReason(runtime, record);
  if (reason !== null || !record) return { status: 'failed', error: varyingError(reason ?? '') };
  let target: URL;
  try {
    target = new URL(returnUrl);
  } catch {
    return { status: 'failed', error: varyingError('idealRedirectUrl is not a valid URL') };
  }
  if (target.origin !== parentOrigin)
    return {
      status: 'failed',
      error: varyingError('idealRedirectUrl must have the same origin as the embedding page'),
    };
  const enterprise = enterpriseOf(record);
  if (!enterprise.alternativeMethods.includes('Ideal') || record.request.Amount.Currency !== 'EUR')
    return { status: 'failed', error: varyingError('iDEAL is not available for this payment') };
  if (record.request.Type === 'Preauthorization')
    return {
      status: 'failed',
      error: varyingError('Only PaymentCard is supported for preauthorizations'),
    };
  const payment = idealPayment(runtime, origin, record, target.href, 'Pending');
  return {
    status: 'redirect',
    url: `${origin}/ideal-bank/authenticate/${payment.ideal?.token ?? ''}`,
    paymentId: payment.payment.Id,
  };
}

export function idealPayment(
  runtime: SandboxRuntime,
  origin: string,
  record: PaymentRequestRecord,
  returnUrl: string,
  state: PaymentState,
): PaymentRecord {
  const payment = newPayment(runtime, origin, record, {
    state,
    type: 'AlternativePayment',
    data: { Discriminator: 'Alternative', Alternative: { Type: 'Ideal' } },
  });
  payment.ideal = {
    token: randomBytes(18).toString('base64url'),
    redirectUrl: withPaymentId(returnUrl, payment.payment.Id),
    expiresAtMs: runtime.store.nowMs() + runtime.settings.idealExpiryMinutes * 60_000,
  };
  syncPaymentRequests(runtime.store);
  runtime.store.save();
  return payment;
}
