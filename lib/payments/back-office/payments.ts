import 'server-only';
import { findPaymentAttempt } from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import { readPolicyVersion } from '@/lib/db/property-profile';
import { findLedgerRow, listLedger, listRefundsOf, type LedgerRow } from '@/lib/db/staff-ledger';
import type { MewsPayment } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import { isRefundable, refundableAmount } from '@/lib/payments/staff/refund';
import { refreshAttemptIfPossible } from '@/lib/payments/ledger/ledger';
import { verificationDeadline } from '@/lib/payments/ledger/state-machine';
import type { PaymentsFilter } from '@/lib/payments/back-office/filters';
import { listAuditTrail, type AuditRow } from './audit-trail';
import { dayStart, nextDay } from './day-bounds';
import { linkEmails, type EmailView } from './links';

/**
 * Read models of the staff back office, from our ledger and the audit trail, with Mews' view of a
 * payment read back where it matters (detail pages). Everything returned is plain JSON (ISO
 * dates), so pages, TanStack Query route handlers and CSV exports share one shape.
 */

export interface PaymentRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  method: LedgerRow['method'];
  state: LedgerRow['state'];
  amountMinor: number;
  currency: string;
  customerId: string;
  reservationId: string | null;
  mewsPaymentId: string | null;
  paymentLinkId: string | null;
  refundOfAttemptId: string | null;
  cardBrand: string | null;
  cardMasked: string | null;
  /** For `mews_checkout`: how the guest paid in Mews' form (`card`, `google-pay`, `ideal`...). */
  checkoutMethod: string | null;
  /** For `mews_checkout`: the Mews payment request the payment answered. */
  mewsPaymentRequestId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  notes: string | null;
  /** The guest's name as our cache of Mews has it (else as the payment link kept it); null if unknown. */
  guestName: string | null;
  /** The reservation's confirmation number, when the payment is for one and it is known. */
  reservationNumber: string | null;
  /** What the payment link said it was for (link payments only). */
  linkDescription: string | null;
  /** The staff member who took the payment (null for a guest paying a link). */
  staffName: string | null;
  staffEmail: string | null;
  /** The manager who approved a charge above the clerk's limit on the spot. */
  approvedByName: string | null;
  needsAttention: boolean;
  /** While the guest has a card verification to make (state `verifying`): since when (ISO). */
  verifyingSince: string | null;
}

/** Processing longer than this without an answer is as worrying as unknown. */
export const STUCK_AFTER_MS = 5 * 60_000;

export function toPaymentRow(row: LedgerRow, now: Date = new Date()): PaymentRow {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    method: row.method,
    state: row.state,
    amountMinor: row.amountMinor,
    currency: row.currency.trim(),
    customerId: row.mewsCustomerId,
    reservationId: row.mewsReservationId,
    mewsPaymentId: row.mewsPaymentId,
    paymentLinkId: row.paymentLinkId,
    refundOfAttemptId: row.refundOfAttemptId,
    cardBrand: row.cardBrand,
    cardMasked: row.cardMasked,
    checkoutMethod: row.checkoutMethod,
    mewsPaymentRequestId: row.mewsPaymentRequestId,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    notes: row.notes,
    guestName: row.guestName,
    reservationNumber: row.reservationNumber,
    linkDescription: row.linkDescription,
    staffName: row.staffName,
    staffEmail: row.staffEmail,
    approvedByName: row.approvedByName,
    verifyingSince: row.state === 'verifying' ? (row.verifyingSince?.toISOString() ?? null) : null,
    needsAttention:
      row.state === 'unknown' ||
      ((row.state === 'processing' || row.state === 'created') &&
        now.getTime() - row.updatedAt.getTime() > STUCK_AFTER_MS) ||
      // Mews cancels an unverified payment after 24 hours; still verifying well after is stuck.
      (row.state === 'verifying' &&
        !!row.verifyingSince &&
        now.getTime() - verificationDeadline(row.verifyingSince).getTime() > STUCK_AFTER_MS),
  };
}

export async function listPayments(
  ctx: PaymentContext,
  filter: PaymentsFilter,
  limit = 200,
): Promise<PaymentRow[]> {
  const rows = await listLedger(
    ctx.db,
    {
      states: filter.state ? [filter.state] : undefined,
      methods: filter.method ? [filter.method] : undefined,
      from: filter.from ? dayStart(filter.from) : undefined,
      to: filter.to ? nextDay(filter.to) : undefined,
      staffId: filter.staffId,
      customerId: filter.customerId,
      reservationId: filter.reservationId,
      q: filter.q,
    },
    { limit },
  );
  const now = ctx.now();
  return rows.map((row) => toPaymentRow(row, now));
}

export interface PaymentDetail {
  payment: PaymentRow;
  /** Mews' own record, read back now; null when there is none (yet) or Mews did not answer. */
  mews: {
    state: MewsPayment['state'];
    method: MewsPayment['method'];
    amountMinor: number;
    currency: string;
    direction: MewsPayment['direction'];
    externalIdentifier: string | null;
    createdAt: string;
    chargedAt: string | null;
  } | null;
  mewsError: string | null;
  refunds: PaymentRow[];
  refundable: { amountMinor: number; currency: string } | null;
  original: PaymentRow | null;
  audit: AuditRow[];
  /**
   * The deposit policy the guest accepted before paying (the evidence in a dispute), with the
   * exact text of that version; null when no policy was required.
   */
  policy: PolicyAcceptance | null;
  /** The e-mails of the payment link this attempt paid (newest first); empty without a link. */
  emails: EmailView[];
  /** Whether that link can still be paid (its own e-mail is sent again only then). */
  linkOpen: boolean;
}

export interface PolicyAcceptance {
  version: number;
  acceptedAt: string | null;
  /** The language the guest read the policy in. */
  locale: string | null;
  /** The version's text in that language (else its default language's); null if the row is missing. */
  text: string | null;
  /** The language of `text`, which differs from `locale` only when that language had no text. */
  textLocale: string | null;
}

/** The accepted policy version and its text, read from the immutable published versions. */
export async function policyAcceptance(
  ctx: PaymentContext,
  attempt: {
    policyVersion: number | null;
    policyAcceptedAt: Date | null;
    policyLocale: string | null;
  },
): Promise<PolicyAcceptance | null> {
  if (attempt.policyVersion === null) return null;
  const published = await readPolicyVersion(ctx.db, attempt.policyVersion);
  const texts = published?.texts ?? {};
  const textLocale = [attempt.policyLocale, published?.defaultLocale, ...Object.keys(texts)].find(
    (locale): locale is string => !!locale && !!texts[locale]?.trim(),
  );
  return {
    version: attempt.policyVersion,
    acceptedAt: attempt.policyAcceptedAt?.toISOString() ?? null,
    locale: attempt.policyLocale,
    text: textLocale ? (texts[textLocale] ?? null) : null,
    textLocale: textLocale ?? null,
  };
}

export async function paymentDetail(
  ctx: PaymentContext,
  attemptId: string,
): Promise<PaymentDetail> {
  const attempt = await findPaymentAttempt(ctx.db, attemptId);
  if (!attempt) throw new PaymentError('not_found', 'No such payment');
  await refreshAttemptIfPossible(ctx, attempt);
  const row = await findLedgerRow(ctx.db, attemptId);
  if (!row) throw new PaymentError('not_found', 'No such payment');

  let mews: PaymentDetail['mews'] = null;
  let mewsError: string | null = null;
  if (row.mewsPaymentId) {
    try {
      const [payment] = await ctx.mews.getPayments({ paymentIds: [row.mewsPaymentId] });
      if (payment) {
        mews = {
          state: payment.state,
          method: payment.method,
          amountMinor: payment.amount.amountMinor,
          currency: payment.amount.currency,
          direction: payment.direction,
          externalIdentifier: payment.externalIdentifier,
          createdAt: payment.createdAt.toISOString(),
          chargedAt: payment.chargedAt?.toISOString() ?? null,
        };
      }
    } catch (error) {
      mewsError = paymentErrorFromMews(error).message;
    }
  }
  const now = ctx.now();
  // First, because it reads pending refunds back from Mews: the list below then shows them settled.
  const remaining = isRefundable(row) ? await refundableAmount(ctx, row) : 0;
  const refundRows = await listRefundsOf(ctx.db, row.id);
  const refunds = (await Promise.all(refundRows.map((refund) => findLedgerRow(ctx.db, refund.id))))
    .filter((refund): refund is LedgerRow => Boolean(refund))
    .map((refund) => toPaymentRow(refund, now));
  const link = row.paymentLinkId ? await findPaymentLink(ctx.db, row.paymentLinkId) : undefined;
  const original = row.refundOfAttemptId
    ? await findLedgerRow(ctx.db, row.refundOfAttemptId)
    : undefined;
  return {
    payment: toPaymentRow(row, now),
    mews,
    mewsError,
    refunds,
    refundable: remaining > 0 ? { amountMinor: remaining, currency: row.currency.trim() } : null,
    original: original ? toPaymentRow(original, now) : null,
    audit: await listAuditTrail(ctx, { subjectId: row.id }, 50),
    policy: await policyAcceptance(ctx, row),
    emails: row.paymentLinkId ? await linkEmails(ctx, row.paymentLinkId) : [],
    linkOpen: link ? link.state === 'open' && link.expiresAt.getTime() > now.getTime() : false,
  };
}
