import { formatAmount } from '@/lib/payments/staff/schemas';

/** Display helpers for the staff pages (English, the desk's own locale for dates). */

export function money(
  amountMinor: number | null | undefined,
  currency: string | null | undefined,
): string {
  if (amountMinor === null || amountMinor === undefined || !currency) return '–';
  try {
    return formatAmount(amountMinor, currency);
  } catch {
    return `${amountMinor} ${currency}`;
  }
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export const STATE_LABEL: Record<string, string> = {
  created: 'Created',
  processing: 'Processing',
  unknown: 'Needs attention',
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  open: 'Open',
  paid: 'Paid',
  expired: 'Expired',
};

export function newKey(): string {
  return crypto.randomUUID();
}
