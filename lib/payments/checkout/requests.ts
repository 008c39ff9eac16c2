import 'server-only';
import {
  ACTIVE_REQUEST_STATES,
  findActiveRequestForLink,
  findPaymentRequestRow,
  findPaymentRequestRowByMewsId,
  insertCreatingRequest,
  listRequestsToReconcile,
  moveRequestRow,
  patchRequestRow,
} from '@/lib/db/payment-requests';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { MewsPaymentRequestRow, PaymentLink } from '@/lib/db/schema';
import {
  MewsApiError,
  type MewsOutcomeUnknownError,
  MewsRequestError,
  type MewsPayment,
  type MewsPaymentRequest,
  type MewsPreauthorization,
} from '@/lib/mews';
import { recordCheckoutPayment } from '@/lib/payments/ledger/ledger';
import type { AuditActor } from '@/lib/server/audit';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { rememberCheckoutRefusal } from './route';

/**
 * The Mews payment request behind a link's embedded checkout, from creation to its end.
 *
 * Created when the guest presses "Continue to payment", not when the page opens: the request is a
 * write in Mews, and an abandoned one expiring creates a task for the hotel's staff in Mews
 * (mews-payments-checkout.md §2.7), so link previews, e-mail scanners and guests who only look
 * must not make one. Every later view of the link (a reload, a second tab, the guest back
 * tomorrow) loads the checkout for the same request.
 *
 * Exactly once per link: our row is written (`creating`) before `paymentRequests/add` is sent, and
 * a partial unique index lets a link have one active row; a second tab waits for the first one's
 * answer. The Connector API has no idempotency, so an answer that is lost (`unknown`) is settled
 * by reading the account's requests back and finding our row's id in `Notes`; never by sending
 * again until Mews has been read and a minute has passed.
 *
 * The callbacks of Mews' script are only a reason to read Mews: what the guest sees comes from
 * `paymentRequests/getAll` and the payments that carry the request's id.
 */

/** A `creating` row younger than this is another request's, still waiting for Mews. */
const IN_FLIGHT_MS = 20_000;
/** A lost request not found in Mews after this long was never created: a new one may be made. */
export const LOST_REQUEST_AFTER_MS = 60_000;
/** How long a request outlives its link in Mews (see `openCheckoutRequest`). */
const REQUEST_GRACE_MS = 3_600_000;
/** How long a second tab waits for the first one's request to be answered. */
const WAIT_FOR_OTHER_MS = 10_000;

export interface OpenCheckoutRequestInput {
  type: 'payment' | 'preauthorization';
  /** Mews e-mails the guest its own payment page (the hold fallback); false for the embedded checkout. */
  mewsEmailsGuest: boolean;
  clientAddress: string | null;
  policy: { version: number; acceptedAt: Date; locale: string } | null;
  actor: AuditActor;
}

function reasonOf(link: PaymentLink): 'deposit' | 'prepayment' | 'other' {
  return link.purpose === 'deposit' || link.purpose === 'prepayment' ? link.purpose : 'other';
}

/** The request a link's checkout shows: the active one, or a new one written and sent exactly once. */
export async function openCheckoutRequest(
  ctx: PaymentContext,
  link: PaymentLink,
  input: OpenCheckoutRequestInput,
): Promise<MewsPaymentRequestRow> {
  for (let round = 0; round < 3; round++) {
    const inserted = await insertCreatingRequest(ctx.db, {
      paymentLinkId: link.id,
      type: input.type,
      amountMinor: link.amountMinor,
      currency: link.currency.trim(),
      mewsCustomerId: link.mewsCustomerId,
      mewsReservationId: link.mewsReservationId,
      // An hour past the link: our link expires first and the reconciler cancels the request
      // within a minute, because a request Mews expires itself leaves a task for the staff (§2.7).
      expiresAt: new Date(link.expiresAt.getTime() + REQUEST_GRACE_MS),
      mewsEmailsGuest: input.mewsEmailsGuest,
      clientAddress: input.clientAddress,
      policyVersion: input.policy?.version ?? null,
      policyAcceptedAt: input.policy?.acceptedAt ?? null,
      policyLocale: input.policy?.locale ?? null,
    });
    if (inserted) return sendRequest(ctx, link, inserted, input.actor);
    const existing = await findActiveRequestForLink(ctx.db, link.id);
    if (existing) {
      const settled = await existingRequest(ctx, existing);
      // A lost request Mews never created is given up: the next round makes the one request.
      if (settled.state !== 'failed') return settled;
    }
    // The active one ended between our insert and our read: try once more.
  }
  throw new PaymentError('payment_in_progress', 'A payment for this link is already in progress');
}

async function existingRequest(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
): Promise<MewsPaymentRequestRow> {
  let current = row;
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  while (
    current.state === 'creating' &&
    ctx.now().getTime() - current.createdAt.getTime() < IN_FLIGHT_MS &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    current = (await findPaymentRequestRow(ctx.db, current.id)) ?? current;
  }
  if (current.state === 'creating' || current.state === 'unknown')
    return findLostRequest(ctx, current);
  return current;
}

async function sendRequest(
  ctx: PaymentContext,
  link: PaymentLink,
  row: MewsPaymentRequestRow,
  actor: AuditActor,
): Promise<MewsPaymentRequestRow> {
  let created: MewsPaymentRequest;
  try {
    created = await ctx.mews.addPaymentRequest({
      requestRowId: row.id,
      accountId: link.mewsCustomerId,
      amount: { amountMinor: link.amountMinor, currency: link.currency.trim() },
      type: row.type,
      reason: reasonOf(link),
      expiresAt: row.expiresAt,
      description: link.description,
      reservationId: link.mewsReservationId ?? undefined,
      sendEmail: row.mewsEmailsGuest,
    });
  } catch (error) {
    return handleSendFailure(ctx, row, error);
  }
  const moved =
    (await moveRequestRow(ctx.db, row.id, ['creating', 'unknown'], stateOf(created), {
      mewsRequestId: created.id,
      lastReadAt: ctx.now(),
    })) ?? (await findPaymentRequestRow(ctx.db, row.id));
  await audit(ctx, actor, {
    action: row.type === 'payment' ? 'checkout.request.created' : 'checkout.hold.requested',
    outcome: 'success',
    subjectType: 'payment_link',
    subjectId: link.id,
    amountMinor: link.amountMinor,
    currency: link.currency.trim(),
    mewsIds: { paymentRequestId: created.id, customerId: link.mewsCustomerId },
    details: { mewsEmailsGuest: row.mewsEmailsGuest },
  }).catch((error: unknown) => ctx.log.error({ err: error }, 'Audit event could not be written'));
  return moved ?? row;
}

async function handleSendFailure(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
  error: unknown,
): Promise<MewsPaymentRequestRow> {
  if (error instanceof MewsApiError) {
    // Refused before anything was created: the row ends, and the guest may try again.
    const message = error.mewsMessage ?? error.message;
    await moveRequestRow(ctx.db, row.id, ['creating'], 'failed', { failureMessage: message });
    if (error.status === 401 || error.status === 403) {
      await rememberCheckoutRefusal(ctx, error.status, error.mewsMessage ?? null);
      throw new PaymentError(
        'method_unavailable',
        'This way of paying is not available for this hotel right now. No money was taken.',
        { cause: error },
      );
    }
    throw new PaymentError(
      'mews_unavailable',
      'The hotel system could not prepare the payment. No money was taken; please try again.',
      { cause: error },
    );
  }
  if (error instanceof MewsRequestError) {
    await moveRequestRow(ctx.db, row.id, ['creating'], 'failed', {
      failureMessage: error.message,
    });
    throw new PaymentError('mews_refused', error.message, { cause: error });
  }
  // The answer was lost (or something after sending went wrong): Mews may have the request.
  ctx.log.warn(
    { err: error, requestId: row.id, reason: (error as MewsOutcomeUnknownError).reason },
    'Payment request outcome unknown; reading Mews back',
  );
  const unknown = (await moveRequestRow(ctx.db, row.id, ['creating'], 'unknown')) ?? row;
  return findLostRequest(ctx, unknown);
}

function stateOf(request: MewsPaymentRequest): MewsPaymentRequestRow['state'] {
  return request.state === 'unknown' ? 'pending' : request.state;
}

/**
 * Finds a request whose answer was lost by our marker among the customer's recent requests.
 * Found: it takes Mews' state. Not found a minute after it was written: it was never created, the
 * row fails, and the next "Continue" makes a new one. Meanwhile (or when Mews is unreachable) the
 * row stays as it is and the page keeps asking.
 */
export async function findLostRequest(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
): Promise<MewsPaymentRequestRow> {
  if (row.mewsRequestId) return row;
  let found: MewsPaymentRequest | undefined;
  try {
    const now = ctx.now();
    const requests = await ctx.mews.getPaymentRequests({
      accountIds: [row.mewsCustomerId],
      updatedBetween: {
        start: new Date(row.createdAt.getTime() - 5 * 60_000),
        end: new Date(now.getTime() + 5 * 60_000),
      },
    });
    found = requests.find((request) => request.requestRowId === row.id);
  } catch (error) {
    ctx.log.warn({ err: error, requestId: row.id }, 'Could not read payment requests back');
    return row;
  }
  if (found) {
    return (
      (await moveRequestRow(ctx.db, row.id, ['creating', 'unknown'], stateOf(found), {
        mewsRequestId: found.id,
        lastReadAt: ctx.now(),
      })) ??
      (await findPaymentRequestRow(ctx.db, row.id)) ??
      row
    );
  }
  if (ctx.now().getTime() - row.createdAt.getTime() >= LOST_REQUEST_AFTER_MS) {
    return (
      (await moveRequestRow(ctx.db, row.id, ['creating', 'unknown'], 'failed', {
        failureMessage: 'Mews has no request with this id a minute after it was sent',
        lastReadAt: ctx.now(),
      })) ?? row
    );
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Reading back and settling

export interface SettleOptions {
  actor?: AuditActor;
  /** A payment id the browser reported (onSuccess, the iDEAL return): read it by id too. */
  reportedPaymentId?: string | null;
}

/** Reads one request and its payments back from Mews and applies them. */
export async function settleCheckoutRequest(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
  options: SettleOptions = {},
): Promise<MewsPaymentRequestRow> {
  const [settled] = await settleCheckoutRequests(ctx, [row], options);
  return settled ?? row;
}

/** The same for many requests at once, in a handful of Mews calls (the reconciler's pass). */
export async function settleCheckoutRequests(
  ctx: PaymentContext,
  rows: MewsPaymentRequestRow[],
  options: SettleOptions = {},
): Promise<MewsPaymentRequestRow[]> {
  const actor = options.actor ?? { type: 'system' };
  const out: MewsPaymentRequestRow[] = [];
  const lost = rows.filter((row) => !row.mewsRequestId);
  for (const row of lost) out.push(await findLostRequest(ctx, row));
  const known = rows.filter((row) => row.mewsRequestId);
  if (known.length === 0) return out;

  const requests = await ctx.mews.getPaymentRequests({
    paymentRequestIds: known.map((row) => row.mewsRequestId as string),
  });
  const byRequest = new Map(requests.map((request) => [request.id, request]));
  const payments = await paymentsOfRequests(ctx, known, options.reportedPaymentId ?? null);

  for (const row of known) {
    for (const payment of payments.filter((p) => p.paymentRequestId === row.mewsRequestId)) {
      await recordCheckoutPayment(ctx, row, payment, actor);
    }
    const request = byRequest.get(row.mewsRequestId as string);
    let current = row;
    if (request) current = await applyRequestState(ctx, row, request);
    if (current.type === 'preauthorization' && current.state === 'completed')
      current = await readHold(ctx, current);
    current = await cancelIfLinkClosed(ctx, current);
    out.push(current);
  }
  return out;
}

/** The payments made against these requests: by account within their lifetime, and by reported id. */
async function paymentsOfRequests(
  ctx: PaymentContext,
  rows: MewsPaymentRequestRow[],
  reportedPaymentId: string | null,
): Promise<MewsPayment[]> {
  const now = ctx.now().getTime();
  // Mews limits a time filter to three months; a request older than that has had its answer.
  const earliest = Math.max(
    Math.min(...rows.map((row) => row.createdAt.getTime())) - 60_000,
    now - 89 * 86_400_000,
  );
  const [byAccount, byId] = await Promise.all([
    ctx.mews.getPayments({
      accountIds: [...new Set(rows.map((row) => row.mewsCustomerId))],
      createdBetween: { start: new Date(earliest), end: new Date(now + 60_000) },
    }),
    reportedPaymentId && /^[0-9a-f-]{36}$/i.test(reportedPaymentId)
      ? ctx.mews.getPayments({ paymentIds: [reportedPaymentId] })
      : Promise.resolve([]),
  ]);
  const all = new Map<string, MewsPayment>();
  for (const payment of [...byAccount, ...byId]) all.set(payment.id, payment);
  return [...all.values()].filter((payment) => payment.paymentRequestId);
}

async function applyRequestState(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
  request: MewsPaymentRequest,
): Promise<MewsPaymentRequestRow> {
  const to = stateOf(request);
  if (to === row.state || !(ACTIVE_REQUEST_STATES as readonly string[]).includes(row.state)) {
    return (await patchRequestRow(ctx.db, row.id, { lastReadAt: ctx.now() })) ?? row;
  }
  const moved = await moveRequestRow(ctx.db, row.id, ACTIVE_REQUEST_STATES, to, {
    lastReadAt: ctx.now(),
    ...(to === 'completed' && row.type === 'preauthorization' ? { holdPlacedAt: ctx.now() } : {}),
  });
  if (moved && row.type === 'preauthorization' && to === 'completed') {
    await audit(
      ctx,
      { type: 'system' },
      {
        action: 'checkout.hold.placed',
        outcome: 'success',
        subjectType: 'payment_link',
        subjectId: row.paymentLinkId,
        amountMinor: row.amountMinor,
        currency: row.currency,
        mewsIds: { paymentRequestId: request.id, customerId: row.mewsCustomerId },
      },
    ).catch(() => undefined);
  }
  return moved ?? (await findPaymentRequestRow(ctx.db, row.id)) ?? row;
}

/**
 * The hold a completed `Preauthorization` request placed. Mews links a hold to nothing but its
 * customer (and reservation): the one matching reservation, amount and currency, chargeable ones
 * first, is taken; once found, it is followed by its id.
 */
async function readHold(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
): Promise<MewsPaymentRequestRow> {
  const holds = await ctx.mews.getPreauthorizations([row.mewsCustomerId]);
  const hold = row.preauthorizationId
    ? holds.find((candidate) => candidate.id === row.preauthorizationId)
    : pickHold(holds, row);
  if (!hold) return row;
  return (
    (await patchRequestRow(ctx.db, row.id, {
      preauthorizationId: hold.id,
      preauthorizationState: hold.state,
      holdPlacedAt: row.holdPlacedAt ?? ctx.now(),
      lastReadAt: ctx.now(),
    })) ?? row
  );
}

/**
 * The Mews hold a placed request made, when the request does not know it yet: the customer's hold
 * of the same amount, currency and reservation, not already another request's (`taken`),
 * chargeable ones first. Also the staff holds page's match (lib/payments/back-office/holds.ts).
 */
export function pickHold(
  holds: MewsPreauthorization[],
  row: Pick<
    MewsPaymentRequestRow,
    'mewsCustomerId' | 'amountMinor' | 'currency' | 'mewsReservationId'
  >,
  taken: ReadonlySet<string> = new Set(),
): MewsPreauthorization | undefined {
  const candidates = holds.filter(
    (hold) =>
      !taken.has(hold.id) &&
      (hold.customerId === null || hold.customerId === row.mewsCustomerId) &&
      hold.amount.amountMinor === row.amountMinor &&
      hold.amount.currency === row.currency.trim() &&
      (!row.mewsReservationId || hold.reservationId === row.mewsReservationId),
  );
  return candidates.find((hold) => hold.state === 'chargeable') ?? candidates[0];
}

/** A request still payable for a link that no longer is (paid, canceled, expired): canceled in Mews. */
async function cancelIfLinkClosed(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
): Promise<MewsPaymentRequestRow> {
  if (row.state !== 'pending') return row;
  const link = await findPaymentLink(ctx.db, row.paymentLinkId);
  if (!link || link.state === 'open' || link.state === 'processing') return row;
  return cancelCheckoutRequest(ctx, row);
}

/**
 * Cancels a pending request in Mews (only `Pending` ones can be). When Mews refuses, the request
 * has moved on (paid, expired): it is read back instead, so a payment made meanwhile is recorded.
 */
export async function cancelCheckoutRequest(
  ctx: PaymentContext,
  row: MewsPaymentRequestRow,
): Promise<MewsPaymentRequestRow> {
  if (row.state !== 'pending' || !row.mewsRequestId) return row;
  try {
    const [canceled] = await ctx.mews.cancelPaymentRequests([row.mewsRequestId]);
    return (
      (await moveRequestRow(
        ctx.db,
        row.id,
        ['pending'],
        canceled ? stateOf(canceled) : 'canceled',
        {
          lastReadAt: ctx.now(),
        },
      )) ?? row
    );
  } catch (error) {
    if (error instanceof MewsApiError && error.status === 400) {
      // Paid or ended meanwhile: read it back whole, payments first, so nothing paid is missed.
      return settleCheckoutRequest(ctx, row);
    }
    ctx.log.warn({ err: error, requestId: row.id }, 'Payment request could not be canceled yet');
    return row;
  }
}

/** Whatever closed a link (staff, the API, expiry, a sibling paid): its request is canceled in Mews. */
export async function cancelCheckoutRequestOfLink(
  ctx: PaymentContext,
  linkId: string,
): Promise<void> {
  const row = await findActiveRequestForLink(ctx.db, linkId);
  if (!row) return;
  try {
    const settled = row.mewsRequestId ? row : await findLostRequest(ctx, row);
    await cancelCheckoutRequest(ctx, settled);
  } catch (error) {
    // The reconciler cancels it on its next pass.
    ctx.log.warn({ err: error, linkId }, 'Could not cancel the link’s payment request now');
  }
}

/**
 * Before a link is paid another way (Secure Fields, our own iDEAL: the route changed while a guest
 * had the checkout open), its payable Mews request is canceled, so the guest cannot pay twice.
 * `paid`: Mews says the request was completed meanwhile; the other payment must not be sent.
 * `busy`: the request could not be canceled yet; nothing else may be sent either.
 */
export async function withdrawCheckoutRequest(
  ctx: PaymentContext,
  linkId: string,
): Promise<'none' | 'withdrawn' | 'paid' | 'busy'> {
  const row = await findActiveRequestForLink(ctx.db, linkId);
  if (!row) return 'none';
  const found = row.mewsRequestId ? row : await findLostRequest(ctx, row);
  if (found.state === 'failed') return 'withdrawn';
  const after = await cancelCheckoutRequest(ctx, found);
  if (after.state === 'completed') return 'paid';
  return after.state === 'canceled' || after.state === 'expired' ? 'withdrawn' : 'busy';
}

/**
 * For the other routes' payment commands, before their attempt is written: a link the guest had
 * opened in Mews Payments Checkout has its request canceled first, or the payer is told the link
 * is paid (Mews completed the request meanwhile; its payment is recorded) or busy.
 */
export async function withdrawCheckoutBeforeOtherPayment(
  ctx: PaymentContext,
  linkId: string,
): Promise<void> {
  const outcome = await withdrawCheckoutRequest(ctx, linkId).catch(() => 'busy' as const);
  if (outcome === 'none' || outcome === 'withdrawn') return;
  throw new PaymentError(
    outcome === 'paid' ? 'link_paid' : 'payment_in_progress',
    outcome === 'paid'
      ? 'This payment link has already been paid'
      : 'A payment for this link is already in progress',
  );
}

/** A payment Mews announced (webhook) that carries a request id: the request it answers is settled. */
export async function settleCheckoutPayment(
  ctx: PaymentContext,
  payment: MewsPayment,
): Promise<boolean> {
  if (!payment.paymentRequestId) return false;
  const row = await findPaymentRequestRowByMewsId(ctx.db, payment.paymentRequestId);
  if (!row) return false;
  await recordCheckoutPayment(ctx, row, payment);
  await settleCheckoutRequest(ctx, row);
  return true;
}

export interface CheckoutReconciliation {
  checked: number;
  changed: number;
  errors: number;
}

/** The reconciler's pass over requests: active ones, stale `creating` ones, and open holds. */
export async function reconcileCheckoutRequests(
  ctx: PaymentContext,
  limit = 500,
): Promise<CheckoutReconciliation> {
  const rows = await listRequestsToReconcile(
    ctx.db,
    new Date(ctx.now().getTime() - IN_FLIGHT_MS),
    limit,
  );
  const result: CheckoutReconciliation = { checked: rows.length, changed: 0, errors: 0 };
  if (rows.length === 0) return result;
  try {
    const after = await settleCheckoutRequests(ctx, rows);
    for (const [index, row] of after.entries()) {
      const before = rows.find((candidate) => candidate.id === row.id) ?? rows[index];
      if (
        before &&
        (before.state !== row.state || before.preauthorizationState !== row.preauthorizationState)
      )
        result.changed += 1;
    }
  } catch (error) {
    result.errors += 1;
    ctx.log.warn({ err: error }, 'Reconciliation: payment requests could not be read back');
  }
  return result;
}
