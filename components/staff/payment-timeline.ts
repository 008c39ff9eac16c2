import type { PaymentDetail, PaymentRow } from '@/lib/payments/back-office/payments';
import { METHOD_LABEL } from '@/lib/payments/back-office/filters';
import { ATTEMPT_STATE_LABEL } from '@/lib/payments/ledger/state-machine';
import { money } from './format';

/**
 * One payment's story in one timeline, oldest first: created, each step Mews took it through (from
 * the audit trail), a manager's approval, the guest's card verification, every refund (requested,
 * then pending, refunded or failed) and every e-mail about it. Built from what the payment page
 * already loads; no extra reads.
 */

export interface TimelineEvent {
  /** Stable key for React. */
  key: string;
  at: string;
  what: string;
  /** Who did it, when a person did. */
  who: string | null;
  tone: 'neutral' | 'success' | 'failure' | 'pending';
  /** The refund's own page, for a refund's events. */
  href?: string;
}

const UNSETTLED = new Set(['created', 'processing', 'pending', 'verifying', 'unknown']);

const detail = (details: Record<string, unknown> | null, key: string): string | null => {
  const value = details?.[key];
  return typeof value === 'string' && value ? value : null;
};

const APPROVAL_REFUSAL: Record<string, string> = {
  invalid_credentials: 'wrong e-mail or password',
  throttled: 'too many wrong passwords',
  not_manager: 'not a manager',
  same_person: 'the clerk cannot approve their own charge',
};

/** An audit event of this payment in words, or null for one the timeline says otherwise. */
function auditWords(
  row: PaymentDetail['audit'][number],
  method: PaymentRow['method'],
  /** Staff names by e-mail, for the audit trail's actor (it records the e-mail). */
  names: ReadonlyMap<string, string>,
): Pick<TimelineEvent, 'what' | 'tone' | 'who'> | null {
  const who =
    detail(row.details, 'initiator') ??
    (row.actorType === 'staff' ? (names.get(row.actor) ?? row.actor) : null);
  if (row.action === 'payment.charge.approved') {
    const approver = detail(row.details, 'approver') ?? detail(row.details, 'approverEmail');
    const initiator = detail(row.details, 'initiator') ?? row.actor;
    return {
      what: `Above the front-desk limit: approved by ${approver ?? 'a manager'} for ${initiator}`,
      who: approver,
      tone: 'success',
    };
  }
  if (row.action === 'payment.charge.approval') {
    const reason = detail(row.details, 'reason');
    return {
      what: `Manager approval refused (${(reason && APPROVAL_REFUSAL[reason]) ?? 'refused'})`,
      who,
      tone: 'failure',
    };
  }
  if (row.action === 'payment.charge.denied') {
    return { what: 'Refused: above the front-desk limit', who, tone: 'failure' };
  }
  const [kind, , event] = row.action.split('.');
  if (kind === 'payment' && event) {
    const label = METHOD_LABEL[method] ?? 'Payment';
    if (event === 'release')
      return { what: `${label}: released by a manager`, who, tone: 'neutral' };
    const state = ATTEMPT_STATE_LABEL[event as keyof typeof ATTEMPT_STATE_LABEL];
    if (state) {
      return {
        what: `${label}: ${state.toLowerCase()}`,
        who,
        tone:
          event === 'succeeded'
            ? 'success'
            : event === 'failed' || event === 'canceled'
              ? 'failure'
              : 'pending',
      };
    }
  }
  if (row.action === 'email.resent') return { what: 'E-mail sent again', who, tone: 'neutral' };
  return { what: row.action, who, tone: 'neutral' };
}

const EMAIL_KIND: Record<string, string> = {
  payment_link: 'Payment link',
  receipt: 'Receipt',
  reminder: 'Reminder',
  link_canceled: 'Cancellation notice',
  verification_pending: 'Verification notice',
};

const EMAIL_STATE: Record<string, string> = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  uncertain: 'may not have arrived',
  skipped: 'not sent',
};

export function paymentTimeline(data: PaymentDetail): TimelineEvent[] {
  const p = data.payment;
  const events: TimelineEvent[] = [];
  const creator = p.staffName ?? p.staffEmail ?? (p.paymentLinkId ? 'Guest (payment link)' : null);
  events.push({
    key: 'created',
    at: p.createdAt,
    what:
      p.method === 'refund'
        ? `Refund of ${money(p.amountMinor, p.currency)} requested`
        : `${METHOD_LABEL[p.method] ?? 'Payment'} of ${money(p.amountMinor, p.currency)} started`,
    who: creator,
    tone: 'neutral',
  });

  const names = new Map<string, string>();
  if (p.staffEmail && p.staffName) names.set(p.staffEmail, p.staffName);
  for (const row of data.audit) {
    const words = auditWords(row, p.method, names);
    if (!words) continue;
    events.push({ key: `audit-${row.id}`, at: row.occurredAt, ...words });
  }

  if (p.verifyingSince) {
    events.push({
      key: 'verifying',
      at: p.verifyingSince,
      what: 'Mews e-mailed the guest a link to verify the card',
      who: null,
      tone: 'pending',
    });
  }

  for (const refund of data.refunds) {
    const amount = money(refund.amountMinor, refund.currency);
    const who =
      refund.staffName ??
      (refund.staffEmail ? (names.get(refund.staffEmail) ?? refund.staffEmail) : null);
    const href = `/staff/payments/${refund.id}`;
    events.push({
      key: `refund-${refund.id}`,
      at: refund.createdAt,
      what: `Refund of ${amount} requested`,
      who,
      tone: 'neutral',
      href,
    });
    if (UNSETTLED.has(refund.state)) {
      events.push({
        key: `refund-${refund.id}-pending`,
        at: refund.updatedAt,
        what: `Refund of ${amount} pending at the card gateway (it can still fail)`,
        who: null,
        tone: 'pending',
        href,
      });
    } else {
      const settled =
        refund.state === 'succeeded'
          ? { what: `Refunded ${amount}`, tone: 'success' as const }
          : refund.state === 'failed'
            ? {
                what: `Refund of ${amount} failed — the guest was not refunded`,
                tone: 'failure' as const,
              }
            : { what: `Refund of ${amount} canceled`, tone: 'failure' as const };
      events.push({
        key: `refund-${refund.id}-${refund.state}`,
        at: refund.updatedAt,
        who: null,
        href,
        ...settled,
      });
    }
  }

  for (const email of data.emails) {
    events.push({
      key: `email-${email.id}`,
      at: email.sentAt ?? email.createdAt,
      what: `${EMAIL_KIND[email.kind] ?? 'E-mail'} to ${email.recipient}: ${EMAIL_STATE[email.state] ?? email.state}`,
      who: null,
      tone: email.state === 'sent' ? 'success' : email.state === 'failed' ? 'failure' : 'neutral',
    });
  }

  // Oldest first; the same instant keeps the order above (created before what followed).
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at.localeCompare(b.event.at) || a.index - b.index)
    .map(({ event }) => event);
}
