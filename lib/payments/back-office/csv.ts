import 'server-only';
import type { AuditRow } from './audit-trail';
import type { PaymentRow } from './payments';

/** CSV exports of the back office's payment list and audit trail. */

/** Quotes a CSV cell; a leading =, +, - or @ is defused so spreadsheets do not run it as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function paymentsCsv(rows: PaymentRow[]): string {
  return toCsv(
    [
      'created_at',
      'attempt_id',
      'method',
      'state',
      'amount_minor',
      'currency',
      'guest',
      'customer_id',
      'reservation_number',
      'reservation_id',
      'description',
      'mews_payment_id',
      'card_brand',
      'card_masked',
      'staff_name',
      'staff',
      'approved_by',
      'failure',
      'notes',
    ],
    rows.map((r) => [
      r.createdAt,
      r.id,
      r.method,
      r.state,
      r.amountMinor,
      r.currency,
      r.guestName,
      r.customerId,
      r.reservationNumber,
      r.reservationId,
      r.linkDescription,
      r.mewsPaymentId,
      r.cardBrand,
      r.cardMasked,
      r.staffName,
      r.staffEmail,
      r.approvedByName,
      r.failureMessage ?? r.failureCode,
      r.notes,
    ]),
  );
}

export function auditCsv(rows: AuditRow[]): string {
  return toCsv(
    [
      'occurred_at',
      'id',
      'actor',
      'actor_name',
      'action',
      'outcome',
      'subject_type',
      'subject_id',
      'amount_minor',
      'currency',
      'mews_ids',
      'details',
      'client_address',
    ],
    rows.map((r) => [
      r.occurredAt,
      r.id,
      r.actor,
      r.actorName,
      r.action,
      r.outcome,
      r.subjectType,
      r.subjectId,
      r.amountMinor,
      r.currency,
      r.mewsIds,
      r.details,
      r.clientAddress,
    ]),
  );
}
