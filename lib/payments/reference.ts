/**
 * The short payment reference a guest reads on the receipt and staff see on the payment: the first
 * eight hex digits of our attempt id, upper-case, in two groups ("7F3A-21C9"). A 36-character
 * GUID is unreadable over the phone; eight characters are enough to find the payment together with
 * the hotel and the day (32 bits: two payments may share one now and then, so a search by
 * reference can answer with more than one row, never with the wrong hotel's).
 *
 * Client-safe (no server imports): the guest receipt, the receipt e-mail and the staff payment
 * detail all format it here, so the three always agree.
 */

const HEX = /^[0-9a-f]+$/;

/** "7f3a21c9-…" → "7F3A-21C9"; null for anything that is not one of our attempt ids. */
export function paymentReference(attemptId: string | null | undefined): string | null {
  const hex = attemptId?.replace(/-/g, '').toLowerCase() ?? '';
  if (hex.length < 8 || !HEX.test(hex)) return null;
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`.toUpperCase();
}

/**
 * What a typed reference becomes for a search: the eight lower-case hex digits an attempt id starts
 * with ("7f3a-21c9", "7F3A21C9", " 7f3a 21c9 " → "7f3a21c9"), or null when the text is not a
 * reference. Use it as a prefix of the attempt id (`id::text LIKE '7f3a21c9%'`).
 */
export function paymentReferencePrefix(typed: string): string | null {
  const compact = typed.trim().replace(/[\s-]/g, '').toLowerCase();
  return compact.length === 8 && HEX.test(compact) ? compact : null;
}
