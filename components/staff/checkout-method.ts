/** How a guest paid inside Mews Payments Checkout (`payment_attempts.checkout_method`), in words. */
const CHECKOUT_METHOD_LABEL: Record<string, string> = {
  card: 'Card',
  'google-pay': 'Google Pay',
  'apple-pay': 'Apple Pay',
  ideal: 'iDEAL',
  'sepa-direct-debit': 'SEPA Direct Debit',
  paypal: 'PayPal',
  'wire-transfer': 'Wire transfer',
};

export function checkoutMethodLabel(method: string | null | undefined): string | null {
  if (!method) return null;
  return CHECKOUT_METHOD_LABEL[method] ?? 'Other';
}
